"""Plain output never goes quiet: while anything runs, a line at least every 30 s of deployment time."""
import io
import re
import shutil
from pathlib import Path

from ccdsl.runtime import events as ev
from ccdsl.runtime.progress import RunModel
from ccdsl.runtime.session import apply_site
from ccdsl.runtime.sinks import PlainSink
from ccdsl.runtime.sinks.plain import still_line

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme-bank"


def stamps(text: str) -> list[int]:
    out = []
    for line in text.splitlines():
        m = re.match(r"\[(\d+):(\d+)\]", line)
        if m:
            out.append(int(m[1]) * 60 + int(m[2]))
    return out


def test_piped_apply_prints_a_line_at_least_every_30s(tmp_path):
    dest = tmp_path / "acme"
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns(".ccdsl", "build"))
    buf = io.StringIO()
    result = apply_site(dest / "site.ccd", time_scale=50_000, seed=3, sinks=[PlainSink(buf)])
    assert result.ok
    text = buf.getvalue()
    times = stamps(text)
    assert max(b - a for a, b in zip(times, times[1:])) <= 30
    assert re.search(r"still creating bot\.\w+\.build\.en_GB \[\d+m\d\ds elapsed, ~\d+m\d\ds left\]", text)
    assert re.match(r"Apply complete: \d+ created in \d+m\d\ds \(estimated ", text.rstrip().splitlines()[-1])


def test_instant_runs_do_not_tick(tmp_path):
    dest = tmp_path / "acme"
    shutil.copytree(EXAMPLE.parent / "minimal", dest, ignore=shutil.ignore_patterns(".ccdsl", "build"))
    seen = []
    assert apply_site(dest / "site.ccd", time_scale=float("inf"), sinks=[seen.append]).ok
    assert not any(isinstance(e, ev.Tick) for e in seen)


def test_still_line_says_when_a_step_overruns():
    m = RunModel()
    m.apply(ev.PlanReady(t=0.0, site="s", provider="sim", critical_path=("a",), critical_length_s=60.0,
                         resources=(ev.PlannedResource("a", "aws_iam_role", 1, "delete", 60.0, (), True, 0.0),)))
    m.apply(ev.ResourceStarted(t=0.0, address="a", action="delete"))
    assert still_line(m.resources["a"], 30.0) == "[00:30] still destroying a [30s elapsed, ~30s left]"
    assert still_line(m.resources["a"], 90.0) == "[01:30] still destroying a [1m30s elapsed, 30s over its estimate]"


def test_the_clock_stands_still_while_a_run_is_held_before_it_starts(tmp_path):
    import threading

    from ccdsl.runtime.control import RunControl

    dest = tmp_path / "site"
    shutil.copytree(EXAMPLE.parent / "minimal", dest, ignore=shutil.ignore_patterns(".ccdsl", "build"))
    control = RunControl()
    control.pause()  # held, as the dashboard holds a run until its plan is confirmed
    seen: list = []
    threading.Timer(0.5, control.resume).start()
    assert apply_site(dest / "site.ccd", time_scale=1000, sinks=[seen.append], control=control).ok
    first = next(e for e in seen if isinstance(e, ev.ResourceStarted))
    assert first.t < 1.0  # half a wall second at 1000x would be 500 s had the clock run on

"""One fold of a run: the plain and rich sinks, the end-of-run summary, ``ccdsl report`` and the TUI read the
same :class:`RunModel` and projection, so the same event stream gives the same figures in every view."""
from __future__ import annotations

import dataclasses
import io
import re

import pytest
import synthetic
from rich.console import Console

from ccdsl.runtime import events as ev
from ccdsl.runtime.progress import RunModel, project, time_left
from ccdsl.runtime.sinks import PlainSink
from ccdsl.runtime.sinks.live import RichLiveSink
from ccdsl.runtime.sinks.summary import duration_text, summary_lines

FAIL = "lambda_function.p3_0"


def scripted_run() -> list[ev.Event]:
    events = synthetic.script(synthetic.generate(60, seed=3), seed=3, fail=FAIL)
    # two retries of the resource that later fails, just after it started
    at = next(i for i, e in enumerate(events) if isinstance(e, ev.ResourceStarted) and e.address == FAIL)
    t = events[at].t
    retries = [ev.ResourceRetrying(t=t, address=FAIL, attempt=n, reason="Throttling", delay_s=1.0) for n in (1, 2)]
    return events[: at + 1] + retries + events[at + 1:]


def figures(model: RunModel) -> dict:
    proj = project(model)
    return {
        "counts": dict(model.counts), "retries": model.retries, "t": model.t, "eta": time_left(model, proj),
        "chain": [s.address for s in proj.chain], "failures": [r.address for r in model.failures()],
        "phases": [(ph.number, ph.total, ph.done, ph.failed, ph.skipped, ph.first_start, ph.last_end, ph.estimate)
                   for ph in model.phases.values()],
    }


def text_of(renderable, width: int = 120) -> str:
    console = Console(file=io.StringIO(), width=width, record=True, force_terminal=False)
    console.print(renderable)
    return console.export_text()


@pytest.mark.parametrize("cut", [0.4, 1.0], ids=["mid-run", "finished"])
def test_every_view_folds_the_same_figures(cut):
    from ccdsl.tui.report import summary
    from ccdsl.tui.view import View

    stream = scripted_run()
    stream = stream[: int(len(stream) * cut)]
    reference = RunModel()
    reference.apply_all(stream)
    plain = PlainSink(io.StringIO())
    live = RichLiveSink(console=Console(file=io.StringIO(), width=120))
    for e in stream:
        plain(e)
        live(e)
    live.close()
    want = figures(reference)
    assert figures(plain.model) == want and figures(live.model) == want

    proj = project(reference)
    tui_eta = View(reference, proj, reference.t).eta
    assert tui_eta == want["eta"]
    if cut < 1.0:
        assert want["eta"] > 0 and reference.running
        head = text_of(live._render())
        assert f"remaining {duration_text(tui_eta)}" in head
        assert f"{reference.finished_count}/{reference.total} finished" in head
        return
    assert want["retries"] == 2 and want["failures"] == [FAIL]
    lines = summary_lines(plain.model)
    assert "; 2 retries" in lines[1]
    # each phase row of the text summary carries the model's done/total, as the TUI's phase table does
    table = text_of(summary(reference, proj))
    for ph in reference.phases.values():
        if ph.total:
            row = next(line for line in lines if re.match(rf"\s+{ph.number:>2} ", line))
            assert f"{ph.done:>4}/{ph.total:<4}" in row
            assert f"{ph.done}/{ph.total}" in table
    assert f"FAILED {FAIL}: " in "\n".join(lines) and FAIL in table


def test_a_destroy_summary_compares_with_the_seeds_destroy_everywhere():
    from ccdsl.tui.report import summary

    plan = synthetic.generate(20, seed=4)
    deletes = dataclasses.replace(plan, resources=tuple(dataclasses.replace(p, action="delete")
                                                        for p in plan.resources))
    model = RunModel()
    model.apply_all(synthetic.script(deletes, seed=4))
    assert "the seed's destroy takes 8-12 min" in summary_lines(model)[0]
    assert "seed's destroy" in text_of(summary(model, project(model)))


def test_nothing_is_summarised_before_the_run_ends():
    model = RunModel()
    model.apply_all(scripted_run()[:10])
    assert summary_lines(model) == []

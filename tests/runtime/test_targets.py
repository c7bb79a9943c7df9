"""Many targets from one command: a state and a simulated account per target, the target's region and
parameter overrides, and the rollout's concurrency and failure tolerance (StackSets' semantics)."""
import io
import shutil
import sqlite3
from pathlib import Path

import pytest

from ccdsl.__main__ import main
from ccdsl.runtime.options import RunOptions
from ccdsl.runtime.progress.rollout import RolloutModel
from ccdsl.runtime.rollout import NOT_STARTED, plan_targets, run_targets
from ccdsl.runtime.sinks.rollout import PlainRolloutSink
from ccdsl.runtime.targets import TargetError, select, target_state_path

MINIMAL = Path(__file__).resolve().parents[2] / "examples" / "minimal"
INSTANT = RunOptions(time_scale=float("inf"), seed=1)


def make_site(tmp_path: Path, targets: str, rollout: str = "") -> Path:
    dest = tmp_path / "site"
    shutil.copytree(MINIMAL, dest, ignore=shutil.ignore_patterns(".ccdsl", "build", "tests"))
    site = dest / "site.ccd"
    if targets:
        site.write_text(site.read_text() + "\ntargets:\n" + targets + (f"rollout: {rollout}\n" if rollout else ""))
    return site


TWO = ('  london: {account: "111111111111", region: eu-west-2, parameters: {InstanceAlias: minimal-london}}\n'
       '  frankfurt: {account: "222222222222", region: eu-central-1}\n')


def instance_arns(site: Path, name: str) -> list[str]:
    db = sqlite3.connect(target_state_path(site, name).parent / "sim.db")
    try:
        return [row[0] for row in db.execute("SELECT arn FROM resources WHERE type = 'aws_connect_instance'")]
    finally:
        db.close()


def rollout(site: Path, names=None, options: RunOptions = INSTANT):
    selection = select(site, names)
    plans = plan_targets(str(site), selection, options)
    model = RolloutModel({tp.target.name: tp.target.label() for tp in plans},
                         max_concurrent=selection.rollout.max_concurrent,
                         failure_tolerance=selection.rollout.failure_tolerance)
    out = io.StringIO()
    view = PlainRolloutSink(model, out)
    outcomes = run_targets(plans, selection.rollout, view)
    view.close()
    return {o.target.name: o for o in outcomes}, out.getvalue()


def test_two_targets_get_their_own_state_account_and_region(tmp_path):
    site = make_site(tmp_path, TWO, "{max_concurrent: 2}")
    outcomes, text = rollout(site)
    assert {n: o.status for n, o in outcomes.items()} == {"london": "done", "frankfurt": "done"}
    for name in ("london", "frankfurt"):
        assert target_state_path(site, name).exists()
    assert not (site.parent / ".ccdsl" / "state.db").exists()  # the site's own state is not touched
    [london] = instance_arns(site, "london")
    [frankfurt] = instance_arns(site, "frankfurt")
    assert london.startswith("arn:aws:connect:eu-west-2:111111111111:instance/")
    assert frankfurt.startswith("arn:aws:connect:eu-central-1:222222222222:instance/")
    db = sqlite3.connect(target_state_path(site, "london").parent / "sim.db")
    [alias] = db.execute("SELECT name FROM resources WHERE type = 'aws_connect_instance'").fetchone()
    db.close()
    assert alias == "minimal-london"  # the target's parameter override
    assert "london    │" in text and "targets: 2 done" in text

    # each target re-plans clean against its own state
    again = plan_targets(str(site), select(site, None), INSTANT)
    assert [tp.planned.has_changes for tp in again] == [False, False]
    outcomes, _ = rollout(site)
    assert {o.status for o in outcomes.values()} == {"no changes"}


def test_a_target_without_an_account_gets_a_stable_simulated_one(tmp_path):
    site = make_site(tmp_path, "  prod: {profile: prod}\n")
    outcomes, _ = rollout(site)
    assert outcomes["prod"].status == "done"
    [arn] = instance_arns(site, "prod")
    account = arn.split(":")[4]
    assert len(account) == 12 and account != "123456789012"
    assert select(site, None).targets[0].sim_account == account


@pytest.mark.parametrize("tolerance, started", [(0, []), (1, ["b", "c"])])
def test_failure_tolerance_stops_starting_targets(tmp_path, tolerance, started):
    # Amazon Connect does not run in eu-west-1: the simulator refuses the instance there, so target `a` fails
    targets = ('  a: {account: "111111111111", region: eu-west-1}\n'
               '  b: {account: "222222222222", region: eu-west-2}\n'
               '  c: {account: "333333333333", region: us-east-1}\n')
    site = make_site(tmp_path, targets, f"{{max_concurrent: 1, failure_tolerance: {tolerance}}}")
    outcomes, text = rollout(site)
    assert outcomes["a"].status == "failed"
    for name in ("b", "c"):
        assert outcomes[name].status == ("done" if name in started else NOT_STARTED)
        assert target_state_path(site, name).exists() == (name in started)
    if not started:
        assert "more than the rollout's failure tolerance of 0" in text


def test_only_the_named_targets_run(tmp_path):
    site = make_site(tmp_path, TWO)
    outcomes, _ = rollout(site, ["frankfurt"])
    assert list(outcomes) == ["frankfurt"]
    assert not target_state_path(site, "london").exists()


@pytest.mark.parametrize("targets, names, message", [
    ("", None, "has no `targets:` section"),
    (TWO, ["londn"], "did you mean london?"),
    ("  org: {ou: ou-abcd-12345678}\n", None, "only a StackSet can"),
    ('  x: {account: "111111111111", parameters: {Nope: "1"}}\n', None, "parameter(s) the site does not take: Nope"),
])
def test_targets_that_cannot_run_are_refused(tmp_path, targets, names, message):
    site = make_site(tmp_path, targets)
    with pytest.raises(TargetError) as info:
        plan_targets(str(site), select(site, names), INSTANT)
    assert message in "\n".join(info.value.lines)


def test_env_parameters_replace_the_site_value_per_target(tmp_path):
    from ccdsl.compiler.resources import Secret
    from ccdsl.runtime.targets import apply_parameters, compile_target, env_parameter

    site = make_site(tmp_path, '  x: {account: "111111111111"}\n')
    selection = select(site, None)
    compiled = compile_target(selection, selection.targets[0])
    queue = next(r for r in compiled.resources.values() if r.type == "aws_connect_queue")
    queue.inputs["Description"] = Secret("env", "SUPPORT_TEXT", "default text")
    assert env_parameter(Secret("env", "SUPPORT_TEXT")) == "SupportText"
    assert apply_parameters(compiled, {"SupportText": "target text"}) == []
    assert queue.inputs["Description"] == "target text"


def test_cli_all_targets_apply_plan_and_report(tmp_path, capsys):
    site = make_site(tmp_path, TWO, "{max_concurrent: 2}")
    assert main(["apply", str(site), "--all-targets", "--yes", "--plain", "--time-scale", "inf"]) == 0
    out = capsys.readouterr().out
    assert "== target london (111111111111, eu-west-2) ==" in out
    assert "targets: 2 done (at most 2 at once, failure tolerance 0)" in out
    assert main(["plan", str(site), "--target", "london", "--detailed-exitcode"]) == 0
    capsys.readouterr()
    assert main(["report", str(site), "--target", "frankfurt", "--list"]) == 0
    assert " apply " in capsys.readouterr().out
    assert main(["apply", str(site), "--target", "london", "--state", "x.db", "--yes"]) == 2
    assert "each target keeps its own state" in capsys.readouterr().err
    assert main(["destroy", str(site), "--all-targets", "--yes", "--plain", "--time-scale", "inf",
                 "--release-numbers"]) == 0
    assert instance_arns(site, "london") == [] and instance_arns(site, "frankfurt") == []


def test_killed_mid_way_then_rerun_converges_for_every_target(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    from sim_account import assert_no_duplicates

    targets = ('  london: {account: "111111111111", region: eu-west-2}\n'
               '  frankfurt: {account: "222222222222", region: eu-central-1}\n'
               '  virginia: {account: "333333333333", region: us-east-1}\n')
    site = make_site(tmp_path, targets, "{max_concurrent: 3}")
    proc = subprocess.Popen([sys.executable, "-m", "ccdsl", "apply", str(site), "--all-targets", "--yes", "--plain",
                             "--time-scale", "60", "--seed", "3"], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "TERM": "dumb"})
    started: set[str] = set()
    assert proc.stdout is not None
    for line in proc.stdout:  # kill -9 once every target has started work
        if "│" in line and " start " in line:
            started.add(line.split("│")[0].strip())
        if len(started) == 3:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert started == {"london", "frankfurt", "virginia"}
    outcomes, _ = rollout(site)
    assert {n: o.status for n, o in outcomes.items()} == {"london": "done", "frankfurt": "done", "virginia": "done"}
    assert not any(tp.planned.has_changes for tp in plan_targets(str(site), select(site, None), INSTANT))
    for name in ("london", "frankfurt", "virginia"):
        assert_no_duplicates(str(target_state_path(site, name)))


def test_the_retail_chat_example_applies_to_its_three_targets(tmp_path):
    import re

    example = MINIMAL.parent / "retail-chat"
    dest = tmp_path / "retail-chat"
    shutil.copytree(example, dest, ignore=shutil.ignore_patterns(".ccdsl", "build"))
    site = dest / "site.ccd"
    names = [t.name for t in select(site, None).targets]
    assert len(names) == 3
    for name in names:  # each target is its own simulated account, with its own parameter store
        for path in sorted(set(re.findall(r"\$\{ssm:([^}]+)\}", site.read_text()))):
            assert main(["sim", "put-parameter", path, "Initial-Passw0rd", str(site), "--target", name]) == 0
    outcomes, _ = rollout(site)
    assert {o.status for o in outcomes.values()} == {"done"}, {n: o.diagnostics for n, o in outcomes.items()}
    assert not any(tp.planned.has_changes for tp in plan_targets(str(site), select(site, None), INSTANT))
    db = sqlite3.connect(target_state_path(site, "staging").parent / "sim.db")
    [alias] = db.execute("SELECT name FROM resources WHERE type = 'aws_connect_instance'").fetchone()
    db.close()
    assert alias == "northwind-care-staging"


def test_targets_sharing_an_account_and_region_take_turns(tmp_path):
    # AWS's rates and Lex build slots are per account and region: two centres there never run at once
    targets = ('  brand_a: {account: "111111111111", region: eu-west-2, parameters: {InstanceAlias: brand-a}}\n'
               '  brand_b: {account: "111111111111", region: eu-west-2, parameters: {InstanceAlias: brand-b}}\n'
               '  berlin: {account: "111111111111", region: eu-central-1}\n')
    site = make_site(tmp_path, targets, "{max_concurrent: 3}")
    selection = select(site, None)
    plans = plan_targets(str(site), selection, INSTANT)
    running: set[str] = set()
    together: list[set[str]] = []

    class Listener:
        def target_status(self, name: str, status: str, detail: str = "") -> None:
            if status == "running":
                running.add(name)
                together.append(set(running))
            elif status in ("done", "failed"):
                running.discard(name)

        def target_event(self, name: str, event) -> None:
            pass

    outcomes = run_targets(plans, selection.rollout, Listener())
    assert {o.status for o in outcomes} == {"done"}
    assert not any({"brand_a", "brand_b"} <= seen for seen in together)

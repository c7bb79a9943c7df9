"""The targets dashboard: a row per target that follows the rollout, each target's summary as it ends, and
``q`` that stops the targets, then quits."""
import shutil
import threading
from pathlib import Path

from tui_helpers import run_async, settle

from ccdsl.runtime.options import RunOptions
from ccdsl.runtime.progress.rollout import RolloutModel
from ccdsl.runtime.rollout import plan_targets, run_targets
from ccdsl.runtime.targets import select
from ccdsl.tui.targets import TargetsApp

MINIMAL = Path(__file__).resolve().parents[2] / "examples" / "minimal"
TARGETS = """
targets:
  london: {account: "111111111111", region: eu-west-2}
  dublin: {account: "222222222222", region: eu-west-1}
  virginia: {account: "333333333333", region: us-east-1}
rollout: {max_concurrent: 1}
"""


def rollout_app(tmp_path: Path, options: RunOptions, gate: threading.Event | None = None) -> TargetsApp:
    dest = tmp_path / "site"
    shutil.copytree(MINIMAL, dest, ignore=shutil.ignore_patterns(".ccdsl", "build", "tests"))
    site = dest / "site.ccd"
    site.write_text(site.read_text() + TARGETS)
    selection = select(site, None)
    plans = plan_targets(str(site), selection, options)
    model = RolloutModel({tp.target.name: tp.target.label() for tp in plans}, max_concurrent=1)

    def start(listener, control):
        if gate is not None:
            gate.wait(10)
        return run_targets(plans, selection.rollout, listener, control=control)

    return TargetsApp(model, start)


def cells(app: TargetsApp, name: str) -> list[str]:
    from textual.widgets import DataTable

    return [str(c) for c in app.query_one(DataTable).get_row(name)]


@run_async
async def test_a_row_per_target_follows_the_rollout(tmp_path):
    app = rollout_app(tmp_path, RunOptions(time_scale=float("inf"), seed=1))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, app.done.is_set)
        await pilot.pause(0.3)
        assert cells(app, "london")[:3] == ["london (111111111111, eu-west-2)", "done", "8/8"]
        assert cells(app, "dublin")[1] == "failed"  # Amazon Connect does not run in eu-west-1
        assert cells(app, "virginia")[1] == "not started"  # failure tolerance 0
        log = "\n".join(str(line.text) for line in app.query_one("#log").lines)
        assert "Apply complete: 8 created" in log and "virginia (333333333333, us-east-1): not started" in log
        await pilot.press("q")
    assert app.return_value == 1


@run_async
async def test_q_stops_the_targets_before_it_quits(tmp_path):
    gate = threading.Event()
    app = rollout_app(tmp_path, RunOptions(time_scale=30.0, seed=1), gate)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("q")  # before any target started: a stop, not a quit
        assert app.control.stopping and app.is_running
        gate.set()
        await settle(pilot, app.done.is_set)
        assert {o.status for o in app.outcomes} == {"not started"}
        await pilot.press("q")

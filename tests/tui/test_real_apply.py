"""The dashboard over a real apply of the Acme Bank example on the simulator, and ``ccdsl report``."""
import shutil
from pathlib import Path

import pytest
from tui_helpers import run_async, settle

from ccdsl.runtime import events as ev
from ccdsl.runtime.options import RunOptions
from ccdsl.tui.app import DeployApp
from ccdsl.tui.screens.dialogs import ConfirmScreen, HelpScreen
from ccdsl.tui.screens.summary import SummaryScreen
from ccdsl.tui.sources import ApplySource
from ccdsl.tui.widgets.timeline import Timeline

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme-bank"


@pytest.fixture
def site(tmp_path):
    # a user may have applied the example in place: its recorded state must not come along
    shutil.copytree(EXAMPLE, tmp_path / "acme-bank", ignore=shutil.ignore_patterns(".ccdsl", "build"))
    return tmp_path / "acme-bank" / "site.ccd"


@run_async
async def test_pause_then_graceful_stop_on_a_real_apply(site):
    source = ApplySource(str(site), RunOptions(time_scale=60.0, seed=1))
    app = DeployApp(source)
    seen: list[ev.Event] = []
    sink = app.sink
    app.sink = lambda e: (seen.append(e), sink(e))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.model.planned)
        await pilot.press("p")
        await settle(pilot, lambda: app.model.paused)  # the runtime confirmed: nothing new starts
        paused_at = len(seen)
        assert app.model.state() == "paused"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("c")
        assert app.filter == "critical"
        await pilot.press("c", "f")
        assert app.filter == "failures"
        await pilot.press("f")
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot, lambda: isinstance(app.screen, SummaryScreen), limit=3000)
        assert not any(isinstance(e, ev.ResourceStarted) for e in seen[paused_at:])
        assert app.model.stopping and app.model.finished is not None
        assert app.model.finished.counts["pending"] > 0
        await pilot.press("q")
    assert app.return_value == 1


@run_async
async def test_a_full_real_apply_ends_on_the_summary_and_report_reads_it(site, capsys):
    source = ApplySource(str(site), RunOptions(time_scale=float("inf"), seed=1))
    app = DeployApp(source)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, SummaryScreen), limit=3000)
        m = app.model
        assert m.finished is not None and m.finished.ok
        assert m.counts["done"] == m.total > 200
        assert all(ph.status() in ("done", "none") for ph in m.phases.values())
        assert app.query_one(Timeline).rows == m.order
        await pilot.press("escape")  # back to the dashboard
        assert not isinstance(app.screen, SummaryScreen)
        await pilot.press("q")
    assert app.return_value == 0

    from ccdsl.__main__ import main

    assert main(["report", str(site), "--width", "100"]) == 0
    out = capsys.readouterr().out
    assert "Applied" in out and "critical path as it ran" in out and "Foundation" in out
    import asyncio

    from ccdsl.runtime.session import apply_site

    again = await asyncio.to_thread(apply_site, str(site), time_scale=float("inf"))
    assert again.counts["noop"] > 200  # a run with nothing to do
    assert main(["report", str(site), "--width", "100"]) == 0
    assert "Applied" in capsys.readouterr().out  # the report still shows the run that changed something
    assert main(["report", str(site), "--list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 2 and "noop" in listed[0] and " done" in listed[1]  # newest first: the no-op re-apply
    svg = site.parent / "run.svg"
    assert main(["report", str(site), "--svg", str(svg), "--only", "critical"]) == 0
    assert svg.read_text().startswith("<svg")

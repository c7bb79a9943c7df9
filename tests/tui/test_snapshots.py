"""SVG snapshots of the dashboard mid-run and of the summary, over a fixed scripted run (seed 3).

Update with ``pytest tests/tui/test_snapshots.py --snapshot-update`` after a deliberate change of looks.
"""
import synthetic
from ccdsl.tui.app import DeployApp
from ccdsl.tui.screens.summary import SummaryScreen
from ccdsl.tui.sources import ReplaySource
from tui_helpers import FAIL, caught_up, settle


def _events():
    return synthetic.script(synthetic.generate(60, seed=3), seed=3, fail=FAIL)


def test_dashboard_mid_run_80x24(snap_compare):
    events = _events()
    source = ReplaySource(events, hold_at=len(events) // 2)
    app = DeployApp(source)

    async def run_before(pilot):
        await caught_up(pilot, app, source, len(events) // 2)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
    source.release()


def test_dashboard_mid_run_wide(snap_compare):
    events = _events()
    source = ReplaySource(events, hold_at=len(events) * 2 // 3)
    app = DeployApp(source)

    async def run_before(pilot):
        await caught_up(pilot, app, source, len(events) * 2 // 3)

    assert snap_compare(app, terminal_size=(160, 40), run_before=run_before)
    source.release()


def test_summary(snap_compare):
    source = ReplaySource(_events())
    app = DeployApp(source)

    async def run_before(pilot):
        await settle(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 40), run_before=run_before)

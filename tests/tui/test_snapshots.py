"""SVG snapshots of the dashboard mid-run and of the summary, over a fixed scripted run (seed 3).

Update with ``pytest tests/tui/test_snapshots.py --snapshot-update`` after a deliberate change of looks.
"""
import pytest
import synthetic
from tui_helpers import FAIL, caught_up, settle

from ccdsl.tui.app import DeployApp
from ccdsl.tui.screens.dialogs import ConfirmScreen
from ccdsl.tui.screens.summary import SummaryScreen
from ccdsl.tui.sources import ReplaySource
from ccdsl.tui.widgets.activity import EventLog


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


SIZES = [(80, 24), (120, 40), (200, 50)]


def _mid_run(size, snap_compare, keys=()):
    events = _events()
    at = len(events) * 3 // 5
    source = ReplaySource(events, hold_at=at)
    app = DeployApp(source)

    async def run_before(pilot):
        await caught_up(pilot, app, source, at)
        log = app.query_one(EventLog)
        await pilot.wait_for_scheduled_animations()
        log.scroll_end(animate=False, immediate=True)  # the log's end, however far its last write scrolled
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        app.tick(force=True)
        await pilot.pause()

    try:
        return snap_compare(app, terminal_size=size, run_before=run_before)
    finally:
        source.release()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_running_work_pinned_failure_strip_and_colours(snap_compare, size):
    """The live critical step and the running rows on top of the timeline, the failure under the status bar,
    red only for the failure, blue for the critical path, time and slack visible in the Running table."""
    assert _mid_run(size, snap_compare)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_failures_panel(snap_compare, size):
    assert _mid_run(size, snap_compare, keys=("e",))


def test_paused_footer_says_resume(snap_compare):
    assert _mid_run((120, 40), snap_compare, keys=("p",))


def test_help_legend_in_colour(snap_compare):
    assert _mid_run((120, 40), snap_compare, keys=("question_mark",))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_destroy_confirmation(snap_compare, size):
    from test_deploy_ux import as_destroy

    source = ReplaySource(as_destroy(_events()))
    app = DeployApp(source, confirm=True)

    async def run_before(pilot):
        await settle(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)

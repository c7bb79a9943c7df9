"""The dashboard driven with the keyboard over a scripted run (Pilot)."""
from tui_helpers import FAIL, caught_up, events, plan, run_async, settle  # noqa: F401 (fixtures)

from ccdsl.tui.app import DeployApp
from ccdsl.tui.screens.details import DetailsScreen
from ccdsl.tui.screens.dialogs import ConfirmScreen, HelpScreen
from ccdsl.tui.screens.summary import SummaryScreen
from ccdsl.tui.sources import ReplaySource
from ccdsl.tui.widgets.timeline import Timeline


@run_async
async def test_pause_holds_new_work_and_resume_lets_it_go(events):
    half = len(events) // 2
    source = ReplaySource(events, hold_at=half)
    app = DeployApp(source)
    async with app.run_test(size=(100, 30)) as pilot:
        await caught_up(pilot, app, source, half)
        await pilot.press("p")
        assert app.control.paused
        source.release()
        await settle(pilot, lambda: app.model.paused)  # the source saw the pause and said so
        played = source.played
        await pilot.pause(0.1)
        assert source.played == played, "nothing is played while paused"
        assert app.model.state() == "paused"
        await pilot.press("p")
        assert not app.control.paused
        await settle(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert not app.model.paused
        assert app.model.finished is not None


@run_async
async def test_filters_narrow_the_timeline(events):
    source = ReplaySource(events, hold_at=len(events) - 1)
    app = DeployApp(source)
    async with app.run_test(size=(100, 30)) as pilot:
        await caught_up(pilot, app, source, len(events) - 1)
        timeline = app.query_one(Timeline)
        everything = list(timeline.rows)
        assert len(everything) == 60
        await pilot.press("f")
        failures = list(timeline.rows)
        assert FAIL in failures and len(failures) < len(everything)
        assert all(app.model.resources[a].status in ("failed", "skipped") for a in failures)
        await pilot.press("c")
        critical = list(timeline.rows)
        assert set(critical) >= app.proj.addresses() and len(critical) < len(everything)
        await pilot.press("c")
        assert list(timeline.rows) == everything


@run_async
async def test_help_and_details(events):
    source = ReplaySource(events, hold_at=len(events) // 2)
    app = DeployApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        await caught_up(pilot, app, source, len(events) // 2)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("down", "down", "enter")
        assert isinstance(app.screen, DetailsScreen)
        await pilot.press("escape")
        source.release()


@run_async
async def test_graceful_quit_asks_first_then_stops_and_summarises(events):
    source = ReplaySource(events, hold_at=len(events) // 3)
    app = DeployApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        await caught_up(pilot, app, source, len(events) // 3)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert not app.control.stopping
        await pilot.press("q")
        await pilot.press("y")
        assert app.control.stopping
        source.release()
        await settle(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert app.model.stopping
        assert app.model.finished is not None and not app.model.finished.ok
        assert app.model.finished.counts["pending"] > 0
        assert app.exit_code == 1
        await pilot.press("q")
    assert app.return_value == 1


@run_async
async def test_narrow_views_cycle_and_the_running_table_opens_details(events):
    source = ReplaySource(events, hold_at=len(events) // 3)
    app = DeployApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        await caught_up(pilot, app, source, len(events) // 3)
        shown = lambda: [w.id for w in app.query("#bottom > *") if w.display and w.region.height]  # noqa: E731
        assert shown() == ["timeline"]
        await pilot.press("v")
        await pilot.pause()
        assert shown() == ["running"] and app.focused.id == "running"
        await pilot.press("enter")
        assert isinstance(app.screen, DetailsScreen)
        await pilot.press("escape")
        await pilot.press("v")
        await pilot.pause()
        assert shown() == ["log"]
        await pilot.press("v")
        await pilot.pause()
        assert shown() == ["timeline"] and app.focused.id == "timeline"
        rows = app.query_one("#timeline").region.height
        await pilot.press("z")
        await pilot.pause()
        assert app.query_one("#timeline").region.height > rows and app.query_one("#phases").region.height == 0
        source.release()


@run_async
async def test_widening_the_terminal_shows_timeline_running_and_log_together(events):
    source = ReplaySource(events, hold_at=len(events) // 3)
    app = DeployApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        await caught_up(pilot, app, source, len(events) // 3)
        assert app.query_one("#running").region.height == 0
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        await pilot.pause()
        assert all(app.query_one(f"#{name}").region.height > 3 for name in ("timeline", "running", "log"))
        await pilot.press("question_mark", "v", "f")  # dashboard keys wait while a dialog is open
        assert isinstance(app.screen, HelpScreen) and app.filter == "all" and app.view_index == 0
        source.release()


@run_async
async def test_confirm_first_cancel_applies_nothing(events):
    source = ReplaySource(events)
    app = DeployApp(source, confirm=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert app.model.planned and app.model.counts["running"] == 0
        await pilot.press("n")
        await settle(pilot, lambda: not app.is_running)
    assert app.cancelled and app.return_value == 1
    assert app.model.counts["done"] == 0


@run_async
async def test_confirm_first_then_apply_runs_to_the_summary(events):
    source = ReplaySource(events)
    app = DeployApp(source, confirm=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await settle(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert app.model.finished is not None and not app.model.paused
        assert app.model.counts["done"] > 0

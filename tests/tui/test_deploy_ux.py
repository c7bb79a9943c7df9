# ruff: noqa: F811
"""The deploy experience on the dashboard: a destroy says destroy, the clock never goes back, the timeline keeps
the running work and the live critical path in view, colours mean one thing each, failures are one key away,
search and selection behave, and the footer says what each key does now."""
import dataclasses

from rich.text import Text
from tui_helpers import FAIL, caught_up, events, plan, run_async, settle  # noqa: F401  (fixtures)

from ccdsl.runtime import events as ev
from ccdsl.runtime.progress import RunModel
from ccdsl.runtime.sinks.summary import verdict
from ccdsl.tui import render as R
from ccdsl.tui.app import DeployApp
from ccdsl.tui.screens.details import DetailsScreen
from ccdsl.tui.screens.dialogs import ConfirmScreen, SearchScreen
from ccdsl.tui.screens.failures import FailuresScreen
from ccdsl.tui.sources import ReplaySource
from ccdsl.tui.widgets.panels import FailureStrip
from ccdsl.tui.widgets.timeline import Timeline


def as_destroy(events: list) -> list:
    """The scripted run as a destroy: every change a delete, two of them kept phone numbers."""
    out = []
    for e in events:
        if isinstance(e, ev.PlanReady):
            resources = tuple(dataclasses.replace(r, action="delete") for r in e.resources)
            e = dataclasses.replace(e, resources=resources, destroy=True, region="eu-west-2",
                                    kept=(resources[-1].address,))
        elif hasattr(e, "action"):
            e = dataclasses.replace(e, action="delete")
        out.append(e)
    return out


def key_labels(app) -> dict[str, str]:
    """What the footer shows now: key -> label of the enabled, shown binding."""
    return {key: b.binding.description for key, b in app.screen.active_bindings.items()
            if b.enabled and b.binding.show}


@run_async
async def test_destroy_confirmation_says_destroy(events):
    app = DeployApp(ReplaySource(as_destroy(events)), confirm=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        dialog = app.screen
        assert dialog.question == "Destroy 59 resources of synthetic (sim · eu-west-2)?"
        assert "There is no undo" in dialog.detail and "1 phone number(s) are kept" in dialog.detail
        assert dialog.yes == "Destroy" and dialog.danger
        assert app.title == "ccdsl destroy"
        await pilot.press("n")
        await settle(pilot, lambda: not app.is_running)
    assert app.cancelled


@run_async
async def test_apply_confirmation_is_not_a_danger_dialog(events):
    app = DeployApp(ReplaySource(events), confirm=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert app.screen.question.startswith("Apply 60 changes to synthetic (sim")
        assert app.screen.yes == "Apply" and not app.screen.danger
        assert app.title == "ccdsl apply"
        await pilot.press("n")


@run_async
async def test_pause_keeps_the_clock_going_and_relabels_the_key(events):
    source = ReplaySource(events, hold_at=len(events) // 2)
    app = DeployApp(source, clock_scale=60.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await caught_up(pilot, app, source, len(events) // 2)
        assert key_labels(app)["p"] == "pause" and key_labels(app)["q"] == "stop"
        before = app._now()
        await pilot.press("p")
        await pilot.pause(0.1)
        assert key_labels(app)["p"] == "resume"
        paused_at = app._now()
        await pilot.pause(0.2)
        assert paused_at >= before and app._now() > paused_at  # in-flight work goes on: so does the clock
        await pilot.press("p")
        await pilot.pause(0.05)
        assert key_labels(app)["p"] == "pause"
        source.release()
        await settle(pilot, lambda: app.source_done.is_set())
        await pilot.press("escape")
        await pilot.pause(0.05)
        labels = key_labels(app)
        assert labels.get("q") == "quit" and "p" not in labels


@run_async
async def test_timeline_pins_running_rows_with_the_live_critical_one_first(events):
    source = ReplaySource(events, hold_at=len(events) * 3 // 5)
    app = DeployApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        await caught_up(pilot, app, source, len(events) * 3 // 5)
        timeline = app.query_one(Timeline)
        running = {a for a, r in app.model.resources.items() if r.status in ("running", "retrying")}
        assert running and timeline.pinned == len(running)
        assert set(timeline.shown[: timeline.pinned]) == running
        assert timeline.shown[0] in app.proj.addresses()  # the step that decides the finish comes first
        assert timeline.top == 0 and timeline.selected == timeline.shown[0]
        assert len(timeline.rows) == 60  # the rows themselves are all there, in planned order
        source.release()


@run_async
async def test_failures_are_one_key_away_with_error_and_hint(events):
    source = ReplaySource(events, hold_at=len(events) * 3 // 5)
    app = DeployApp(source)
    async with app.run_test(size=(120, 40)) as pilot:
        await caught_up(pilot, app, source, len(events) * 3 // 5)
        strip = app.query_one(FailureStrip)
        assert strip.display and FAIL in str(strip.render())
        await pilot.press("e")
        assert isinstance(app.screen, FailuresScreen)
        text = "".join(str(part) for _, body in app.screen.items for part in body.renderables)
        assert FAIL in text and "LimitExceeded" in text and "hint:" in text and "held back" in text
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, DetailsScreen))
        source.release()


@run_async
async def test_selection_stays_on_its_resource_under_filters_and_search(events):
    source = ReplaySource(events, hold_at=len(events) * 3 // 5)
    app = DeployApp(source)
    async with app.run_test(size=(100, 30)) as pilot:
        await caught_up(pilot, app, source, len(events) * 3 // 5)
        timeline = app.query_one(Timeline)
        await pilot.press("down")  # browsing: planned order, the cursor where it was
        assert not timeline.following
        timeline.cursor = timeline.shown.index(FAIL)
        await pilot.press("f")
        assert timeline.selected == FAIL
        await pilot.press("f")
        assert timeline.selected == FAIL
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"p3_", "enter")
        await pilot.pause(0.05)
        assert app.search == "p3_" and timeline.rows and all("p3_" in a for a in timeline.rows)
        assert timeline.selected == FAIL
        await pilot.press("slash", "end", *["backspace"] * 3, "enter")  # empty: everything again
        await pilot.pause(0.05)
        assert len(timeline.rows) == 60
        source.release()


def test_colours_mean_one_thing_each():
    m = RunModel()
    planned = tuple(ev.PlannedResource(a, "aws_iam_role", 1, "create", 10.0, (), a == "crit", 0.0)
                    for a in ("crit", "bad"))
    m.apply(ev.PlanReady(t=0.0, site="s", provider="sim", resources=planned, critical_path=("crit",),
                         critical_length_s=10.0))
    for a in ("crit", "bad"):
        m.apply(ev.ResourceStarted(t=0.0, address=a, action="create"))
    m.apply(ev.ResourceDone(t=10.0, address="crit", action="create", duration_s=10.0))
    m.apply(ev.ResourceFailed(t=5.0, address="bad", action="create", error="x", attempts=1))

    def styles(text: Text) -> set[str]:
        return {str(span.style) for span in text.spans}

    done_critical = R.gantt_row(m.resources["crit"], label_w=20, bar_w=20, span=10.0, now=10.0, on_chain=True)
    failed = R.gantt_row(m.resources["bad"], label_w=20, bar_w=20, span=10.0, now=10.0, on_chain=False)
    assert not any(R.RED in s for s in styles(done_critical))  # critical is blue, done green: never red
    assert any(R.BLUE in s for s in styles(done_critical)) and any(R.GREEN in s for s in styles(done_critical))
    assert any(R.RED in s for s in styles(failed))


def test_a_phase_with_only_skipped_members_is_not_marked_failed():
    m = RunModel()
    planned = (ev.PlannedResource("a", "aws_iam_role", 1, "create", 1.0, (), False, 0.0),
               ev.PlannedResource("b", "aws_cloudwatch_dashboard", 8, "create", 1.0, ("a",), False, 0.0))
    m.apply(ev.PlanReady(t=0.0, site="s", provider="sim", resources=planned, critical_path=(), critical_length_s=2.0))
    m.apply(ev.ResourceStarted(t=0.0, address="a", action="create"))
    m.apply(ev.ResourceFailed(t=1.0, address="a", action="create", error="x", attempts=1))
    m.apply(ev.ResourceSkipped(t=1.0, address="b", because="a"))
    table = R.phase_table(m, 1.0, width=60)
    marks = {str(row[0]): str(row[-1]) for row in zip(*(c.cells for c in table.columns))}
    assert marks["1"] == "✗" and marks["8"] == "-"


def test_squeeze_keeps_address_tails_distinct():
    a = R.squeeze("bot.sales.slot_type.Product.en_GB", 24)
    b = R.squeeze("bot.sales.slot.ProductInfo.product.en_GB", 24)
    assert a != b and len(a) <= 24 and len(b) <= 24 and a.endswith(".en_GB") and b.endswith("product.en_GB")


def test_verdicts():
    m = RunModel()
    planned = (ev.PlannedResource("a", "aws_iam_role", 1, "create", 1.0, (), True, 0.0),)
    m.apply(ev.PlanReady(t=0.0, site="s", provider="sim", resources=planned, critical_path=("a",),
                         critical_length_s=1.0))
    m.apply(ev.ResourceStarted(t=0.0, address="a", action="create"))
    m.apply(ev.ResourceDone(t=1.0, address="a", action="create", duration_s=1.0))
    m.apply(ev.ApplyDone(t=1.0, ok=True, elapsed_s=1.0, estimated_s=1.0, counts={"done": 1}, critical_path=("a",)))
    assert verdict(m) == "Apply complete: 1 created in 1.0s (estimated 1.0s)."

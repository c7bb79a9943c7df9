"""``ccdsl apply --tui``: a dashboard for a running apply.

The run happens on a worker thread (:mod:`ccdsl.tui.sources`); its events go into a bounded
:class:`~ccdsl.tui.buffer.EventBuffer`. A timer drains the buffer a fixed number of times a second, folds
the batch into the :class:`~ccdsl.runtime.progress.RunModel` and redraws once — so the screen keeps up with any
event rate and memory stays bounded.
"""
from __future__ import annotations

import functools
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.css.query import NoMatches
from textual.events import Resize
from textual.geometry import Size
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer

from ccdsl.runtime.control import RunControl
from ccdsl.runtime.events import RunPaused
from ccdsl.runtime.options import RunOptions
from ccdsl.runtime.progress import Projection, RunModel, project
from ccdsl.runtime.sinks.summary import verdict
from ccdsl.tui.buffer import EventBuffer
from ccdsl.tui.render import fmt_dur
from ccdsl.tui.screens.details import DetailsScreen, describe
from ccdsl.tui.screens.dialogs import ConfirmScreen, HelpScreen, SearchScreen
from ccdsl.tui.screens.failures import FailuresScreen, failures_body
from ccdsl.tui.screens.summary import SummaryScreen, summary
from ccdsl.tui.sources import ApplySource, Outcome
from ccdsl.tui.view import View
from ccdsl.tui.widgets.activity import EventLog, RunningTable
from ccdsl.tui.widgets.panels import CriticalPanel, FailureStrip, PhasesPanel, StatusBar
from ccdsl.tui.widgets.timeline import Timeline

VIEWS = ("timeline", "running", "log")
PALETTE = [  # (title, help, action) of the command palette
    ("Pause", "in-flight work goes on, nothing new starts", "pause"),
    ("Resume", "start new work again", "resume"),
    ("Stop gracefully", "nothing new starts; in-flight work finishes and is recorded", "stop"),
    ("Failures", "each failure with its error, where the site declares it, and what to do", "failures"),
    ("Only failures", "the timeline and log show failed, retrying and skipped resources", "filter('failures')"),
    ("Only the critical path", "the timeline shows the chain that sets the finish time", "filter('critical')"),
    ("Search resources", "show the rows whose address contains a text", "search"),
    ("Follow the work", "the timeline pins the running resources on top again", "follow"),
    ("Zoom", "the lower half takes the whole screen", "zoom"),
    ("Summary", "the end-of-run summary", "summary"),
    ("Keys and legend", "what each key does and what each colour means", "help"),
]
WIDE = 120  # columns from which the timeline, running table and log show side by side
TALL = 44  # rows from which the critical path panel grows
BIG_GRAPH = 2000  # above this many resources the live critical path is recomputed at most twice a second


class DeployApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "ccdsl apply"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    # The footer shows what each key does now: check_action hides the keys that do nothing at the moment
    # and picks the label of a key with two meanings (p pause / p resume, q stop / q quit).
    BINDINGS = [
        Binding("p", "pause", "pause"),
        Binding("p", "resume", "resume"),
        Binding("q", "stop", "stop"),
        Binding("q", "quit_app", "quit"),
        Binding("e", "failures", "failures"),
        Binding("f", "filter('failures')", "only failed"),
        Binding("c", "filter('critical')", "only critical"),
        Binding("slash", "search", "search"),
        Binding("v", "next_view", "view"),
        Binding("tab", "app.focus_next", "next panel"),
        Binding("z", "zoom", "zoom"),
        Binding("s", "summary", "summary"),
        Binding("question_mark", "help", "help"),
        Binding("ctrl+c", "interrupt", "stop", show=False, priority=True),
    ]

    def __init__(self, source: Any, *, control: RunControl | None = None, hz: float = 15.0,
                 capacity: int = 4096, clock_scale: float | None = None, auto_summary: bool = True,
                 confirm: bool = False) -> None:
        super().__init__()
        self.source = source
        self.control = control or RunControl()
        self.buffer = EventBuffer(capacity)
        self.model = RunModel()
        self.hz = hz
        self.clock_scale = getattr(source, "clock_scale", 0.0) if clock_scale is None else clock_scale
        self.auto_summary = auto_summary
        self.confirm = confirm  # hold the run paused until the plan is confirmed
        self._asked = False
        self.cancelled = False
        self.filter = "all"
        self.search = ""
        self.view_index = 0
        self.outcome: Outcome | None = None
        self.source_done = threading.Event()
        self.ticks = 0  # timer firings
        self.redraws = 0  # redraws actually made (at most one per tick)
        self.proj = Projection(now=0.0, end=0.0)
        self._proj_version = -1
        self._proj_wall = 0.0
        self._drawn: tuple = ()
        self._event_wall = time.monotonic()
        self._event_t = 0.0
        self._summary_shown = False
        self._shown_t = 0.0  # the clock as last shown: it never goes back
        self._go = not confirm  # the plan was confirmed (or needed no confirmation)
        self._state: tuple = ()
        self._quiet_until = 0.0
        self.dashboard: Screen | None = None  # the screen the widgets live on, under any dialog or summary
        self._ui_thread = threading.get_ident()

    # --- layout ----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield FailureStrip(id="failstrip")
        with Horizontal(id="top"):
            yield PhasesPanel(id="phases")
            yield CriticalPanel(id="critical")
        with Container(id="bottom"):
            yield Timeline(id="timeline")
            yield RunningTable(id="running")
            yield EventLog(id="log")
        yield Footer()

    def on_mount(self) -> None:
        self._ui_thread = threading.get_ident()
        self.dashboard = self.screen
        self.query_one("#phases").border_title = "Phases"
        self.query_one("#critical").border_title = "Critical path"
        self.query_one("#timeline").border_title = "Timeline"
        self.query_one("#running").border_title = "Running"
        self.query_one("#log").border_title = "Events"
        self.query_one("#failstrip").display = False
        self._apply_layout()
        self.set_interval(1.0 / self.hz, self.tick)
        if self.confirm:
            self.control.pause()  # the runtime plans, then starts nothing until the plan is confirmed
            self.model.apply(RunPaused(t=0.0))
        self.run_worker(self._run_source, thread=True, exit_on_error=False, name="apply")
        self.query_one(Timeline).focus()

    def on_resize(self, event: Resize) -> None:
        self._apply_layout(event.size)

    def _apply_layout(self, size: Size | None = None) -> None:
        size = size or self.size
        wide = size.width >= WIDE
        screen = self.dashboard or self.screen
        screen.set_class(wide, "-wide")
        screen.set_class(not wide, "-narrow")
        screen.set_class(size.height >= TALL, "-tall")
        for i, name in enumerate(VIEWS):
            screen.query_one(f"#{name}").set_class(i == self.view_index, "-current")

    # --- the run ---------------------------------------------------------------------------------
    def sink(self, event) -> None:
        """Called by the source for every event, on any thread."""
        if threading.get_ident() == self._ui_thread:
            self.model.apply(event)  # same thread as the UI: nothing to hand over
        else:
            self.buffer.put(event)

    def _run_source(self) -> None:
        try:
            self.outcome = self.source.run(self.sink, self.control)
        except Exception as exc:  # a crash in the run is shown, not swallowed
            self.outcome = Outcome(1, diagnostics=[f"{type(exc).__name__}: {exc}"])
        finally:
            self.source_done.set()

    def tick(self, force: bool = False) -> None:
        """Drain the buffer, fold the batch, redraw once if anything changed.

        Redrawing takes at most a third of the time: after a redraw that took ``d`` seconds the next waits
        ``2d`` (folding goes on), so a heavy screen leaves the run's thread its share of the interpreter.
        """
        self.ticks += 1
        batch = self.buffer.drain()
        if batch:
            self.model.apply_all(batch)
            self._event_wall, self._event_t = time.monotonic(), self.model.t
        now = self._now()
        self._titles()
        key = (self.model.version, round(now), self.filter, self.search, self.size)
        if key != self._drawn and (force or time.monotonic() >= self._quiet_until):
            started = time.monotonic()
            try:
                self.redraw(now)
            except NoMatches:  # the dashboard is not mounted (yet, or any more): draw on a later tick
                return
            self._drawn = key
            self._quiet_until = time.monotonic() + 2 * (time.monotonic() - started)
        state = (self.model.state(), self.source_done.is_set())
        if state != self._state:  # pause, stop and summary keys come and go with the run's state
            self._state = state
            self.refresh_bindings()
        if self.confirm and not self._asked and self.model.planned:
            self._asked = True
            self._ask_to_apply()
        if self.cancelled and self.source_done.is_set():
            self.exit(1)
            return
        if self.source_done.is_set() and not len(self.buffer) and not self._summary_shown:
            self._summary_shown = True
            if self.auto_summary:
                self.action_summary()

    def _now(self) -> float:
        """Deployment time now: the last event's, moved on by the wall clock between events. Pausing does not
        stop it (in-flight work goes on), and it never goes back."""
        m = self.model
        if not self.clock_scale or m.finished is not None or not m.planned or not self._go:
            return m.t
        now = max(m.t, self._event_t + (time.monotonic() - self._event_wall) * self.clock_scale)
        self._shown_t = max(self._shown_t, now)
        return self._shown_t

    def _titles(self) -> None:
        """The window title says what the run does: ``ccdsl destroy`` for a destroy."""
        title = "ccdsl destroy" if self.model.destroying else "ccdsl apply"
        if self.title != title:
            self.title = title

    def redraw(self, now: float) -> None:
        self.redraws += 1
        m = self.model
        if m.version != self._proj_version or now != self.proj.now:
            big = len(m.resources) > BIG_GRAPH
            if not big or time.monotonic() - self._proj_wall >= 0.5 or m.finished is not None:
                self.proj = project(m, now)
                self._proj_version, self._proj_wall = m.version, time.monotonic()
        view = View(m, self.proj, now, self.filter, self.search)
        board = self.dashboard or self.screen
        board.query_one(StatusBar).show(view, getattr(self.source, "title", ""))
        board.query_one(FailureStrip).show(view)
        board.query_one(PhasesPanel).show(view)
        board.query_one(CriticalPanel).show(view)
        board.query_one(Timeline).show(view)
        if board.query_one("#running").display:
            board.query_one(RunningTable).show(view)
        board.query_one(EventLog).show(view)

    def _ask_to_apply(self) -> None:
        m = self.model
        if not m.total:
            self._go = True
            self.control.resume()
            return
        target = " · ".join(x for x in (m.provider, m.region) if x)
        if m.destroying:
            kept = len(m.kept)
            question = f"Destroy {m.total - kept} resources of {m.site} ({target})?"
            detail = (destroy_breakdown(m) + ". There is no undo"
                      + (f"; {kept} phone number(s) are kept, not released" if kept else "")
                      + f". About {fmt_dur(m.estimated_s)}. Nothing has been deleted yet.")
            screen = ConfirmScreen(question, detail, yes="Destroy", no="Cancel", danger=True)
        else:
            question = f"Apply {m.total} changes to {m.site} ({target})?"
            detail = (f"About {fmt_dur(m.estimated_s)} along the critical path ({len(m.planned_path)} steps)"
                      + (f"; {m.noop} resources unchanged" if m.noop else "") + ". Nothing has been changed yet.")
            screen = ConfirmScreen(question, detail, yes="Apply", no="Cancel", danger=False)
        self.push_screen(screen, self._answered)

    def _answered(self, yes: bool | None) -> None:
        if yes:
            self._go = True
            self._event_wall, self._event_t = time.monotonic(), self.model.t
            self.control.resume()
        else:
            self.cancelled = True
            self.control.request_stop()

    # --- keys ------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide what does not apply: dashboard keys on the summary, pause once the run is over."""
        if isinstance(self.screen, ModalScreen):  # a dialog answers its own keys
            return action == "interrupt"
        on_summary = isinstance(self.screen, SummaryScreen)
        if action in ("filter", "next_view", "help", "zoom", "search", "failures", "focus_next") and on_summary:
            return False
        running = self.model.finished is None and not self.control.stopping and not self.source_done.is_set()
        if action == "pause":
            return not on_summary and running and not self.control.paused
        if action == "resume":
            return not on_summary and running and self.control.paused and (self._go or not self.confirm)
        if action == "stop":
            return not self.source_done.is_set()
        if action == "quit_app":
            return self.source_done.is_set()
        if action == "next_view":
            return self.size.width < WIDE  # side by side at full width: nothing to cycle
        if action == "failures":
            return bool(self.model.failures())
        if action == "summary":
            return self.source_done.is_set() and not on_summary
        return True

    def action_pause(self) -> None:
        if self.model.finished is not None or self.control.stopping:
            return
        if self.control.paused:
            self.action_resume()
            return
        self.control.pause()
        self.notify("paused: in-flight work goes on (the clock too), nothing new starts", timeout=3)
        self.refresh_bindings()

    def action_resume(self) -> None:
        if self.control.paused and self.model.finished is None:
            self.control.resume()
            self.notify("resumed")
            self.refresh_bindings()

    def action_quit_app(self) -> None:
        self.exit(self.exit_code)

    def action_failures(self) -> None:
        """The failures panel: each failure with its error, where the site declares it, and what to do."""
        failed = self.model.failures()
        if not failed:
            self.notify("nothing has failed")
            return
        where = getattr(self.source, "where", None)
        self.push_screen(FailuresScreen(failures_body(self.model, where)), self._failure_chosen)

    def _failure_chosen(self, address: str | None) -> None:
        if address:
            self.show_details(address)

    def action_search(self) -> None:
        self.push_screen(SearchScreen(self.search), self._searched)

    def _searched(self, text: str | None) -> None:
        if text is None:
            return
        self.search = text.strip()
        self._drawn = ()
        self.tick(force=True)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette (ctrl+p): every dashboard action by name."""
        yield from super().get_system_commands(screen)
        for title, help_text, action in PALETTE:
            if self.check_action(action.split("(")[0], ()) is not False:
                yield SystemCommand(title, help_text, functools.partial(self.run_action, action))

    def action_stop(self) -> None:
        if self.source_done.is_set():
            self.exit(self.exit_code)
            return
        if self.control.stopping:
            self.push_screen(ConfirmScreen("Abandon in-flight work now?",
                                           "What the provider already made is adopted by the next apply.",
                                           yes="Abandon"), self._hard_stop)
            return
        self.push_screen(ConfirmScreen("Stop the apply?",
                                       "Nothing new starts; in-flight resources finish and are recorded. "
                                       "Apply again to resume.", yes="Stop"), self._soft_stop)

    def _soft_stop(self, yes: bool | None) -> None:
        if yes:
            self.control.request_stop()
            self.notify("stopping: waiting for in-flight work")

    def _hard_stop(self, yes: bool | None) -> None:
        if yes:
            self.control.request_stop(hard=True)

    def action_interrupt(self) -> None:
        if self.source_done.is_set():
            self.exit(self.exit_code)
        else:
            self.control.interrupt()

    def action_filter(self, name: str) -> None:
        self.filter = "all" if self.filter == name else name
        self.tick(force=True)

    def action_next_view(self) -> None:
        self.view_index = (self.view_index + 1) % len(VIEWS)
        self._apply_layout()
        current = (self.dashboard or self.screen).query_one(f"#{VIEWS[self.view_index]}")
        if self.screen.has_class("-narrow"):
            self.call_after_refresh(current.focus)  # once the style change has made it visible
        self._drawn = ()
        self.tick(force=True)

    def action_follow(self) -> None:
        (self.dashboard or self.screen).query_one(Timeline).action_follow()

    def action_zoom(self) -> None:
        """Give the lower half the whole screen (phases and critical path hide), or back."""
        board = self.dashboard or self.screen
        board.set_class(not board.has_class("-zoom"), "-zoom")
        self._drawn = ()

    def action_help(self) -> None:
        self.push_screen(HelpScreen(destroy=self.model.destroying))

    def action_summary(self) -> None:
        if not self.source_done.is_set() or isinstance(self.screen, SummaryScreen):
            return
        self.tick(force=True)
        proj = project(self.model)
        diagnostics = self.outcome.diagnostics if self.outcome else []
        self.push_screen(SummaryScreen(summary(self.model, proj, diagnostics)))

    def on_timeline_selected(self, message: Timeline.Selected) -> None:
        self.show_details(message.address)

    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        key = message.row_key.value
        if key in self.model.resources:
            self.show_details(key)

    def show_details(self, address: str) -> None:
        r = self.model.resources.get(address)
        if r is None:
            return
        recorded = None
        if hasattr(self.source, "describe"):
            recorded = self.source.describe(address)
        where = getattr(self.source, "where", None)
        self.push_screen(DetailsScreen(describe(r, self.model, self._now(), recorded,
                                                where(address) if where else None)))

    @property
    def exit_code(self) -> int:
        return self.outcome.exit_code if self.outcome else 1

    def on_unmount(self) -> None:
        if not self.source_done.is_set():
            self.control.request_stop(hard=True)
        self.buffer.close()


def run_tui(site_path: str | Path, options: RunOptions | None = None, *, yes: bool = True,
            sinks: Sequence[Callable[[Any], None]] = (), control: RunControl | None = None,
            saved: Any = None) -> int:
    """Apply ``site_path`` under the dashboard with ``options`` (as :func:`ccdsl.runtime.session.apply_site`);
    ``sinks`` also receive every event (an ``--events`` journal).

    With ``yes=False`` the dashboard shows the plan's size and estimate and asks before anything starts.
    Returns the apply's exit code (0 ok, 1 failures, stopped or cancelled), or 2 when standard output is
    not a terminal.
    """
    if not sys.stdout.isatty():
        print("ccdsl: --tui needs a terminal (standard output is not one); "
              "run without --tui for plain progress lines", file=sys.stderr)
        return 2
    control = control or RunControl()
    source = ApplySource(str(site_path), options, sinks=sinks, saved=saved)
    app = DeployApp(source, control=control, confirm=not yes)
    app.run()
    if not app.source_done.is_set():
        control.request_stop(hard=True)
        app.source_done.wait(30)
    outcome = app.outcome
    if app.cancelled:
        print("cancelled: nothing was " + ("destroyed" if app.model.destroying else "applied"), file=sys.stderr)
        return 1
    if outcome is None:
        return 1
    for line in outcome.diagnostics:
        print(line, file=sys.stderr)
    if outcome.failures:
        print(f"{len(outcome.failures)} resource(s) failed:", file=sys.stderr)
        for address, reason in list(outcome.failures.items())[:20]:
            print(f"  {address}: {reason}", file=sys.stderr)
    line = verdict(app.model)
    if line:  # the record of the run, left in the terminal (and in CI logs) after the dashboard closes
        print(line)
    return outcome.exit_code


def destroy_breakdown(model: RunModel) -> str:
    """``1 Connect instance, 7 S3 buckets, 4 DynamoDB tables, 3 bots and 240 more`` for a destroy dialog."""
    kinds = [("aws_connect_instance", "Connect instance"), ("aws_s3_bucket", "S3 bucket"),
             ("aws_dynamodb_table", "DynamoDB table"), ("aws_lexv2models_bot", "bot"),
             ("aws_kinesis_stream", "Kinesis stream"), ("aws_kms_key", "KMS key")]
    rows = [r for r in model.resources.values() if r.address not in model.kept]
    parts, named = [], 0
    for rtype, name in kinds:
        n = sum(1 for r in rows if r.type == rtype)
        if n:
            parts.append(f"{n} {name}{'s' if n > 1 else ''}")
            named += n
    if len(rows) > named:
        parts.append(f"{len(rows) - named} more")
    return "Deletes " + ", ".join(parts) if parts else "Deletes nothing"

"""``ccdsl apply|destroy SITE --all-targets --tui``: a dashboard for a run over many targets.

A row per target (outcome, progress, the phase running, time left), read from the run's
:class:`~ccdsl.runtime.progress.rollout.RolloutModel` a few times a second; below it, each target's summary
as the target ends. The targets run on a worker thread (:func:`ccdsl.runtime.rollout.run_targets`);
``q`` stops them gracefully (a second ``q`` hard), and quits once they are over.
"""
from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, RichLog

from ccdsl.runtime import events as ev
from ccdsl.runtime.control import RunControl
from ccdsl.runtime.progress.rollout import RolloutModel
from ccdsl.runtime.sinks.rollout import ENDED, progress_text, table_lines, time_text
from ccdsl.runtime.sinks.summary import summary_lines

COLUMNS = ("target", "outcome", "progress", "phase", "time")
STYLES = {"done": "green", "failed": "red", "running": "yellow", "not started": "dim", "no changes": "dim"}


class TargetsApp(App[int]):
    TITLE = "ccdsl — targets"
    BINDINGS = [Binding("q", "stop_or_quit", "stop / quit")]

    def __init__(self, model: RolloutModel, start: Callable[[Any, RunControl], Any],
                 control: RunControl | None = None) -> None:
        super().__init__()
        self.model = model
        self.start = start
        self.control = control or RunControl()
        self.outcomes: Any = None
        self.done = threading.Event()
        self._lines: deque[str] = deque()
        self._seen = -1

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="targets", cursor_type="row", zebra_stripes=True)
        yield RichLog(id="log", markup=False, highlight=False, wrap=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        for name in self.model.rows:
            table.add_row(*[""] * len(COLUMNS), key=name)
        self._redraw()
        threading.Thread(target=self._work, name="ccdsl-targets", daemon=True).start()
        self.set_interval(0.25, self._redraw)

    # --- the listener the rollout calls (worker threads) ------------------------------------------
    def target_status(self, name: str, status: str, detail: str = "") -> None:
        self.model.status(name, status, detail)
        if status in ("not started", "no changes"):
            self._lines.append(f"{self.model.rows[name].label}: {status}" + (f" ({detail})" if detail else ""))

    def target_event(self, name: str, event: ev.Event) -> None:
        self.model.event(name, event)
        if isinstance(event, ev.ApplyDone):
            self._lines.append(self.model.rows[name].label)
            self._lines.extend("  " + line for line in summary_lines(self.model.rows[name].model))

    def _work(self) -> None:
        try:
            self.outcomes = self.start(self, self.control)
        finally:
            self.done.set()

    # --- drawing ------------------------------------------------------------------------------------
    def _redraw(self) -> None:
        from rich.text import Text

        log = self.query_one(RichLog)
        while self._lines:
            log.write(self._lines.popleft())
        if self.model.version == self._seen and not self.done.is_set():
            return
        self._seen = self.model.version
        table = self.query_one(DataTable)
        with self.model.lock:
            for name, row in self.model.rows.items():
                cells = (row.label, Text(row.status, style=STYLES.get(row.status, "")), progress_text(row),
                         row.phase, time_text(row))
                for column, cell in zip(table.ordered_columns, cells, strict=True):
                    table.update_cell(name, column.key, cell)
        over = self.done.is_set()
        counts = ", ".join(f"{n} {s}" for s, n in sorted(self.model.counts().items()))
        self.sub_title = f"{counts}{' — press q to quit' if over else ''}"

    @property
    def over(self) -> bool:
        return self.done.is_set() and all(r.status in ENDED for r in self.model.rows.values())

    def action_stop_or_quit(self) -> None:
        if self.done.is_set():
            self.exit(0 if self.model.ok else 1)
        else:
            self.control.interrupt()


def run_targets_tui(model: RolloutModel, start: Callable[[Any, RunControl], Any]) -> Any:
    """Run ``start(listener, control)`` under the dashboard; its result (the outcomes), or None when the
    dashboard was left before the targets were over (they are then stopped hard and waited for)."""
    import sys

    control = RunControl()
    app = TargetsApp(model, start, control)
    app.run()
    if not app.done.is_set():
        control.request_stop(hard=True)
        app.done.wait(60)
    for line in table_lines(model):
        print(line, file=sys.stdout)
    return app.outcomes

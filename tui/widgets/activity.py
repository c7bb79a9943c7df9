"""The running resources (with live slack) and the event log."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable, RichLog

from ccdsl.tui import render as R
from ccdsl.tui.widgets import ShowsAgainOnResize
from ccdsl.tui.view import View

MAX_ROWS = 200  # never more rows than this; fewer when the table is short (see ``show``)


class RunningTable(ShowsAgainOnResize, DataTable):
    """What runs now, tightest slack first: resource, phase, elapsed, estimate, slack, last note."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = False
        self.add_columns("", "resource", "ph", "time", "est", "slack", "note")

    def show(self, view: View) -> None:
        self.remember(view)
        m, proj = view.model, view.proj
        chain = proj.addresses()
        rows = sorted(m.running.values(), key=lambda r: (proj.slack.get(r.address, 0.0), r.address))
        if view.filter == "critical":
            rows = [r for r in rows if r.address in chain]
        elif view.filter == "failures":
            rows = [r for r in rows if r.status == "retrying"]
        keep = self.cursor_row
        limit = min(MAX_ROWS, max(20, self.size.height * 2))
        self.clear()
        for r in rows[:limit]:
            on = r.address in chain
            elapsed = view.now - r.start_t if r.start_t is not None else 0.0
            self.add_row(
                Text("◆" if on else R.MARK[r.status], style=R.CRIT if on else R.STYLE[r.status]),
                Text(r.address, style="bold" if on else ""), str(r.phase),
                Text(R.fmt_dur(elapsed), style="red" if elapsed > r.estimate * 1.2 + 5 else ""),
                Text(R.fmt_dur(r.estimate), style="dim"),
                Text("critical" if on else R.fmt_dur(proj.slack.get(r.address)), style=R.CRIT if on else ""),
                Text(R.note(r), style="dim"),
                key=r.address,
            )
        if len(rows) > limit:
            self.add_row("", Text(f"… {len(rows) - limit} more", style="dim"), "", "", "", "", "")
        if self.row_count:
            self.move_cursor(row=min(keep, self.row_count - 1), animate=False)


class EventLog(RichLog):
    """The latest events in plain words; a bounded number of lines, written once per redraw."""

    PER_REDRAW = 200

    def __init__(self, **kwargs) -> None:
        super().__init__(max_lines=1000, wrap=False, markup=False, highlight=False, **kwargs)
        self._seen = 0
        self._filter = "all"

    def show(self, view: View) -> None:
        log = view.model.log
        if view.filter != self._filter:  # rewrite from the kept entries under the new filter
            self._filter, self._seen = view.filter, 0
            self.clear()
        fresh = [e for e in log if e.seq > self._seen and view.wants_log(e.kind, e.address)]
        if log:
            self._seen = log[-1].seq
        if len(fresh) > self.PER_REDRAW:
            self.write(Text(f"… {len(fresh) - self.PER_REDRAW} events not shown", style="dim"))
            fresh = fresh[-self.PER_REDRAW:]
        for e in fresh:
            line = R.log_text(e, view.model)
            self.write(Text.assemble((f"{R.fmt_dur(e.t):>7} ", "dim"), (line, _STYLE.get(e.kind, ""))))


_STYLE = {"resource_failed": "bold red", "resource_skipped": "red", "resource_retrying": "yellow",
          "resource_done": "green", "phase_done": "bold", "apply_done": "bold", "run_paused": "bold yellow",
          "stop_requested": "bold yellow", "plan_ready": "bold", "resource_progress": "dim"}

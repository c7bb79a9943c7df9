"""The running resources (with live slack) and the event log."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable, RichLog

from ccdsl.tui import render as R
from ccdsl.tui.view import View
from ccdsl.tui.widgets import ShowsAgainOnResize

MAX_ROWS = 200  # never more rows than this; fewer when the table is short (see ``show``)


class RunningTable(ShowsAgainOnResize, DataTable):
    """What runs now, tightest slack first: resource, phase, elapsed, estimate, slack, last note."""

    WIDE_FROM = 72  # columns from which the phase and note columns show

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = False
        self._wide: bool | None = None

    def _columns(self, wide: bool) -> None:
        """Time, estimate and slack always show; phase and the provider's note only when there is room."""
        if wide == self._wide:
            return
        self._wide = wide
        self.clear(columns=True)
        names = ("", "resource", "ph", "time", "est", "slack", "note") if wide else ("", "resource", "time", "est",
                                                                                    "slack")
        self.add_columns(*names)

    def show(self, view: View) -> None:
        self.remember(view)
        m, proj = view.model, view.proj
        chain = proj.addresses()
        rows = sorted(m.running.values(), key=lambda r: (proj.slack.get(r.address, 0.0), r.address))
        if view.filter == "critical":
            rows = [r for r in rows if r.address in chain]
        elif view.filter == "failures":
            rows = [r for r in rows if r.status == "retrying"]
        if view.search:
            rows = [r for r in rows if view.search.lower() in r.address.lower()]
        keep = self._selected()
        limit = min(MAX_ROWS, max(20, self.size.height * 2))
        wide = self.size.width >= self.WIDE_FROM
        # the resource gets what the fixed columns leave (at most 44 cells); the note what is left after it
        fixed = 1 + 5 + 5 + 8 + 2 * 4 + 1 + (2 + 2 + 2 if wide else 0)
        res_w = max(12, min(44, self.size.width - fixed - (16 if wide else 0)))
        note_w = max(0, self.size.width - fixed - res_w)
        self._columns(wide)
        self.clear()
        for r in rows[:limit]:
            on = r.address in chain
            elapsed = view.now - r.start_t if r.start_t is not None else 0.0
            cells = [
                Text("◆" if on else R.MARK[r.status], style=R.CRIT if on else R.STYLE[r.status]),
                Text(R.squeeze(r.address, res_w), style="bold" if on else ""), str(r.phase),
                Text(R.fmt_dur(elapsed), style=R.YELLOW if elapsed > r.estimate * 1.2 + 5 else ""),
                Text(R.fmt_dur(r.estimate), style="dim"),
                Text("critical" if on else R.fmt_dur(proj.slack.get(r.address)), style=R.CRIT if on else ""),
                Text(R.squeeze(R.note(r), note_w), style="dim"),
            ]
            if not wide:
                del cells[6], cells[2]
            self.add_row(*cells, key=r.address)
        if len(rows) > limit:
            more = ["", Text(f"… {len(rows) - limit} more", style="dim")]
            self.add_row(*more, *[""] * (5 if wide else 3))
        if self.row_count:
            row = self._row_of(keep)
            self.move_cursor(row=row if row is not None else 0, animate=False)

    def _selected(self) -> str | None:
        """The address under the cursor, so the cursor stays on it when rows come and go."""
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:  # an empty table has no cell under the cursor
            return None
        return key if isinstance(key, str) else None

    def _row_of(self, address: str | None) -> int | None:
        if address is None:
            return None
        try:
            return self.get_row_index(address)
        except Exception:  # it finished: no longer in the table
            return None


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
            text = Text.assemble((f"{R.fmt_dur(e.t):>7} ", "dim"), (line, _STYLE.get(e.kind, "")))
            width = self.scrollable_content_region.width
            if width > 8:
                text.truncate(width, overflow="ellipsis")  # a cut line says so (the details have it whole)
            self.write(text)


_STYLE = {"resource_failed": f"bold {R.RED}", "resource_skipped": R.GREY, "resource_retrying": R.YELLOW,
          "resource_done": R.GREEN, "phase_done": "bold", "apply_done": "bold", "run_paused": f"bold {R.YELLOW}",
          "stop_requested": f"bold {R.YELLOW}", "plan_ready": "bold", "resource_progress": "dim"}

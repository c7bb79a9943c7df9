"""The timeline (Gantt): one row per resource, bars scaled to the widget's width, critical ones marked.

Only the visible rows are rendered (Textual's line API), so a 10k-resource run costs the same per redraw
as a small one. Row 0 is a fixed time axis. Until the user moves the cursor the view follows the work: the
running resources are pinned to the top (the live critical path first, then by least slack), above the
rows in planned order from the first unfinished one — so the step that decides the finish time is always
in sight. Once the user moves, rows are in planned order and the cursor stays on its resource whatever
the filter or the run does.
"""
from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.events import Click, MouseScrollDown, MouseScrollUp
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ccdsl.runtime.progress import ACTIVE, FINISHED
from ccdsl.tui import render as R
from ccdsl.tui.view import View
from ccdsl.tui.widgets import ShowsAgainOnResize


class Timeline(ShowsAgainOnResize, Widget, can_focus=True):
    BINDINGS = [
        Binding("up,k", "move(-1)", "up", show=False),
        Binding("down,j", "move(1)", "down", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
        Binding("period", "follow", "follow", show=False),
        Binding("enter", "select", "details", show=False),
    ]

    class Selected(Message):
        def __init__(self, address: str) -> None:
            super().__init__()
            self.address = address

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.view: View | None = None
        self.rows: list[str] = []  # the rows under the filter and search, in planned order
        self.shown: list[str] = []  # what is drawn: while following, the running rows pinned on top
        self.cursor = 0
        self.top = 0
        self.following = True
        self.pinned = 0  # rows at the top that are running (while following)
        self._chain: set[str] = set()

    # --- data ------------------------------------------------------------------------------------
    def show(self, view: View) -> None:
        self.remember(view)
        keep = self.selected
        self.view = view
        self._chain = view.proj.addresses()
        rows = self.rows = view.timeline_rows()
        if self.following:
            self.shown, self.pinned = self._pin(view, rows)
            self.cursor, self.top = 0, 0
        else:
            self.shown, self.pinned = rows, 0
            if keep is not None and keep in view.model.resources:
                try:
                    self.cursor = self.shown.index(keep)  # the cursor stays on its resource
                except ValueError:
                    pass
        self._clamp()
        self.refresh()

    def _pin(self, view: View, rows: list[str]) -> tuple[list[str], int]:
        """Running rows first (live critical path, then least slack), then the planned order from the first
        row not yet finished (finished rows before it come back when browsing); returns the rows and how many
        are pinned."""
        m, proj = view.model, view.proj
        if m.finished is not None or m.ended:
            return rows, 0  # nothing runs any more: the whole run in planned order
        active = [a for a in rows if m.resources[a].status in ACTIVE]
        active.sort(key=lambda a: (a not in self._chain, proj.slack.get(a, 0.0), a))
        pinned = set(active)
        rest = [a for a in rows if a not in pinned]
        first = next((i for i, a in enumerate(rest) if m.resources[a].status not in FINISHED), len(rest))
        lead = max(0, first - 2)  # two finished rows for context; the older ones come back with ↑↓
        return active + rest[lead:], len(active)

    def _title(self) -> None:
        n = len(self.shown)
        if not n:
            self.border_title = "Timeline · nothing to show"
        elif self.following:
            self.border_title = f"Timeline · following: {self.pinned} running on top · ↑↓ to browse"
        else:
            self.border_title = f"Timeline · row {self.cursor + 1}/{n} · . to follow"

    @property
    def selected(self) -> str | None:
        return self.shown[self.cursor] if 0 <= self.cursor < len(self.shown) else None

    def _body_height(self) -> int:
        return max(1, self.size.height - 1)

    def _clamp(self) -> None:
        n = len(self.shown)
        self.cursor = max(0, min(self.cursor, n - 1))
        h = self._body_height()
        if self.cursor < self.top:
            self.top = self.cursor
        elif self.cursor >= self.top + h:
            self.top = self.cursor - h + 1
        self.top = max(0, min(self.top, max(0, n - h)))
        self._title()

    # --- drawing ---------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.size.width
        view = self.view
        if view is None or width <= 0:
            return Strip.blank(width)
        label_w = max(14, min(40, width * 2 // 5))
        bar_w = max(0, width - label_w)
        span = max(view.proj.end, view.now, view.model.estimated_s, 1.0)
        if y == 0:
            planned = view.model.planned and bar_w
            text = Text(" " * label_w, no_wrap=True) + R.axis(bar_w, span) if planned else Text("")
        else:
            index = self.top + y - 1
            if not self.shown and y == 2:
                text = Text("  " + view.empty_text(), style="dim italic")
                return Strip(list(text.render(self.app.console))).adjust_cell_length(width)
            if index >= len(self.shown):
                return Strip.blank(width)
            address = self.shown[index]
            r = view.model.resources[address]
            text = R.gantt_row(r, label_w=label_w, bar_w=bar_w, span=span, now=view.now,
                               on_chain=address in self._chain, proj_start=view.proj.start.get(address),
                               proj_finish=view.proj.finish.get(address),
                               now_marker=view.model.finished is None)
            if index == self.cursor:
                text.stylize("reverse" if self.has_focus and not self.following else "underline", 0, label_w)
            if self.following and index == self.pinned - 1 and self.pinned < len(self.shown):
                text.stylize("underline", label_w, width)  # the line between the pinned rows and the rest
        segments = list(text.render(self.app.console))
        return Strip(segments).adjust_cell_length(width).apply_style(self.rich_style)

    # --- interaction -----------------------------------------------------------------------------
    def _unfollow(self) -> None:
        """Leave following: back to planned order, the cursor on the row it was on."""
        if not self.following:
            return
        keep = self.selected
        self.following = False
        if self.view is not None:
            self.shown, self.pinned = self.rows, 0
            self.cursor = self.shown.index(keep) if keep in self.shown else 0
            self.top = max(0, self.cursor - self._body_height() // 3)

    def action_move(self, delta: int) -> None:
        if self.following:
            self._unfollow()
            self._clamp()
            self._title()
            self.refresh()
            return
        self.cursor += delta
        self._clamp()
        self.refresh()

    def action_page(self, direction: int) -> None:
        self.action_move(direction * self._body_height())

    def action_jump(self, where: int) -> None:
        self._unfollow()
        self.cursor = 0 if where == 0 else len(self.shown) - 1
        self._clamp()
        self.refresh()

    def action_follow(self) -> None:
        self.following = True
        if self.view is not None:
            self.show(self.view)

    def action_select(self) -> None:
        if self.selected is not None:
            self.post_message(self.Selected(self.selected))

    def on_mouse_scroll_down(self, event: MouseScrollDown) -> None:
        self._scroll(3)

    def on_mouse_scroll_up(self, event: MouseScrollUp) -> None:
        self._scroll(-3)

    def _scroll(self, delta: int) -> None:
        self._unfollow()
        self.top = max(0, min(self.top + delta, max(0, len(self.shown) - self._body_height())))
        self.cursor = max(self.top, min(self.cursor, self.top + self._body_height() - 1))
        self.refresh()

    def on_click(self, event: Click) -> None:
        if event.y >= 1:
            index = self.top + event.y - 1
            address = self.shown[index] if 0 <= index < len(self.shown) else None
            self._unfollow()
            if address in self.shown:
                self.cursor = self.shown.index(address)
            self._clamp()
            self.refresh()
            if event.chain >= 2:
                self.action_select()


"""The timeline (Gantt): one row per resource, bars scaled to the widget's width, critical ones marked.

Only the visible rows are rendered (Textual's line API), so a 10k-resource run costs the same per redraw
as a small one. Row 0 is a fixed time axis. Until the user moves the cursor the view follows the work:
it keeps the earliest running resource in sight.
"""
from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.events import Click, MouseScrollDown, MouseScrollUp
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ccdsl.tui import render as R
from ccdsl.runtime.progress import ACTIVE
from ccdsl.tui.widgets import ShowsAgainOnResize
from ccdsl.tui.view import View


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
        self.rows: list[str] = []
        self.cursor = 0
        self.top = 0
        self.following = True
        self._chain: set[str] = set()

    # --- data ------------------------------------------------------------------------------------
    def show(self, view: View) -> None:
        self.remember(view)
        self.view = view
        self.rows = view.timeline_rows()
        self._chain = view.proj.addresses()
        if self.following:
            first = next((i for i, a in enumerate(self.rows) if view.model.resources[a].status in ACTIVE), None)
            if first is None:
                first = next((i for i, a in enumerate(self.rows)
                              if view.model.resources[a].status in ("pending", "queued")), 0)
            self.cursor = max(0, first)
            self.top = max(0, self.cursor - self._body_height() // 3)
        self._clamp()
        self.refresh()

    @property
    def selected(self) -> str | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def _body_height(self) -> int:
        return max(1, self.size.height - 1)

    def _clamp(self) -> None:
        n = len(self.rows)
        self.cursor = max(0, min(self.cursor, n - 1))
        h = self._body_height()
        if self.cursor < self.top:
            self.top = self.cursor
        elif self.cursor >= self.top + h:
            self.top = self.cursor - h + 1
        self.top = max(0, min(self.top, max(0, n - h)))

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
            text = Text(" " * label_w, no_wrap=True) + R.axis(bar_w, span) if bar_w else Text("")
        else:
            index = self.top + y - 1
            if index >= len(self.rows):
                return Strip.blank(width)
            address = self.rows[index]
            r = view.model.resources[address]
            text = R.gantt_row(r, label_w=label_w, bar_w=bar_w, span=span, now=view.now,
                               on_chain=address in self._chain, proj_start=view.proj.start.get(address),
                               proj_finish=view.proj.finish.get(address),
                               now_marker=view.model.finished is None)
            if index == self.cursor and not self.following:
                text.stylize("reverse", 0, label_w)
        segments = list(text.render(self.app.console))
        return Strip(segments).adjust_cell_length(width).apply_style(self.rich_style)

    # --- interaction -----------------------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        self.following = False
        self.cursor += delta
        self._clamp()
        self.refresh()

    def action_page(self, direction: int) -> None:
        self.action_move(direction * self._body_height())

    def action_jump(self, where: int) -> None:
        self.following = False
        self.cursor = 0 if where == 0 else len(self.rows) - 1
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
        self.following = False
        self.top = max(0, min(self.top + delta, max(0, len(self.rows) - self._body_height())))
        self.cursor = max(self.top, min(self.cursor, self.top + self._body_height() - 1))
        self.refresh()

    def on_click(self, event: Click) -> None:
        if event.y >= 1:
            self.following = False
            self.cursor = self.top + event.y - 1
            self._clamp()
            self.refresh()
            if event.chain >= 2:
                self.action_select()


"""The final summary: actual against estimated and against the seed's phased 25–35 minutes, per-phase
timing, the critical path as it ran, and failures with their reasons."""
from __future__ import annotations

from rich.console import Group
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ccdsl.tui.report import summary

__all__ = ["SummaryScreen", "summary"]


class SummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,b", "app.pop_screen", "dashboard"),
        Binding("q", "app.stop", "quit"),
    ]

    def __init__(self, body: Group) -> None:
        super().__init__()
        self.body = body

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary"):
            yield Static(self.body)
        yield Footer()

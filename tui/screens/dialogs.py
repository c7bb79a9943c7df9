"""Small modal screens: a yes/no confirmation and the help (keys and legend)."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [Binding("y", "answer(True)", "yes"), Binding("n,escape", "answer(False)", "no")]

    def __init__(self, question: str, detail: str = "", yes: str = "Yes", no: str = "No", danger: bool = True) -> None:
        super().__init__()
        self.question, self.detail, self.yes, self.no, self.danger = question, detail, yes, no, danger

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.question, style="bold"), id="question")
            if self.detail:
                yield Static(Text(self.detail, style="dim"), id="detail")
            with Horizontal(id="buttons"):
                yield Button(f"{self.yes} (y)", variant="error" if self.danger else "success", id="yes")
                yield Button(f"{self.no} (n)", variant="primary", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


KEYS = [
    ("p", "pause / resume: in-flight work goes on, nothing new starts"),
    ("q", "stop gracefully (asks first): in-flight work finishes; then quit"),
    ("f", "failures only (press again for everything)"),
    ("c", "critical path only (press again for everything)"),
    ("v", "next view below the phases on narrow terminals"),
    ("z", "zoom: the lower half takes the whole screen (again: back)"),
    ("↑ ↓ enter", "move in the timeline or running table; enter: details"),
    (".", "the timeline follows the running work again"),
    ("s", "the summary, once the run is over"),
    ("?", "this help"),
]
LEGEND = [
    ("◆", "on the live critical path: it decides the finish time now"),
    ("◇", "on the planned critical path"),
    ("█ ▓ ░", "done · running · projected from the estimate"),
    ("✓ ▶ ↻ ✗ -", "done · running · retrying · failed · skipped"),
    ("ETA", "remaining length of the live critical path"),
    ("slack", "how much later it may finish without moving the end"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "close")]

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for key, text in KEYS:
            table.add_row(key, text)
        table.add_row("", "")
        for mark, text in LEGEND:
            table.add_row(Text(mark, style="magenta"), text)
        with VerticalScroll(id="dialog"):
            yield Static(Text("ccdsl apply — keys and legend", style="bold"))
            yield Static(table)
            yield Static(Text("escape closes", style="dim"))

"""Small modal screens: a yes/no confirmation and the help (keys and legend)."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ccdsl.tui import render as R


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [Binding("y", "answer(True)", "yes"), Binding("n,escape", "answer(False)", "no")]

    def __init__(self, question: str, detail: str = "", yes: str = "Yes", no: str = "No", danger: bool = True) -> None:
        super().__init__()
        self.question, self.detail, self.yes, self.no, self.danger = question, detail, yes, no, danger

    def on_mount(self) -> None:
        self.set_class(self.danger, "-danger")

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
    ("p", "pause / resume: in-flight work goes on (and the clock), nothing new starts"),
    ("q", "stop gracefully (asks first): in-flight work finishes; once the run is over: quit"),
    ("e", "the failures: error, the .ccd line that declares it, a hint; enter: details"),
    ("f", "only failed, retrying and skipped rows (press again for everything)"),
    ("c", "only the live critical path (press again for everything)"),
    ("/", "search: only rows whose address contains a text (empty: everything)"),
    ("tab", "next panel: timeline → running → events"),
    ("↑ ↓ enter", "move in the timeline or running table (stops following); enter: details"),
    (".", "follow again: the running resources pinned on top"),
    ("v", "next view below the phases (narrow terminals)"),
    ("z", "zoom: the lower half takes the whole screen (again: back)"),
    ("s", "the summary, once the run is over"),
    ("ctrl+p", "command palette: every action by name"),
    ("?", "this help"),
]
WORDS = [
    ("remaining", "time left along the live critical path"),
    ("finish at", "deployment time the run should end at"),
    ("planned", "the plan's estimate of the whole run"),
    ("slack", "how much later a step may finish without moving the end"),
]


class SearchScreen(ModalScreen["str | None"]):
    """``/``: a text; the timeline and running table then show only the addresses that contain it."""

    BINDINGS = [Binding("escape", "dismiss(None)", "cancel")]

    def __init__(self, current: str = "") -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text("Search resources (enter: apply, empty: show everything, escape: cancel)",
                              style="bold"))
            yield Input(value=self.current, placeholder="e.g. bot.banking or build", id="search")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "close")]

    def __init__(self, destroy: bool = False) -> None:
        super().__init__()
        self.destroy = destroy

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for key, text in KEYS:
            table.add_row(key, text)
        table.add_row("", "")
        for mark, style, text in R.LEGEND:
            table.add_row(Text(mark, style=style), Text(text, style=style))
        table.add_row("", "")
        for word, text in WORDS:
            table.add_row(Text(word, style="bold"), text)
        with VerticalScroll(id="dialog"):
            yield Static(Text(f"ccdsl {'destroy' if self.destroy else 'apply'} — keys, colours and words",
                              style="bold"))
            yield Static(table)
            yield Static(Text("escape closes", style="dim"))

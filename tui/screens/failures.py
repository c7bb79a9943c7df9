"""The failures panel (``e``): every failed resource with its error, the ``.ccd`` line that declares it,
how many resources it held back, and what to do next; enter opens a failure's details."""
from __future__ import annotations

from collections.abc import Callable

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ccdsl.runtime.progress import RunModel
from ccdsl.tui import render as R

Where = Callable[[str], "str | None"]


def hint(error: str, action: str) -> str:
    """What to do about a failure, from its error."""
    text = error.lower()
    if "limit" in text or "throttl" in text or "toomany" in text:
        return "a service limit was hit: raise the quota or lower --parallelism / --limits, then apply again"
    if "accessdenied" in text or "not authorized" in text:
        return "the credentials lack a permission: grant it, then apply again"
    if "notfound" in text or "does not exist" in text:
        return "something it needs is missing (a parameter, a dependency made outside ccdsl): create it, then " \
               "apply again"
    if "validation" in text or "invalid" in text:
        return "AWS refused an input: fix it in the .ccd line above, then apply again"
    verb = "destroy" if action == "delete" else "apply"
    return f"fix the cause, then run `ccdsl {verb}` again: what is done is kept, only this and what waits on it run"


def failures_body(model: RunModel, where: Where | None = None) -> list[tuple[str, Group]]:
    """(address, renderable) per failure, in the order they failed."""
    skipped: dict[str, int] = {}
    for r in model.resources.values():
        if r.status == "skipped":
            skipped[r.because] = skipped.get(r.because, 0) + 1
    out = []
    for r in model.failures():
        head = Text.assemble(("✗ ", f"bold {R.RED}"), (r.address, f"bold {R.RED}"),
                             (f"  {r.type} · {r.action} · {r.attempts} attempt(s)", "dim"))
        lines = [head, Text(f"  {r.error}", style=R.RED)]
        line = where(r.address) if where else None
        if line:
            lines.append(Text.assemble(("  declared at ", "dim"), (line, "bold")))
        if skipped.get(r.address):
            lines.append(Text(f"  held back {skipped[r.address]} resource(s) that depend on it", style=R.GREY))
        lines.append(Text.assemble(("  hint: ", "dim"), hint(r.error, r.action)))
        out.append((r.address, Group(*lines)))
    return out


class FailuresScreen(ModalScreen["str | None"]):
    """The failures, one option each; enter shows the chosen one's details, escape closes."""

    BINDINGS = [Binding("escape,e,q", "dismiss(None)", "close")]

    def __init__(self, items: list[tuple[str, Group]]) -> None:
        super().__init__()
        self.items = items

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(Text(f"{len(self.items)} failure(s) · enter: details · escape: close", style="bold"))
            yield OptionList(*[Option(body, id=address) for address, body in self.items], id="failures")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

"""Details of one resource: plan figures, times, status, error, outputs and recorded inputs."""
from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.pretty import Pretty
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ccdsl.runtime.progress import Res, RunModel
from ccdsl.tui import render as R
from ccdsl.tui.render import fmt_dur


def describe(r: Res, model: RunModel, now: float, recorded: dict[str, Any] | None,
             declared: str | None = None) -> Group:
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column()
    facts.add_row("type", r.type)
    if declared:
        facts.add_row("declared at", Text(declared, style="bold"))
    facts.add_row("phase", f"{r.phase} {model.phases[r.phase].name}")
    facts.add_row("action", r.action)
    if r.source is not None:
        facts.add_row("declared", str(r.source))
    facts.add_row("status", Text(f"{R.MARK.get(r.status, '')} {r.status}", style=R.STYLE.get(r.status, "")))
    facts.add_row("estimate", fmt_dur(r.estimate))
    if r.start_t is not None:
        end = r.end_t if r.end_t is not None else now
        facts.add_row("started", f"t {fmt_dur(r.start_t)}")
        facts.add_row("duration" if r.end_t is not None else "so far", fmt_dur(end - r.start_t))
    facts.add_row("planned", ("on the critical path" if r.critical else f"slack {fmt_dur(r.slack)}"))
    if r.attempts:
        facts.add_row("attempts", str(r.attempts))
    if R.note(r):
        facts.add_row("note", R.note(r))
    if r.because:
        facts.add_row("skipped", f"because {r.because} failed")
    deps = list(r.deps)
    facts.add_row("after", ", ".join(deps[:8]) + (f" … +{len(deps) - 8}" if len(deps) > 8 else "") or "-")
    dependants = model.succ.get(r.address, [])
    facts.add_row("before", ", ".join(dependants[:8]) + (f" … +{len(dependants) - 8}" if len(dependants) > 8
                                                           else "") or "-")
    parts: list[Any] = [Text(r.address, style="bold"), facts]
    error = r.error or (recorded or {}).get("error", "")
    if error:
        parts += [Text("\nerror", style=f"bold {R.RED}"), Text(error, style=R.RED)]
    outputs = r.outputs or (recorded or {}).get("outputs") or {}
    parts += [Text("\noutputs", style="bold"), _json(outputs) if outputs else Text("none yet", style="dim")]
    inputs = (recorded or {}).get("inputs")
    parts += [Text("\ninputs" + (" (as sent; secrets masked)" if inputs else ""), style="bold"),
              _json(inputs) if inputs else Text("recorded in state once the resource is done", style="dim")]
    return Group(*parts)


def _json(value: Any) -> Any:
    """Values as JSON (the form AWS documents them in), not Python reprs."""
    from rich.json import JSON

    try:
        return JSON.from_data(value, indent=2, default=str)
    except (TypeError, ValueError):
        return Pretty(value)


class DetailsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter,q", "dismiss", "close")]

    def __init__(self, body: Group) -> None:
        super().__init__()
        self.body = body

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(self.body)
            yield Static(Text("escape closes", style="dim"))

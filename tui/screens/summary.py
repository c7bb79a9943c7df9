"""The final summary: actual against estimated and against the seed's phased 25–35 minutes, per-phase
timing, the critical path as it ran, and failures with their reasons."""
from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.panel import Panel
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ccdsl.tui import render as R
from ccdsl.tui.critical import Projection
from ccdsl.tui.model import RunModel, fmt_dur


def summary(model: RunModel, proj: Projection, diagnostics: list[str] = ()) -> Group:
    done = model.finished
    c = model.counts
    if done is None:
        title = Text("The run ended before it finished", style="bold red")
    elif done.ok:
        title = Text(f"Applied {c['done']} changes in {fmt_dur(done.elapsed_s)}", style="bold green")
    elif model.stopping:
        title = Text(f"Stopped: {c['done']} done, {done.counts.get('pending', 0)} not started", style="bold yellow")
    else:
        title = Text(f"Finished with failures: {c['done']} done, {c['failed']} failed, {c['skipped']} skipped",
                     style="bold red")
    parts: list[Any] = [title, Text(f"{model.site} · {model.provider} · {model.noop} unchanged", style="dim"),
                        Text(""), R.baseline_table(model, proj), Text("")]
    parts.append(Panel(R.phase_table(model, model.t, estimates=True), title="phases",
                       title_align="left", border_style="dim"))
    if proj.chain:
        parts.append(Panel(R.chain_table(proj), title="critical path as it ran", title_align="left",
                           border_style="magenta"))
    failures = R.failures_table(model)
    if failures is not None:
        parts.append(Panel(failures, title="failures", title_align="left", border_style="red"))
    if diagnostics:
        parts.append(Panel(Text("\n".join(diagnostics), style="red"), title="problems", title_align="left",
                           border_style="red"))
    return Group(*parts)


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

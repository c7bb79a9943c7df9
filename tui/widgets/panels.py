"""The status line, the phases panel and the live critical-path panel."""
from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from ccdsl.tui import render as R
from ccdsl.tui.render import fmt_dur
from ccdsl.tui.widgets import ShowsAgainOnResize
from ccdsl.tui.view import FILTERS, View


class StatusBar(ShowsAgainOnResize, Static):
    """One line: site, provider, run state, deployment clock, ETA, counts and the active filter."""

    def show(self, view: View, title: str) -> None:
        self.remember(view, title)
        m = view.model
        label, style = R.RUN_STATE[m.state()]
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f" {label}", style=style)
        text.append(f"  {fmt_dur(view.now)}")
        if self.size.width >= 100:
            text.append(" elapsed", style="dim")
        if m.finished is None and m.planned:
            text.append("  in-flight done in " if m.stopping else "  ETA ", style="dim")
            text.append(fmt_dur(view.eta), style="bold magenta")
        c = m.counts
        text.append(f"  {c['done']}/{m.total} done", style="green")
        for key, style in (("running", "yellow"), ("failed", "bold red"), ("skipped", "red")):
            if c[key]:
                text.append(" · ", style="dim")
                text.append(f"{c[key]} {key}", style=style)
        if view.filter != "all":
            text.append(f"  [{FILTERS[view.filter]}]", style="reverse")
        text.append(f"   {m.site or title}", style="bold")
        if m.provider:
            text.append(f" · {m.provider}", style="dim")
        self.update(text)


class PhasesPanel(ShowsAgainOnResize, Static):
    """The seed's ten phases: bar, done/total, elapsed and status."""

    def show(self, view: View) -> None:
        self.remember(view)
        self.update(R.phase_table(view.model, view.now, width=self.size.width, total=self.size.height >= 12))


class CriticalPanel(ShowsAgainOnResize, Static):
    """The chain that decides the finish time now, its steps' estimated and actual durations, the ETA,
    and the live slack of the other running resources."""

    def show(self, view: View) -> None:
        self.remember(view)
        m, proj = view.model, view.proj
        if not m.planned:
            self.update(Text("waiting for the plan…", style="dim"))
            return
        head = Text(no_wrap=True, overflow="ellipsis")
        if m.finished is None and m.stopping:
            head.append("stopping; in-flight done in ", style="dim")
            head.append(fmt_dur(view.eta), style="bold yellow")
        elif m.finished is None:
            head.append("ETA ", style="dim")
            head.append(fmt_dur(proj.eta), style="bold magenta")
            head.append(f"  ends {fmt_dur(proj.end)}", style="")
        else:
            head.append("ran ", style="dim")
            head.append(fmt_dur(m.finished.elapsed_s), style="bold")
        head.append(f"  plan {fmt_dur(m.estimated_s)}", style="dim")
        self.border_title = f"Critical path · {len(proj.chain)} steps"
        slack = Text(no_wrap=True, overflow="ellipsis")
        off = sorted((s, a) for a, s in proj.slack.items() if a not in proj.addresses())
        if off:
            s, a = off[0]
            slack.append(f"{len(off)} other{'s' if len(off) > 1 else ''} running, least slack ", style="dim")
            slack.append(fmt_dur(s), style="yellow")
            slack.append(f" {a}", style="dim")
        rows = max(1, self.size.height - 2 - (1 if off else 0))
        parts = [head, R.chain_table(proj, rows, self.size.width)]
        if off:
            parts.append(slack)
        self.update(Group(*parts))

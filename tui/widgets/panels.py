"""The status line, the phases panel and the live critical-path panel."""
from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widgets import Static

from ccdsl.tui import render as R
from ccdsl.tui.render import fmt_dur
from ccdsl.tui.view import FILTERS, View
from ccdsl.tui.widgets import ShowsAgainOnResize


class StatusBar(ShowsAgainOnResize, Static):
    """One line: what and where (destroy or apply, site, provider, region), run state, deployment clock, time
    remaining, counts and the active filter or search."""

    def show(self, view: View, title: str) -> None:
        self.remember(view, title)
        m = view.model
        label, style = R.RUN_STATE[m.state()]
        text = Text(no_wrap=True, overflow="ellipsis")
        if not m.planned:  # no figures yet: none shown as zeros
            text.append(f" {title}", style="bold")
            text.append("  compiling and planning…", style="dim")
            self.update(text)
            return
        if m.destroying:
            text.append(" DESTROY ", style=f"bold reverse {R.RED}")
        text.append(f" {m.site or title}", style="bold")
        target = " · ".join(x for x in (m.provider, m.region) if x)
        if target:
            text.append(f" ({target})", style="dim")
        text.append(f"  {label}", style=style)
        text.append(f"  {fmt_dur(view.now)}")
        text.append(" elapsed" if self.size.width >= 100 else "", style="dim")
        if m.finished is None and m.planned:
            text.append("  in-flight done in " if m.stopping else "  remaining ", style="dim")
            text.append(fmt_dur(view.eta), style="bold")
        c = m.counts
        text.append(f"  {c['done']}/{m.total} done", style=R.GREEN)
        for key, style in (("running", R.YELLOW), ("failed", f"bold {R.RED}"), ("skipped", R.GREY)):
            if c[key]:
                text.append(" · ", style="dim")
                text.append(f"{c[key]} {key}", style=style)
        if view.filter != "all":
            text.append(f"  [{FILTERS[view.filter]}]", style="reverse")
        if view.search:
            text.append(f"  [/{view.search}]", style="reverse")
        self.update(text)


class FailureStrip(ShowsAgainOnResize, Static):
    """One line under the status bar once something failed: the first failure, its reason and the key to
    the failures panel. Hidden while nothing failed."""

    def show(self, view: View) -> None:
        self.remember(view)
        failed = view.model.failures()
        self.display = bool(failed)
        if not failed:
            return
        first = failed[0]
        skipped = sum(1 for r in view.model.resources.values() if r.status == "skipped")
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(" ✗ ", style=f"bold {R.RED}")
        text.append(first.address, style=f"bold {R.RED}")
        text.append(f": {first.error}", style=R.RED)
        more = [f"{len(failed) - 1} more failed"] if len(failed) > 1 else []
        more += [f"{skipped} skipped"] if skipped else []
        tail = f"  ({', '.join(more)})" if more else ""
        text.append(f"{tail} — e: failures", style="dim")
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
            head.append("remaining ", style="dim")
            head.append(fmt_dur(proj.eta), style="bold")
            head.append(" · finish at ", style="dim")
            head.append(fmt_dur(proj.end))
        else:
            head.append("ran ", style="dim")
            head.append(fmt_dur(m.finished.elapsed_s), style="bold")
        head.append(" · planned ", style="dim")
        head.append(fmt_dur(m.estimated_s), style="dim")
        self.border_title = f"Critical path · {len(proj.chain)} steps (they set the finish)"
        slack = Text(no_wrap=True, overflow="ellipsis")
        off = sorted((s, a) for a, s in proj.slack.items() if a not in proj.addresses())
        if off:
            s, a = off[0]
            slack.append(f"{len(off)} other{'s' if len(off) > 1 else ''} running; ", style="dim")
            slack.append(R.squeeze(a, max(8, self.size.width - 40)), style="dim")
            slack.append(" may finish ", style="dim")
            slack.append(fmt_dur(s), style=R.YELLOW)
            slack.append(" later", style="dim")
        rows = max(1, self.size.height - 2 - (1 if off else 0))
        parts: list[RenderableType] = [head, R.chain_table(proj, rows, self.size.width)]
        if off:
            parts.append(slack)
        self.update(Group(*parts))

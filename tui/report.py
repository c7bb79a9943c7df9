"""A run as one rich renderable: the summary (the app's last screen) and the full report of
``ccdsl report`` (summary plus the timeline). Rich only, no Textual."""
from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from rich.console import Group
from rich.constrain import Constrain
from rich.panel import Panel
from rich.text import Text

from ccdsl.runtime import events as ev
from ccdsl.runtime.progress import Projection, RunModel, project
from ccdsl.tui import render as R
from ccdsl.tui.render import fmt_dur


def summary(model: RunModel, proj: Projection, diagnostics: Sequence[str] = ()) -> Group:
    """Actual against estimated and the seed's phased 25–35 min, phases, the critical path as it ran,
    failures with their reasons."""
    done = model.finished
    c = model.counts
    if not model.planned:
        title = Text("Nothing was applied: the run stopped before its plan was ready", style="bold red")
        return Group(title, Text(""), Panel(Text("\n".join(diagnostics) or "no reason was given", style="red"),
                                            title="problems", title_align="left", border_style="red"))
    if model.total == 0:
        return Group(Text("No changes: everything recorded already matches the site", style="bold green"),
                     Text(f"{model.site} · {model.provider} · {model.noop} unchanged", style="dim"),
                     *([Panel(Text("\n".join(diagnostics), style="red"), title="problems", title_align="left",
                              border_style="red")] if diagnostics else []))
    if done is None:
        title = Text("The run ended before it finished", style="bold red")
    elif done.ok:
        what = f"Destroyed {c['done']} resources" if model.destroying else f"Applied {c['done']} changes"
        title = Text(f"{what} in {fmt_dur(done.elapsed_s)}", style="bold green")
    elif model.stopping:
        flight = sum(1 for r in model.resources.values() if r.status in R.ACTIVE)
        title = Text(f"Stopped: {c['done']} done" + (f", {flight} abandoned in flight" if flight else "")
                     + f", {done.counts.get('pending', 0) - flight if flight else done.counts.get('pending', 0)} "
                     f"not started; run `ccdsl {'destroy' if model.destroying else 'apply'}` again to resume",
                     style=f"bold {R.YELLOW}")
    else:
        title = Text(f"Finished with failures: {c['done']} done, {c['failed']} failed, {c['skipped']} skipped",
                     style="bold red")
    parts: list[Any] = [title, Text(f"{model.site} · {model.provider} · {model.noop} unchanged", style="dim"),
                        Text("")]
    failures = R.failures_table(model)
    if failures is not None:  # first: what failed and what to do is what a reader needs after a failure
        verb = "destroy" if model.destroying else "apply"
        parts.append(Panel(failures, title=f"failures · fix them and run `ccdsl {verb}` again",
                           title_align="left", border_style=R.RED))
    parts += [R.baseline_table(model, proj), Text("")]
    parts.append(Panel(R.phase_table(model, model.t, estimates=True, total=True), title="phases", title_align="left",
                       border_style="dim"))
    if proj.chain:
        ran = all(step.status in ("done", "failed") for step in proj.chain)
        parts.append(Panel(R.chain_table(proj), title="critical path as it ran" if ran
                           else "critical path (what did not run: estimated)",
                           title_align="left", border_style=R.BLUE))
    if diagnostics:
        parts.append(Panel(Text("\n".join(diagnostics), style="red"), title="problems", title_align="left",
                           border_style="red"))
    return Group(*parts)


def build_report(events: Sequence[ev.Event], meta: dict[str, Any], width: int, only: str | None = None
                 ) -> Group | None:
    """Summary and timeline of a recorded run; None when the events hold no plan."""
    model = RunModel()
    model.apply_all(events)
    model.ended = True  # a recorded run is over, whether or not it got to its end
    if not model.planned:
        return None
    proj = project(model)
    when = ""
    if meta.get("started"):
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(meta["started"]))
    head = Text()
    head.append(f"{meta.get('command') or 'apply'} run {meta['id']}" if meta.get("id") else "recorded run",
                style="bold")
    if when:
        head.append(f" · {when}", style="dim")
    rows = model.order
    if only == "critical":  # the chain as it ran, and what failed on the way
        on = proj.addresses() | {r.address for r in model.failures()}
        rows = [a for a in rows if a in on]
    elif only == "failures":
        rows = [a for a in rows if model.resources[a].status in ("failed", "skipped")]
    legend = Text.assemble(("◆ critical path as it ran", R.CRIT), "   ", ("◇ planned critical path", R.PLANNED), "   ",
                           ("█ done", R.GREEN), "   ", ("▓ running ░ projected", R.YELLOW), "   ",
                           ("█ failed", R.RED), "   ", ("- skipped", R.GREY))
    what = {"critical": "the critical path", "failures": "failed and skipped"}.get(only or "", "every resource")
    timeline = Panel(Group(R.timeline(model, proj, max(40, width - 4), rows), legend),
                     title=f"timeline · {what}: {len(rows)} of {model.total} resources"
                     + (" (--full for all)" if only == "critical" else ""), title_align="left",
                     border_style="dim", width=max(40, width))
    # One width for every box, so their right edges line up.
    return Group(head, Constrain(summary(model, proj), width=max(40, width)), timeline)

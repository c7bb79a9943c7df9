"""Rich renderables of a run, shared by the live app and ``ccdsl report``: the phase table, the critical
chain, timeline (Gantt) rows scaled to a width, and the comparison with the seed's phased deployment.
"""
from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ccdsl.runtime import events as ev
from ccdsl.runtime.progress import (
    ACTIVE,
    SEED_DESTROY_S,
    SEED_PHASED_S,
    LogEntry,
    PhaseStat,
    Projection,
    Res,
    RunModel,
    Step,
)

# One meaning per colour, the same in every view (and shown in the help's legend):
# green done · yellow running · red failed (only) · grey skipped or waiting · blue the live critical path.
GREEN, YELLOW, RED, GREY, BLUE = "#5fd75f", "#ffd75f", "#ff5f5f", "#8a8a8a", "#5fafff"
MARK = {"pending": "·", "queued": "○", "running": "▶", "retrying": "↻", "done": "✓", "failed": "✗",
        "skipped": "-", "waiting": "·", "none": " ", "stopped": "■"}
STYLE = {"pending": "dim", "queued": GREY, "running": YELLOW, "retrying": f"bold {YELLOW}", "done": GREEN,
         "failed": f"bold {RED}", "skipped": GREY, "waiting": "dim", "none": "dim", "stopped": YELLOW}
RUN_STATE = {"waiting": ("…", "dim"), "running": ("▶ running", f"bold {GREEN}"),
             "paused": ("‖ paused", f"bold {YELLOW}"), "stopping": ("■ stopping", f"bold {YELLOW}"),
             "done": ("✓ done", f"bold {GREEN}"), "failed": ("✗ finished with failures", f"bold {RED}")}
CRIT = f"bold {BLUE}"
PLANNED = f"dim {BLUE}"
LEGEND = [  # (marks, style, meaning): the help screen draws each in its own colour
    ("◆", CRIT, "on the live critical path: it decides the finish time now"),
    ("◇", PLANNED, "on the planned critical path"),
    ("█", GREEN, "done"),
    ("▓ ░", YELLOW, "running · projected from its estimate"),
    ("█ ✗", f"bold {RED}", "failed (red means failed, nothing else)"),
    ("- ·", GREY, "skipped (a dependency failed) · waiting"),
    ("↻", f"bold {YELLOW}", "retrying after a throttle or transient error"),
]


def fmt_dur(seconds: float | None) -> str:
    """``m:ss`` or ``h:mm:ss``; ``-`` for unknown."""
    if seconds is None:
        return "-"
    s = int(round(max(0.0, seconds)))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def note(r: Res) -> str:
    """A resource's last note: its pending retry, or the provider's last progress message."""
    if r.retry is not None:
        return f"retry {r.retry.attempt} in {r.retry.delay_s:.0f}s: {r.retry.reason}"
    return r.message


def log_text(entry: LogEntry, model: RunModel) -> str:
    """One line of the event log in plain words."""
    e, r = entry.event, model.resources.get(entry.address)
    if isinstance(e, ev.PlanReady):
        return (f"plan: {model.total} changes, {model.noop} unchanged, "
                f"critical path {len(model.planned_path)} steps, {fmt_dur(model.estimated_s)}")
    if isinstance(e, ev.ResourceStarted):
        return f"start {e.action} {e.address}"
    if isinstance(e, ev.ResourceProgress):
        return f"{e.address}: {e.message}"
    if isinstance(e, ev.ResourceRetrying):
        return f"retry {e.address} #{e.attempt} in {e.delay_s:.0f}s: {e.reason}"
    if isinstance(e, ev.ResourceDone):
        return f"done  {e.address} in {fmt_dur(e.duration_s)} (est {fmt_dur(r.estimate if r else None)})"
    if isinstance(e, ev.ResourceFailed):
        where = f" ({e.source})" if e.source is not None else ""
        return f"FAIL  {e.address}{where} after {e.attempts} attempt(s): {e.error}"
    if isinstance(e, ev.ResourceSkipped):
        return f"skip  {e.address} (after {e.because} failed)"
    if isinstance(e, ev.PhaseDone):
        ph = model.phases.get(e.phase)
        return f"phase {e.phase} {ph.name if ph else ''} finished in {fmt_dur(e.elapsed_s)}"
    if isinstance(e, ev.RunPaused):
        if e.t == 0.0 and not model.finished_count and entry.seq <= 2:
            return "held: nothing starts until the plan is confirmed"
        return "paused: in-flight work goes on, no new work starts"
    if isinstance(e, ev.RunResumed):
        return "resumed"
    if isinstance(e, ev.StopRequested):
        return "stop requested: " + ("abandoning in-flight work" if e.hard else "finishing in-flight work")
    if isinstance(e, ev.ApplyDone):
        word = "succeeded" if e.ok else "finished with problems"
        return f"apply {word} in {fmt_dur(e.elapsed_s)} (estimated {fmt_dur(e.estimated_s)})"
    return e.kind


def status_text(status: str) -> Text:
    return Text(MARK.get(status, "?"), style=STYLE.get(status, ""))


def phase_table(model: RunModel, now: float, *, estimates: bool = False, bar_width: int | None = None,
                width: int | None = None, total: bool = False) -> Table:
    """One row per seed phase: number, name, bar, done/total, elapsed (and the planned span), status.

    With ``estimates`` it is a headed table for summaries and reports."""
    if estimates:
        table = Table(box=None, padding=(0, 1), expand=True, header_style="dim", show_edge=False)
    else:
        table = Table.grid(padding=(0, 1), expand=True)
    table.add_column("", justify="right", width=2, no_wrap=True)
    name_w = 20 if width is None else max(6, min(20, width - 24))
    table.add_column("phase", width=name_w, no_wrap=True, overflow="ellipsis")
    table.add_column("", ratio=1, min_width=4, no_wrap=True, width=bar_width)
    table.add_column("done", justify="right", no_wrap=True)
    table.add_column("took", justify="right", no_wrap=True)
    if estimates:
        table.add_column("planned", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True, width=1)
    for ph in model.phases.values():
        status = ph.status(run_over=model.ended)
        if status == "failed" and not ph.failed:
            status = "skipped"  # nothing of its own failed: a dependency elsewhere did
        style = STYLE.get(status, "")
        bar = ShareBar(ph.total, ph.done, ph.failed, ph.skipped, ph.running, bar_width)
        count = Text(f"{ph.done}/{ph.total}" if ph.total else "-", style=RED if ph.failed else "")
        cells: list[Any] = [Text(str(ph.number), style="dim"), Text(ph.name, style=style if status != "done" else ""),
                            bar, count, Text(fmt_dur(ph.elapsed(now)) if ph.first_start is not None else "")]
        if estimates:
            cells.append(Text(fmt_dur(ph.estimate) if ph.total else "", style="dim"))
        cells.append(status_text(status))
        table.add_row(*cells)
    if total and model.total:
        c = model.counts
        bar = ShareBar(model.total, c["done"], c["failed"], c["skipped"], c["running"], bar_width)
        total_cells: list[Any] = [Text(""), Text("all phases", style="bold"), bar,
                                  Text(f"{c['done']}/{model.total}", style="bold"), Text(fmt_dur(now), style="bold")]
        if estimates:
            total_cells.append(Text(fmt_dur(model.estimated_s), style="dim"))
        total_cells.append(Text(""))
        table.add_row(*total_cells, end_section=False)
    return table


class ShareBar:
    """A bar whose cells are coloured by share: done green, failed red, skipped grey, running yellow."""

    def __init__(self, total: int, done: int, failed: int, skipped: int, running: int = 0,
                 width: int | None = None) -> None:
        self.total, self.width = total, width
        self.parts = ((done, GREEN, "━"), (failed, RED, "━"), (skipped, GREY, "━"), (running, YELLOW, "━"))

    def __rich_console__(self, console, options):  # type: ignore[no-untyped-def]
        width = min(self.width or options.max_width, options.max_width)
        text = Text(no_wrap=True, overflow="crop")
        used = 0
        for n, style, char in self.parts:
            cells = round(n * width / self.total) if self.total else 0
            cells = min(cells, width - used)
            if n and not cells and used < width:
                cells = 1  # a share too small to show still shows
            text.append(char * cells, style=style)
            used += cells
        text.append("━" * max(0, width - used), style="#3a3a3a")
        yield text

    def __rich_measure__(self, console, options):  # type: ignore[no-untyped-def]
        from rich.measure import Measurement

        return Measurement(4, self.width or options.max_width)


def chain_window(proj: Projection, rows: int) -> list[Step]:
    """At most ``rows`` steps of the live chain, centred on the first unfinished step."""
    chain = proj.chain
    if len(chain) <= rows:
        return chain
    first_open = next((i for i, s in enumerate(chain) if s.status not in ("done", "failed", "skipped")), len(chain))
    lo = max(0, min(first_open - 2, len(chain) - rows))
    return chain[lo:lo + rows]


def squeeze(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells in the middle, by dotted segment where it can: the head and the
    distinctive tail of an address stay (``bot.sales…ProductInfo.product.en_GB``)."""
    if len(text) <= width or width < 5:
        return text[:max(width, 0)]
    parts = text.split(".")
    tail = ""
    for part in reversed(parts[1:]):
        candidate = f".{part}{tail}"
        if len(candidate) > width - 4:  # keep at least three cells of the head
            break
        tail = candidate
    if tail and len(tail) >= (width - 1) // 2:
        return text[: width - 1 - len(tail)] + "…" + tail
    head = (width - 1) // 2
    return text[:head] + "…" + text[len(text) - (width - 1 - head):]


def chain_table(proj: Projection, rows: int | None = None, width: int | None = None) -> Table:
    """The live critical chain: status, resource, estimated and actual (or so-far) duration."""
    table = Table(box=None, padding=(0, 1), collapse_padding=True, pad_edge=False, expand=True, show_edge=False,
                  header_style="dim")
    table.add_column("", width=1, no_wrap=True)
    table.add_column("step", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("est", justify="right", no_wrap=True)
    table.add_column("actual", justify="right", no_wrap=True)
    steps = chain_window(proj, rows) if rows else proj.chain
    for s in steps:
        active = s.status in ACTIVE
        name = Text(squeeze(s.address, width - 15) if width else s.address,
                    style=f"bold {YELLOW}" if active else ("dim" if s.status == "pending" else ""))
        actual = Text(fmt_dur(s.actual), style=_drift_style(s))
        if active:
            actual.append("…", style=YELLOW)
        table.add_row(status_text(s.status), name, Text(fmt_dur(s.estimate), style="dim"), actual)
    return table


def _drift_style(s: Step) -> str:
    """An overrun is a warning (yellow), never a failure (red); finishing early is green."""
    if s.actual is None:
        return "dim"
    if s.actual > s.estimate * 1.2 + 5:
        return YELLOW
    if s.actual < s.estimate * 0.8 - 5:
        return GREEN
    return ""


def axis(bar_w: int, span: float) -> Text:
    """A time axis of ``bar_w`` cells covering ``0..span`` seconds, a tick label every ~12 cells."""
    line = [" "] * bar_w
    ticks = max(1, bar_w // 12)
    for i in range(ticks + 1):
        col = min(bar_w - 1, round(i * (bar_w - 1) / ticks))
        label = fmt_dur(span * col / max(bar_w - 1, 1))
        start = max(0, min(col, bar_w - len(label)))
        if i < ticks and start + len(label) >= bar_w - 5:
            continue
        line[start:start + len(label)] = label
    return Text("".join(line)[:bar_w], style="dim")


def gantt_row(r: Res, *, label_w: int, bar_w: int, span: float, now: float, on_chain: bool,
              proj_start: float | None = None, proj_finish: float | None = None, now_marker: bool = True) -> Text:
    """``◆✓ address        ····████▓▓░░   `` — a label column and a bar scaled so ``span`` fills ``bar_w``."""
    text = Text(no_wrap=True, overflow="crop")
    text.append("◆" if on_chain else ("◇" if r.critical else " "), style=CRIT if on_chain else PLANNED)
    text.append(MARK.get(r.status, "?"), style=STYLE.get(r.status, ""))
    label = squeeze(r.address, label_w - 4)
    text.append(" " + label.ljust(label_w - 4) + " ", style="bold" if r.status in ACTIVE else "")
    if bar_w <= 0:
        return text
    scale = bar_w / span if span > 0 else 0.0

    def col(t: float) -> int:
        return max(0, min(bar_w - 1, int(t * scale)))

    cells: list[tuple[str, str]] = [(" ", "")] * bar_w
    if now_marker:
        cells[col(now)] = ("│", "dim")
    if r.start_t is not None:
        end = r.end_t if r.end_t is not None else now
        a, b = col(r.start_t), col(end)
        if r.status == "failed":
            fill = ("█", RED)
        elif r.status in ACTIVE:
            fill = ("▓", YELLOW)
        else:
            fill = ("█", GREEN)
        for c in range(a, max(a, b) + 1):
            cells[c] = fill
        if r.status in ACTIVE and proj_finish is not None:
            for c in range(b + 1, col(proj_finish) + 1):
                cells[c] = ("░", BLUE if on_chain else YELLOW)
    elif r.status == "skipped" and r.end_t is not None:
        cells[col(r.end_t)] = ("-", GREY)
    elif proj_start is not None and proj_finish is not None:
        for c in range(col(proj_start), col(proj_finish) + 1):
            cells[c] = ("░", BLUE if on_chain else "dim")
    run_style = cells[0][1]
    run: list = []
    for ch, style in cells:
        if style != run_style:
            text.append("".join(run), style=run_style)
            run, run_style = [], style
        run.append(ch)
    text.append("".join(run), style=run_style)
    return text


def timeline(model: RunModel, proj: Projection, width: int, addresses: list[str] | None = None) -> Group:
    """The whole timeline as one renderable (for ``ccdsl report``)."""
    label_w = max(16, min(44, width * 2 // 5))
    bar_w = max(10, width - label_w)
    span = max(proj.end, model.t, model.estimated_s, 1.0)
    chain = proj.addresses()
    rows = [Text(" " * label_w) + axis(bar_w, span)]
    for a in addresses if addresses is not None else model.order:
        r = model.resources[a]
        rows.append(gantt_row(r, label_w=label_w, bar_w=bar_w, span=span, now=proj.now, on_chain=a in chain,
                              proj_start=proj.start.get(a), proj_finish=proj.finish.get(a),
                              now_marker=model.finished is None))
    return Group(*rows)


def baseline_table(model: RunModel, proj: Projection) -> Table:
    """Actual against the plan's estimate and against the seed's phased 25–35 minutes."""
    actual = model.finished.elapsed_s if model.finished else proj.end
    lo, hi = SEED_DESTROY_S if model.destroying else SEED_PHASED_S
    seed = "seed's destroy" if model.destroying else "seed's phased deploy"
    table = Table(box=None, padding=(0, 2), show_header=False)
    table.add_column(style="dim")
    table.add_column(justify="right")
    table.add_column()
    complete = model.finished is not None and model.finished.ok
    if model.finished is not None and not complete:
        table.add_row("ran for", Text(fmt_dur(actual), style="bold"), "")
    else:
        table.add_row("actual" if complete else "projected", Text(fmt_dur(actual), style="bold"), "")
    est = model.estimated_s
    if est and model.finished is not None and not complete:
        table.add_row("estimated (critical path)", fmt_dur(est), "")
    elif est:
        diff = actual - est
        table.add_row("estimated (critical path)", fmt_dur(est),
                      Text(f"{'+' if diff >= 0 else '-'}{fmt_dur(abs(diff))} ({actual / est:.0%} of estimate)",
                           style=YELLOW if diff > est * 0.05 else GREEN))
    if model.finished is not None and not model.finished.ok:
        table.add_row(seed, f"{fmt_dur(lo)}–{fmt_dur(hi)}",
                      Text("not comparable: the run did not complete", style="yellow"))
    elif actual > 0:
        verdict = (f"{lo / actual:.1f}–{hi / actual:.1f}× faster" if actual < lo
                   else "within the phased range" if actual <= hi else "slower than the phased range")
        table.add_row(seed, f"{fmt_dur(lo)}–{fmt_dur(hi)}",
                      Text(verdict, style="green" if actual < lo else "yellow"))
    return table


def failures_table(model: RunModel, limit: int = 20) -> Table | None:
    failed = model.failures()
    if not failed:
        return None
    skipped: dict[str, int] = {}
    for r in model.resources.values():
        if r.status == "skipped":
            skipped[r.because] = skipped.get(r.because, 0) + 1
    table = Table(box=None, padding=(0, 1), header_style="dim", expand=True)
    table.add_column("failed", no_wrap=True, overflow="ellipsis", ratio=2)
    table.add_column("tries", justify="right")
    table.add_column("skipped", justify="right")
    table.add_column("reason", ratio=3, overflow="fold")
    for r in failed[:limit]:
        reason = Text(f"{r.source}: ", style="dim") if r.source is not None else Text()
        reason.append(r.error)
        table.add_row(Text(r.address, style=RED), str(r.attempts), str(skipped.get(r.address, 0)), reason)
    if len(failed) > limit:
        table.add_row(Text(f"… {len(failed) - limit} more", style="dim"), "", "", "")
    return table


def phase_of(ph: PhaseStat) -> str:
    return f"{ph.number} {ph.name}"

"""The rich live view on a TTY: phases with bars, what runs now (steps on the live critical path marked) and
for how long, the time remaining, failures as they happen; the summary and its verdict when the run ends.
The runtime's ticks move its clock every few seconds of deployment time, so a long build never looks frozen.
Every figure is read from the run's :class:`~ccdsl.runtime.progress.RunModel` and its live projection, the
same ones the TUI and ``ccdsl report`` read."""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from ccdsl.runtime import events as ev
from ccdsl.runtime.progress import RunModel, project, time_left
from ccdsl.runtime.sinks.summary import clock_text, duration_text, located, summary_lines

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.live import Live


class RichLiveSink:
    def __init__(self, console=None, *, max_running: int = 12):
        from rich.console import Console

        self.console = console or Console()
        self.model = RunModel(log_size=0)
        self.max_running = max_running
        self._live: Live | None = None
        self._lock = threading.Lock()

    def _render(self):
        from rich.console import Group
        from rich.progress_bar import ProgressBar
        from rich.table import Table
        from rich.text import Text

        m = self.model
        proj = project(m)
        head = Text.assemble(
            ("DESTROY " if m.destroying else "", "bold reverse red"),
            (f"{m.site} ", "bold"), (f"on {m.provider}{' · ' + m.region if m.region else ''}  ", "dim"),
            (f"t={clock_text(m.t)}  ", "cyan"),
            (f"{m.finished_count}/{m.total} finished  ", ""),
            (f"remaining {duration_text(time_left(m, proj))}", "bold"),
            ("  (paused)" if m.paused else "", "yellow"),
            ("  (stopping)" if m.stopping else "", "yellow"),
        )
        phases = Table.grid(padding=(0, 1))
        for _ in range(4):
            phases.add_column()
        for ph in m.phases.values():
            if not ph.total:
                continue
            style = "red" if ph.failed else ("green" if ph.finished == ph.total else "yellow")
            phases.add_row(f"{ph.number:>2} {ph.name:<22}",
                           ProgressBar(total=max(ph.total, 1), completed=ph.finished, width=30, complete_style=style),
                           f"{ph.done}/{ph.total}" + (f" [red]{ph.failed} failed[/]" if ph.failed else ""),
                           duration_text(ph.elapsed(m.t)))
        running = Table.grid(padding=(0, 1))
        critical = proj.addresses()
        items = sorted(m.running.values(), key=lambda r: (proj.slack.get(r.address, 0.0), r.address))
        for r in items[: self.max_running]:
            mark = "[bold blue]◆[/]" if r.address in critical else " "
            elapsed = m.t - r.start_t if r.start_t is not None else 0.0
            running.add_row(mark, f"{r.action:<7}", r.address, f"[dim]{duration_text(elapsed)}[/]")
        if len(items) > self.max_running:
            running.add_row(" ", "", f"[dim]… and {len(items) - self.max_running} more[/]", "")
        parts: list[RenderableType] = [
            head, phases, Text("running (◆ on the live critical path: it sets the finish):", style="dim"), running]
        for r in sorted(m.failures(), key=lambda r: r.end_t or 0.0)[-3:]:
            parts.append(Text(f"FAILED {located(r.address, r.source)}: {r.error}", style="red"))
        return Group(*parts)

    def __call__(self, event: ev.Event) -> None:
        from rich.live import Live

        with self._lock:
            self.model.apply(event)
            if isinstance(event, ev.PlanReady) and self._live is None:
                self._live = Live(self._render(), console=self.console, refresh_per_second=8, transient=False,
                                  get_renderable=self._render)
                self._live.start()
            elif isinstance(event, ev.ApplyDone):
                if self._live is not None:
                    self._live.stop()
                    self._live = None
                for line in summary_lines(self.model):
                    self.console.print(line, highlight=False, markup=False)

    def close(self) -> None:
        with self._lock:
            if self._live is not None:
                self._live.stop()
                self._live = None

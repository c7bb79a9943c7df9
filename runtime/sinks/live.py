"""The rich live view on a TTY: phases with bars, what runs now (critical-path steps marked), the ETA as
the remaining critical path, failures as they happen; the summary when the run ends."""
from __future__ import annotations

import threading

from ccdsl.compiler.resources import PHASES
from ccdsl.runtime import events as ev
from ccdsl.runtime.sinks.summary import RunTracker, clock_text, duration_text, located


class RichLiveSink:
    def __init__(self, console=None, *, max_running: int = 12):
        from rich.console import Console

        self.console = console or Console()
        self.tracker = RunTracker()
        self.max_running = max_running
        self._live = None
        self._lock = threading.Lock()

    def _render(self):
        from rich.console import Group
        from rich.progress_bar import ProgressBar
        from rich.table import Table
        from rich.text import Text

        tr = self.tracker
        head = Text.assemble(
            (f"{tr.site} ", "bold"), (f"on {tr.provider}  ", "dim"),
            (f"t={clock_text(tr.now)}  ", "cyan"),
            (f"{tr.finished_count}/{tr.total} finished  ", ""),
            (f"ETA {duration_text(tr.eta())}", "bold green"),
            ("  (paused)" if tr.paused else "", "yellow"),
            ("  (stopping)" if tr.stopping else "", "yellow"),
        )
        phases = Table.grid(padding=(0, 1))
        for _ in range(4):
            phases.add_column()
        for n in sorted(tr.phases):
            ph = tr.phases[n]
            over = ph.done + ph.failed + ph.skipped
            style = "red" if ph.failed else ("green" if over == ph.total else "cyan")
            elapsed = 0.0
            if ph.first_start is not None:
                end = ph.last_end if over == ph.total and ph.last_end else tr.now
                elapsed = end - ph.first_start
            phases.add_row(f"{n:>2} {PHASES.get(n, '?'):<22}",
                           ProgressBar(total=max(ph.total, 1), completed=over, width=30, complete_style=style),
                           f"{ph.done}/{ph.total}" + (f" [red]{ph.failed} failed[/]" if ph.failed else ""),
                           duration_text(elapsed))
        running = Table.grid(padding=(0, 1))
        critical = tr.on_critical_path()
        items = sorted(tr.running.items(), key=lambda kv: -tr.remaining.get(kv[0], 0.0))
        for a, (start, action) in items[: self.max_running]:
            mark = "[bold magenta]*[/]" if a in critical else " "
            running.add_row(mark, f"{action:<7}", a, f"[dim]{duration_text(tr.now - start)}[/]")
        if len(items) > self.max_running:
            running.add_row(" ", "", f"[dim]… and {len(items) - self.max_running} more[/]", "")
        parts = [head, phases, Text("running (* on the critical path):", style="dim"), running]
        for a, why in list(tr.failures.items())[-3:]:
            parts.append(Text(f"FAILED {located(a, tr.sources.get(a))}: {why}", style="red"))
        return Group(*parts)

    def __call__(self, event: ev.Event) -> None:
        from rich.live import Live

        with self._lock:
            self.tracker(event)
            if isinstance(event, ev.PlanReady) and self._live is None:
                self._live = Live(self._render(), console=self.console, refresh_per_second=8, transient=False,
                                  get_renderable=self._render)
                self._live.start()
            elif isinstance(event, ev.ApplyDone):
                if self._live is not None:
                    self._live.stop()
                    self._live = None
                for line in self.tracker.summary_lines():
                    self.console.print(line, highlight=False, markup=False)

    def close(self) -> None:
        with self._lock:
            if self._live is not None:
                self._live.stop()
                self._live = None

"""Views of a run over many targets, read from one :class:`~ccdsl.runtime.progress.rollout.RolloutModel`.

:class:`PlainRolloutSink`: every target's plain lines prefixed with the target's name (its own summary when it
ends), a line when a target starts, ends or is not started, and the table of targets at the end.
:class:`RichRolloutSink`: on a terminal, a live table with a row per target (outcome, progress, the phase
running, time left), then the same per-target summaries and table.
"""
from __future__ import annotations

import sys
import threading
from typing import Any

from ccdsl.runtime import events as ev
from ccdsl.runtime.progress.rollout import RolloutModel, TargetRow
from ccdsl.runtime.sinks.summary import duration_text, summary_lines

ENDED = ("done", "failed", "no changes", "not started")


def progress_text(row: TargetRow) -> str:
    m = row.model
    if not m.planned:
        return "-"
    text = f"{m.finished_count}/{m.total}"
    return text + (f" ({m.counts['failed']} failed)" if m.counts["failed"] else "")


def time_text(row: TargetRow) -> str:
    m = row.model
    if row.status == "running":
        return f"{duration_text(m.t)} elapsed, ~{duration_text(row.remaining_s)} left"
    if m.finished is not None:
        return duration_text(m.finished.elapsed_s)
    return ""


def table_lines(model: RolloutModel) -> list[str]:
    """The targets, one row each, under a line of totals."""
    with model.lock:
        rows = list(model.rows.values())
        counts = model.counts()
    totals = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    lines = [f"targets: {totals} (at most {model.max_concurrent} at once, failure tolerance "
             f"{model.failure_tolerance})"]
    width = max(len(r.label) for r in rows) if rows else 6
    lines.append(f"  {'target':<{width}}  {'outcome':<11}  {'progress':<14}  time")
    for r in rows:
        detail = f"  ({r.detail})" if r.detail and r.status in ("failed", "not started") else ""
        line = f"  {r.label:<{width}}  {r.status:<11}  {progress_text(r):<14}  {time_text(r)}".rstrip()
        lines.append(line + detail)
    return lines


class _Prefixed:
    """A stream that writes each line with the target's name in front."""

    def __init__(self, stream: Any, prefix: str, lock: threading.Lock) -> None:
        self.stream, self.prefix, self.lock = stream, prefix, lock
        self._buf = ""

    def write(self, text: str) -> int:
        self._buf += text
        while "\n" in self._buf:
            line, self._buf = self._buf.split("\n", 1)
            with self.lock:
                self.stream.write(f"{self.prefix}{line}\n" if line else "\n")
        return len(text)

    def flush(self) -> None:
        with self.lock:
            self.stream.flush()


class PlainRolloutSink:
    def __init__(self, model: RolloutModel, stream: Any = None, *, verbose: bool = False) -> None:
        from ccdsl.runtime.sinks.plain import PlainSink

        self.model = model
        self.stream = stream or sys.stdout
        self._lock = threading.Lock()
        width = max((len(n) for n in model.rows), default=0)
        self._sinks = {name: PlainSink(_Prefixed(self.stream, f"{name:<{width}} │ ", self._lock), verbose=verbose)
                       for name in model.rows}

    def _out(self, text: str) -> None:
        with self._lock:
            try:
                print(text, file=self.stream, flush=True)
            except (BrokenPipeError, ValueError):
                pass

    def target_status(self, name: str, status: str, detail: str = "") -> None:
        self.model.status(name, status, detail)
        if status in ("running", "not started", "no changes"):
            label = self.model.rows[name].label
            self._out(f"target {label}: {status}" + (f" ({detail})" if detail and status == "not started" else ""))

    def target_event(self, name: str, event: ev.Event) -> None:
        self.model.event(name, event)
        self._sinks[name](event)

    def close(self) -> None:
        self._out("")
        for line in table_lines(self.model):
            self._out(line)


class RichRolloutSink:
    """A live table of the targets while they run; per-target summaries and the table when they end."""

    def __init__(self, model: RolloutModel, console: Any = None) -> None:
        from rich.console import Console
        from rich.live import Live

        self.model = model
        self.console = console or Console()
        self._live = Live(self._render(), console=self.console, refresh_per_second=4, transient=True,
                          get_renderable=self._render)
        self._live.start()
        self._lock = threading.Lock()

    def _render(self) -> Any:
        from rich.table import Table
        from rich.text import Text

        table = Table(title="targets", title_justify="left", expand=False)
        for column in ("target", "outcome", "progress", "phase", "time"):
            table.add_column(column)
        styles = {"done": "green", "failed": "red", "running": "yellow", "not started": "dim", "no changes": "dim"}
        with self.model.lock:
            for r in self.model.rows.values():
                table.add_row(r.label, Text(r.status, style=styles.get(r.status, "")), progress_text(r), r.phase,
                              time_text(r))
        return table

    def target_status(self, name: str, status: str, detail: str = "") -> None:
        self.model.status(name, status, detail)

    def target_event(self, name: str, event: ev.Event) -> None:
        self.model.event(name, event)
        if isinstance(event, ev.ApplyDone):
            lines = summary_lines(self.model.rows[name].model)
            with self._lock:
                self._live.console.print(f"[bold]{self.model.rows[name].label}[/]")
                for line in lines:
                    self._live.console.print("  " + line, highlight=False, markup=False)

    def close(self) -> None:
        self._live.stop()
        for line in table_lines(self.model):
            self.console.print(line, highlight=False, markup=False)

"""Plain lines, for logs and pipes: one line per start, done, failure and skip, in deployment time; the
summary from the run's :class:`~ccdsl.runtime.progress.RunModel` at the end."""
from __future__ import annotations

import sys

from ccdsl.runtime import events as ev
from ccdsl.runtime.progress import RunModel
from ccdsl.runtime.sinks.summary import clock_text, duration_text, located, summary_lines


class PlainSink:
    def __init__(self, stream=None, *, verbose: bool = False):
        self.stream = stream or sys.stdout
        self.verbose = verbose
        self.model = RunModel(log_size=0)

    def _out(self, text: str) -> None:
        try:
            print(text, file=self.stream, flush=True)
        except (BrokenPipeError, ValueError):
            pass

    def __call__(self, event: ev.Event) -> None:
        self.model.apply(event)
        at = f"[{clock_text(event.t)}]"
        if isinstance(event, ev.PlanReady):
            steps = [p for p in event.resources if p.action != "noop"]
            self._out(f"{event.site}: {len(steps)} change(s) on {event.provider}, estimated "
                      f"{duration_text(event.estimated_s or event.critical_length_s)} "
                      f"(critical path {duration_text(event.critical_length_s)}, {len(event.critical_path)} steps)")
        elif isinstance(event, ev.ResourceStarted):
            self._out(f"{at} start   {event.action:<7} {event.address}")
        elif isinstance(event, ev.ResourceDone):
            self._out(f"{at} done    {event.action:<7} {event.address} ({duration_text(event.duration_s)})")
        elif isinstance(event, ev.ResourceFailed):
            self._out(f"{at} FAILED  {event.action:<7} {located(event.address, event.source)}: {event.error} "
                      f"(after {event.attempts} attempt(s))")
        elif isinstance(event, ev.ResourceSkipped):
            self._out(f"{at} skipped         {event.address} (depends on failed {event.because})")
        elif isinstance(event, ev.ResourceRetrying) and self.verbose:
            self._out(f"{at} retry   #{event.attempt:<5} {event.address}: {event.reason}, "
                      f"in {duration_text(event.delay_s)}")
        elif isinstance(event, ev.PhaseDone):
            ph = self.model.phases.get(event.phase)
            count = f"{ph.done}/{ph.total} done, " if ph else ""
            self._out(f"{at} phase {event.phase} {ph.name if ph else ''} finished "
                      f"({count}{duration_text(event.elapsed_s)})")
        elif isinstance(event, ev.ResourceProgress) and self.verbose:
            self._out(f"{at} ...     {event.address}: {event.message}")
        elif isinstance(event, ev.StopRequested):
            self._out(f"{at} stop requested: " + ("abandoning in-flight work" if event.hard else
                      "starting nothing new, finishing in-flight work (Ctrl-C again to abandon)"))
        elif isinstance(event, ev.RunPaused):
            self._out(f"{at} paused")
        elif isinstance(event, ev.RunResumed):
            self._out(f"{at} resumed")
        elif isinstance(event, ev.ApplyDone):
            for line in summary_lines(self.model):
                self._out(line)

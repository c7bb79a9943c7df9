"""Plain lines, for logs and pipes: one line per start, done, failure and skip, in deployment time; a
"still creating … [2m30s elapsed, ~5m left]" line for each resource still running every
:data:`HEARTBEAT_S` of deployment time (on the runtime's ticks), so a long build never looks hung; the
summary from the run's :class:`~ccdsl.runtime.progress.RunModel` at the end, its verdict last."""
from __future__ import annotations

import sys

from ccdsl.runtime import events as ev
from ccdsl.runtime.progress import RunModel
from ccdsl.runtime.progress.model import Res
from ccdsl.runtime.sinks.summary import clock_text, duration_text, located, summary_lines

HEARTBEAT_S = 30.0  # deployment seconds between two lines about the same running resource
VERBS = {"create": "creating", "update": "updating", "replace": "replacing", "delete": "destroying"}


def still_line(r: Res, now: float) -> str:
    """``[02:30] still creating bot.x.build.en_GB [2m30s elapsed, ~5m left]``."""
    elapsed = now - (r.start_t or 0.0)
    left = r.estimate - elapsed
    when = f"~{duration_text(left)} left" if left >= 1 else f"{duration_text(-left)} over its estimate"
    verb = VERBS.get(r.action, r.action)
    return f"[{clock_text(now)}] still {verb} {r.address} [{duration_text(elapsed)} elapsed, {when}]"


class PlainSink:
    def __init__(self, stream=None, *, verbose: bool = False):
        self.stream = stream or sys.stdout
        self.verbose = verbose
        self.model = RunModel(log_size=0)
        self._said: dict[str, float] = {}  # running address -> deployment time of its last line

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
        elif isinstance(event, ev.Tick):
            self._heartbeat(event.t)
        elif isinstance(event, ev.ResourceStarted):
            self._said[event.address] = event.t
            self._out(f"{at} start   {event.action:<7} {event.address}")
        elif isinstance(event, ev.ResourceDone) and event.address in self.model.kept:
            self._said.pop(event.address, None)
            self._out(f"{at} kept            {event.address} (forgotten by state; released numbers have a "
                      "cooldown of up to 180 days: --release-numbers releases them)")
        elif isinstance(event, ev.ResourceDone):
            self._said.pop(event.address, None)
            self._out(f"{at} done    {event.action:<7} {event.address} ({duration_text(event.duration_s)})")
        elif isinstance(event, ev.ResourceFailed):
            self._said.pop(event.address, None)
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

    def _heartbeat(self, now: float) -> None:
        """A line for each running resource that would otherwise go unmentioned for more than
        :data:`HEARTBEAT_S` by the next tick, longest-running first."""
        due = [r for r in self.model.running.values()
               if now + ev.TICK_S - self._said.get(r.address, r.start_t or 0.0) > HEARTBEAT_S + 1e-6]
        for r in sorted(due, key=lambda r: (r.start_t or 0.0, r.address)):
            self._said[r.address] = now
            self._out(still_line(r, now))

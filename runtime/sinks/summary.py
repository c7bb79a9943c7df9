"""Run bookkeeping shared by the sinks: what is running, per-phase progress, the remaining critical path
(the ETA) and the end-of-run summary (per phase and total, actual vs estimated, the critical path as it
really ran, failures with reasons)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ccdsl.compiler.resources import PHASES
from ccdsl.compiler.cpm import critical_path_of
from ccdsl.runtime import events as ev

SEED_PHASED_S = (25 * 60.0, 35 * 60.0)  # the seed's phase-by-phase deployment


def clock_text(seconds: float) -> str:
    seconds = max(0.0, seconds)
    m, s = divmod(int(round(seconds)), 60)
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


def duration_text(seconds: float) -> str:
    seconds = max(0.0, seconds)
    if seconds < 60:
        return f"{seconds:.1f}s" if seconds < 10 else f"{seconds:.0f}s"
    m, s = divmod(int(round(seconds)), 60)
    if m < 60:
        return f"{m}m{s:02d}s"
    h, m = divmod(m, 60)
    return f"{h}h{m:02d}m"


@dataclass
class PhaseStats:
    total: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    first_start: float | None = None
    last_end: float | None = None
    est_start: float = 0.0
    est_end: float = 0.0


@dataclass
class RunTracker:
    planned: dict[str, ev.PlannedResource] = field(default_factory=dict)
    remaining: dict[str, float] = field(default_factory=dict)
    est_start: dict[str, float] = field(default_factory=dict)
    phases: dict[int, PhaseStats] = field(default_factory=dict)
    running: dict[str, tuple[float, str]] = field(default_factory=dict)  # address -> (start, action)
    started: dict[str, float] = field(default_factory=dict)
    durations: dict[str, float] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    retries: int = 0
    critical_plan: tuple[str, ...] = ()
    critical_length_s: float = 0.0
    site: str = ""
    provider: str = ""
    now: float = 0.0
    done: ev.ApplyDone | None = None
    stopping: bool = False
    paused: bool = False

    def __call__(self, event: ev.Event) -> None:
        self.now = max(self.now, event.t)
        if isinstance(event, ev.PlanReady):
            self._plan(event)
        elif isinstance(event, ev.ResourceStarted):
            self.running[event.address] = (event.t, event.action)
            self.started[event.address] = event.t
            ph = self._phase_of(event.address)
            if ph.first_start is None:
                ph.first_start = event.t
        elif isinstance(event, ev.ResourceDone):
            self.running.pop(event.address, None)
            self.durations[event.address] = event.duration_s
            self._end(event.address, "done", event.t)
        elif isinstance(event, ev.ResourceFailed):
            self.running.pop(event.address, None)
            self.failures[event.address] = event.error
            self._end(event.address, "failed", event.t)
        elif isinstance(event, ev.ResourceSkipped):
            self.skipped[event.address] = event.because
            self._end(event.address, "skipped", event.t)
        elif isinstance(event, ev.ResourceRetrying):
            self.retries += 1
        elif isinstance(event, ev.StopRequested):
            self.stopping = True
        elif isinstance(event, ev.RunPaused):
            self.paused = True
        elif isinstance(event, ev.RunResumed):
            self.paused = False
        elif isinstance(event, ev.ApplyDone):
            self.done = event

    def _phase_of(self, address: str) -> PhaseStats:
        p = self.planned.get(address)
        return self.phases.setdefault(p.phase if p else 0, PhaseStats())

    def _end(self, address: str, what: str, t: float) -> None:
        ph = self._phase_of(address)
        setattr(ph, what, getattr(ph, what) + 1)
        ph.last_end = t if ph.last_end is None else max(ph.last_end, t)

    def _plan(self, e: ev.PlanReady) -> None:
        self.site, self.provider = e.site, e.provider
        self.critical_plan, self.critical_length_s = e.critical_path, e.critical_length_s
        steps = {p.address: p for p in e.resources if p.action != "noop"}
        self.planned = steps
        timings, _, length = critical_path_of({a: p.estimate_s for a, p in steps.items()},
                                              {a: p.depends_on for a, p in steps.items()})
        for a, t in timings.items():
            self.est_start[a] = t.earliest_start
            self.remaining[a] = length - t.latest_start
        for a, p in steps.items():
            ph = self.phases.setdefault(p.phase, PhaseStats())
            ph.total += 1
            es = self.est_start.get(a, 0.0)
            ph.est_start = es if ph.total == 1 else min(ph.est_start, es)
            ph.est_end = max(ph.est_end, es + p.estimate_s)

    # --- views -----------------------------------------------------------------------------------
    @property
    def finished_count(self) -> int:
        return sum(ph.done + ph.failed + ph.skipped for ph in self.phases.values())

    @property
    def total(self) -> int:
        return len(self.planned)

    def eta(self) -> float:
        """Remaining critical path: a lower bound on the time left."""
        best = 0.0
        over = set(self.durations) | set(self.failures) | set(self.skipped)
        for a, rem in self.remaining.items():
            if a in over:
                continue
            est = self.planned[a].estimate_s
            if a in self.running:
                elapsed = self.now - self.running[a][0]
                rem = max(0.0, est - elapsed) + (rem - est)
            best = max(best, rem)
        return best

    def on_critical_path(self) -> set[str]:
        return set(self.critical_plan)

    def summary_lines(self) -> list[str]:
        d = self.done
        lines = []
        if d is None:
            return lines
        status = "complete" if d.ok else ("stopped" if self.stopping else "FAILED")
        c = d.counts
        lines.append(
            f"{self.site}: {status} in {duration_text(d.elapsed_s)} (estimated {duration_text(d.estimated_s)}; "
            f"the seed's phased deploy takes {SEED_PHASED_S[0] / 60:.0f}-{SEED_PHASED_S[1] / 60:.0f} min)"
        )
        lines.append(
            f"  {c.get('done', 0)} done, {c.get('failed', 0)} failed, {c.get('skipped', 0)} skipped, "
            f"{c.get('pending', 0)} not started, {c.get('noop', 0)} unchanged; {self.retries} retries"
            + (f"; {c['unrecorded']} changed but NOT RECORDED in state" if c.get("unrecorded") else "")
        )
        if self.phases:
            lines.append("  phase                        done  actual    estimated")
            for n in sorted(self.phases):
                ph = self.phases[n]
                actual = (ph.last_end - ph.first_start) if ph.first_start is not None and ph.last_end else 0.0
                est = ph.est_end - ph.est_start
                name = f"{n:>2} {PHASES.get(n, '?')}"
                lines.append(f"  {name:<28} {ph.done:>4}/{ph.total:<4} {duration_text(actual):>8}  "
                             f"{duration_text(est):>8}")
        if d.critical_path:
            lines.append("  critical path as it ran:")
            for a in d.critical_path:
                p = self.planned.get(a)
                est = duration_text(p.estimate_s) if p else "?"
                lines.append(f"    {clock_text(self.started.get(a, 0.0))}  {a}  "
                             f"{duration_text(self.durations.get(a, 0.0))} (est {est})")
        for a, why in self.failures.items():
            lines.append(f"  FAILED {a}: {why}")
        if self.skipped:
            lines.append(f"  skipped {len(self.skipped)} resource(s) that depend on a failure")
        return lines

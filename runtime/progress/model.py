"""What a run looks like so far, folded from its events: resources, phases, counts, retries and a bounded
log of the events that matter to a reader.

This is the one fold of a run. The plain and rich sinks, the end-of-run summary, ``ccdsl report`` and the
TUI all read a :class:`RunModel` (and :func:`~ccdsl.runtime.progress.critical.project` over it), so they
cannot disagree about a figure. It holds facts only: turning them into words is the views' job.
``apply`` takes one event at a time and is cheap (a few dict updates). Times are deployment seconds
(``Event.t``).
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ccdsl.compiler.cpm import critical_path_of
from ccdsl.compiler.resources import PHASES
from ccdsl.runtime import events as ev

# The seed's phase-by-phase deployment takes 25-35 minutes, its destroy 8-12 (seed-deployment-sequence.md).
SEED_PHASED_S = (25 * 60.0, 35 * 60.0)
SEED_DESTROY_S = (8 * 60.0, 12 * 60.0)

FINISHED = frozenset({"done", "failed", "skipped"})
ACTIVE = frozenset({"running", "retrying"})


@dataclass(slots=True)
class Res:
    address: str
    type: str
    phase: int
    action: str
    estimate: float
    deps: tuple[str, ...]
    critical: bool  # on the planned critical path
    slack: float  # planned slack
    es: float = 0.0  # planned earliest start
    status: str = "pending"  # pending | queued | running | retrying | done | failed | skipped
    queued_t: float | None = None
    start_t: float | None = None
    end_t: float | None = None
    attempts: int = 0
    message: str = ""  # the provider's last progress message
    retry: ev.ResourceRetrying | None = None  # the last retry, until progress or the end replaces it
    error: str = ""
    because: str = ""  # the failed ancestor of a skipped resource
    outputs: dict[str, Any] = field(default_factory=dict)
    duration: float | None = None  # the provider's own figure for the finished operation
    source: ev.SourceSpan | None = None  # where it is declared in the .ccd file

    @property
    def actual(self) -> float | None:
        if self.start_t is None or self.end_t is None:
            return None
        return self.end_t - self.start_t

    @property
    def short(self) -> str:
        return self.address


@dataclass(slots=True)
class PhaseStat:
    number: int
    name: str
    total: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    running: int = 0
    first_start: float | None = None
    last_end: float | None = None
    est_start: float | None = None  # planned window (CPM earliest start/finish over the phase)
    est_end: float | None = None

    @property
    def finished(self) -> int:
        return self.done + self.failed + self.skipped

    def status(self, run_over: bool = False) -> str:
        """waiting | running | done | failed | stopped (the run ended before the phase did) | none"""
        if self.total == 0:
            return "none"
        if self.finished >= self.total:
            return "failed" if self.failed or self.skipped else "done"
        if run_over:
            return "stopped"
        if self.first_start is not None:
            return "running"
        return "waiting"

    def elapsed(self, now: float) -> float:
        if self.first_start is None:
            return 0.0
        end = self.last_end if self.finished >= self.total and self.last_end is not None else now
        return max(0.0, end - self.first_start)

    @property
    def estimate(self) -> float:
        if self.est_start is None or self.est_end is None:
            return 0.0
        return self.est_end - self.est_start


@dataclass(frozen=True, slots=True)
class LogEntry:
    seq: int
    t: float
    kind: str  # the event kind
    address: str
    event: ev.Event


class RunModel:
    """The state of one run, built from its events in order."""

    def __init__(self, log_size: int = 1000) -> None:
        self.site = ""
        self.provider = ""
        self.region = ""
        self.destroy = False
        self.kept: frozenset[str] = frozenset()  # deletes that keep the resource (phone numbers)
        self.resources: dict[str, Res] = {}
        self.order: list[str] = []  # dependencies before dependants, by planned start: the timeline rows
        self.succ: dict[str, list[str]] = {}
        self.planned_path: tuple[str, ...] = ()
        self.estimated_s = 0.0
        self.phases: dict[int, PhaseStat] = {n: PhaseStat(n, name) for n, name in PHASES.items()}
        self.running: dict[str, Res] = {}  # in start order
        self.counts = {"pending": 0, "queued": 0, "running": 0, "done": 0, "failed": 0, "skipped": 0}
        self.noop = 0
        self.retries = 0
        self.t = 0.0
        self.planned = False
        self.paused = False
        self.stopping = False
        self.hard_stop = False
        self.finished: ev.ApplyDone | None = None
        self.ended = False  # the run is over: it finished, or it is a record of a run that never did
        self.log: deque[LogEntry] = deque(maxlen=log_size)
        self.log_seq = 0
        self.events = 0
        self.version = 0  # bumped by every event: widgets redraw only when it moved

    # --- folding ---------------------------------------------------------------------------------
    def apply_all(self, events: Iterable[ev.Event]) -> None:
        for e in events:
            self.apply(e)

    def apply(self, e: ev.Event) -> None:
        self.events += 1
        self.version += 1
        if e.t > self.t:
            self.t = e.t
        handler = _HANDLERS.get(type(e))
        if handler is not None:
            handler(self, e)

    def _plan(self, e: ev.PlanReady) -> None:
        self.site, self.provider = e.site, e.provider
        self.region, self.destroy, self.kept = e.region, e.destroy, frozenset(e.kept)
        self.planned_path = tuple(e.critical_path)
        self.estimated_s = e.estimated_s or e.critical_length_s
        self.planned = True
        rows = [p for p in e.resources if p.action != "noop"]
        self.noop = len(e.resources) - len(rows)
        known = {p.address for p in rows}
        self.resources = {
            p.address: Res(p.address, p.type, p.phase, p.action, p.estimate_s,
                           tuple(d for d in p.depends_on if d in known), p.critical, p.slack_s,
                           source=p.source)
            for p in rows
        }
        self.succ = {a: [] for a in self.resources}
        for r in self.resources.values():
            for d in r.deps:
                self.succ[d].append(r.address)
        self.order = _planned_order(self.resources)
        for ph in self.phases.values():
            ph.total = 0
        for r in self.resources.values():
            ph = self.phases.setdefault(r.phase, PhaseStat(r.phase, PHASES.get(r.phase, f"phase {r.phase}")))
            ph.total += 1
            ph.est_start = r.es if ph.est_start is None else min(ph.est_start, r.es)
            end = r.es + r.estimate
            ph.est_end = end if ph.est_end is None else max(ph.est_end, end)
        self.counts = dict.fromkeys(self.counts, 0)
        self.counts["pending"] = len(self.resources)
        self._log(e, "")

    def _res(self, address: str) -> Res | None:
        return self.resources.get(address)

    def _move(self, r: Res, status: str) -> None:
        old = r.status
        if old == status:
            return
        self.counts[_bucket(old)] -= 1
        self.counts[_bucket(status)] += 1
        ph = self.phases[r.phase]
        if old in ACTIVE:
            ph.running -= 1
            self.running.pop(r.address, None)
        if status in ACTIVE:
            ph.running += 1
            self.running[r.address] = r
        r.status = status

    def _queued(self, e: ev.ResourceQueued) -> None:
        r = self._res(e.address)
        if r is not None and r.status == "pending":
            r.queued_t = e.t
            self._move(r, "queued")

    def _started(self, e: ev.ResourceStarted) -> None:
        r = self._res(e.address)
        if r is None:
            return
        r.start_t = e.t
        self._move(r, "running")
        ph = self.phases[r.phase]
        if ph.first_start is None:
            ph.first_start = e.t
        self._log(e, r.address)

    def _progress(self, e: ev.ResourceProgress) -> None:
        r = self._res(e.address)
        if r is not None:
            r.message, r.retry = e.message, None
            self._log(e, r.address)

    def _retrying(self, e: ev.ResourceRetrying) -> None:
        r = self._res(e.address)
        if r is None:
            return
        r.attempts = e.attempt
        r.message, r.retry = "", e
        self.retries += 1
        self._move(r, "retrying")
        self._log(e, r.address)

    def _end(self, r: Res, t: float, status: str) -> None:
        r.end_t = t
        self._move(r, status)
        ph = self.phases[r.phase]
        if status == "done":
            ph.done += 1
        elif status == "failed":
            ph.failed += 1
        else:
            ph.skipped += 1
        ph.last_end = t if ph.last_end is None else max(ph.last_end, t)

    def _done(self, e: ev.ResourceDone) -> None:
        r = self._res(e.address)
        if r is None:
            return
        if r.start_t is None:
            r.start_t = e.t - e.duration_s
        r.outputs = dict(e.outputs)
        r.duration = e.duration_s
        r.message, r.retry = "", None
        self._end(r, e.t, "done")
        self._log(e, r.address)

    def _failed(self, e: ev.ResourceFailed) -> None:
        r = self._res(e.address)
        if r is None:
            return
        r.error, r.attempts = e.error, e.attempts
        r.source = e.source or r.source
        self._end(r, e.t, "failed")
        self._log(e, r.address)

    def _skipped(self, e: ev.ResourceSkipped) -> None:
        r = self._res(e.address)
        if r is None:
            return
        r.because = e.because
        self._end(r, e.t, "skipped")
        self._log(e, r.address)

    def _phase_done(self, e: ev.PhaseDone) -> None:
        ph = self.phases.get(e.phase)
        if ph is not None:
            ph.last_end = e.t
            if ph.first_start is None:
                ph.first_start = e.t - e.elapsed_s
            self._log(e, "")

    def _paused(self, e: ev.Event) -> None:
        self.paused = isinstance(e, ev.RunPaused)
        self._log(e, "")

    def _stop(self, e: ev.StopRequested) -> None:
        self.stopping, self.paused = True, False
        self.hard_stop = self.hard_stop or e.hard
        self._log(e, "")

    def _apply_done(self, e: ev.ApplyDone) -> None:
        self.finished = e
        self.ended = True
        self.paused = False
        self._log(e, "")

    def _log(self, e: ev.Event, address: str) -> None:
        self.log_seq += 1
        self.log.append(LogEntry(self.log_seq, e.t, e.kind, address, e))

    # --- questions -------------------------------------------------------------------------------
    @property
    def total(self) -> int:
        return len(self.resources)

    @property
    def finished_count(self) -> int:
        c = self.counts
        return c["done"] + c["failed"] + c["skipped"]

    def state(self) -> str:
        """waiting | running | paused | stopping | done | failed"""
        if self.finished is not None:
            return "done" if self.finished.ok else "failed"
        if not self.planned:
            return "waiting"
        if self.stopping:
            return "stopping"
        return "paused" if self.paused else "running"

    @property
    def destroying(self) -> bool:
        """A destroy run (or every change is a delete)."""
        return self.destroy or bool(self.resources) and all(r.action == "delete" for r in self.resources.values())

    def failures(self) -> list[Res]:
        """Failed resources in the order they failed."""
        failed = [r for r in self.resources.values() if r.status == "failed"]
        return sorted(failed, key=lambda r: r.end_t if r.end_t is not None else 0.0)


def _bucket(status: str) -> str:
    return "running" if status in ACTIVE else status


def _planned_order(resources: dict[str, Res]) -> list[str]:
    """Set each resource's planned earliest start (the compiler's CPM) and return the addresses by (earliest
    start, topological rank): a dependency order, since estimates are non-negative."""
    timings, _, _ = critical_path_of({a: r.estimate for a, r in resources.items()},
                                     {a: r.deps for a, r in resources.items()})
    rank = {a: i for i, a in enumerate(timings)}
    for a, t in timings.items():
        resources[a].es = t.earliest_start
    return sorted(resources, key=lambda a: (resources[a].es, rank[a]))


_HANDLERS: dict[type, Callable[[RunModel, Any], None]] = {
    ev.PlanReady: RunModel._plan,
    ev.ResourceQueued: RunModel._queued,
    ev.ResourceStarted: RunModel._started,
    ev.ResourceProgress: RunModel._progress,
    ev.ResourceRetrying: RunModel._retrying,
    ev.ResourceDone: RunModel._done,
    ev.ResourceFailed: RunModel._failed,
    ev.ResourceSkipped: RunModel._skipped,
    ev.PhaseDone: RunModel._phase_done,
    ev.RunPaused: RunModel._paused,
    ev.RunResumed: RunModel._paused,
    ev.StopRequested: RunModel._stop,
    ev.ApplyDone: RunModel._apply_done,
}

"""The critical path, live: project every unfinished resource's finish from what has really happened.

Finished resources count with their real times, running ones with ``max(start + estimate, now)``,
waiting ones start when their last dependency is projected to finish (or now). The resource that finishes
last ends the run; walking back through the dependency that held each step up gives the chain that decides
the finish time *now* — which may differ from the plan's once real durations come in. The remaining length
is the ETA. A backward pass gives every running resource's live slack: how late it may finish before it
delays the end.

One pass forward and one back over the graph: linear in resources plus dependencies.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ccdsl.runtime.progress.model import ACTIVE, RunModel


@dataclass(frozen=True, slots=True)
class Step:
    address: str
    status: str
    estimate: float
    actual: float | None  # finished: its real duration; running: time so far; waiting: None
    start: float  # real or projected
    finish: float  # real or projected
    planned: bool  # also on the plan's critical path


@dataclass(slots=True)
class Projection:
    now: float
    end: float  # projected finish of the whole run
    chain: list[Step] = field(default_factory=list)
    slack: dict[str, float] = field(default_factory=dict)  # running resource -> live slack
    start: dict[str, float] = field(default_factory=dict)  # every resource: real or projected start
    finish: dict[str, float] = field(default_factory=dict)  # every resource: real or projected finish

    @property
    def eta(self) -> float:
        return max(0.0, self.end - self.now)

    @property
    def on_path_running(self) -> list[str]:
        return [s.address for s in self.chain if s.status in ACTIVE]

    def addresses(self) -> set[str]:
        return {s.address for s in self.chain}


def project(model: RunModel, now: float | None = None) -> Projection:
    now = model.t if now is None else now
    res = model.resources
    if not res:
        return Projection(now=now, end=now)
    start: dict[str, float] = {}
    finish: dict[str, float] = {}
    for a in model.order:
        r = res[a]
        if r.status == "skipped":
            start[a] = finish[a] = r.end_t if r.end_t is not None else now
        elif r.end_t is not None:
            start[a] = r.start_t if r.start_t is not None else r.end_t
            finish[a] = r.end_t
        elif r.start_t is not None:
            start[a] = r.start_t
            finish[a] = max(r.start_t + r.estimate, now)
        else:
            s = now
            for d in r.deps:
                if finish[d] > s:
                    s = finish[d]
            start[a] = s
            finish[a] = s + r.estimate
    last = max(res, key=lambda a: (finish[a], res[a].critical, a))
    end = max(finish[last], now) if model.finished is None else finish[last]

    planned = set(model.planned_path)
    chain: list[Step] = []
    node: str | None = last
    while node is not None:
        r = res[node]
        actual = r.actual
        if actual is None and r.status in ACTIVE and r.start_t is not None:
            actual = now - r.start_t
        chain.append(Step(node, r.status, r.estimate, actual, start[node], finish[node], node in planned))
        deps = [d for d in r.deps if res[d].status != "skipped"]
        node = max(deps, key=lambda d: (finish[d], d)) if deps else None
    chain.reverse()

    # Live slack of running resources: latest finish that does not move the end, minus projected finish.
    latest: dict[str, float] = {}
    for a in reversed(model.order):
        r = res[a]
        if r.end_t is not None:
            continue
        lf = end
        for succ in model.succ[a]:
            sr = res[succ]
            if sr.end_t is None and succ in latest:
                ls = latest[succ] - sr.estimate
                if ls < lf:
                    lf = ls
        latest[a] = lf
    slack = {a: max(0.0, latest[a] - finish[a]) for a in model.running if a in latest}
    return Projection(now=now, end=end, chain=chain, slack=slack, start=start, finish=finish)


def time_left(model: RunModel, proj: Projection) -> float:
    """The ETA every view shows: the live critical path's remaining length, or, once a stop was asked for,
    the time until the in-flight work is projected to finish (waiting work will not start)."""
    if model.stopping:
        finish = [proj.finish.get(a, proj.now) for a in model.running]
        return max(0.0, max(finish, default=proj.now) - proj.now)
    return proj.eta

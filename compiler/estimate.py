"""How long a deployment takes: the executor's own policy played out on the latency model.

The critical path alone ignores the service limits, so a site with many Lex builds or hundreds of
Connect calls finishes far later than its longest chain. :func:`estimate` replays what
:mod:`ccdsl.runtime.executor` does, in deployment seconds and without running anything:

* a step becomes ready when the steps it waits for are done; ready steps start highest remaining path
  first (the CPM figure), within ``parallelism`` (a cap on steps in flight, waiting ones included);
* a started step first takes one of its bucket's concurrency slots (first come, first served, held until
  it finishes), then one request token from its bucket (a token bucket, first come, first served);
* then it takes its duration (the latency model's midpoint, as ``--latency midpoint`` sleeps).

The result is the makespan and the chain that ends it, each link with the time it spent waiting for a limit.
"""
from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .registry.limits import SERVICE_CONCURRENCY, SERVICE_RATES, rate_name, slot_name

if TYPE_CHECKING:
    from .resources import CompiledSite

EPS = 1e-9


@dataclass(frozen=True, slots=True)
class Link:
    """One step of the chain that ends the deployment."""

    address: str
    ready_s: float  # when everything it waits for was done
    start_s: float  # when its first request went out
    finish_s: float
    wait_s: float  # start - ready: time spent waiting for a limit
    waited_for: str  # what it waited for ("" when it did not wait)


@dataclass(slots=True)
class Estimate:
    makespan_s: float = 0.0
    chain: list[Link] = field(default_factory=list)
    start_s: dict[str, float] = field(default_factory=dict)
    finish_s: dict[str, float] = field(default_factory=dict)

    @property
    def waits_s(self) -> float:
        """Seconds of the chain spent waiting for a limit."""
        return sum(link.wait_s for link in self.chain)


class _Bucket:
    """A token bucket served first come, first served (the runtime's ``TokenBucket`` in closed form)."""

    __slots__ = ("rate", "burst", "tokens", "stamp")

    def __init__(self, rate: float, burst: float) -> None:
        self.rate, self.burst, self.tokens, self.stamp = rate, burst, burst, 0.0

    def take(self, t: float) -> float:
        t = max(t, self.stamp)
        tokens = min(self.burst, self.tokens + (t - self.stamp) * self.rate)
        if tokens < 1.0 - EPS:
            t += (1.0 - tokens) / self.rate
            tokens = 1.0
        self.tokens, self.stamp = tokens - 1.0, t
        return t


def remaining_paths(durations: Mapping[str, float], after: Mapping[str, Iterable[str]]) -> dict[str, float]:
    """Longest path from each step to the end, its own duration included (the executor's priority)."""
    deps = {a: [d for d in after.get(a, ()) if d in durations] for a in durations}
    return _remaining(durations, deps, _successors(durations, deps))


def _successors(durations: Mapping[str, float], deps: Mapping[str, list[str]]) -> dict[str, list[str]]:
    succ: dict[str, list[str]] = {a: [] for a in durations}
    for a, ds in deps.items():
        for d in ds:
            succ[d].append(a)
    return succ


def _remaining(durations: Mapping[str, float], deps: Mapping[str, list[str]],
               succ: Mapping[str, list[str]]) -> dict[str, float]:
    indeg = {a: len(ds) for a, ds in deps.items()}
    order = [a for a, n in indeg.items() if n == 0]
    i = 0
    while i < len(order):
        for s in succ[order[i]]:
            indeg[s] -= 1
            if indeg[s] == 0:
                order.append(s)
        i += 1
    rest: dict[str, float] = {}
    for a in reversed(order):
        rest[a] = durations[a] + max([rest[s] for s in succ[a]], default=0.0)
    return rest


def estimate(
    durations: Mapping[str, float],
    after: Mapping[str, Iterable[str]],
    buckets: Mapping[str, str],
    *,
    priority: Mapping[str, float] | None = None,
    rates: Mapping[str, tuple[float, float]] | None = None,
    concurrency: Mapping[str, int] | None = None,
    parallelism: int | None = None,
) -> Estimate:
    """Play the schedule. ``after[a]``: steps ``a`` waits for (others ignored); ``buckets[a]``: its rate
    bucket; ``priority``: remaining path per step (computed when omitted); ``rates``/``concurrency``
    default to the service limits."""
    rates = SERVICE_RATES if rates is None else rates
    concurrency = SERVICE_CONCURRENCY if concurrency is None else concurrency
    deps = {a: [d for d in after.get(a, ()) if d in durations] for a in durations}
    succ = _successors(durations, deps)
    prio = dict(priority) if priority is not None else _remaining(durations, deps, succ)
    waiting = {a: len(ds) for a, ds in deps.items()}
    tokens = {b: _Bucket(*spec) for b, spec in rates.items()}
    slots = {b: [0.0] * n for b, n in concurrency.items() if n > 0}
    ready_at: dict[str, float] = {}
    start: dict[str, float] = {}
    finish: dict[str, float] = {}
    cause: dict[str, str] = {}
    ready: list[tuple[float, int, str]] = []
    done: list[tuple[float, int, str]] = []
    seq = 0
    for a, n in waiting.items():
        if n == 0:
            ready_at[a] = 0.0
            heapq.heappush(ready, (-prio.get(a, 0.0), seq, a))
            seq += 1
    running = 0
    t = 0.0
    while True:
        while ready and (parallelism is None or running < parallelism):
            _, _, a = heapq.heappop(ready)
            bucket = buckets.get(a, "")
            t0 = t
            why = "a free parallel slot (--parallelism)" if t > ready_at[a] + EPS else ""
            pool = slots.get(bucket)
            if pool is not None:
                free = heapq.heappop(pool)
                if free > t0 + EPS:
                    t0, why = free, slot_name(bucket)
            tb = tokens.get(bucket)
            if tb is not None:
                t1 = tb.take(t0)
                if t1 > t0 + EPS:
                    t0, why = t1, why if pool is not None and why == slot_name(bucket) else rate_name(bucket)
            start[a] = t0
            finish[a] = t0 + durations[a]
            cause[a] = why
            if pool is not None:
                heapq.heappush(pool, finish[a])
            heapq.heappush(done, (finish[a], seq, a))
            seq += 1
            running += 1
        if not done:
            break
        t = done[0][0]
        while done and done[0][0] <= t + EPS:
            _, _, a = heapq.heappop(done)
            running -= 1
            for s in succ[a]:
                waiting[s] -= 1
                if waiting[s] == 0:
                    ready_at[s] = t
                    heapq.heappush(ready, (-prio.get(s, 0.0), seq, s))
                    seq += 1
    if not finish:
        return Estimate()
    makespan = max(finish.values())
    node = min((a for a, f in finish.items() if f >= makespan - EPS), key=str)
    chain = []
    while True:
        wait = max(0.0, start[node] - ready_at[node])
        chain.append(Link(node, ready_at[node], start[node], finish[node], wait, cause[node] if wait > EPS else ""))
        if not deps[node]:
            break
        node = max(deps[node], key=lambda d: (finish[d], d))
    chain.reverse()
    return Estimate(makespan_s=makespan, chain=chain, start_s=start, finish_s=finish)


def estimate_site(site: CompiledSite) -> Estimate:
    """The estimate of deploying a whole compiled site (a ``CompiledSite``) from nothing."""
    from .registry import entry

    resources = site.resources
    graph = site.graph
    after = {a: [d for d in graph.predecessors(a) if d in resources] if graph is not None and a in graph else []
             for a in resources}
    durations = {a: r.estimate_s for a, r in resources.items()}
    bucket_of = {t: entry(t).bucket for t in {r.type for r in resources.values()}}
    return estimate(durations, after, {a: bucket_of[r.type] for a, r in resources.items()})

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
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .registry.limits import SERVICE_CONCURRENCY, SERVICE_RATES, rate_name, slot_name

if TYPE_CHECKING:
    from .cpm import Numbered
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


class Estimate:
    """The makespan, the chain that ends it, and when each step started and finished (``start_s`` and
    ``finish_s``, by address in the order the steps started: made when first read, as the compile reads
    neither)."""

    __slots__ = ("makespan_s", "chain", "_start_s", "_finish_s", "_played")

    def __init__(self, makespan_s: float = 0.0, chain: list[Link] | None = None,
                 start_s: dict[str, float] | None = None, finish_s: dict[str, float] | None = None) -> None:
        self.makespan_s = makespan_s
        self.chain: list[Link] = [] if chain is None else chain
        self._start_s = start_s
        self._finish_s = finish_s
        # (names, steps in the order they started, their starts, their finishes) until the dicts are made
        self._played: tuple[list[str], list[int], list[float], list[float]] | None = None

    @property
    def start_s(self) -> dict[str, float]:
        if self._start_s is None:
            self._start_s = self._by_address(True)
        return self._start_s

    @property
    def finish_s(self) -> dict[str, float]:
        if self._finish_s is None:
            self._finish_s = self._by_address(False)
        return self._finish_s

    def _by_address(self, starts: bool) -> dict[str, float]:
        if self._played is None:
            return {}
        names, started, start, finish = self._played
        times = start if starts else finish
        return {names[a]: times[a] for a in started}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Estimate):
            return NotImplemented
        return (self.makespan_s, self.chain, self.start_s, self.finish_s) == \
            (other.makespan_s, other.chain, other.start_s, other.finish_s)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (f"Estimate(makespan_s={self.makespan_s!r}, chain={self.chain!r}, start_s={self.start_s!r}, "
                f"finish_s={self.finish_s!r})")

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
    steps = _Steps(durations, after)
    order, rest = _remaining(steps)
    names = steps.names
    return {names[i]: rest[i] for i in reversed(order)}


class _Steps:
    """The steps numbered in ``durations``' order: names, durations, what each waits for and what waits for
    each (as lists of numbers: the schedule indexes them a few times per step, and a list is cheaper than a
    dict of addresses). Steps ``after`` names that are not in ``durations`` are ignored."""

    __slots__ = ("names", "durations", "deps", "succ", "order")

    def __init__(self, durations: Mapping[str, float], after: Mapping[str, Iterable[str]]) -> None:
        self.order: list[int] | None = None  # a topological order when known (``_remaining`` finds one otherwise)
        self.names = names = list(durations)
        self.durations = list(durations.values())
        index = {a: i for i, a in enumerate(names)}
        number = index.get
        get_after = after.get
        self.deps = deps = [[i for i in map(number, get_after(a, ())) if i is not None] for a in names]
        self.succ: list[list[int]] = [[] for _ in names]
        succ = self.succ
        for i, ds in enumerate(deps):
            for d in ds:
                succ[d].append(i)

    @classmethod
    def numbered(cls, g: Numbered) -> _Steps:
        """The steps of a compiled graph as it is numbered already (the same numbers, lists and order that
        ``_Steps(durations, graph._pred)`` and ``_remaining`` make from the site's resources and graph)."""
        steps = cls.__new__(cls)
        steps.names, steps.durations, steps.deps, steps.succ = g.names, g.durations, g.deps, g.succ
        steps.order = g.order
        return steps


def _remaining(steps: _Steps) -> tuple[list[int], list[float]]:
    """A topological order of the steps (steps on a cycle left out) and each step's remaining path (0.0 for
    those left out)."""
    succ, durations = steps.succ, steps.durations
    order = steps.order
    if order is None:
        indeg = [len(ds) for ds in steps.deps]
        order = [i for i, n in enumerate(indeg) if n == 0]
        for a in order:  # (the list grows while it is read)
            for s in succ[a]:
                indeg[s] -= 1
                if indeg[s] == 0:
                    order.append(s)
    rest = [0.0] * len(durations)
    for a in reversed(order):
        after = succ[a]
        rest[a] = durations[a] + (max([rest[s] for s in after]) if after else 0.0)
    return order, rest


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
    steps = _Steps(durations, after)
    names = steps.names
    # ready steps are ordered by their negated priority (highest first), then by when they became ready
    if priority is not None:
        rank = [-priority.get(a, 0.0) for a in names]
    else:
        rank = [-r for r in _remaining(steps)[1]]
    return _play(steps, [buckets.get(a, "") for a in names], rank, rates, concurrency, parallelism)


def _play(steps: _Steps, bucket: list[str], rank: list[float], rates: Mapping[str, tuple[float, float]] | None,
          concurrency: Mapping[str, int] | None, parallelism: int | None) -> Estimate:
    """:func:`estimate` over numbered steps: ``bucket[i]`` is step ``i``'s bucket, ``rank[i]`` its negated
    priority."""
    rates = SERVICE_RATES if rates is None else rates
    concurrency = SERVICE_CONCURRENCY if concurrency is None else concurrency
    names, duration, deps, succ = steps.names, steps.durations, steps.deps, steps.succ
    # per bucket: its concurrency slots, its token bucket and what a step held back by each waits for
    tokens = {b: _Bucket(*spec) for b, spec in rates.items()}
    slots = {b: [0.0] * n for b, n in concurrency.items() if n > 0}
    limits: dict[str, tuple[list[float] | None, _Bucket | None, str, str]] = {}
    for b in set(bucket):
        limits[b] = (slots.get(b), tokens.get(b), slot_name(b), rate_name(b))
    limit = [limits[b] for b in bucket]
    waiting = [len(ds) for ds in deps]
    n = len(names)
    ready_at = [0.0] * n
    start = [0.0] * n
    finish = [0.0] * n
    cause = [""] * n
    started: list[int] = []
    ready: list[tuple[float, int, int]] = []
    done: list[tuple[float, int, int]] = []
    push, pop = heapq.heappush, heapq.heappop
    seq = 0
    for a, w in enumerate(waiting):
        if w == 0:
            push(ready, (rank[a], seq, a))
            seq += 1
    running = 0
    t = 0.0
    cap = n + 1 if parallelism is None else parallelism
    while True:
        while ready and running < cap:
            a = pop(ready)[2]
            pool, tb, slot_label, rate_label = limit[a]
            t0 = t
            why = "a free parallel slot (--parallelism)" if t > ready_at[a] + EPS else ""
            if pool is not None:
                free = pop(pool)
                if free > t0 + EPS:
                    t0, why = free, slot_label
            if tb is not None:
                t1 = tb.take(t0)
                if t1 > t0 + EPS:
                    t0, why = t1, why if pool is not None and why == slot_label else rate_label
            start[a] = t0
            finish[a] = end = t0 + duration[a]
            cause[a] = why
            started.append(a)
            if pool is not None:
                push(pool, end)
            push(done, (end, seq, a))
            seq += 1
            running += 1
        if not done:
            break
        t = done[0][0]
        while done and done[0][0] <= t + EPS:
            a = pop(done)[2]
            running -= 1
            for s in succ[a]:
                waiting[s] -= 1
                if waiting[s] == 0:
                    ready_at[s] = t
                    push(ready, (rank[s], seq, s))
                    seq += 1
    if not started:
        return Estimate()
    makespan = max([finish[a] for a in started])
    node = names.index(min((names[a] for a in started if finish[a] >= makespan - EPS), key=str))
    chain = []
    while True:
        wait = max(0.0, start[node] - ready_at[node])
        chain.append(Link(names[node], ready_at[node], start[node], finish[node], wait,
                          cause[node] if wait > EPS else ""))
        if not deps[node]:
            break
        node = max(deps[node], key=lambda d: (finish[d], names[d]))
    chain.reverse()
    played = Estimate(makespan_s=makespan, chain=chain)
    played._played = (names, started, start, finish)
    return played


def estimate_site(site: CompiledSite) -> Estimate:
    """The estimate of deploying a whole compiled site (a ``CompiledSite``) from nothing."""
    from .registry import entry

    resources = site.resources
    bucket_of = {t: entry(t).bucket for t in {r.type for r in resources.values()}}
    numbered = site.numbering()
    if numbered is not None and numbered.order is not None:
        # the compile's numbering and order: the same steps, edges and order the general way makes from them
        steps = _Steps.numbered(numbered)
        bucket = [bucket_of[r.type] for r in resources.values()]
        return _play(steps, bucket, [-r for r in _remaining(steps)[1]], None, None, None)
    graph = site.graph
    # what each waits for: the graph's predecessor dicts as they are (the estimate ignores names it lacks)
    after: Mapping[str, Iterable[str]] = graph._pred if graph is not None else {}
    durations = {a: r.estimate_s for a, r in resources.items()}
    return estimate(durations, after, {a: bucket_of[r.type] for a, r in resources.items()})

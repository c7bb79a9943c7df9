"""The estimate's schedule, played on numbered steps, is the one it played on addresses (kept here as the
reference): same makespan, chain, start and finish times, in the same order, whatever the graph, ties,
limits, priorities and parallelism."""
from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping

from hypothesis import given, settings
from hypothesis import strategies as st

from ccdsl.compiler.estimate import EPS, Estimate, Link, _Bucket, estimate, remaining_paths
from ccdsl.compiler.registry.limits import SERVICE_CONCURRENCY, SERVICE_RATES, rate_name, slot_name


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


def reference_estimate(
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


def reference_remaining(durations: Mapping[str, float], after: Mapping[str, Iterable[str]]) -> dict[str, float]:
    deps = {a: [d for d in after.get(a, ()) if d in durations] for a in durations}
    return _remaining(durations, deps, _successors(durations, deps))


NAMES = [f"s{i}" for i in range(14)]


@st.composite
def schedules(draw):
    count = draw(st.integers(0, 14))
    names = draw(st.permutations(NAMES))[:count]
    # few distinct durations: ties in priority and in finish times are frequent
    durations = {a: draw(st.sampled_from([0.0, 0.5, 1.0, 2.0, 2.5, 10.0])) for a in names}
    after = {}
    for i, a in enumerate(names):
        pool = names[:i] + ["unknown"]  # a name that is not a step is ignored (a compiled graph has no cycle)
        if draw(st.booleans()):
            after[a] = draw(st.lists(st.sampled_from(pool), max_size=3))  # duplicates too
    buckets = {a: draw(st.sampled_from(["", "connect", "lex-build", "lex", "other"])) for a in names
               if draw(st.booleans())}
    rates = draw(st.sampled_from([None, {}, {"connect": (2.0, 5.0)}, {"connect": (1.0, 1.0), "other": (0.5, 2.0)}]))
    concurrency = draw(st.sampled_from([None, {}, {"lex-build": 2}, {"lex-build": 1, "other": 0, "connect": 3}]))
    priority = draw(st.none() | st.dictionaries(st.sampled_from(names or ["x"]), st.sampled_from([0.0, 1.0, 5.0])))
    parallelism = draw(st.none() | st.integers(0, 4))
    return durations, after, buckets, dict(priority=priority, rates=rates, concurrency=concurrency,
                                           parallelism=parallelism)


def _as_played(est: Estimate) -> tuple:
    return est.makespan_s, est.chain, list(est.start_s.items()), list(est.finish_s.items())


@settings(max_examples=400, deadline=None)
@given(schedules())
def test_the_schedule_is_the_reference_schedule(case):
    durations, after, buckets, options = case
    assert _as_played(estimate(durations, after, buckets, **options)) == _as_played(
        reference_estimate(durations, after, buckets, **options))
    assert list(remaining_paths(durations, after).items()) == list(reference_remaining(durations, after).items())

"""Critical path method over the resource DAG, in linear time (one topological order).

Edges run from a dependency to its dependant. Durations are the latency model's estimates.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sized

import networkx as nx

from .resources import CriticalPath, Timing

EPS = 1e-9


class Numbered:
    """The compiled graph numbered once, for the critical path and the estimate to share: step ``i`` is
    ``names[i]`` (the graph's nodes, which are the sorted addresses), ``durations[i]`` its estimate, ``deps[i]``
    the steps it waits for and ``succ[i]`` the steps waiting for it (both ascending, as the graph's adjacency
    dicts hold them), ``order`` the steps in the graph's topological order (None: there is a cycle).
    ``resources`` and ``graph``: what it was made from (a compiled site uses it only while they are its own)."""

    __slots__ = ("names", "durations", "deps", "succ", "order", "resources", "graph")

    def __init__(self, names: list[str], durations: list[float], deps: list[list[int]], succ: list[list[int]],
                 order: list[int] | None, resources: object = None, graph: object = None) -> None:
        self.names, self.durations, self.deps, self.succ, self.order = names, durations, deps, succ, order
        self.resources, self.graph = resources, graph


def critical_path(graph: nx.DiGraph, durations: Mapping[str, float], order: list[str] | None = None,
                  ) -> tuple[dict[str, Timing], list[str], float]:
    """Earliest/latest start and finish per node, the critical path (start to end) and its length;
    ``order``: the graph's nodes in ``nx.topological_sort`` order when the caller has it already.

    Ties are broken by address so that the result is deterministic.
    """
    if order is None:
        order = list(nx.topological_sort(graph))
    # the graph's adjacency dicts, as networkx's own algorithms read them (its views cost a call per node)
    return _cpm(order, graph._pred, graph._succ, durations)


def topological_order(pred: Mapping[str, Sized], succ: Mapping[str, Iterable[str]]) -> list[str] | None:
    """The nodes of ``succ`` (each node's dependants, every node a key) in the order ``nx.topological_sort``
    gives for the graph with its nodes and edges inserted in these orders; ``pred``: each node's dependencies
    (distinct; a node missing has none). None when there is a cycle (a self-loop included).

    networkx's sort takes generations of in-degree zero, nodes in insertion order, children in edge order:
    a FIFO queue gives the same sequence."""
    indegree = {a: len(ps) for a, ps in pred.items() if ps}
    order = [a for a in succ if a not in indegree]
    i = 0
    while i < len(order):
        for child in succ[order[i]]:
            left = indegree[child] - 1
            indegree[child] = left
            if not left:
                order.append(child)
        i += 1
    return order if len(order) == len(succ) else None


def numbered_order(deps: list[list[int]], succ: list[list[int]]) -> list[int] | None:
    """:func:`topological_order` over numbered steps (``deps[i]``: what step ``i`` waits for, distinct; ``succ[i]``:
    what waits for it): roots in number order, then a FIFO queue, children in ``succ`` order."""
    indegree = [len(ds) for ds in deps]
    order = [i for i, n in enumerate(indegree) if not n]
    for i in order:  # (the list grows while it is read)
        for child in succ[i]:
            left = indegree[child] - 1
            indegree[child] = left
            if not left:
                order.append(child)
    return order if len(order) == len(succ) else None


def numbered_critical_path(g: Numbered, order_names: list[str] | None = None) -> CriticalPath:
    """:func:`critical_path` over numbered steps, ``g.order`` topological (not None); the same figures, the same
    timings in the same order and the same path, since numbers follow the addresses' sorted order (the least
    number is the least address). ``order_names``: ``g.order``'s names when the caller has them already."""
    order, deps, succ, names = g.order, g.deps, g.succ, g.names
    assert order is not None
    durations = [float(d) for d in g.durations]
    # earliest finish: 0.0 + duration for a step without dependencies (never -0.0), as _cpm adds them
    ef = [0.0 + d for d in durations]
    es = [0.0] * len(durations)
    for i in order:
        ds = deps[i]
        if ds:
            es[i] = start = max([ef[p] for p in ds])
            ef[i] = start + durations[i]
    if not order:
        return {}, [], 0.0
    length = max([ef[i] for i in order])
    ls = es[:]  # every entry is written before it is read
    new = tuple.__new__
    backwards: list[Timing] = []
    append = backwards.append
    for i in reversed(order):
        ss = succ[i]
        finish = min([ls[s] for s in ss]) if ss else length
        ls[i] = start = finish - durations[i]
        append(new(Timing, (es[i], ef[i], start, finish)))
    backwards.reverse()
    timings = dict(zip([names[i] for i in order] if order_names is None else order_names, backwards))
    node = min([i for i in order if abs(ef[i] - length) <= EPS])
    path = [node]
    while True:
        start = es[node]
        preds = [p for p in deps[node] if abs(ef[p] - start) <= EPS]
        if not preds:
            break
        node = min(preds)
        path.append(node)
    path.reverse()
    return timings, [names[i] for i in path], length


def _cpm(order: list[str], pred: Mapping[str, Iterable[str]], succ: Mapping[str, Iterable[str]],
         durations: Mapping[str, float]) -> tuple[dict[str, Timing], list[str], float]:
    """The critical path method over ``order`` (topological) with each node's predecessors and successors."""
    es: dict[str, float] = {}
    ef: dict[str, float] = {}
    for node in order:
        ps = pred[node]
        start = max([ef[p] for p in ps]) if ps else 0.0
        es[node] = start
        ef[node] = start + float(durations[node])
    length = max(ef.values(), default=0.0)
    ls: dict[str, float] = {}
    timings: dict[str, Timing] = {}
    for node in reversed(order):
        ss = succ[node]
        finish = min([ls[s] for s in ss]) if ss else length
        ls[node] = start = finish - float(durations[node])
        timings[node] = Timing(es[node], ef[node], start, finish)
    timings = {n: timings[n] for n in order}
    if not order:
        return timings, [], 0.0
    # Walk back from the last-finishing node along predecessors whose finish is the current start.
    node = min((n for n in order if abs(ef[n] - length) <= EPS), key=str)
    path = [node]
    while True:
        preds = [p for p in pred[node] if abs(ef[p] - es[node]) <= EPS]
        if not preds:
            break
        node = min(preds, key=str)
        path.append(node)
    path.reverse()
    return timings, path, length


def critical_path_of(
    durations: Mapping[str, float], depends_on: Mapping[str, Iterable[str]]
) -> tuple[dict[str, Timing], list[str], float]:
    """:func:`critical_path` for a plain mapping of dependencies (those outside ``durations`` ignored).

    The remaining path length from a node to the end, its own duration included, is
    ``length - timings[node].latest_start``. Nodes come in the order ``nx.topological_sort`` gives for the
    graph of ``durations``' nodes and these edges (without building it); a cycle raises
    ``nx.NetworkXUnfeasible`` as it does.
    """
    succ: dict[str, dict[str, None]] = {a: {} for a in durations}
    pred: dict[str, dict[str, None]] = {}
    for a, deps in depends_on.items():
        ds = pred[a] = dict.fromkeys([d for d in deps if d in durations])  # an edge counts once, as in networkx
        if ds and a not in succ:
            succ[a] = {}
        for d in ds:
            succ[d][a] = None
    for a in succ:
        if a not in pred:
            pred[a] = {}
    order = topological_order(pred, succ)
    if order is None:
        raise nx.NetworkXUnfeasible("Graph contains a cycle or graph changed during iteration")
    extra = {a: 0.0 for a in succ if a not in durations}
    return _cpm(order, pred, succ, {**durations, **extra} if extra else durations)

"""Critical path method over the resource DAG, in linear time (one topological order).

Edges run from a dependency to its dependant. Durations are the latency model's estimates.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sized

import networkx as nx

from .resources import Timing

EPS = 1e-9


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

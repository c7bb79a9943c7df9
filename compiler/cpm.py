"""Critical path method over the resource DAG, in linear time (one topological order).

Edges run from a dependency to its dependant. Durations are the latency model's estimates.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

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
    es: dict[str, float] = {}
    ef: dict[str, float] = {}
    for node in order:
        start = max((ef[p] for p in graph.predecessors(node)), default=0.0)
        es[node] = start
        ef[node] = start + float(durations[node])
    length = max(ef.values(), default=0.0)
    lf: dict[str, float] = {}
    ls: dict[str, float] = {}
    for node in reversed(order):
        finish = min((ls[s] for s in graph.successors(node)), default=length)
        lf[node] = finish
        ls[node] = finish - float(durations[node])
    timings = {n: Timing(es[n], ef[n], ls[n], lf[n]) for n in order}
    if not order:
        return timings, [], 0.0
    # Walk back from the last-finishing node along predecessors whose finish is the current start.
    node = min((n for n in order if abs(ef[n] - length) <= EPS), key=str)
    path = [node]
    while True:
        preds = [p for p in graph.predecessors(node) if abs(ef[p] - es[node]) <= EPS]
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
    ``length - timings[node].latest_start``.
    """
    graph = nx.DiGraph()
    graph.add_nodes_from(durations)
    graph.add_edges_from((d, a) for a, deps in depends_on.items() for d in deps if d in durations)
    return critical_path(graph, durations)

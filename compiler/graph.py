"""The resource DAG: nodes are addresses, edges run from a dependency to its dependant.

Edges come only from references (Refs in the inputs) and explicit ``extra_deps``; phases never add
edges. A cycle is a diagnostic ``E401`` that lists every resource on it with its position; a reference
to an address that does not exist is ``E402`` (validation normally stops those first).
"""
from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from ccdsl.dsl.diagnostics import Diagnostic, Diagnostics, Severity
from ccdsl.dsl.source import UNKNOWN, Span

from .cpm import Numbered, numbered_order
from .resources import Resource

CYCLE = "E401"
UNKNOWN_REFERENCE = "E402"


def build_graph(resources: Mapping[str, Resource], diagnostics: Diagnostics) -> nx.DiGraph:
    """The dependency graph; problems are added to ``diagnostics`` (the graph keeps what is valid)."""
    return ordered_graph(resources, diagnostics)[0]


def ordered_graph(resources: Mapping[str, Resource],
                  diagnostics: Diagnostics) -> tuple[nx.DiGraph, list[str] | None]:
    """:func:`build_graph` and the graph's nodes in ``nx.topological_sort`` order (None when it has a cycle):
    the order proves there is no cycle to report, and the critical path walks it."""
    graph, order, _ = numbered_graph(resources, diagnostics)
    return graph, order


def numbered_graph(resources: Mapping[str, Resource],
                   diagnostics: Diagnostics) -> tuple[nx.DiGraph, list[str] | None, Numbered]:
    """:func:`ordered_graph` and the same graph numbered (:class:`~.cpm.Numbered`), which the critical path and
    the estimate share: one numbering and one topological order instead of one per address dict each."""
    addresses = sorted(resources)
    ints = list(range(len(addresses)))  # one int object per number, shared by the lists that hold it
    number = dict(zip(addresses, ints)).get
    # networkx's own adjacency dicts, filled as add_nodes_from(addresses) and then add_edges_from of every
    # (dependency, dependant) pair, dependants in address order and each one's dependencies sorted, fill them:
    # each node an empty attribute dict, each edge one empty data dict shared by both directions
    nodes: dict[str, dict] = {a: {} for a in addresses}
    pred: dict[str, dict[str, dict]] = {a: {} for a in addresses}
    succ: dict[str, dict[str, dict]] = {a: {} for a in addresses}
    # the numbered edges in the same orders (each step's dependencies ascending, its dependants ascending);
    # one shared empty list (never changed) for the many steps without either
    none: list[int] = []
    deps_of: list[list[int]] = [none] * len(addresses)
    dependants: list[list[int]] = [none] * len(addresses)
    durations = []
    for i, address in zip(ints, addresses):
        resource = resources[address]
        durations.append(resource.estimate_s)
        deps = resource.depends_on
        if not deps:
            continue
        into = pred[address]
        ordered = sorted(deps) if len(deps) > 1 else deps
        numbers = deps_of[i] = [number(dep) for dep in ordered]  # type: ignore[misc]
        if None in numbers:  # an address the site does not define
            numbers[:] = [j for j in numbers if j is not None]
            for dep in ordered:
                if number(dep) is None:
                    diagnostics.error(
                        UNKNOWN_REFERENCE,
                        f"resource '{address}' refers to '{dep}', which the site does not define",
                        _span(resource),
                    )
            ordered = [dep for dep in ordered if number(dep) is not None]
        for dep, j in zip(ordered, numbers):
            succ[dep][address] = into[dep] = {}
            after = dependants[j]
            if after is none:
                dependants[j] = [i]
            else:
                after.append(i)
    graph = nx.DiGraph()
    graph._node = nodes
    graph._adj = succ  # networkx's descriptor makes it the successors (_succ) too
    graph._pred = pred
    # the order networkx's topological_sort gives for this graph, from the same nodes and edges in the same order
    numbered_steps = numbered_order(deps_of, dependants)
    numbered = Numbered(addresses, durations, deps_of, dependants, numbered_steps, graph=graph)
    if numbered_steps is None:  # a cycle (a self-loop included): name each one
        report_cycles(graph, resources, diagnostics)
        return graph, None, numbered
    return graph, [addresses[i] for i in numbered_steps], numbered


def report_cycles(graph: nx.DiGraph, resources: Mapping[str, Resource], diagnostics: Diagnostics) -> bool:
    """One ``E401`` per strongly connected component that contains a cycle; True if any was found."""
    found = False
    components = [c for c in nx.strongly_connected_components(graph) if len(c) > 1 or _self_loop(graph, c)]
    for component in sorted(components, key=lambda c: min(c)):
        found = True
        start = min(component)
        cycle = [u for u, _ in nx.find_cycle(graph.subgraph(component), source=start)]
        chain = " -> ".join(cycle + [cycle[0]])
        positions = "; ".join(f"{a} at {_span(resources[a])}" for a in cycle)
        diagnostics.error(
            CYCLE,
            f"dependency cycle: {chain}",
            _span(resources[cycle[0]]),
            hint=f"each of these waits for the next: {positions}",
        )
        for address in cycle[1:]:
            diagnostics.add(Diagnostic(CYCLE, f"'{address}' is on this cycle", _span(resources[address]),
                                       Severity.NOTE))
    return found


def _self_loop(graph: nx.DiGraph, component: set[str]) -> bool:
    (node,) = component
    return graph.has_edge(node, node)


def _span(resource: Resource) -> Span:
    return resource.span or UNKNOWN

"""A flow body's graph is made once and shared by the flow checks and the channel and language analyses;
what it works out is what a graph of its own works out, and callers get sets of their own."""
from __future__ import annotations

from pathlib import Path

from ccdsl.dsl.flows import flow_body
from ccdsl.dsl.flows.cfg import FlowGraph, graph_of
from ccdsl.dsl.validate import validate_file

ROOT = Path(__file__).resolve().parents[3]


def test_a_body_has_one_graph_that_agrees_with_a_fresh_one():
    bodies = []
    for path in sorted((ROOT / "examples").glob("*/site.ccd")):
        site, _ = validate_file(path)
        assert site is not None
        bodies += [b for flow in (site.flows or {}).values() if (b := flow_body(flow)) is not None]
    assert len(bodies) > 10
    for body in bodies:
        shared, fresh = graph_of(body), FlowGraph(body)
        assert graph_of(body) is shared
        assert shared.reachable() == fresh.reachable()
        assert [shared.branches(i) for i in range(len(shared.nodes))] == \
               [fresh.branches(i) for i in range(len(fresh.nodes))]
        mine = shared.reachable()
        mine.add(-99)
        assert -99 not in shared.reachable()
    statements = list(bodies[0].statements)
    assert graph_of(statements) is not graph_of(statements)  # a list may change: never shared

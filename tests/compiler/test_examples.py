"""Every example site compiles, with an acyclic graph whose critical path is consistent."""
from pathlib import Path

import networkx as nx
import pytest

from ccdsl.compiler.pipeline import compile_site

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*/*.ccd"))


@pytest.mark.parametrize("site", EXAMPLES, ids=lambda p: p.parent.name)
def test_example_compiles(site):
    cs, diags = compile_site(site)
    assert cs is not None, [f"{d.span}: {d.code} {d.message}" for d in diags]
    assert nx.is_directed_acyclic_graph(cs.graph)
    assert set(cs.graph.nodes) == set(cs.resources)
    for address, r in cs.resources.items():
        assert set(cs.graph.predecessors(address)) == r.depends_on
        t = cs.timings[address]
        assert t.slack >= -1e-6 and t.earliest_finish <= cs.critical_length_s + 1e-6
    assert abs(sum(cs.resources[a].estimate_s for a in cs.critical_path) - cs.critical_length_s) < 1e-6

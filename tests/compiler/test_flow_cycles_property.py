"""Property: any pattern of flows transferring to each other compiles; exactly the flows on a cycle
are created as stubs and get their content in a later step."""
import textwrap

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccdsl.compiler.pipeline import compile_site
from ccdsl.compiler.resources import Ref

HEADER = "ccdsl: 1\nsite: t\nregion: eu-west-2\ninstance: {alias: t-site}\n"


def flow_body(targets: list[int]) -> str:
    if not targets:
        return 'say "Goodbye."\nhangup\n'
    lines = ['menu "Choose."']
    lines += [f"  {i + 1} -> to{i}" for i in range(len(targets))]
    lines.append("  otherwise -> to0")
    for i, t in enumerate(targets):
        lines += [f"to{i}:", f"  transfer to flow f{t}"]
    return "\n".join(lines) + "\n"


@st.composite
def transfer_graphs(draw):
    n = draw(st.integers(2, 5))
    return {i: sorted(draw(st.sets(st.sampled_from([j for j in range(n) if j != i]), max_size=3)))
            for i in range(n)}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(graph=transfer_graphs())
def test_any_flow_transfer_pattern_compiles(tmp_path, graph):
    flows = "".join(f"  f{i}:\n    do: |\n{textwrap.indent(flow_body(t), '      ')}" for i, t in graph.items())
    path = tmp_path / "site.ccd"
    path.write_text(HEADER + "numbers:\n  main: {type: DID, country: GB, flow: f0}\nflows:\n" + flows)
    cs, diags = compile_site(path)
    assert cs is not None, [f"{d.span}: {d.code} {d.message}" for d in diags]
    assert nx.is_directed_acyclic_graph(cs.graph)
    g = nx.DiGraph([(f"f{i}", f"f{t}") for i, ts in graph.items() for t in ts])
    g.add_nodes_from(f"f{i}" for i in graph)
    on_cycle = {n for c in nx.strongly_connected_components(g) if len(c) > 1 for n in c}
    for i in graph:
        name = f"f{i}"
        assert (f"flow.{name}.content" in cs.resources) == (name in on_cycle)
        content_holder = cs.resources[f"flow.{name}.content" if name in on_cycle else f"flow.{name}"]
        for t in graph[i]:
            assert f"flow.f{t}" in content_holder.depends_on
    assoc = cs.resources["number.main.flow"]
    assert assoc.inputs["ContactFlowId"] == Ref("flow.f0", "id")
    assert ("flow.f0.content" in assoc.depends_on) == ("f0" in on_cycle)

"""The graph's adjacency filled directly and each resource's dependencies found without a list of Refs:
the same networkx graph and the same addresses as the general way."""
from collections import OrderedDict
from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from ccdsl.compiler.graph import ordered_graph
from ccdsl.compiler.pipeline import assemble
from ccdsl.compiler.resources import Ref, Resource, Secret, Template, iter_refs
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.source import Span

ADDRESSES = ["a.x", "a.y", "b.z", "c.w"]


class Text(str):
    """A string subclass, as the site's located strings are."""


class Mapping(OrderedDict):
    """A dict subclass."""


class Items(list):
    """A list subclass."""


_refs = st.builds(Ref, st.sampled_from(ADDRESSES), st.sampled_from(["id", "arn"]))
_secrets = st.builds(Secret, st.sampled_from(["env", "ssm"]), st.sampled_from(["X", "/p"]))
_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=3),
                     st.text(max_size=3).map(Text))
_templates = st.lists(st.one_of(st.text(max_size=3), _refs, _secrets), min_size=1, max_size=4).map(
    lambda parts: Template(tuple(parts)))


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    keys = st.text(max_size=3)
    return st.one_of(st.lists(children, max_size=4), st.lists(children, max_size=4).map(tuple),
                     st.lists(children, max_size=4).map(Items), st.dictionaries(keys, children, max_size=4),
                     st.dictionaries(keys, children, max_size=4).map(Mapping))


_values = st.recursive(st.one_of(_scalars, _refs, _secrets, _templates), _containers, max_leaves=20)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(max_size=3), _values, max_size=5), st.sets(st.sampled_from(ADDRESSES + ["d.v"])))
def test_depends_on_is_every_ref_address_and_extra_dep(inputs, extra):
    r = Resource("a.x", "aws_s3_bucket", 1, inputs, 1.0, extra_deps=extra)
    assert r.depends_on == {ref.address for ref in iter_refs(inputs)} | extra


def _reference_graph(resources: dict[str, Resource]) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(resources))
    for a in sorted(resources):
        graph.add_edges_from((dep, a) for dep in sorted(resources[a].depends_on) if dep in resources)
    return graph


@st.composite
def _sites(draw: st.DrawFn) -> dict[str, Resource]:
    names = draw(st.lists(st.from_regex(r"[a-c]\.[a-z0-9]{1,3}", fullmatch=True), max_size=20, unique=True))
    rs = {}
    for i, a in enumerate(names):
        deps = draw(st.lists(st.sampled_from(names + ["x.gone"]), max_size=4)) if names else []
        inputs = {f"p{j}": Template(("arn:", Ref(d, "arn"))) if j % 2 else Ref(d, "id") for j, d in enumerate(deps)}
        extra = set(draw(st.lists(st.sampled_from(names), max_size=2))) if names else set()
        rs[a] = Resource(a, "aws_s3_bucket", 1, inputs, 1.0, span=Span("site.ccd", i + 1, 1), extra_deps=extra)
    return rs


@settings(max_examples=300, deadline=None)
@given(_sites())
def test_graph_filled_directly_equals_networkx_construction(rs):
    d = Diagnostics()
    graph, _ = ordered_graph(rs, d)
    want = _reference_graph(rs)
    assert list(graph.nodes(data=True)) == list(want.nodes(data=True))
    assert list(graph.edges(data=True)) == list(want.edges(data=True))
    assert [(n, list(s)) for n, s in graph.succ.items()] == [(n, list(s)) for n, s in want.succ.items()]
    assert [(n, list(p)) for n, p in graph.pred.items()] == [(n, list(p)) for n, p in want.pred.items()]
    assert all(graph._succ[u][v] is graph._pred[v][u] for u, v in graph.edges)  # one data dict per edge
    unknown = sorted((a, dep) for a in rs for dep in rs[a].depends_on if dep not in rs)
    assert sorted(x.message for x in d if x.code == "E402") == sorted(
        f"resource '{a}' refers to '{dep}', which the site does not define" for a, dep in unknown)
    # the graph stays an ordinary networkx graph: its views and changes work as on the reference
    for g in (graph, want):
        g.add_edge("z.new", next(iter(rs), "z.other"), w=1)
        if rs:
            g.remove_node(next(iter(rs)))
    assert list(graph.edges(data=True)) == list(want.edges(data=True))
    assert dict(graph.in_degree) == dict(want.in_degree) and nx.is_directed_acyclic_graph(graph) == \
        nx.is_directed_acyclic_graph(want)


@settings(max_examples=200, deadline=None)
@given(_sites())
def test_compiled_site_lists_resources_in_address_order(rs):
    shuffled = dict(reversed(list(rs.items())))
    cs = assemble("s", "eu-west-2", shuffled, Diagnostics())
    if cs is not None:
        assert list(cs.resources) == sorted(rs) and all(cs.resources[a] is rs[a] for a in rs)

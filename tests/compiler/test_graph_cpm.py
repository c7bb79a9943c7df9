"""Graph construction, cycle diagnostics and the critical path method over hand-built resources."""
import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from ccdsl.compiler.cpm import critical_path
from ccdsl.compiler.graph import build_graph
from ccdsl.compiler.pipeline import assemble
from ccdsl.compiler.resources import Ref, Resource, Template
from ccdsl.dsl.diagnostics import Diagnostics, Severity
from ccdsl.dsl.source import Span


def res(address, estimate, *deps, extra=(), line=1):
    inputs = {f"p{i}": Ref(d, "id") for i, d in enumerate(deps)}
    return Resource(address, "aws_s3_bucket", 1, inputs, estimate, span=Span("site.ccd", line, 3),
                    extra_deps=set(extra))


def as_map(*resources):
    return {r.address: r for r in resources}


def test_edges_come_from_refs_templates_and_extra_deps():
    rs = as_map(
        res("a", 1),
        res("b", 1, "a"),
        Resource("c", "aws_s3_bucket", 1, {"x": Template(("arn:", Ref("b", "arn"), "/*"))}, 1),
        res("d", 1, extra=("a",)),
    )
    d = Diagnostics()
    g = build_graph(rs, d)
    assert not d.has_errors
    assert sorted(g.edges()) == [("a", "b"), ("a", "d"), ("b", "c")]


def test_cpm_on_a_diamond():
    rs = as_map(res("start", 10), res("slow", 100, "start"), res("fast", 5, "start"), res("end", 1, "slow", "fast"))
    g = build_graph(rs, Diagnostics())
    timings, path, length = critical_path(g, {a: r.estimate_s for a, r in rs.items()})
    assert path == ["start", "slow", "end"]
    assert length == 111
    assert timings["fast"].earliest_start == 10
    assert timings["fast"].latest_start == 105
    assert timings["fast"].slack == 95
    assert timings["slow"].slack == 0
    assert timings["end"].latest_finish == 111


def test_cpm_parallel_chains_pick_the_longest():
    rs = as_map(res("a1", 3), res("a2", 3, "a1"), res("b1", 10), res("c", 0.5))
    cs = assemble("s", "eu-west-2", rs, Diagnostics())
    assert cs.critical_path == ["b1"]
    assert cs.critical_length_s == 10
    assert cs.timings["a2"].slack == 4


def test_cpm_is_linear_enough_for_a_long_chain():
    n = 20000
    rs = {f"r{i:05d}": res(f"r{i:05d}", 1, *([f"r{i - 1:05d}"] if i else [])) for i in range(n)}
    cs = assemble("s", "eu-west-2", rs, Diagnostics())
    assert cs.critical_length_s == n
    assert len(cs.critical_path) == n


def test_cycle_is_a_diagnostic_with_every_position():
    rs = as_map(res("a", 1, "c", line=4), res("b", 1, "a", line=7), res("c", 1, "b", line=9), res("d", 1))
    d = Diagnostics()
    cs = assemble("s", "eu-west-2", rs, d)
    assert cs is None
    errors = [x for x in d if x.severity is Severity.ERROR]
    assert [e.code for e in errors] == ["E401"]
    assert "a -> b -> c -> a" in errors[0].message
    assert errors[0].span.line == 4
    notes = [x for x in d if x.severity is Severity.NOTE]
    assert sorted(n.span.line for n in notes) == [7, 9]
    assert "site.ccd:7:3" in errors[0].hint and "site.ccd:9:3" in errors[0].hint


def test_self_reference_is_a_cycle():
    d = Diagnostics()
    build_graph(as_map(res("a", 1, "a")), d)
    assert [x.code for x in d] == ["E401"]


def test_unknown_reference_is_a_diagnostic_not_a_crash():
    d = Diagnostics()
    g = build_graph(as_map(res("a", 1, "nowhere")), d)
    assert [x.code for x in d] == ["E402"]
    assert isinstance(g, nx.DiGraph) and list(g.nodes) == ["a"]


def test_critical_path_of_keeps_networkx_order_and_figures():
    """critical_path_of walks plain dicts; its timings come in networkx's topological order (the dashboard
    ranks rows by it) with the figures critical_path gives on the networkx graph."""
    import random

    from ccdsl.compiler.cpm import critical_path_of

    rng = random.Random(7)
    for _ in range(200):
        n = rng.randint(0, 30)
        names = [f"n{rng.randint(0, 999):03d}_{i}" for i in range(n)]
        rng.shuffle(names)
        durations = {a: float(rng.randint(0, 9)) for a in names}
        deps = {a: [names[j] for j in rng.sample(range(i), rng.randint(0, min(i, 4)))] * rng.randint(1, 2)
                for i, a in enumerate(names)}
        graph = nx.DiGraph()
        graph.add_nodes_from(durations)
        graph.add_edges_from((d, a) for a, ds in deps.items() for d in ds)
        want = critical_path(graph, durations)
        got = critical_path_of(durations, deps)
        assert list(got[0]) == list(want[0]) == list(nx.topological_sort(graph))
        assert got == want


@st.composite
def _random_sites(draw: st.DrawFn) -> dict[str, Resource]:
    """Resources with random names, estimates and references (cycles and self-references included)."""
    names = draw(st.lists(st.from_regex(r"[a-c]\.[a-z0-9]{1,3}", fullmatch=True), max_size=25, unique=True))
    rs = {}
    for i, a in enumerate(names):
        deps = draw(st.lists(st.sampled_from(names), max_size=4)) if names else []
        acyclic = draw(st.booleans())
        deps = [d for d in deps if not acyclic or names.index(d) < i]
        extra = draw(st.lists(st.sampled_from(names[:i] or ["x.none"]), max_size=2)) if i else []
        rs[a] = res(a, draw(st.sampled_from([0, 1, 2.5, 30, 90])), *deps, extra=[e for e in extra if e in rs])
    return rs


@settings(max_examples=300, deadline=None)
@given(_random_sites())
def test_ordered_graph_gives_networkx_order_and_cycles(rs):
    """ordered_graph sorts the nodes itself: the same order as networkx's topological_sort of its graph,
    and None exactly when networkx finds the graph cyclic (a self-loop included)."""
    from ccdsl.compiler.graph import ordered_graph

    d = Diagnostics()
    graph, order = ordered_graph(rs, d)
    reference = nx.DiGraph()
    reference.add_nodes_from(sorted(rs))
    reference.add_edges_from((dep, a) for a in sorted(rs) for dep in sorted(rs[a].depends_on))
    assert list(graph.nodes) == list(reference.nodes) and list(graph.edges) == list(reference.edges)
    try:
        want = list(nx.topological_sort(reference))
    except nx.NetworkXUnfeasible:
        want = None
    assert order == want
    assert (order is None) == any(x.code == "E401" for x in d)


@settings(max_examples=200, deadline=None)
@given(_random_sites())
def test_lazy_critical_path_equals_the_views_walk(rs):
    """The compiled site's critical path, computed on first read from the graph's adjacency, equals the
    critical path method walked through networkx's views in networkx's order."""
    from ccdsl.compiler.cpm import _cpm

    cs = assemble("s", "eu-west-2", rs, Diagnostics())
    if cs is None:
        return
    graph = cs.graph
    want = _cpm(list(nx.topological_sort(graph)), graph.pred, graph.succ, {a: r.estimate_s for a, r in rs.items()})
    assert cs.critical is None  # nothing computed until read
    assert (cs.timings, cs.critical_path, cs.critical_length_s) == want
    assert list(cs.timings) == list(want[0])
    assert all(type(x) is float for t in cs.timings.values() for x in t)

"""The compile's numbered graph (cpm.Numbered): the critical path and the estimate it gives equal those worked
out from the site's address dicts, figures, order and ties included."""
from hypothesis import given, settings
from hypothesis import strategies as st

from ccdsl.compiler.cpm import critical_path, numbered_critical_path, numbered_order, topological_order
from ccdsl.compiler.estimate import estimate_site
from ccdsl.compiler.pipeline import assemble
from ccdsl.compiler.resources import Ref, Resource
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.source import Span

TYPES = ["aws_s3_bucket", "aws_lexv2models_bot_locale", "aws_connect_queue", "aws_connect_queue", "aws_iam_role"]  # limits bind


@st.composite
def _sites(draw: st.DrawFn) -> dict[str, Resource]:
    """Resources with random names, types, estimates (ints, ties, zeros) and references; cycles and unknown
    references included (the compile then has no site)."""
    names = draw(st.lists(st.from_regex(r"[a-c]\.[a-z0-9]{1,3}", fullmatch=True), max_size=40, unique=True))
    rs = {}
    for i, a in enumerate(names):
        deps = draw(st.lists(st.sampled_from(names), max_size=4)) if names else []
        if draw(st.integers(0, 9)):  # mostly acyclic
            deps = [d for d in deps if names.index(d) < i]
        if not draw(st.integers(0, 19)):
            deps.append("z.nowhere")
        extra = draw(st.lists(st.sampled_from(names[:i]), max_size=2)) if i else []
        estimate = draw(st.sampled_from([0, 1, 0.0, 2.5, 30, 90.0, 1e-10, 7.3]))
        rs[a] = Resource(a, draw(st.sampled_from(TYPES)), 1, {f"p{k}": Ref(d, "id") for k, d in enumerate(deps)},
                         estimate, span=Span("site.ccd", 1, 1), extra_deps=set(extra))
    return rs


@settings(max_examples=300, deadline=None)
@given(_sites())
def test_numbered_critical_path_and_estimate_equal_the_general_ones(rs):
    d = Diagnostics()
    cs = assemble("s", "eu-west-2", rs, d)
    if cs is None:
        return
    numbered = cs.numbering()
    assert numbered is not None and numbered.order is not None
    assert [numbered.names[i] for i in numbered.order] == cs.order
    order = numbered_order(numbered.deps, numbered.succ)
    assert order is not None
    assert [numbered.names[i] for i in order] == topological_order(cs.graph._pred, cs.graph._succ) == cs.order
    general = critical_path(cs.graph, {a: r.estimate_s for a, r in cs.resources.items()}, cs.order)
    fast = numbered_critical_path(numbered)
    assert list(fast[0].items()) == list(general[0].items())
    assert [tuple(map(repr, t)) for t in fast[0].values()] == [tuple(map(repr, t)) for t in general[0].values()]
    assert fast[1:] == general[1:] and repr(fast[2]) == repr(general[2])
    assert list(cs.timings.items()) == list(general[0].items()) and cs.critical_path == general[1]
    played = estimate_site(cs)
    cs.numbered = None  # the general way: the site's dicts
    assert cs.numbering() is None
    reference = estimate_site(cs)
    assert played == reference
    assert list(played.start_s.items()) == list(reference.start_s.items())
    assert list(played.finish_s.items()) == list(reference.finish_s.items())


def test_a_site_whose_resources_or_graph_were_replaced_is_not_read_numbered():
    rs = {a: Resource(a, "aws_s3_bucket", 1, {"x": Ref(d, "id")} if d else {}, 1.0)
          for a, d in [("a", ""), ("b", "a"), ("c", "b")]}
    cs = assemble("s", "eu-west-2", rs, Diagnostics())
    assert cs is not None and cs.numbering() is not None
    cs.resources = dict(cs.resources)
    assert cs.numbering() is None
    assert cs.critical_path == ["a", "b", "c"] and cs.critical_length_s == 3.0


def test_larger_sites_with_binding_limits_play_the_same_schedule():
    """Sites of a few hundred resources, where Connect's request rate and Lex's build slots make steps wait."""
    import random

    for seed in range(20):
        rng = random.Random(seed)
        names = [f"r.{i:03d}" for i in range(rng.randint(50, 300))]
        rs = {}
        for i, a in enumerate(names):
            deps = rng.sample(names[:i], min(i, rng.choice([0, 0, 1, 2, 3])))
            rs[a] = Resource(a, rng.choice(TYPES), 1, {f"p{k}": Ref(d, "id") for k, d in enumerate(deps)},
                             rng.choice([0, 1, 2.5, 30, 90.0, 7.3]))
        cs = assemble("s", "eu-west-2", rs, Diagnostics())
        assert cs is not None
        played = estimate_site(cs)
        assert played.waits_s > 0 or seed  # (the first site waits for a limit)
        cs.numbered = None
        reference = estimate_site(cs)
        assert played == reference
        assert list(played.start_s.items()) == list(reference.start_s.items())

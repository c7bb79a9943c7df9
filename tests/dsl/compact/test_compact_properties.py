"""Properties of every compact grammar: a generated tree, printed and parsed, is the same tree; and
arbitrary or mutated text only ever gives diagnostics (never an exception)."""
import compact_strategies as S
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccdsl.dsl import compact as C
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.source import TextOrigin

ORIGIN = TextOrigin("site.ccd", 10, 5)
BLOCK = TextOrigin("site.ccd", 10, 7, block_indent=6)
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: Flow trees are large; fewer of them keep the suite fast.
FLOW_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

GRAMMARS = {
    # name: (strategy, parse, print, origin)
    "duration": (S.durations, C.parse_duration, C.duration_to_text, ORIGIN),
    "rate": (S.rates, C.parse_rate, C.rate_to_text, ORIGIN),
    "hours": (S.hours(), C.parse_hours, C.hours_to_text, ORIGIN),
    "utterance": (S.utterances, C.parse_utterance, C.utterance_to_text, ORIGIN),
    "interpolations": (S.interpolated, C.parse_interpolations, C.interpolations_to_text, ORIGIN),
    "access": (S.access, C.parse_access, C.access_to_text, ORIGIN),
    "route": (S.routes(), C.parse_route, C.route_to_text, ORIGIN),
    "lifecycle": (S.lifecycles(), C.parse_lifecycle, C.lifecycle_to_text, ORIGIN),
    "metric": (S.metrics, C.parse_metric, C.metric_to_text, ORIGIN),
    "alarm": (S.alarms, C.parse_alarm, C.alarm_to_text, ORIGIN),
    "composite": (S.alarm_rules, C.parse_composite, C.composite_to_text, ORIGIN),
    "pipeline": (S.pipelines, C.parse_pipeline, C.pipeline_to_text, ORIGIN),
    "flow": (S.flow_bodies, C.parse_flow, C.flow_to_text, BLOCK),
}


def roundtrip(name):
    strategy, parse, show, origin = GRAMMARS[name]

    @(FLOW_SETTINGS if name == "flow" else SETTINGS)
    @given(strategy)
    def prop(ast):
        text = show(ast)
        diags = Diagnostics()
        back = parse(text, origin, diags)
        assert not diags.items, (text, [(d.code, d.message, str(d.span)) for d in diags])
        assert back == ast, text
        assert show(back) == text

    prop.__name__ = f"test_roundtrip_{name}"
    return prop


def check_outcome(parse, text, origin):
    diags = Diagnostics()
    result = parse(text, origin, diags)  # must not raise
    assert (result is None) == diags.has_errors
    for d in diags:
        # compact-syntax errors, and a flow body's malformed multi-line strings
        assert (d.code.startswith("E01") or d.code in ("E344", "E345")) and d.span.file == "site.ccd"
        assert d.span.line >= origin.line and d.span.col >= 1
        assert d.span.line <= origin.line + text.count("\n") + 1


def never_raises(name):
    strategy, parse, show, origin = GRAMMARS[name]

    @(FLOW_SETTINGS if name == "flow" else SETTINGS)
    @given(st.data())
    def prop(data):
        text = show(data.draw(strategy))
        for _ in range(data.draw(st.integers(1, 3))):
            i = data.draw(st.integers(0, len(text)))
            op = data.draw(st.sampled_from(["insert", "delete", "replace"]))
            ch = data.draw(st.sampled_from(S.SIGNIFICANT))
            if op == "insert":
                text = text[:i] + ch + text[i:]
            elif op == "delete":
                text = text[:i] + text[i + 1:]
            else:
                text = text[:i] + ch + text[i + 1:]
        check_outcome(parse, text, origin)

    prop.__name__ = f"test_mutated_{name}"
    return prop


def arbitrary(name):
    strategy, parse, show, origin = GRAMMARS[name]

    @settings(max_examples=40, deadline=None)
    @given(st.text(max_size=40) | st.text(S.SIGNIFICANT, max_size=40))
    def prop(text):
        check_outcome(parse, text, origin)

    prop.__name__ = f"test_arbitrary_{name}"
    return prop


for _name in GRAMMARS:
    globals()[f"test_roundtrip_{_name}"] = roundtrip(_name)
    globals()[f"test_mutated_{_name}"] = never_raises(_name)
    globals()[f"test_arbitrary_{_name}"] = arbitrary(_name)


def _names_in(node):
    """Every Name in a tree (dataclass fields and tuples, recursively)."""
    if isinstance(node, C.Name):
        yield node
    elif isinstance(node, tuple):
        for item in node:
            yield from _names_in(item)
    elif hasattr(node, "__dataclass_fields__"):
        for field in node.__dataclass_fields__:
            if field != "span":
                yield from _names_in(getattr(node, field))


@pytest.mark.parametrize("name", sorted(GRAMMARS))
def test_every_name_span_points_at_the_name(name):
    strategy, parse, show, origin = GRAMMARS[name]

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(strategy)
    def prop(ast):
        text = show(ast)
        lines = text.split("\n")
        parsed = parse(text, origin, Diagnostics())
        for n in _names_in(parsed):
            line0 = n.span.line - origin.line
            col0 = n.span.col - (origin.block_indent + 1 if origin.block_indent is not None else origin.col if line0 == 0 else 1)
            assert lines[line0][col0:].startswith(n.value), (n, n.span, text)

    prop()

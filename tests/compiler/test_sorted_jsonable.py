"""graph.json's inputs: the sorted form of a resource's inputs is their JSON form with every dict's keys sorted."""
from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st
from pydantic_core import to_json

from ccdsl.compiler.jsonout import NotPlain, float_written_alike
from ccdsl.compiler.resources import Ref, Secret, Template, to_jsonable, to_sorted_jsonable
from ccdsl.dsl.located import LStr
from ccdsl.dsl.source import Span

REFS = st.builds(Ref, st.sampled_from(["a.b", "c.d"]), st.sampled_from(["arn", "id"]))
# floats of every magnitude: those pydantic-core writes otherwise than json (below 1e-4) are refused
FLOATS = st.floats(allow_nan=False) | st.builds(lambda m, e: m * 10.0 ** e, st.floats(-10, 10), st.integers(-30, 30))
SCALAR = (st.none() | st.booleans() | st.integers() | FLOATS | st.text(max_size=4)
          | st.builds(lambda s: LStr(s, Span("f", 1, 1)), st.text(max_size=4)))
TOKEN = REFS | st.builds(Secret, st.just("env"), st.sampled_from(["A", "B"]))
VALUE = st.recursive(
    SCALAR | TOKEN | st.builds(lambda p: Template(tuple(p)), st.lists(st.text(max_size=2) | REFS, max_size=3)),
    lambda inner: (st.lists(inner, max_size=3) | st.tuples(inner, inner)
                   | st.dictionaries(st.sampled_from("zyxab"), inner, max_size=4)),  # few key sets: the cache hits
    max_leaves=20)


def _sorted_keys(value) -> bool:
    if isinstance(value, dict):
        return list(value) == sorted(value) and all(_sorted_keys(v) for v in value.values())
    if isinstance(value, list):
        return all(_sorted_keys(v) for v in value)
    return True


def _exact(value) -> bool:
    if isinstance(value, dict):
        return type(value) is dict and all(type(k) is str and _exact(v) for k, v in value.items())
    if isinstance(value, list):
        return type(value) is list and all(_exact(v) for v in value)
    return type(value) in (str, int, float, bool, type(None))


def _floats(value) -> list[float]:
    if isinstance(value, dict):
        return [x for v in value.values() for x in _floats(v)]
    if isinstance(value, (list, tuple)):
        return [x for v in value for x in _floats(v)]
    if isinstance(value, Template):
        return _floats(value.parts)
    return [value] if type(value) is float else []


@given(VALUE)
def test_sorted_form_is_the_json_form_sorted(value):
    refused = not all(map(float_written_alike, _floats(value)))
    for _ in range(2):  # a key set seen before is taken from the cache
        try:
            out = to_sorted_jsonable(value)
        except NotPlain:
            assert refused
            continue
        assert not refused
        assert out == to_jsonable(value)
        assert _sorted_keys(out) and _exact(out)
        text = json.dumps(to_jsonable(value), indent=2, sort_keys=True, ensure_ascii=False)
        assert json.dumps(out, indent=2, ensure_ascii=False) == text
        assert to_json(out, indent=2, inf_nan_mode="constants").decode() == text  # as a Presorted is written


@given(VALUE, st.sampled_from([1, 2.5, None, LStr("k", Span("f", 1, 1))]))
def test_keys_that_are_not_exact_strings_are_refused(value, key):
    for bad in ({key: value}, {"a": [{key: 1, "b": value}]}):
        try:
            to_sorted_jsonable(bad)
        except NotPlain:
            continue
        raise AssertionError(f"{bad!r} has a key that is not a str")

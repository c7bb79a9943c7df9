"""graph.json's inputs: the sorted form of a resource's inputs is their JSON form with every dict's keys sorted."""
from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from ccdsl.compiler.jsonout import NotPlain
from ccdsl.compiler.resources import Ref, Secret, Template, to_jsonable, to_sorted_jsonable
from ccdsl.dsl.located import LStr
from ccdsl.dsl.source import Span

REFS = st.builds(Ref, st.sampled_from(["a.b", "c.d"]), st.sampled_from(["arn", "id"]))
SCALAR = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=4)
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


@given(VALUE)
def test_sorted_form_is_the_json_form_sorted(value):
    for _ in range(2):  # a key set seen before is taken from the cache
        out = to_sorted_jsonable(value)
        assert out == to_jsonable(value)
        assert _sorted_keys(out) and _exact(out)
        assert json.dumps(out, indent=2) == json.dumps(to_jsonable(value), indent=2, sort_keys=True)


@given(VALUE, st.sampled_from([1, 2.5, None, LStr("k", Span("f", 1, 1))]))
def test_keys_that_are_not_exact_strings_are_refused(value, key):
    for bad in ({key: value}, {"a": [{key: 1, "b": value}]}):
        try:
            to_sorted_jsonable(bad)
        except NotPlain:
            continue
        raise AssertionError(f"{bad!r} has a key that is not a str")

"""The build's JSON writer gives exactly ``json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)``."""
from __future__ import annotations

import io
import json
from collections import OrderedDict

from hypothesis import given
from hypothesis import strategies as st

from ccdsl.compiler import jsonout

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text()
KEYS = st.text() | st.integers() | st.booleans()
DATA = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                    | st.dictionaries(st.text(), inner, max_size=4), max_leaves=30)


def expected(data) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)


@given(DATA)
def test_dumps_is_the_standard_library_text(data):
    assert jsonout.dumps(data) == expected(data)


@given(DATA, st.booleans(), st.booleans())
def test_options_as_json_has_them(data, sort_keys, ensure_ascii):
    want = json.dumps(data, indent=2, sort_keys=sort_keys, ensure_ascii=ensure_ascii)
    assert jsonout.dumps(data, sort_keys=sort_keys, ensure_ascii=ensure_ascii) == want


@given(DATA)
def test_dump_streams_the_same_text(data):
    buf = io.StringIO()
    jsonout.dump({"resources": [data, {"inner": data}], "n": data}, buf)
    assert buf.getvalue() == expected({"resources": [data, {"inner": data}], "n": data})


@given(st.dictionaries(KEYS, SCALARS, max_size=5).filter(lambda d: len({type(k) is str for k in d}) <= 1))
def test_keys_that_are_not_strings(data):
    try:
        want = expected(data)
    except TypeError:  # mixed key types do not sort: both refuse
        return
    assert jsonout.dumps(data) == want


def test_subclasses_and_unknown_types_behave_as_json_does():
    data = {"o": OrderedDict([("b", [1, {"z": 2}]), ("a", "é\n\"")]), "flag": True, "i": 10**20}
    assert jsonout.dumps({"nested": [data]}) == expected({"nested": [data]})
    try:
        jsonout.dumps({"x": object()})
    except TypeError:
        pass
    else:
        raise AssertionError("an object JSON cannot hold must be refused")


def sorted_copy(data):
    """``data`` with every dict's keys in sorted order, the top dict a Presorted."""
    def walk(v):
        if isinstance(v, dict):
            return {k: walk(v[k]) for k in sorted(v)}
        if isinstance(v, (list, tuple)):
            return [walk(x) for x in v]
        return v
    out = walk(data)
    return jsonout.Presorted(out) if isinstance(out, dict) else out


# floats of every magnitude, negative exponents included (where pydantic-core's text differs from json's)
FLOATS = st.floats(allow_nan=True, allow_infinity=True) | st.builds(lambda m, e: m * 10.0 ** e,
                                                                    st.floats(-10, 10), st.integers(-30, 30))


@given(FLOATS)
def test_floats_written_alike_are_what_pydantic_core_writes_as_json_does(x):
    for doc in (x, [x, {"a": x}]):
        text = jsonout.to_json(doc, indent=2, inf_nan_mode="constants").decode()
        assert (text == json.dumps(doc, indent=2)) or not jsonout.float_written_alike(x)
    assert jsonout.float_written_alike(x) == (not 0 < abs(x) < 1e-4)


# what a Presorted may hold: floats of every magnitude that pydantic-core writes as json does
PRESORTED_FLOATS = FLOATS.filter(jsonout.float_written_alike)
PLAIN = st.recursive(st.none() | st.booleans() | st.integers() | PRESORTED_FLOATS | st.text(),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                     max_leaves=30)


@given(st.dictionaries(st.text(), PLAIN, max_size=5), st.booleans())
def test_a_presorted_value_is_written_as_json_writes_it(data, ensure_ascii):
    value = sorted_copy(data)
    for doc in (value, {"resources": [value, 1.5e-7]}):
        want = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=ensure_ascii)
        assert jsonout.dumps(doc, ensure_ascii=ensure_ascii) == want
        buf = io.StringIO()
        jsonout.dump(doc, buf)
        assert buf.getvalue() == expected(doc)


def test_presorted_values_pydantic_core_refuses_go_the_python_way():
    for tricky in ("\ud800", "a lone\udfff surrogate", 10**40, float("nan"), 1e-4, 1e300, "0.00001 1e-05"):
        doc = jsonout.Presorted({"a": [tricky, {"b": tricky}]})
        assert jsonout.dumps({"r": [doc]}) == expected({"r": [doc]})


RUN_ELEMENT = st.dictionaries(st.text(max_size=3), PLAIN, max_size=3).map(sorted_copy)


@given(st.lists(st.one_of(RUN_ELEMENT, RUN_ELEMENT, PLAIN), max_size=12), st.integers(1, 4))
def test_runs_of_presorted_elements_are_written_as_json_writes_them(items, width):
    jsonout._RUN, run = width, jsonout._RUN  # runs cut short, at the list's end and by other values
    try:
        for doc in ({"resources": items, "n": 1}, [items, {"r": items}], items):
            buf = io.StringIO()
            jsonout.dump(doc, buf)
            assert buf.getvalue() == expected(doc)
            raw = io.BytesIO()  # a binary file gets the same text's UTF-8 bytes
            jsonout.dump(doc, raw)
            assert raw.getvalue() == expected(doc).encode("utf-8")
    finally:
        jsonout._RUN = run


@given(st.lists(RUN_ELEMENT, min_size=1, max_size=4), st.integers(1, 6))
def test_a_run_is_cut_from_pydantic_cores_text_of_the_nested_list(items, level):
    """The elements of a run, indented at ``level`` by pydantic-core itself, are what the Python way writes."""
    nested = items
    for _ in range(level - 1):
        nested = [nested]
    try:
        data = jsonout.to_json(nested, indent=2, inf_nan_mode="constants")
    except ValueError:  # (a lone surrogate: such a run goes the Python way)
        return
    head, tail = jsonout._run_frame(level)
    pad = jsonout._pad(level)
    want = pad + ("," + pad).join(jsonout._encode(dict(v), level, True, jsonout.encode_basestring) for v in items)
    assert data[head:len(data) - tail].decode("utf-8") == want


def test_a_long_run_with_elements_pydantic_core_writes_otherwise():
    plain = [jsonout.Presorted({"a": i, "b": {"c": [i, "é"]}}) for i in range(600)]
    for tricky in (None, 1e-4, "\ud800", "x0e-1"):
        items = list(plain)
        if tricky is not None:
            items[300] = jsonout.Presorted({"a": tricky})
        buf = io.StringIO()
        jsonout.dump({"resources": items}, buf)
        assert buf.getvalue() == expected({"resources": items})
        if tricky != "\ud800":  # (no UTF-8 for a lone surrogate: a text file refuses it too)
            raw = io.BytesIO()
            jsonout.dump({"resources": items}, raw)
            assert raw.getvalue() == expected({"resources": items}).encode("utf-8")

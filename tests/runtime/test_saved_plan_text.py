"""A saved plan and ``plan --json`` are written a change at a time by :func:`ccdsl.compiler.jsonout.dump`:
the text is exactly ``json.dumps(value, indent=…)`` (keys in their order, ASCII escapes) for plain values of
every kind (hypothesis), for values json writes its own way (subclasses, non-str keys), and for a saved plan of
an example."""
import io
import json
import math
from collections import OrderedDict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccdsl.compiler import jsonout

scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text() | st.sampled_from(["", "é", "\u2028", "\ud800", "\x00\"\\/\x7f", "not yet created"]))
values = st.recursive(
    scalars,
    lambda inner: (st.lists(inner, max_size=6) | st.lists(st.text(max_size=5), max_size=4)
                   | st.lists(inner, max_size=4).map(tuple) | st.dictionaries(st.text(max_size=6), inner, max_size=6)),
    max_leaves=40,
)


def _written(value, indent: int = 1, depth: int = 3) -> str:
    fh = io.StringIO()
    jsonout.dump(value, fh, sort_keys=False, ensure_ascii=True, indent=indent, depth=depth)
    return fh.getvalue()


@settings(max_examples=400, deadline=None)
@given(values, st.sampled_from([1, 2, 4]), st.integers(0, 4))
def test_same_text_as_json_dumps(value, indent, depth):
    assert _written(value, indent, depth) == json.dumps(value, indent=indent)


@settings(max_examples=200, deadline=None)
@given(values, st.sampled_from([1, 2]), st.integers(0, 3))
def test_a_binary_file_gets_the_texts_utf8(value, indent, depth):
    raw = io.BytesIO()
    jsonout.dump(value, raw, sort_keys=False, ensure_ascii=True, indent=indent, depth=depth)
    assert raw.getvalue() == json.dumps(value, indent=indent).encode("utf-8")


@pytest.mark.parametrize("value", [
    {1: "a", "b": [True]},  # a key json converts
    {"a": [1, OrderedDict(b=2)]},  # a dict subclass
    [{"x": math.pi}, type("S", (str,), {})("sub")],  # a str subclass
    {"a": [0.0, -0.0, 1e-7, 1e300, float("nan")]},
    {"changes": [{"address": "a", "after": [OrderedDict(b=[1, {2: None}])]}]},  # deep inside a streamed level
])
def test_values_json_writes_its_own_way_give_the_same_text(value):
    assert _written(value) == json.dumps(value, indent=1)
    assert _written(value, 2, 1) == json.dumps(value, indent=2)


def test_a_presorted_value_at_another_indent_is_written_as_a_dict():
    doc = {"resources": [jsonout.Presorted({"a": 1, "b": ["é"]})] * 3}
    assert _written(doc, 1) == json.dumps(doc, indent=1)
    assert jsonout.dumps(doc, indent=4, sort_keys=False) == json.dumps(doc, indent=4, ensure_ascii=False)


def test_a_long_list_is_written_an_element_at_a_time():
    writes: list[str] = []

    class Sink(io.StringIO):
        def write(self, s):
            writes.append(s)
            return super().write(s)

    value = {"plan": {"changes": [{"address": f"a{i}", "estimate_s": i / 3, "after": []} for i in range(60)]}}
    fh = Sink()
    jsonout.dump(value, fh, sort_keys=False, ensure_ascii=True, indent=1, depth=3)
    assert fh.getvalue() == json.dumps(value, indent=1)
    assert len(writes) > 60
    assert max(map(len, writes)) < 100  # no write holds more than one change


def test_a_saved_plan_file_is_the_indented_json_of_the_plan(tmp_path):
    from ccdsl.runtime.options import RunOptions
    from ccdsl.runtime.saved_plan import make_saved, read, write
    from ccdsl.runtime.session import plan_site

    site = Path(__file__).resolve().parents[2] / "examples" / "acme-bank" / "site.ccd"
    options = RunOptions(provider="sim", state_path=str(tmp_path / "state.db"))
    result = plan_site(str(site), options)
    assert result.ok
    saved = make_saved(result.plan, site, options.state_path, options)
    out = tmp_path / "plan.json"
    write(saved, out)
    assert out.read_text(encoding="utf-8") == json.dumps(saved.to_dict(), indent=1) + "\n"
    assert read(out) == saved

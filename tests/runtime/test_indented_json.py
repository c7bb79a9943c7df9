"""``write_indented`` writes exactly ``json.dumps(value, indent=…)``: plain values of every kind (hypothesis),
values it leaves to ``json.dumps`` (subclasses, non-str keys) and a saved plan file of an example."""
import io
import json
import math
from collections import OrderedDict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccdsl.runtime import indented_json
from ccdsl.runtime.indented_json import write_indented

scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text() | st.sampled_from(["", "é", "\u2028", "\ud800", "\x00\"\\/", "not yet created"]))
values = st.recursive(
    scalars,
    lambda inner: (st.lists(inner, max_size=6) | st.lists(st.text(max_size=5), max_size=4)
                   | st.lists(inner, max_size=4).map(tuple) | st.dictionaries(st.text(max_size=6), inner, max_size=6)),
    max_leaves=40,
)


def _written(value, indent: int = 1) -> str:
    fh = io.StringIO()
    write_indented(value, fh, indent)
    return fh.getvalue()


@settings(max_examples=400, deadline=None)
@given(values, st.sampled_from([1, 2]))
def test_same_text_as_json_dumps(value, indent):
    assert _written(value, indent) == json.dumps(value, indent=indent)


@pytest.mark.parametrize("value", [
    {1: "a", "b": [True]},  # a key json converts
    {"a": [1, OrderedDict(b=2)]},  # a dict subclass
    [{"x": math.pi}, type("S", (str,), {})("sub")],  # a str subclass
    {"a": [0.0, -0.0, 1e-7, 1e300, float("nan")]},
])
def test_values_left_to_json_dumps_give_the_same_text(value):
    assert _written(value) == json.dumps(value, indent=1)


def test_a_fallback_after_a_flush_starts_the_file_again(tmp_path, monkeypatch):
    monkeypatch.setattr(indented_json, "_FLUSH_AT", 4)
    value = {"changes": [{"address": f"a{i}", "after": ["x", "y"]} for i in range(50)] + [{1: "late"}]}
    path = tmp_path / "out.json"
    with open(path, "w", encoding="utf-8") as fh:
        write_indented(value, fh)
    assert path.read_text(encoding="utf-8") == json.dumps(value, indent=1)


def test_large_lists_are_written_in_batches(monkeypatch):
    monkeypatch.setattr(indented_json, "_FLUSH_AT", 4)
    writes: list[str] = []

    class Sink(io.StringIO):
        def write(self, s):
            writes.append(s)
            return super().write(s)

    value = {"changes": [{"address": f"a{i}", "estimate_s": i / 3, "after": []} for i in range(60)]}
    fh = Sink()
    write_indented(value, fh)
    assert fh.getvalue() == json.dumps(value, indent=1)
    assert len(writes) > 10


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


class _Pipe(io.StringIO):
    """A stream that cannot be rewound, as standard output is on a pipe or a terminal."""

    def seekable(self):
        return False

    def tell(self):
        raise OSError("not seekable")


@settings(max_examples=100, deadline=None)
@given(values)
def test_a_stream_that_cannot_be_rewound_gets_the_same_text(value):
    fh = _Pipe()
    write_indented(value, fh, 2)
    assert fh.getvalue() == json.dumps(value, indent=2)


def test_a_value_json_writes_its_own_way_after_a_batch_in_a_pipe_is_refused(monkeypatch):
    fh = _Pipe()
    write_indented({"a": [1, OrderedDict(b=2)]}, fh)  # nothing written yet: json.dumps writes it
    assert fh.getvalue() == json.dumps({"a": [1, OrderedDict(b=2)]}, indent=1)
    monkeypatch.setattr(indented_json, "_FLUSH_AT", 4)
    with pytest.raises(TypeError):
        write_indented([{"a": i} for i in range(20)] + [OrderedDict(b=2)], _Pipe())

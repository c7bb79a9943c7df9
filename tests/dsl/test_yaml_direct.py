"""The located tree built in one pass from libyaml's events equals the one the general path builds (compose,
then walk the nodes), and the loader takes the general path for everything the one pass leaves to it."""
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccdsl.dsl import loader, yaml_compose, yaml_direct
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.located import LDict, LList, LStr

ROOT = Path(__file__).resolve().parents[2]
PATH = "t.ccd"


def general(text):
    """The tree and diagnostics of the general path (compose, then the node walk)."""
    diags = Diagnostics()
    found: list = []
    node = yaml_compose.compose(text, found)
    tree = loader._Builder(PATH, text.split("\n"), diags).build(node)
    return tree, [(d.code, d.span.line, d.span.col) for d in diags] + found


def direct(text):
    return yaml_direct.build(text, PATH, text.split("\n"))


def same(a, b, where="root"):
    """Same types, values, spans (of values, keys and items), key order and string origins."""
    assert type(a) is type(b), where
    if isinstance(a, LDict):
        assert list(a) == list(b) and a.span == b.span, where
        assert list(a.key_spans.items()) == list(b.key_spans.items()), where
        assert list(a.value_spans.items()) == list(b.value_spans.items()), where
        for (ka, va), (kb, vb) in zip(a.items(), b.items()):
            same(ka, kb, f"{where}.key({ka})")
            same(va, vb, f"{where}.{ka}")
    elif isinstance(a, LList):
        assert len(a) == len(b) and a.span == b.span and a.item_spans == b.item_spans, where
        for i, (va, vb) in enumerate(zip(a, b)):
            same(va, vb, f"{where}[{i}]")
    elif isinstance(a, LStr):
        assert str(a) == str(b) and a.span == b.span and a.origin == b.origin, where
    elif isinstance(a, float) and a != a:
        assert b != b, where
    else:
        assert a == b, where


SCALARS = st.one_of(
    st.text(alphabet="0123456789.-+_eExXoObB:tTrRuUfFaAlLsSnN~ ", min_size=1, max_size=8).map(str.strip)
    .filter(lambda s: s and not s.startswith(("-", ":", "? ")) and ": " not in s and not s.endswith(":")),
    st.sampled_from(["~", "null", "true", "False", "0x1F", "0o17", "1_000", ".inf", "-.inf", ".nan", "1e5",
                     "2001-12-14", "12:30", "1.5.2", "yes", "on", "=", "f393", "10s", "'quoted'", '"dq \\t"',
                     "''", "plain words", "a#b", "x # a comment"]),
)
KEYS = st.sampled_from(["a", "b", "c", "queue", "1", "2.5", "true", "null", "'q k'", "x y"])


def _block(depth):
    """A YAML text fragment: a block mapping or sequence indented by ``depth``, or a flow collection."""
    pad = " " * depth
    scalar = SCALARS.map(lambda s: " " + s)
    literal = st.tuples(st.sampled_from(["|", ">", "|-", "|2", ">+"]),
                        st.lists(st.sampled_from(["say hi", "  indented", "", "goto q"]), min_size=1, max_size=3)
                        ).map(lambda t: " " + t[0] + "".join("\n" + pad + "    " + line if line else "\n"
                                                             for line in t[1]))
    flow = st.lists(SCALARS.filter(lambda s: not any(c in s for c in ",[]{}#")), max_size=3).map(
        lambda items: " [" + ", ".join(items) + "]")
    flow_map = st.lists(st.tuples(KEYS, SCALARS.filter(lambda s: not any(c in s for c in ",[]{}#"))),
                        max_size=3).map(lambda kv: " {" + ", ".join(f"{k}: {v}" for k, v in kv) + "}")
    leaf = st.one_of(scalar, literal, flow, flow_map, st.just(""))
    if depth >= 6:
        value = leaf
    else:
        value = st.one_of(leaf, st.deferred(lambda: _block(depth + 2)).map(lambda t: "\n" + t))
    mapping = st.lists(st.tuples(KEYS, value), min_size=1, max_size=4).map(
        lambda kv: "\n".join(f"{pad}{k}:{v}" for k, v in kv))
    sequence = st.lists(value, min_size=1, max_size=3).map(
        lambda items: "\n".join(f"{pad}-{v}" if not v.startswith("\n") else f"{pad}-{v}" for v in items))
    return st.one_of(mapping, sequence) if depth else mapping


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_block(0))
def test_one_pass_tree_equals_the_general_one(text):
    try:
        expected, problems = general(text)
    except Exception:  # not YAML, or past a limit: the one pass must leave it to the general path
        assert direct(text) is None
        return
    tree = direct(text)
    if tree is None:
        return
    assert not problems  # the one pass returns a tree only where the general path reports nothing
    same(tree, expected)


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",                 # anchor and alias
    "a: !!str 1\n",                     # explicit tag
    "a: !custom 1\n",
    "base: &b {x: 1}\nc:\n  <<: *b\n",  # merge
    "? [a, b]\n: 1\n",                  # complex key
    "a: 1\na: 2\n",                     # duplicate key
    "1: x\n'1': y\n",                   # duplicate once keys are text
    "a: 2001-12-14\n",                  # a timestamp
    "a: =\n",                           # the value tag
    "- a\n- b\n",                       # not a mapping
    "",                                 # empty
    "a: 1\n---\nb: 2\n",                # a second document
    "a: [1, 2\n",                       # a syntax error
])
def test_what_the_one_pass_leaves_to_the_general_path(text):
    assert direct(text) is None


def test_plain_values_are_typed_and_strings_keep_their_origins():
    text = "i: 12\nf: 0.5\nb: true\nn: ~\ne:\ns: '12'\nh: 0x10\nbad: 0x1g\nk:\n  1: [a, \"b\"]\n  null: |\n    x\n"
    tree = direct(text)
    assert tree is not None
    same(tree, general(text)[0])
    assert tree["bad"] == "0x1g" and isinstance(tree["bad"], str)
    assert list(tree["k"]) == ["1", "None"]


def _corpus():
    yield from sorted((ROOT / "examples").glob("**/*.ccd"))
    yield from sorted((ROOT / "tests" / "dsl" / "invalid").glob("*.ccd"))


@pytest.mark.parametrize("path", list(_corpus()), ids=lambda p: str(p.relative_to(ROOT)))
def test_loading_with_and_without_the_one_pass_agrees(path, monkeypatch):
    """Every example and invalid case: the same tree and the same diagnostics either way."""
    text = loader.decode(path.read_bytes(), str(path), Diagnostics())
    fast = Diagnostics()
    tree = loader.load_text(text, str(path), fast)
    monkeypatch.setattr(yaml_direct, "build", lambda *args: None)
    slow = Diagnostics()
    expected = loader.load_text(text, str(path), slow)
    assert [(d.code, d.message, d.span) for d in fast] == [(d.code, d.message, d.span) for d in slow]
    if expected is None:
        assert tree is None
    else:
        same(tree, expected)


def test_examples_take_the_one_pass():
    for path in sorted((ROOT / "examples").glob("*/site.ccd")):
        assert direct(path.read_text(encoding="utf-8")) is not None, path


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=12), st.text(alphabet="0123456789.-+_eExXoObB:tTrRuUfFaAlLsSnN~<=", max_size=10)))
def test_plain_tag_is_ruamels_resolution(value):
    found, node_class = yaml_compose.resolver()
    assert yaml_compose.plain_tag(value) == str(found.resolve(node_class, value, (True, False)))


@pytest.mark.parametrize("lines, line, column, expected", [
    (["a: |", "", "   ", "    x", "  y: 1"], 0, 3, (2, 5, 4)),  # the indentation of the first line with text
    (["a:", "  b: |", "    x"], 1, 5, (3, 5, 4)),
    (["a: |", "", "  "], 0, 3, (2, 4, 3)),  # no line with text: the indicator's column
    (["a: |"], 0, 3, (2, 4, 3)),  # the block ends the file
])
def test_block_origin_is_the_first_content_line(lines, line, column, expected):
    origin = yaml_direct.block_origin(lines, PATH, line, column)
    assert (origin.line, origin.col, origin.block_indent) == expected

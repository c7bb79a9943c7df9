"""Loading: spans of keys and values, text origins of strings, YAML misuse as diagnostics."""
import pytest

from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.loader import decode, load_text
from ccdsl.dsl.located import LDict, LList, LStr, locate


def load(text):
    diags = Diagnostics()
    return load_text(text, "t.ccd", diags), diags


def codes(diags):
    return [(d.code, d.span.line, d.span.col) for d in diags]


def test_keys_and_values_keep_their_positions():
    tree, diags = load("a: 1\nb:\n  c: [x, y]\n")
    assert not list(diags)
    assert isinstance(tree, LDict)
    assert (tree.key_spans["b"].line, tree.key_spans["b"].col) == (2, 1)
    inner = tree["b"]
    assert (inner.key_spans["c"].line, inner.key_spans["c"].col) == (3, 3)
    assert isinstance(inner["c"], LList)
    assert [(s.line, s.col) for s in inner["c"].item_spans] == [(3, 7), (3, 10)]
    assert locate(tree, ("b", "c", 1)).col == 10


def test_scalars_are_typed():
    tree, _ = load("i: 12\nf: 0.5\nb: true\nn: null\ns: '12'\nh: 0x10\n")
    assert tree == {"i": 12, "f": 0.5, "b": True, "n": None, "s": "12", "h": 16}
    assert isinstance(tree["s"], LStr)


@pytest.mark.parametrize("text, line, col", [
    ("a: plain text\n", 1, 4),
    ('a: "quoted"\n', 1, 5),
    ("a: 'single'\n", 1, 5),
    ("a: {b: 'in flow'}\n", 1, 9),
])
def test_origin_of_inline_strings_is_first_content_char(text, line, col):
    tree, _ = load(text)
    value = tree["a"] if isinstance(tree["a"], str) else tree["a"]["b"]
    assert (value.origin.line, value.origin.col) == (line, col)
    assert text.splitlines()[line - 1][col - 1] == value[0]


def test_origin_of_block_scalar_is_its_content():
    text = "flows:\n  f:\n    do: |\n      say \"hi\"\n        hangup\n"
    tree, _ = load(text)
    body = tree["flows"]["f"]["do"]
    origin = body.origin
    assert (origin.line, origin.block_indent) == (4, 6)
    span = origin.span_at(1, 2)  # "hangup" is on the second content line, 2 columns in
    assert text.splitlines()[span.line - 1][span.col - 1:].startswith("hangup")


def test_block_scalar_with_leading_blank_line():
    text = "a: |\n\n  second\n"
    tree, _ = load(text)
    assert tree["a"] == "\nsecond\n"
    span = tree["a"].origin.span_at(1, 0)
    assert text.splitlines()[span.line - 1][span.col - 1:] == "second"


def test_duplicate_keys_are_all_reported_and_first_wins():
    tree, diags = load("a: 1\nb: 2\na: 3\na: 4\n")
    assert codes(diags) == [("E004", 3, 1), ("E004", 4, 1)]
    assert tree["a"] == 1


def test_tabs_in_indentation_are_reported_and_loading_goes_on():
    tree, diags = load("a:\n\tb: 1\n")
    assert codes(diags) == [("E003", 2, 1)]
    assert tree == {"a": {"b": 1}}


@pytest.mark.parametrize("text, code, line, col", [
    ("a: *nope\n", "E007", 1, 4),
    ("x: &x 1\ny:\n  <<: *x\n", "E008", 3, 3),
    ("a: &r [*r]\n", "E009", 1, 4),
    ("? [a]\n: 1\n", "E020", 1, 3),
    ("a: !custom 1\n", "E021", 1, 4),
    ("a: [1, 2\n", "E001", 1, 4),  # at the "[" never closed, not at the end of the file
    ("", "E005", 1, 1),
    ("# only a comment\n", "E005", 1, 1),
    ("- a\n- b\n", "E006", 1, 1),
    ("just text\n", "E006", 1, 1),
])
def test_yaml_misuse_is_a_diagnostic(text, code, line, col):
    _, diags = load(text)
    assert (code, line, col) in codes(diags)


def test_merge_keys_merge_mappings_and_written_keys_win():
    tree, diags = load("base: &b {x: 1, y: 2}\nq:\n  <<: *b\n  y: 3\n")
    assert not list(diags)
    assert tree["q"] == {"x": 1, "y": 3}


def test_non_utf8_bytes_are_reported_with_position():
    diags = Diagnostics()
    text = decode(b"a: 1\nb: caf\xe9\n", "t.ccd", diags)
    assert codes(diags) == [("E002", 2, 7)]
    assert text.startswith("a: 1\nb: caf")


def test_byte_order_mark_is_ignored():
    diags = Diagnostics()
    assert decode("\ufeffa: 1\n".encode("utf-8"), "t.ccd", diags) == "a: 1\n"
    assert not list(diags)


def test_reused_anchor_is_a_warning():
    tree, diags = load("a: &x 1\nb: &x 2\nc: *x\n")
    assert codes(diags) == [("W001", 2, 4)]
    assert tree["c"] == 2

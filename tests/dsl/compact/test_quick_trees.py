"""The trees made without lark for the simplest compact syntaxes equal lark's, positions included; the values read
from a match without a tree (access texts, durations) equal those read from the tree, diagnostics included."""
from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token, Tree
from lark.exceptions import LarkError

from ccdsl.dsl.compact.access import NAMED, SERVICES, Access, access_from_tree, parse_access, quick_access_tree
from ccdsl.dsl.compact.durations import Duration, duration_from_tree, parse_duration
from ccdsl.dsl.compact.lark_support import parser
from ccdsl.dsl.compact.nodes import Name
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.source import TextOrigin

TOKEN_FIELDS = ("type", "start_pos", "line", "column", "end_line", "end_column", "end_pos")


def shape(node: Any) -> Any:
    """Everything of a lark tree the builders may read: data, meta, each token's text, type and positions."""
    if node is None:
        return None
    if isinstance(node, Token):
        return (str(node), *(getattr(node, name) for name in TOKEN_FIELDS))
    assert isinstance(node, Tree)
    return (node.data, sorted(vars(node.meta).items()), [shape(child) for child in node.children])


def lark_tree(text: str) -> Tree | None:
    try:
        return parser("access", ("access", "route")).parse(text, start="access")
    except LarkError:
        return None


WORDS = st.sampled_from(["table", "bedrock", "rw", "t1", "GET", "_x", "a-b", "9", "-", "/", "{id}", "", "é"])
SPACE = st.sampled_from([" ", "  ", "\t", " \t", "", "\n", " \n"])
TEXTS = st.one_of(
    st.lists(st.tuples(WORDS, SPACE), min_size=0, max_size=5).map(lambda parts: "".join(a + b for a, b in parts)),
    st.text(alphabet="aZ_-09 \t\n/{}+.", max_size=20),
)


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_quick_access_tree_is_larks_tree(text: str) -> None:
    expected = lark_tree(text)
    quick = quick_access_tree(text)
    assert (quick is None) == (expected is None), text
    assert shape(quick) == shape(expected)


def test_quick_access_tree_covers_both_forms() -> None:
    for text in ("table conversation_history rw", "bedrock invoke", "key k-1\t decrypt"):
        assert quick_access_tree(text) is not None
        assert shape(quick_access_tree(text)) == shape(lark_tree(text))
    for text in ("table a rw x", "table  ", "GET /x", "table a rw\n"):
        assert quick_access_tree(text) is None


KNOWN = st.sampled_from(["table", "stream", "bucket", "key", "function", "bedrock", "connect", "lex", "log", "topic",
                         "rw", "read", "write", "invoke", "tasks", "outbound", "decrypt", "publish", "use", "t1", "Table"])
GAP = st.sampled_from([" ", "  ", "\t", " \t "])
#: ``KIND NAME MODE`` and ``SERVICE MODE`` of known and unknown words, most of them well formed
ACCESS_TEXTS = st.one_of(
    TEXTS,
    st.sampled_from([(kind, mode) for kind, modes in NAMED.items() for mode in modes]).flatmap(
        lambda pair: st.tuples(st.just(pair[0]), GAP, st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,8}", fullmatch=True),
                               GAP, st.just(pair[1])).map("".join)),
    st.sampled_from([(kind, mode) for kind, modes in SERVICES.items() for mode in modes]).flatmap(
        lambda pair: st.tuples(st.just(pair[0]), GAP, st.just(pair[1])).map("".join)),
    st.tuples(KNOWN, GAP, st.one_of(KNOWN, st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,8}", fullmatch=True)), GAP, KNOWN)
    .map("".join),
    st.tuples(KNOWN, GAP, KNOWN).map("".join),
    st.lists(st.tuples(KNOWN, SPACE), min_size=1, max_size=4).map(lambda parts: "".join(a + b for a, b in parts)),
)
ORIGINS = st.builds(TextOrigin, st.just("f.ccd"), st.integers(1, 50), st.integers(1, 40),
                    st.one_of(st.none(), st.integers(0, 12)))


def every_field(access: Access | None) -> Any:
    if access is None:
        return None
    name = access.name
    return (access.kind, access.mode, access.span, None if name is None else (type(name), name.value, name.span))


def _same_both_ways(quick_way, tree_way, text: str, origin: TextOrigin, seen) -> None:
    """The value read from the match and the one read from lark's tree look the same through ``seen``, and
    each way reported the same diagnostics."""
    quick, general = Diagnostics(), Diagnostics()
    got, expected = quick_way(text, origin, quick), tree_way(text, origin, general)
    assert seen(got) == seen(expected)
    assert [(d.code, d.message, d.span, d.hint) for d in quick] == [(d.code, d.message, d.span, d.hint) for d in general]


@settings(max_examples=800, deadline=None)
@given(ACCESS_TEXTS, ORIGINS)
def test_access_read_from_the_match_is_the_trees(text: str, origin: TextOrigin) -> None:
    _same_both_ways(parse_access, access_from_tree, text, origin, every_field)  # spans too (equality leaves them out)


def test_access_from_the_match_covers_both_forms() -> None:
    origin = TextOrigin("f.ccd", 7, 12)
    named = parse_access("table  orders-1\trw", origin, Diagnostics())
    assert every_field(named) == ("table", "rw", origin.span, (Name, "orders-1", origin.span_at(0, 7, 8)))
    assert every_field(parse_access("bedrock invoke", origin, Diagnostics())) == \
        every_field(Access("bedrock", "invoke", None, origin.span))
    diags = Diagnostics()
    assert parse_access("table orders invoke", origin, diags) is None and [d.code for d in diags] == ["E017"]


DURATION_TEXTS = st.one_of(
    st.tuples(st.from_regex(r"[0-9]{1,7}", fullmatch=True), st.sampled_from(["s", "m", "h", "d", "", "x", "S", "ms"]))
    .map("".join),
    st.text(alphabet="0123456789smhdx \t\n", max_size=8),
)


@settings(max_examples=500, deadline=None)
@given(DURATION_TEXTS, ORIGINS)
def test_duration_read_from_the_match_is_the_trees(text: str, origin: TextOrigin) -> None:
    _same_both_ways(parse_duration, duration_from_tree, text, origin, lambda d: (d, getattr(d, "span", None)))


def test_durations_written_plainly_are_read_from_the_match() -> None:
    origin = TextOrigin("f.ccd", 3, 14)
    assert parse_duration("168h", origin, Diagnostics()) == Duration(168 * 3600, origin.span)
    diags = Diagnostics()
    assert parse_duration("5x", origin, diags) is None and [d.code for d in diags] == ["E014"]

"""The trees made without lark for the simplest compact syntaxes equal lark's, positions included."""
from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token, Tree
from lark.exceptions import LarkError

from ccdsl.dsl.compact.access import quick_access_tree
from ccdsl.dsl.compact.lark_support import parser

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

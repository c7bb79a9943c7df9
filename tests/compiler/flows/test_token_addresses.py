"""The addresses of a flow document's tokens, found without a recursive visit, are those the recursive visit
finds (string values only, through dicts and lists and their subclasses)."""
from collections import OrderedDict
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ccdsl.compiler.addresses import split_token_body
from ccdsl.compiler.flows.refs import TOKEN_RE, token_addresses


def _visited(content: Any) -> set[str]:
    found: set[str] = set()

    def visit(value: Any) -> None:
        if isinstance(value, str):
            for body in TOKEN_RE.findall(value):
                found.add(split_token_body(body)[0])
        elif isinstance(value, dict):
            for item in value.values():
                visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    visit(content)
    return found


class Text(str):
    pass


class Items(list):
    pass


_tokens = st.sampled_from(["${queue.q.arn}", "${bot.b.alias.arn}", "${env:X}", "${a}", "${flow.f.id", "$x}", "${",
                           "${function.f-1.arn}", "${x y.z}"])
_strings = st.lists(st.one_of(st.text(max_size=4), _tokens), max_size=4).map("".join)
_leaves = st.one_of(_strings, _strings.map(Text), st.integers(), st.none(), st.booleans(), st.floats(allow_nan=False))


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.lists(children, max_size=4), st.lists(children, max_size=4).map(Items),
                     st.lists(children, max_size=4).map(tuple), st.dictionaries(_strings, children, max_size=4),
                     st.dictionaries(_strings, children, max_size=4).map(OrderedDict))


@settings(max_examples=500, deadline=None)
@given(st.recursive(_leaves, _containers, max_leaves=25))
def test_token_addresses_equal_the_recursive_visit(content):
    assert token_addresses(content) == _visited(content)

"""``Node.walk`` (iterative) visits the nodes and compact values of a site in the order the recursive
definition gives: each node before its children, children in field order, mappings and lists flattened."""
import sys
from pathlib import Path

import pytest

from ccdsl.dsl.model import Compact, Node
from ccdsl.dsl.validate import validate_file, validate_text

ROOT = Path(__file__).resolve().parents[2]


def recursive_walk(node):
    """The definition: the node, then each child's walk (a compact value is a leaf)."""
    yield node
    if isinstance(node, Compact):
        return
    for field in type(node).model_fields:
        if field in ("name", "span", "field_spans"):
            continue
        yield from _in(getattr(node, field, None))


def _in(value):
    for item in _flat(value):
        yield from recursive_walk(item)


def _sites():
    for path in sorted((ROOT / "examples").glob("*/site.ccd")):
        yield validate_file(path)[0]
    sys.path.insert(0, str(ROOT / "bench"))
    from compile import site_text
    yield validate_text(site_text(40), "bench.ccd")[0]


@pytest.mark.parametrize("site", list(_sites()))
def test_walk_is_the_recursive_preorder(site):
    expected = list(recursive_walk(site))
    found = list(site.walk())
    assert len(found) == len(expected) > 10
    assert all(a is b for a, b in zip(found, expected))
    for node in found:
        if isinstance(node, Node):
            assert [id(k) for k in node.children()] == [id(k) for k in _children(node)]


def _children(node):
    for field in type(node).model_fields:
        if field not in ("name", "span", "field_spans"):
            yield from _flat(getattr(node, field, None))


def _flat(value):
    if isinstance(value, (Node, Compact)):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _flat(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _flat(item)


@pytest.mark.parametrize("site", list(_sites()))
def test_every_compact_value_written_in_a_field_has_a_span(site):
    """What ``Node._compact_spans`` ensures, checked over every field (not only those it looks at)."""
    for node in site.walk():
        if isinstance(node, Node):
            for field in node.field_spans:
                value = node.__dict__.get(field)
                if isinstance(value, Compact):
                    assert value.span.file != "<unknown>", (type(node).__name__, field)


def test_a_compact_value_written_as_a_number_takes_its_fields_span():
    site, _ = validate_text("ccdsl: 1\nsite: t\nregion: us-east-1\ninstance: {alias: t1}\n"
                            "functions:\n  f: {source: fn, timeout: 30}\n", "t.ccd")
    timeout = site.functions["f"].timeout
    assert isinstance(timeout, Compact) and (timeout.span.line, timeout.span.col) == (6, 28)

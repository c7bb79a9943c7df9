"""Parsing every compact-syntax string of a site with the parsers of :mod:`ccdsl.dsl.compact`.

Each :class:`~ccdsl.dsl.model.Compact` node names its syntax; this pass calls
``ccdsl.dsl.compact.parse_<syntax>(text, origin, diags)`` and stores the tree in ``node.ast``.
A syntax whose parser is not available leaves ``ast`` None (the later checks then skip what needs it).
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, MutableMapping
from typing import Any

from .diagnostics import Diagnostics
from .model import Compact, Site
from .source import TextOrigin


def parser_for(syntax: str) -> Callable[..., Any] | None:
    """``parse_<syntax>`` from :mod:`ccdsl.dsl.compact`, or None when it has none."""
    compact = importlib.import_module("ccdsl.dsl.compact")
    return getattr(compact, f"parse_{syntax}", None)


def origin_of(node: Compact) -> TextOrigin:
    if node.origin is not None:
        return node.origin
    span = node.span
    return TextOrigin(span.file, span.line, span.col)


def parse_node(node: Compact, diags: Diagnostics | None = None) -> None:
    """Parse one compact value into ``node.ast`` (a value built in Python, outside :func:`bind_compact`)."""
    parse = parser_for(node.syntax) if node.syntax else None
    if parse is not None:
        node.ast = parse(node.text, origin_of(node), diags if diags is not None else Diagnostics())


#: (syntax, text, origin) -> (tree, diagnostics of the parse): parses a caller may keep between runs
ParseMemo = MutableMapping[tuple[str, str, TextOrigin], tuple[Any, list]]


def bind_compact(site: Site, diags: Diagnostics, memo: ParseMemo | None = None) -> list[Compact]:
    """Parse every compact string of the site in file order; parse errors go to ``diags``. With ``memo``,
    a string already parsed at the same place is not parsed again (the trees are immutable). Returns the
    site's compact values in walk order, which the checks read instead of walking the whole site again."""
    parsers: dict[str, Callable[..., Any] | None] = {}
    compacts: list[Compact] = []
    for node in site.walk():
        if not isinstance(node, Compact):
            continue
        compacts.append(node)
        if not node.syntax:
            continue
        if node.syntax not in parsers:
            parsers[node.syntax] = parser_for(node.syntax)
        parse = parsers[node.syntax]
        if parse is None:
            continue  # a syntax without a parser is kept as text
        origin = origin_of(node)
        key = (node.syntax, node.text, origin)
        if memo is not None and key in memo:
            node.ast, found = memo[key]
            diags.extend(found)
            continue
        parsed = Diagnostics()
        try:
            node.ast = parse(node.text, origin, parsed)
        except RecursionError:
            parsed.error("E019", f"{node.syntax} text is nested too deeply", origin.span)
        diags.extend(parsed)
        if memo is not None:
            memo[key] = (node.ast, list(parsed))
    return compacts

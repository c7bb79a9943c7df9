"""Function permissions (``table NAME rw``, ``bedrock invoke``) and HTTP API routes
(``GET /customers/{id}``); grammar ``access.lark``.

Access kinds and their modes live in :data:`NAMED` (a declared resource by name) and
:data:`SERVICES` (a whole service); unknown ones are E017 with did-you-mean. Routes: a greedy
``{name+}`` parameter must be the last segment (E014), parameter names are unique (E019).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

from lark import Token, Tree
from lark.tree import Meta

from ..diagnostics import Diagnostics, did_you_mean
from ..source import Span, TextOrigin
from .lark_support import Node, meta_span, run, token_span
from .nodes import Name, span_field

#: kind -> modes, for access to one declared resource (``KIND NAME MODE``).
NAMED: dict[str, tuple[str, ...]] = {
    "table": ("read", "write", "rw"),
    "stream": ("read", "write"),
    "topic": ("publish",),
    "bucket": ("read", "write", "rw"),
    "function": ("invoke",),
    "key": ("encrypt", "decrypt", "use"),
    "log": ("write",),
}
#: service -> modes, for access to a service (``SERVICE MODE``).
SERVICES: dict[str, tuple[str, ...]] = {
    "bedrock": ("invoke",),
    "connect": ("outbound", "tasks", "read"),
    "lex": ("invoke",),
}


@dataclass(frozen=True, slots=True)
class Access:
    """``kind`` is a key of NAMED (``name`` set) or SERVICES (``name`` None)."""

    kind: str
    mode: str
    name: Name | None = None
    span: Span = span_field()


@dataclass(frozen=True, slots=True)
class PathParam:
    name: str
    greedy: bool = False
    span: Span = span_field()


Segment = Union[str, PathParam]


@dataclass(frozen=True, slots=True)
class Route:
    method: str
    segments: tuple[Segment, ...]  # () is the root path "/"
    span: Span = span_field()

    @property
    def path(self) -> str:
        return "/" + "/".join(s if isinstance(s, str) else "{" + s.name + ("+" if s.greedy else "") + "}"
                              for s in self.segments)

    @property
    def params(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.segments if isinstance(s, PathParam))


#: the whole of ``access: WORD _SP WORD [_SP WORD]`` (grammar ``access.lark``): one line, so every column is its offset
_ACCESS = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]+([A-Za-z_][A-Za-z0-9_-]*)(?:[ \t]+([A-Za-z_][A-Za-z0-9_-]*))?")


def _word(match: re.Match, group: int) -> Token | None:
    start, end = match.span(group)
    if start < 0:
        return None
    return Token("WORD", match.group(group), start_pos=start, line=1, column=start + 1,
                 end_line=1, end_column=end + 1, end_pos=end)


def quick_access_tree(text: str) -> Tree | None:
    """lark's tree of an ``access`` text that the grammar accepts — tokens, positions and placeholder
    included — made from one regular-expression match; None when the text does not match (lark then parses
    it and reports the error). Sites give each function's permissions as distinct texts, thousands of them."""
    match = _ACCESS.fullmatch(text)
    if match is None:
        return None
    meta = Meta()
    end = len(text)
    for name, value in (("empty", False), ("line", 1), ("column", 1), ("start_pos", 0), ("end_line", 1),
                        ("end_column", end + 1), ("end_pos", end)):
        setattr(meta, name, value)
        if name != "empty":  # lark also gives the positions of the tree's container (the same here)
            setattr(meta, f"container_{name}", value)
    return Tree("access", [_word(match, 1), _word(match, 2), _word(match, 3)], meta)


def parse_access(text: str, origin: TextOrigin, diags: Diagnostics) -> Access | None:
    """The access a text gives; a text that is well formed and names a known kind and mode is read from the
    match of :data:`_ACCESS` alone (no tree: what :func:`access_from_tree` would make of it), any other through
    the tree, which reports what is wrong."""
    match = _ACCESS.fullmatch(text)
    if match is not None:
        kind, second, third = match.groups()
        table, mode = (NAMED, third) if third is not None else (SERVICES, second)
        if mode in table.get(kind, ()):
            if third is None:
                return Access(kind, mode, None, origin.span)
            start, end = match.span(2)
            return Access(kind, mode, Name(second, origin.span_at(0, start, end - start)), origin.span)
    return access_from_tree(text, origin, diags)


def access_from_tree(text: str, origin: TextOrigin, diags: Diagnostics) -> Access | None:
    """The access of ``text`` from its parse tree (lark's, or :func:`quick_access_tree`'s), with every diagnostic."""
    def build(tree: Node) -> Access | None:
        kind, second, third = tree.children
        mode = third if third is not None else second
        table = NAMED if third is not None else SERVICES
        if str(kind) not in table:
            other = SERVICES if third is not None else NAMED
            if str(kind) in other:
                shape = "KIND NAME MODE" if other is NAMED else "SERVICE MODE"
                diags.error("E017", f"'{kind}' access is written {shape}", token_span(origin, kind), length=len(kind))
            else:
                every = [*NAMED, *SERVICES]
                diags.error("E017", f"unknown access kind '{kind}' (one of {', '.join(every)})",
                            token_span(origin, kind),
                            hint=did_you_mean(str(kind), every), length=len(kind))
            return None
        if str(mode) not in table[str(kind)]:
            modes = table[str(kind)]
            diags.error("E017", f"'{kind}' access is one of {', '.join(modes)}, not '{mode}'", token_span(origin, mode),
                        hint=did_you_mean(str(mode), modes), length=len(mode))
            return None
        name = Name(str(second), token_span(origin, second)) if third is not None else None
        return Access(str(kind), str(mode), name, origin.span)

    return run("access", text, origin, diags, build, "access", start="access", starts=("access", "route"),
               quick=quick_access_tree)


def parse_route(text: str, origin: TextOrigin, diags: Diagnostics) -> Route | None:
    def build(tree: Node) -> Route:
        method, path = tree.children
        segments: list[Segment] = []
        seen: set[str] = set()
        for i, seg in enumerate(path.children):
            if isinstance(seg, Token):
                segments.append(str(seg))
                continue
            ptok, greedy = seg.children
            span = meta_span(origin, seg)
            if greedy is not None and i != len(path.children) - 1:
                diags.error("E014", f"greedy parameter '{{{ptok}+}}' must be the last path segment", span)
            if str(ptok) in seen:
                diags.error("E019", f"path parameter '{ptok}' given twice", token_span(origin, ptok), length=len(ptok))
            seen.add(str(ptok))
            segments.append(PathParam(str(ptok), greedy is not None, span))
        return Route(str(method), tuple(segments), origin.span)

    return run("access", text, origin, diags, build, "route", start="route", starts=("access", "route"))


def access_to_text(ast: Access) -> str:
    return f"{ast.kind} {ast.name} {ast.mode}" if ast.name is not None else f"{ast.kind} {ast.mode}"


def route_to_text(ast: Route) -> str:
    return f"{ast.method} {ast.path}"

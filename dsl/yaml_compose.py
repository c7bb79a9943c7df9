"""A bounded, iterative YAML composer over libyaml's event stream (PyYAML's C parser).

ruamel.yaml's pure-Python parser takes seconds per megabyte; libyaml parses the same text an order of
magnitude faster. This module turns libyaml's events into node objects with the attributes the
loader reads (``value``, ``tag``, ``style``, ``start_mark``, ``end_mark``), without recursion, and
enforces the limits of :mod:`ccdsl.dsl.limits` while it goes: nesting depth, number of nodes, and the
size of the tree once every alias is expanded (an alias bomb is refused at the anchor it multiplies).
Plain scalars are resolved with YAML 1.2 rules (ruamel's resolver), as the pure-Python path does.

Problems are raised as :class:`ComposeProblem` (a code, a message and a mark); YAML syntax errors
propagate as PyYAML's ``MarkedYAMLError`` for the loader to report (or to re-parse with ruamel for
its wording, when the text is small).
"""
from __future__ import annotations

import functools
from typing import Any

from .lean_imports import import_ruamel_resolver
from .limits import MAX_DEPTH, MAX_EXPANDED_NODES, MAX_NODES

YAML_TAG = "tag:yaml.org,2002:"
MAYBE_NOT_STR = set("0123456789+-.~nNtTfF<=")


class ComposeProblem(Exception):
    """A limit or structure problem at a position: ``code``, ``message``, ``mark`` (0-based line/column)."""

    def __init__(self, code: str, message: str, mark: Any, hint: str | None = None):
        super().__init__(message)
        self.code, self.message, self.mark, self.hint = code, message, mark, hint


class _Node:
    """``anchored``: an alias may refer to it (the only nodes the located tree must share or check for
    recursion); ``ccd_span``: its span once the loader has computed it."""

    __slots__ = ("tag", "value", "style", "start_mark", "end_mark", "size", "anchored", "ccd_span")

    def __init__(self, tag: str, value: Any, style: Any, start_mark: Any, end_mark: Any):
        self.tag, self.value, self.style = tag, value, style
        self.start_mark, self.end_mark = start_mark, end_mark
        self.size = 1
        self.anchored = False
        self.ccd_span = None


class ScalarNode(_Node):
    __slots__ = ()


class SequenceNode(_Node):
    __slots__ = ()


class MappingNode(_Node):
    __slots__ = ()


def available() -> bool:
    """Whether PyYAML with libyaml is installed (otherwise the loader uses ruamel.yaml alone)."""
    try:
        import yaml
    except ImportError:
        return False
    return bool(getattr(yaml, "__with_libyaml__", False))


def resolver() -> tuple[Any, type]:
    """ruamel.yaml's YAML 1.2 resolver and the scalar node class it resolves for (without the rest of ruamel.yaml)."""
    import_ruamel_resolver()
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    return VersionedResolver(), ScalarNode


@functools.cache
def _implicit_table() -> tuple[dict[str, tuple[tuple[str, Any], ...]], tuple[tuple[str, Any], ...], str]:
    """ruamel.yaml's YAML 1.2 implicit resolvers by first character, those for any character, and the default tag."""
    found, _ = resolver()
    by_first = found.versioned_resolver
    anywhere = tuple((str(tag), regexp) for tag, regexp in by_first.get(None, []))
    table = {first: tuple((str(tag), regexp) for tag, regexp in pairs) + anywhere
             for first, pairs in by_first.items() if first is not None}
    return table, anywhere, str(found.DEFAULT_SCALAR_TAG)


def plain_tag(value: str) -> str:
    """The tag YAML 1.2 gives the plain scalar ``value`` (what ruamel.yaml's resolver says, as text, without its
    per-call overhead): int, float, bool, null, … or str."""
    table, anywhere, default = _implicit_table()
    for tag, regexp in table.get(value[:1], anywhere):
        if regexp.match(value):
            return tag
    return default


def compose(text: str, warnings: list[tuple[str, str, Any]]) -> Any:
    """The root node of the single document in ``text`` (None for an empty stream). Duplicate anchors
    are appended to ``warnings`` as ``(code, message, mark)``."""
    import yaml
    from yaml.events import (
        AliasEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
    )

    resolved: dict[str, str] = {}
    anchors: dict[str, _Node] = {}
    stack: list[tuple[_Node, list]] = []  # open collections: node and the list being filled
    root: Any = None
    documents = 0
    count = 0
    node: _Node

    def add(node: _Node) -> None:
        nonlocal root
        if stack:
            parent = stack[-1][0]
            stack[-1][1].append(node)
            parent.size += node.size
            if parent.size > MAX_EXPANDED_NODES:
                raise ComposeProblem("E023", f"the document expands to more than {MAX_EXPANDED_NODES:,} values "
                                     "once its aliases are expanded (an alias bomb?)", node.start_mark,
                                     hint="use fewer aliases of large anchors, or write the values out")
        else:
            root = node

    def anchor(name: str | None, node: _Node, mark: Any) -> None:
        if name is None:
            return
        node.anchored = True
        if name in anchors:
            warnings.append(("W001", f"anchor '&{name}' is defined twice; aliases after this point refer to this one",
                             mark))
        anchors[name] = node

    loader = yaml.CSafeLoader(text)
    try:
        while True:
            event = loader.get_event()
            if event is None:
                break
            kind = event.__class__
            if kind is ScalarEvent:
                count += 1
                tag = event.tag
                if tag is None or tag == "!":
                    value = event.value
                    if event.implicit[0] and (not value or value[0] in MAYBE_NOT_STR):
                        tag = resolved.get(value)
                        if tag is None:  # the same short values (numbers, booleans) recur: resolve each once
                            tag = resolved[value] = plain_tag(value)
                    else:
                        tag = YAML_TAG + "str"
                node = ScalarNode(tag, event.value, event.style, event.start_mark, event.end_mark)
                anchor(event.anchor, node, event.start_mark)
                add(node)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                count += 1
                if len(stack) >= MAX_DEPTH:
                    raise ComposeProblem("E024", f"values are nested more than {MAX_DEPTH} levels deep",
                                         event.start_mark, hint="a .ccd file needs only a few levels")
                mapping = kind is MappingStartEvent
                tag = event.tag if event.tag not in (None, "!") else YAML_TAG + ("map" if mapping else "seq")
                node = (MappingNode if mapping else SequenceNode)(tag, [], event.flow_style, event.start_mark,
                                                                  event.end_mark)
                anchor(event.anchor, node, event.start_mark)
                stack.append((node, []))
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                node, items = stack.pop()
                node.end_mark = event.end_mark
                if isinstance(node, MappingNode):
                    node.value = list(zip(items[0::2], items[1::2]))
                else:
                    node.value = items
                add(node)
            elif kind is AliasEvent:
                target = anchors.get(event.anchor)
                if target is None:
                    raise ComposeProblem("E007", f"found undefined alias '{event.anchor}': an alias (*name) must "
                                         "follow its anchor (&name)", event.start_mark)
                add(target)  # an alias of a collection still open is recursive: the loader reports it (E009)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise ComposeProblem("E001", "YAML syntax error: a .ccd file holds one document, but `---` "
                                         "starts a second one", event.start_mark,
                                         hint="remove the `---` line or split the file")
            if count > MAX_NODES:
                raise ComposeProblem("E023", f"the file has more than {MAX_NODES:,} values", event.start_mark,
                                     hint="split the site or remove generated bulk")
    finally:
        loader.dispose()
    return root

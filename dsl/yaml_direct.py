"""The located tree of a plain .ccd document straight from libyaml's events, in one pass.

:func:`ccdsl.dsl.loader.load_text` composes nodes (:mod:`.yaml_compose`) and then walks them to build the
located tree (:class:`LDict`, :class:`LList`, :class:`LStr` with their spans). Most files use none of what
makes that walk necessary, so this module builds the same tree while it reads the events, with no node in
between. It gives up — returns None, and the loader takes the general path, which reports what there is to
report — at the first thing it does not handle: an anchor or alias (shared values, W001, E007, E009), an
explicit tag (E021), a merge key (`<<`), a key that is a mapping or a list (E020), a duplicate key (E004), a
scalar of a type other than str, int, float, bool or null, a second document, nesting deeper or more values
than the limits (E023, E024), a syntax error, and a top level that is not a mapping (E005, E006). So it
reports nothing itself, and a tree it returns is the one the general path builds from the same text
(``tests/dsl/test_yaml_direct.py`` compares the two).
"""
from __future__ import annotations

from typing import Any

from . import yaml_compose
from .located import LDict, LList, LStr
from .source import Span, TextOrigin, set_col, set_end_col, set_end_line, set_file, set_line
from .yaml_compose import MAYBE_NOT_STR, YAML_TAG, plain_tag


class _GiveUp(Exception):
    """What the one pass does not handle: the general path builds the tree (and reports what it finds)."""


def build(text: str, path: str, lines: list[str]) -> LDict | None:
    """The located tree of ``text`` (tabs already replaced), or None when the general path must build it."""
    import yaml

    try:
        return _build(text, path, lines)
    except (_GiveUp, yaml.YAMLError, ValueError):
        return None


def _build(text: str, path: str, lines: list[str]) -> LDict | None:
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
    max_values = min(yaml_compose.MAX_NODES, yaml_compose.MAX_EXPANDED_NODES)  # the composer's limits
    max_depth = yaml_compose.MAX_DEPTH
    # The open collection: ``current`` (None at the top), whether it is a list, its pending key (a mapping's
    # key read, its value not yet) and its start mark; the ones around it are saved on ``stack``.
    stack: list[tuple[Any, bool, Any, Any]] = []
    current: Any = None
    in_list = False
    key: Any = None
    opened: Any = None
    root: Any = None
    documents = 0
    count = 0
    str_tag = YAML_TAG + "str"
    new_str = str.__new__
    new_span = object.__new__

    def add_key(mapping: LDict, value: Any, span: Span) -> Any:
        """The key ``value`` (its text when YAML typed it) recorded at ``span``: gives up at a duplicate."""
        if type(value) is not LStr:
            if value is not None and type(value) not in (int, float, bool):
                raise _GiveUp  # a mapping or a list as a key
            value = str(value)
        if value in mapping.key_spans:
            raise _GiveUp
        mapping.key_spans[value] = span
        return value

    loader = yaml.CSafeLoader(text)
    try:
        while True:
            event = loader.get_event()
            if event is None:
                break
            kind = event.__class__
            if kind is ScalarEvent:
                count += 1
                if event.anchor is not None or count > max_values:
                    raise _GiveUp
                tag = event.tag
                value = event.value
                if tag is None or tag == "!":
                    if event.implicit[0] and (not value or value[0] in MAYBE_NOT_STR):
                        tag = resolved.get(value)
                        if tag is None:
                            tag = resolved[value] = plain_tag(value)
                    else:
                        tag = str_tag
                else:
                    raise _GiveUp
                start, end = event.start_mark, event.end_mark
                # Span(path, line, col, end line, end col) without its __init__ call
                span = new_span(Span)
                set_file(span, path)
                set_line(span, start.line + 1)
                set_col(span, start.column + 1)
                set_end_line(span, end.line + 1)
                set_end_col(span, end.column + 1)
                if tag == str_tag:
                    # LStr(value, span, shift=…) or LStr(value, span, origin) without its __new__ call; a plain
                    # scalar keeps the class's origin (None) and shift (0)
                    item: Any = new_str(LStr, value)
                    item.span = span
                    style = event.style
                    if style:
                        if style == "|" or style == ">":
                            item._origin = block_origin(lines, path, start.line, start.column)
                            item._shift = None
                        elif style == '"' or style == "'":
                            item._shift = 1
                else:
                    item = typed_scalar(tag, value, span)
                if in_list:
                    current.append(item)
                    current.item_spans.append(span)
                elif current is None:
                    root = item
                elif key is None:
                    key = add_key(current, item, span)
                else:
                    current[key] = item
                    current.value_spans[key] = span
                    key = None
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                count += 1
                if event.anchor is not None or event.tag not in (None, "!") or count > max_values \
                        or len(stack) >= max_depth:
                    raise _GiveUp
                stack.append((current, in_list, key, opened))
                in_list = kind is SequenceStartEvent
                current = LList() if in_list else LDict()
                key = None
                opened = event.start_mark
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                item = current
                end = event.end_mark
                span = item.span = Span(path, opened.line + 1, opened.column + 1, end.line + 1, end.column + 1)
                current, in_list, key, opened = stack.pop()
                if in_list:
                    current.append(item)
                    current.item_spans.append(span)
                elif current is None:
                    root = item
                elif key is None:
                    raise _GiveUp  # a mapping or a list as a key
                else:
                    current[key] = item
                    current.value_spans[key] = span
                    key = None
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _GiveUp
            elif kind is AliasEvent:
                raise _GiveUp
    finally:
        loader.dispose()
    return root if type(root) is LDict else None


def block_origin(lines: list[str], path: str, line: int, column: int) -> TextOrigin:
    """Content of a block scalar (indicator at 0-based ``line``, ``column``) starts on the next line, at the
    block's indentation."""
    first = line + 1
    indent = None
    for at in range(first, len(lines)):  # by index: not a copy of the rest of the file per block scalar
        text = lines[at]
        if text.strip():
            indent = len(text) - len(text.lstrip(" "))
            break
    if indent is None:
        indent = column
    return TextOrigin(path, first + 1, indent + 1, block_indent=indent)


def typed_scalar(tag: str, text: str, span: Span) -> Any:
    """The value of a plain scalar that YAML 1.2 resolves to ``tag`` (not str): a number written in a form
    Python does not read is a string, as it is in the file. Gives up at any other tag."""
    try:
        if tag == _INT:
            return to_int(text)
        if tag == _FLOAT:
            return to_float(text)
        if tag == _BOOL:
            return text.lower() in ("true", "yes", "on")
        if tag == _NULL:
            return None
    except ValueError:
        return LStr(text, span, shift=0)
    raise _GiveUp


_INT, _FLOAT, _BOOL, _NULL = (YAML_TAG + name for name in ("int", "float", "bool", "null"))


def to_int(text: str) -> int:
    """An integer as YAML 1.2 writes it (``_`` separators, ``0x``/``0o`` prefixes)."""
    clean = text.replace("_", "")
    if clean.lower().startswith(("0x", "-0x", "+0x")):
        return int(clean, 16)
    if clean.lower().startswith(("0o", "-0o", "+0o")):
        return int(clean, 8)
    return int(clean)


def to_float(text: str) -> float:
    """A float as YAML 1.2 writes it (``.inf``, ``-.inf``, ``.nan``, ``_`` separators)."""
    low = text.lower().replace("_", "")
    if low in (".inf", "+.inf"):
        return float("inf")
    if low == "-.inf":
        return float("-inf")
    if low == ".nan":
        return float("nan")
    return float(low)

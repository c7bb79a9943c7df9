"""Located values: what the loader hands to the model builder.

YAML mappings, sequences and strings come out of :mod:`ccdsl.dsl.loader` as :class:`LDict`,
:class:`LList` and :class:`LStr`: ordinary ``dict``/``list``/``str`` that also know where they came
from. ``LDict.key_spans[k]`` is the span of key ``k``, ``LDict.value_spans[k]`` that of its value;
``LList.item_spans[i]`` that of item ``i``. ``LStr.origin`` is the :class:`TextOrigin` of the first
content character, which the compact-syntax parsers use to report exact positions.
"""
from __future__ import annotations

from typing import Any

from .source import UNKNOWN, Span, TextOrigin


class LStr(str):
    """A string scalar with its span and the origin of its content. ``shift`` (instead of an origin) says
    the content starts that many columns after the span: the origin is made only when asked for, as most
    strings are never parsed."""

    span: Span
    # what a plain scalar has (its content starts at its span): the one-pass loader sets only what differs
    _origin: TextOrigin | None = None
    _shift: int | None = 0

    def __new__(cls, value: str, span: Span = UNKNOWN, origin: TextOrigin | None = None,
                shift: int | None = None) -> LStr:
        obj = super().__new__(cls, value)
        obj.span = span
        obj._origin = origin
        obj._shift = shift
        return obj

    @property
    def origin(self) -> TextOrigin | None:
        if self._origin is None and self._shift is not None:
            span = self.span
            self._origin = TextOrigin(span.file, span.line, span.col + self._shift)
        return self._origin

    @origin.setter
    def origin(self, value: TextOrigin | None) -> None:
        self._origin, self._shift = value, None


class LDict(dict):
    """A mapping with the spans of its keys and values (``span`` is that of the mapping itself)."""

    def __init__(self, *args: Any, span: Span = UNKNOWN, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.span = span
        self.key_spans: dict[Any, Span] = {}
        self.value_spans: dict[Any, Span] = {}


class LList(list):
    """A sequence with the spans of its items."""

    def __init__(self, *args: Any, span: Span = UNKNOWN) -> None:
        super().__init__(*args)
        self.span = span
        self.item_spans: list[Span] = []


def span_of(value: Any, default: Span = UNKNOWN) -> Span:
    """The span a located value carries, else ``default``."""
    return getattr(value, "span", None) or default


def locate(root: Any, loc: tuple, want_key: bool = False) -> Span:
    """The span best matching a path of keys/indices into a located tree.

    Walks as far as the path exists; ``want_key`` returns the span of the last key itself (for
    "unknown key" errors) rather than that of its value.
    """
    node, span = root, span_of(root)
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, LDict) and part in node:
            use_key = (want_key and last) or node[part] is None  # an empty value has no place of its own
            span = node.key_spans.get(part, span) if use_key else node.value_spans.get(part, span)
            node = node[part]
        elif isinstance(node, LList) and isinstance(part, int) and 0 <= part < len(node):
            span = node.item_spans[part] if part < len(node.item_spans) else span
            node = node[part]
        elif not last and isinstance(node, LDict) and loc[i + 1] in node:
            continue  # a step of the validator's own (a union member's tag), not a key of the file
        else:
            break
    return span

"""Building blocks of the site model: nodes with a name and a span, references, compact-syntax text.

Every model class derives from :class:`Node`. A node gets ``name`` and ``span`` from the key it is
written under: an entry of a named section (a queue, a bot, an intent …) its name, a node-valued key
(``instance``, ``storage``, ``channels`` …) the key itself; a node in a list gets the span of its item.
``field_spans`` holds the span of each value written in the node's mapping (:meth:`Node.span_of`).
Shorthand forms (``hours: 24/7``, a list of utterances for an
intent, a voice name for a locale) are expanded by each class's :meth:`Node.shorthand`.

References to other things in the file are :class:`Name` values: plain ``str`` with a ``span``.
Strings in a compact syntax are :class:`Compact` nodes: ``text``, ``origin`` (where the content
starts in the file) and ``ast``, filled in by :mod:`ccdsl.dsl.compact_bind` with the parser's tree.
"""
from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticCustomError, core_schema

from ..located import LDict, span_of
from ..source import UNKNOWN, Span, TextOrigin

#: fields that every node has and that are not written by the user
INTERNAL_FIELDS = ("name", "span", "field_spans")
_INTERNAL = frozenset(INTERNAL_FIELDS)


class Name(str):
    """A reference by name to something declared elsewhere in the file, with its span."""

    span: Span

    def __new__(cls, value: str, span: Span | None = None) -> Name:
        obj = super().__new__(cls, value)
        obj.span = span if span is not None else span_of(value)
        return obj

    @classmethod
    def coerce(cls, value: Any) -> Name:
        """A name from a non-empty string (its span kept), or the error a user sees."""
        if isinstance(value, Name):
            return value
        if isinstance(value, str) and value:
            return cls(value, span_of(value))
        raise PydanticCustomError("name_type", "expected a name, got {kind}", {"kind": kind_of(value)})

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        # module-level callables only, so that the schema can be stored (:mod:`.schema_cache`)
        return core_schema.no_info_plain_validator_function(
            cls.coerce, serialization=core_schema.plain_serializer_function_ser_schema(str))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict:
        return {"type": "string", "minLength": 1}


class Node(BaseModel):
    """Base of every model class: forbids unknown keys, carries ``name`` and ``span``."""

    # defer_build: :func:`ccdsl.dsl.model.schema_cache.complete_models` completes every class once all are declared
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, regex_engine="python-re", defer_build=True)

    name: str = ""
    span: Span = UNKNOWN
    field_spans: dict[str, Span] = {}
    """span of the value of each key written in the file (see :meth:`span_of`)"""

    #: JSON Schema of the shorthand form accepted in place of the mapping (None: mapping only)
    shorthand_schema: ClassVar[dict | None] = None
    #: whether the mapping form is part of the file format (False: only the shorthand is)
    schema_mapping: ClassVar[bool] = True

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        """The mapping form of a non-mapping value; the default accepts none."""
        if isinstance(value, str) and ":" in value:
            from ..yaml_errors import GLUED_KEY

            glued = GLUED_KEY.match(value)
            if glued:  # `alias:t1` under a key: YAML read one word where a key and a value were meant
                key, rest = glued.group(2), glued.group(3)
                raise PydanticCustomError("E026", "expected a mapping, got the text '{text}': a ':' needs a space "
                                          "after it (write '{key}: {rest}')", {"text": value, "key": key, "rest": rest})
        raise PydanticCustomError("E103", "expected a mapping, got {kind}", {"kind": kind_of(value)})

    @model_validator(mode="before")
    @classmethod
    def _expand(cls, data: Any) -> Any:
        if isinstance(data, Node):
            return data
        name, span = None, None
        if isinstance(data, dict) and "__value" in data:
            name, span, data = data["__name"], data["__span"], data["__value"]
        out: dict
        if isinstance(data, LDict):
            if not _INTERNAL.isdisjoint(data):
                key = next(key for key in INTERNAL_FIELDS if key in data)
                raise PydanticCustomError("E101", "unknown key '{key}'", {"key": key})
            out = dict(data)
            out["field_spans"] = {str(k): v for k, v in data.value_spans.items()}
            out["__raw"] = data
        elif data is None:  # `name:` with nothing after it is an entry with no keys
            out = {}
        elif isinstance(data, dict):
            out = dict(data)
        else:
            out = cls.shorthand(data)
            if span_of(data) is not UNKNOWN:
                out["field_spans"] = {str(k): span_of(data) for k in out}  # a shorthand value stands for them all
        if name is not None:
            out["name"] = name
        if span is not None or "span" not in out:
            out["span"] = span if span is not None else span_of(data)
        return _wrap_named_fields(cls, out)

    def span_of(self, field: str) -> Span:
        """Where the value of ``field`` is written (the node's own span when it was not written)."""
        return self.field_spans.get(field, self.span)

    @model_validator(mode="after")
    def _compact_spans(self) -> Node:
        """A compact value written as a bare number (``timeout: 30``) takes the span of its field."""
        fields = _COMPACT_FIELDS.get(type(self))
        if fields is None:
            fields = _COMPACT_FIELDS[type(self)] = _compact_fields(type(self))
        if fields:
            spans, values = self.field_spans, self.__dict__
            for field in fields:
                span = spans.get(field)
                value = values.get(field)
                if span is not None and isinstance(value, Compact) and value.span is UNKNOWN:
                    value.span = span
        return self

    def children(self) -> Iterator[Node]:
        """Direct child nodes, in field order (mappings and lists of nodes are flattened)."""
        return iter(self._child_list())

    def _child_list(self) -> list[Any]:
        found: list[Any] = []
        values = self.__dict__
        for field in _node_fields(type(self)):
            value = values.get(field)
            if value is not None:
                _collect_nodes(value, found)
        return found

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, depth first (each node before its children, in field order).
        Iterative: a site's tree is walked whole more than once, and nested generators cost a step per level."""
        stack: list[Any] = [self]
        pop, extend = stack.pop, stack.extend
        while stack:
            node = pop()
            yield node
            if isinstance(node, Node):  # a compact value is a leaf
                children = node._child_list()
                children.reverse()
                extend(children)


_NODE_FIELDS: dict[type, tuple[str, ...]] = {}
_COMPACT_FIELDS: dict[type, tuple[str, ...]] = {}


def _may_be_compact(annotation: Any) -> bool:
    """Whether a field of this type can hold a compact value itself (not inside a list or a mapping)."""
    if isinstance(annotation, type):
        return issubclass(annotation, Compact) or annotation is object
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        args = typing.get_args(annotation)
        return any(_may_be_compact(a) for a in (args[:1] if origin is typing.Annotated else args))
    return origin is None  # Any, forward references and the unforeseen: look; list[…], dict[…], Literal[…]: no


def _compact_fields(cls: type) -> tuple[str, ...]:
    """The fields of a node class that may hold a compact value (what :meth:`Node._compact_spans` looks at)."""
    return tuple(f for f, info in cls.model_fields.items()  # type: ignore[attr-defined]
                 if f not in INTERNAL_FIELDS and _may_be_compact(info.annotation))


def _may_hold_nodes(annotation: Any) -> bool:
    """Whether a field of this type can hold a node or a compact value (plain text, numbers and flags cannot)."""
    if annotation in (str, int, float, bool, type(None), Name, Span, TextOrigin):
        return False
    if isinstance(annotation, type):
        return issubclass(annotation, (BaseModel, Compact)) or annotation in (dict, list, tuple) or \
            annotation is object
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return False
    args = typing.get_args(annotation)
    if origin is not None and args:
        return any(_may_hold_nodes(a) for a in args if a is not Ellipsis)
    return True  # Any, forward references and the unforeseen: look inside


def _node_fields(cls: type) -> tuple[str, ...]:
    """The fields of a node class that may hold child nodes (computed once per class)."""
    found = _NODE_FIELDS.get(cls)
    if found is None:
        found = _NODE_FIELDS[cls] = tuple(f for f, info in cls.model_fields.items()  # type: ignore[attr-defined]
                                          if f not in INTERNAL_FIELDS and _may_hold_nodes(info.annotation))
    return found


def _collect_nodes(value: Any, found: list[Any]) -> None:
    """Append the nodes and compact values in ``value`` (itself, or inside mappings and lists) to ``found``."""
    if isinstance(value, (Node, Compact)):
        found.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _collect_nodes(item, found)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _collect_nodes(item, found)


def kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing" if value is None else type(value).__name__


def named_node_class(annotation: Any) -> type[Node] | None:
    """``X`` when ``annotation`` is ``dict[str, X]`` (or optional) with ``X`` a Node class."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = named_node_class(arg)
            if found:
                return found
        return None
    if origin is dict:
        args = typing.get_args(annotation)
        if len(args) == 2 and isinstance(args[1], type) and issubclass(args[1], Node):
            return args[1]
    return None


def node_class(annotation: Any) -> type[Node] | None:
    """``X`` when ``annotation`` is a Node class ``X`` (or ``X | None``)."""
    if isinstance(annotation, type) and issubclass(annotation, Node):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        found = [a for a in typing.get_args(annotation) if isinstance(a, type) and issubclass(a, Node)]
        return found[0] if len(found) == 1 else None
    return None


_WRAPPED: dict[type, tuple[tuple[str, bool], ...]] = {}


def _wrapped_fields(cls: type[Node]) -> tuple[tuple[str, bool], ...]:
    """(field, named section?) for the fields of a class that hold named entries or a node (once per class)."""
    found = _WRAPPED.get(cls)
    if found is None:
        out = []
        for field, info in cls.model_fields.items():
            if named_node_class(info.annotation) is not None:
                out.append((field, True))
            elif node_class(info.annotation) is not None:
                out.append((field, False))
        found = _WRAPPED[cls] = tuple(out)
    return found


def _wrap_named_fields(cls: type[Node], out: dict) -> dict:
    """Entries of named sections (``dict[str, Node]``) get their name and key span; a node-valued
    field gets the field's name and the span of its key."""
    key_spans = getattr(out.get("__raw"), "key_spans", None) or {}
    for field, named in _wrapped_fields(cls):
        value = out.get(field)
        if value is None or isinstance(value, Node):
            continue
        if named:
            if isinstance(value, dict):
                out[field] = wrap_entries(value)
        elif field in key_spans and not (isinstance(value, dict) and "__value" in value):
            out[field] = {"__value": value, "__name": field, "__span": key_spans[field]}
    out.pop("__raw", None)
    return out


def wrap_entries(mapping: dict) -> dict:
    key_spans = getattr(mapping, "key_spans", {})
    return {key: item if isinstance(item, Node)
            else {"__value": item, "__name": str(key), "__span": key_spans.get(key) or span_of(item)}
            for key, item in mapping.items()}


class Compact:
    """A string in one of the compact syntaxes; ``ast`` is the parser's tree once parsed.

    A light value (not a pydantic model, so that forty of them cost nothing to define): ``text`` as
    written, ``origin`` where its content starts in the file, ``span`` of the value, ``ast``.
    """

    __slots__ = ("text", "origin", "ast", "span", "name")
    syntax: ClassVar[str] = ""
    shorthand_schema: ClassVar[dict | None] = {"type": "string"}

    def __init__(self, text: str, origin: TextOrigin | None = None, ast: Any = None, span: Span = UNKNOWN,
                 name: str = ""):
        self.text, self.origin, self.ast, self.span, self.name = str(text), origin, ast, span, name

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        if isinstance(value, str):
            return {"text": str(value), "origin": getattr(value, "origin", None)}
        raise PydanticCustomError("E103", "expected a string, got {kind}", {"kind": kind_of(value)})

    @classmethod
    def coerce(cls, value: Any) -> Compact:
        if isinstance(value, cls):
            return value
        if isinstance(value, dict) and "text" in value and not isinstance(value, LDict):
            return cls(**value)
        return cls(span=span_of(value), **cls.shorthand(value))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.coerce, serialization=core_schema.plain_serializer_function_ser_schema(compact_text))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict:
        out = dict(cls.shorthand_schema or {"type": "string"})
        doc = (cls.__doc__ or "").strip().split("\n\n")[0]
        if doc and "description" not in out:
            out["description"] = " ".join(doc.split()).replace("``", "`")
        return out

    def walk(self) -> Iterator[Compact]:
        yield self

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.text!r})"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.text == self.text  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.text))


def compact_text(value: Compact) -> str:
    """How a compact-syntax value serialises: its text."""
    return value.text

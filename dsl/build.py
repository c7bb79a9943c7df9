"""Building the typed model from a located tree, turning pydantic's errors into positioned diagnostics.

Each entry of a named section is validated on its own, so one bad queue does not hide the problems
of the others; the names of entries that failed are returned as *broken* so that later reference
checks do not report them a second time as unknown.

Codes: E101 unknown key, E102 missing key, E103 wrong type, E104 value not allowed, E105 out of range,
E106 not in the form a pattern asks for (said in words), E107 too long or too short, E108 too few or too many items,
E109 other invalid value; model classes raise their own E1xx codes (E120 literal secret …).
"""
from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostics, did_you_mean
from .located import LDict, locate, span_of
from .model import Site
from .model.base import INTERNAL_FIELDS, Node, named_node_class, node_class
from .pattern_words import pattern_words
from .source import Span

TYPE_ERRORS = ("_type", "_parsing", "int_from_float", "name_type")
RANGE_ERRORS = ("greater_than", "greater_than_equal", "less_than", "less_than_equal")
REQUIRED_SECTIONS = ("ccdsl", "site", "region", "instance")


def build_site(tree: LDict, path: str, diags: Diagnostics) -> tuple[Site, dict[str, set[str]]]:
    """The site model of a located tree (entries that fail validation are left out) and the broken names."""
    broken: dict[str, set[str]] = {}
    # A partial model on purpose: sections are validated and filled in one by one below.
    site = Site.model_construct(span=Span(path, 1, 1), path=path)  # type: ignore[call-arg]
    site.field_spans = {str(k): v for k, v in getattr(tree, "value_spans", {}).items()}  # region, site, …
    fields = Site.model_fields
    for section, value in tree.items():
        key_span = tree.key_spans.get(section, span_of(tree))
        if section not in fields or section in INTERNAL_FIELDS or section == "path":
            diags.error("E101", f"unknown section '{section}'", key_span,
                        hint=did_you_mean(str(section), _user_fields(Site)), length=len(str(section)))
            continue
        annotation = fields[section].annotation
        entry_cls = named_node_class(annotation)
        if entry_cls is not None:
            setattr(site, section, _build_entries(section, value, tree, entry_cls, diags, broken))
            continue
        if node_class(annotation) is not None and (value is not None or fields[section].is_required()):
            value = {"__value": value, "__name": section, "__span": key_span}
        try:
            Site.__pydantic_validator__.validate_assignment(site, section, value)
        except ValidationError as exc:
            report_errors(exc, (), tree, Site, diags)
            broken.setdefault("", set()).add(section)
    for section in REQUIRED_SECTIONS:
        if section not in tree:
            diags.error("E102", f"missing section '{section}'", Span(path, 1, 1))
    for field, info in fields.items():
        if field not in site.__dict__:  # left out or invalid: its default, None when it has none
            setattr(site, field, None if info.is_required() else info.get_default(call_default_factory=True))
    return site, broken


def _build_entries(section: str, value: Any, tree: LDict, entry_cls: type[Node], diags: Diagnostics,
                   broken: dict[str, set[str]]) -> dict[str, Node]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        diags.error("E103", f"'{section}' must be a mapping of names to entries", locate(tree, (section,)))
        broken.setdefault(section, set()).add("*")
        return {}
    entries = {}
    key_spans = getattr(value, "key_spans", {})
    for name, raw in value.items():
        key_span = key_spans.get(name) or span_of(raw)
        try:
            entries[name] = entry_cls.model_validate({"__value": raw, "__name": str(name), "__span": key_span})
        except ValidationError as exc:
            report_errors(exc, (section, name), tree, entry_cls, diags, entry_span=key_span)
            broken.setdefault(section, set()).add(str(name))
    return entries


def _user_fields(cls: type[BaseModel]) -> list[str]:
    return [f for f in cls.model_fields if f not in INTERNAL_FIELDS and f != "path"]


def model_at(cls: Any, loc: tuple) -> Any:
    """The model class (or annotation) that a location path inside ``cls`` leads to."""
    current = cls
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            if part not in current.model_fields:
                return None
            current = current.model_fields[part].annotation
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        elif typing.get_origin(current) is list:
            current = typing.get_args(current)[0]
        else:
            return None
    return _unwrap(current)


def _unwrap(annotation: Any) -> Any:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, getattr(__import__("types"), "UnionType", None)) and args:
        return args[0]
    return annotation


def report_errors(exc: ValidationError, prefix: tuple, tree: Any, cls: Any, diags: Diagnostics,
                  entry_span: Span | None = None) -> None:
    seen: set[tuple] = set()
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("__")))
        kind = error["type"]
        field = next((str(p) for p in reversed(loc) if isinstance(p, str)), prefix[-1] if prefix else "")
        full = prefix + loc
        if kind == "extra_forbidden":
            key = str(loc[-1]) if loc else "?"
            span = locate(tree, full, want_key=True)
            owner = model_at(cls, loc[:-1])
            fields = _user_fields(owner) if isinstance(owner, type) and issubclass(owner, BaseModel) else []
            item = (kind, span)
            if item not in seen:
                seen.add(item)
                diags.error("E101", f"unknown key '{key}'", span, hint=did_you_mean(key, fields), length=len(key))
            continue
        if kind == "missing":
            span = locate(tree, full[:-1], want_key=True) if loc[:-1] else (entry_span or locate(tree, full[:-1], True))
            diags.error("E102", f"missing key '{field}'", span)
            continue
        span = locate(tree, full)
        if (kind, span) in seen:
            continue
        seen.add((kind, span))
        code, message, hint = _describe(kind, error, field)
        diags.error(code, message, span, hint=hint)


def _describe(kind: str, error: Mapping[str, Any], field: str) -> tuple[str, str, str | None]:
    ctx = error.get("ctx") or {}
    value = error.get("input")
    shown = _show(value)
    if re.fullmatch(r"[EW]\d{3}", kind):
        return kind, (f"{field}: {error['msg']}" if field else error["msg"]), None
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'|(\d+)", str(ctx.get("expected", "")))
        options = [a or b for a, b in allowed]
        return ("E104", f"{field}: {shown} is not one of {', '.join(options)}",
                did_you_mean(str(value), options) if isinstance(value, str) else None)
    if kind.startswith(RANGE_ERRORS):
        return "E105", f"{field}: {shown} is out of range ({error['msg'].lower()})", None
    if kind == "string_pattern_mismatch":
        return "E106", f"{field}: {shown} is not {pattern_words(ctx.get('pattern'))}", None
    if kind in ("string_too_long", "string_too_short"):
        return "E107", f"{field}: {shown} is too {'long' if 'long' in kind else 'short'} ({error['msg'].lower()})", None
    if kind in ("too_long", "too_short"):
        return "E108", f"{field}: {error['msg'].lower()}", None
    if kind.endswith(TYPE_ERRORS) or kind in ("model_type", "model_attributes_type", "dict_type", "list_type"):
        return "E103", f"{field}: {_lower(error['msg'])}", None
    return "E109", f"{field}: {_lower(error['msg'])}", None


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value) if isinstance(value, str) else str(value)


def _lower(message: str) -> str:
    return message[:1].lower() + message[1:] if message else message

"""The JSON Schema (draft 2020-12) of the .ccd format, generated from the model for editors.

Shorthand forms (``hours: 24/7``, an intent as a list of utterances …) come from each class's
``shorthand_schema``; compact-syntax strings are strings; fields the user never writes (``name``,
``span``, parsed trees) are left out; every object forbids unknown keys. Field descriptions are the
docstrings written under the fields in the model's source.
"""
from __future__ import annotations

import ast
import inspect
import json
from typing import Any

from .model import Site
from .model.base import INTERNAL_FIELDS, Compact, Node

SCHEMA_ID = "https://ccdsl.dev/schema/ccdsl.schema.json"
HIDDEN = set(INTERNAL_FIELDS) | {"path"}


def _node_classes() -> dict[str, type[Node]]:
    found: dict[str, type[Node]] = {}
    todo = [Node]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            found[sub.__name__] = sub
            todo.append(sub)
    return found


def _field_docs(cls: type) -> dict[str, str]:
    """Docstrings written right under annotated fields of a class (and its bases)."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if not (isinstance(klass, type) and issubclass(klass, Node)):
            continue
        try:
            tree = ast.parse(inspect.getsource(klass))
        except (OSError, TypeError, SyntaxError):
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for first, second in zip(body, body[1:]):
            if (isinstance(first, ast.AnnAssign) and isinstance(first.target, ast.Name)
                    and isinstance(second, ast.Expr) and isinstance(second.value, ast.Constant)
                    and isinstance(second.value.value, str)):
                docs[first.target.id] = " ".join(second.value.value.split())
    return docs


def _strip_titles(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_titles(v) for k, v in value.items() if k != "title" or not isinstance(v, str)}
    if isinstance(value, list):
        return [_strip_titles(v) for v in value]
    return value


def json_schema() -> dict:
    raw = Site.model_json_schema(mode="validation", ref_template="#/$defs/{model}")
    defs = raw.pop("$defs", {})
    defs["Site"] = raw
    classes = _node_classes() | {"Site": Site}
    out_defs = {}
    for name, schema in defs.items():
        cls = classes.get(name)
        if cls is None:
            out_defs[name] = schema
            continue
        out_defs[name] = _node_schema(cls, schema)
    site = out_defs.pop("Site")
    _entry_name_patterns(site)
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ccdsl site (.ccd)",
        **site,
        "$defs": _reachable_defs(site, out_defs),
    }
    return _strip_titles(document) | {"title": "ccdsl site (.ccd)"}


def _refs(value: Any) -> set[str]:
    if isinstance(value, dict):
        found = {value["$ref"].rsplit("/", 1)[-1]} if isinstance(value.get("$ref"), str) else set()
        for v in value.values():
            found |= _refs(v)
        return found
    if isinstance(value, list):
        return set().union(*map(_refs, value)) if value else set()
    return set()


def _reachable_defs(root: dict, defs: dict) -> dict:
    """Only the definitions the document refers to: types behind hidden fields (spans…) stay out."""
    keep: set[str] = set()
    todo = _refs(root)
    while todo:
        name = todo.pop()
        if name in keep or name not in defs:
            continue
        keep.add(name)
        todo |= _refs(defs[name])
    return {name: defs[name] for name in sorted(keep)}


def _entry_name_patterns(site: dict) -> None:
    """Named sections constrain their entry names (``propertyNames``) as ``ccdsl validate`` does (E110)."""
    from .checks.names import ENTRY_RULES

    for section, (pattern, rule) in ENTRY_RULES.items():
        prop = site.get("properties", {}).get(section)
        if prop is not None:
            prop["propertyNames"] = {"pattern": pattern, "description": f"entry names: {rule}"}


def _node_schema(cls: type[Node], schema: dict) -> dict:
    description = " ".join((cls.__doc__ or "").split()) if cls.__doc__ and cls.__doc__ != Node.__doc__ else None
    if issubclass(cls, Compact) or not cls.schema_mapping:
        shorthand = dict(cls.shorthand_schema or {"type": "string"})
        if description and "description" not in shorthand:
            shorthand["description"] = description
        return shorthand
    docs = _field_docs(cls)
    properties = {}
    for field, prop in schema.get("properties", {}).items():
        if field in HIDDEN:
            continue
        if field in docs and "description" not in prop:
            prop = dict(prop, description=docs[field])
        prop.pop("default", None) if prop.get("default") in ({}, []) else None
        properties[field] = prop
    mapping = {"type": "object", "properties": properties, "additionalProperties": False}
    required = [f for f in schema.get("required", []) if f not in HIDDEN]
    if required:
        mapping["required"] = required
    if description:
        mapping["description"] = description
    if cls.shorthand_schema:
        return {"anyOf": [cls.shorthand_schema, mapping], **({"description": description} if description else {})}
    return mapping


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"

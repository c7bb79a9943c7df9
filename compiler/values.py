"""Helpers to build input values that mix literals with apply-time Refs and Secrets."""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from json.encoder import c_make_encoder, encode_basestring, encode_basestring_ascii  # type: ignore[attr-defined]
from typing import Any

from pydantic_core import PydanticSerializationError, to_json

from ccdsl.dsl.flows.validate_json import serialize_flow

from . import jsonout
from .resources import Ref, Secret, Template, to_jsonable, to_sorted_jsonable

_PLACEHOLDER = "@@ccdsl-value-%d@@"
_PLACEHOLDER_RE = re.compile(r"@@ccdsl-value-(\d+)@@")
_TOKEN_RE = re.compile(r"\$\{([^}]+)\}")


def template(*parts: Any) -> Any:
    """Join literals and Refs/Secrets/Templates: a plain string when nothing is apply-time, the Ref
    or Secret itself when it is the whole value, else a Template."""
    flat: list[Any] = []
    literal = True  # every item so far a string
    for part in parts:
        items = part.parts if isinstance(part, Template) else (part,)
        for item in items:
            if isinstance(item, str):
                if flat and isinstance(flat[-1], str):
                    flat[-1] += item
                elif item:
                    flat.append(item)
            else:
                flat.append(item)
                literal = False
    if literal:
        return "".join(flat)
    if len(flat) == 1:
        return flat[0]  # a lone Ref or Secret stays itself
    return Template(tuple(flat))


def json_value(obj: Any) -> Template | str:
    """``obj`` as a compact, key-sorted JSON string; Refs and Secrets inside string values stay
    apply-time (the result is then a Template). Used for policy documents, dashboards, patterns."""
    return json_value_of(*json_parts(obj))


def json_parts(obj: Any) -> tuple[str, list[Any]]:
    """What :func:`json_value` is made of: the compact, key-sorted JSON text with a placeholder
    (``_PLACEHOLDER % i``) for the i-th Ref or Secret found, and those Refs and Secrets in order."""
    found: list[Any] = []

    def swap(value: Any) -> str:  # json's C encoder calls it for what is not JSON: Refs, Secrets, Templates
        if isinstance(value, (Ref, Secret)):
            found.append(value)
            return _PLACEHOLDER % (len(found) - 1)
        if isinstance(value, Template):
            return "".join(p if isinstance(p, str) else swap(p) for p in value.parts)
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    encode = sorted_json_encoder(swap, ":", ",", ensure_ascii=False)
    if encode is None:  # no C encoder: json.dumps' own way
        return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=swap), found
    return encode(obj), found


def sorted_json_encoder(default: Callable[[Any], Any], key_separator: str, item_separator: str, *,
                        ensure_ascii: bool) -> Callable[[Any], str] | None:
    """``json.dumps(…, sort_keys=True, separators=(item_separator, key_separator), default=default,
    ensure_ascii=…)`` by json's C encoder itself, made once (``json.dumps`` makes an encoder object and a
    circular-reference table at every call when given options); None without the C encoder. No circular
    check: what it encodes is a tree."""
    if c_make_encoder is None:
        return None
    escape = encode_basestring_ascii if ensure_ascii else encode_basestring
    encode = c_make_encoder(None, default, escape, None, key_separator, item_separator, True, False, True)
    join = "".join
    return lambda value: join(encode(value, 0))


def json_value_of(text: str, found: list[Any]) -> Template | str:
    """:func:`json_value` from :func:`json_parts`: the text, its placeholders swapped back for what they stand for."""
    if not found:
        return text
    pieces = _PLACEHOLDER_RE.split(text)  # literal, placeholder number, literal, …
    flat: list[Any] = [pieces[0]] if pieces[0] else []
    for i in range(1, len(pieces), 2):  # a Ref or Secret between two literals: nothing to merge
        flat.append(found[int(pieces[i])])
        if pieces[i + 1]:
            flat.append(pieces[i + 1])
    return flat[0] if len(flat) == 1 else Template(tuple(flat))


def with_ref(value: Any, old: Ref, new: Ref) -> Any:
    """A :func:`json_value` result with the Ref ``old`` (that very object) swapped for ``new``: the value of a
    document that differs only in that reference (its JSON text does not hold the reference's own text)."""
    if value is old:
        return new
    if isinstance(value, Template):
        return Template(tuple(new if p is old else p for p in value.parts))
    return value


def parse_tokens(text: str, known: set[str] | None = None) -> Any:
    """A user string with ``${address.attr}`` / ``${env:X}`` / ``${ssm:/p}`` tokens as a Template.

    ``known`` (addresses), when given, keeps tokens whose address is unknown as literal text: the
    validator reports those; the compiler never invents dependencies.
    """
    pieces = _TOKEN_RE.split(text)  # literal, token body, literal, … (one split in C: flow texts are long)
    flat: list[Any] = []
    pending = pieces[0]  # literal text not yet added
    for i in range(1, len(pieces), 2):
        body = pieces[i]
        value: Any
        if body.startswith(("env:", "ssm:")):
            source, _, rest = body.partition(":")
            name, sep, default = rest.partition(":-")
            value = Secret(source, name, default if sep else None)
        else:
            address, _, attr = body.rpartition(".")
            if not address or (known is not None and address not in known):
                pending += "${" + body + "}" + pieces[i + 1]
                continue
            value = Ref(address, attr)
        if pending:
            flat.append(pending)
        flat.append(value)
        pending = pieces[i + 1]
    if pending:
        flat.append(pending)
    if len(flat) == 1 and not isinstance(flat[0], str):
        return flat[0]  # a lone Ref or Secret stays itself
    if all(isinstance(p, str) for p in flat):
        return "".join(flat)
    return Template(tuple(flat))


def dumps_indented(data: Any, *, sort_keys: bool = True, ensure_ascii: bool = False) -> str:
    """``jsonout.dumps(to_jsonable(data), sort_keys=…, ensure_ascii=…)``: the standard library's indented JSON,
    written by pydantic-core's serializer (Rust) when ``data`` is plain JSON (string keys; dict, list, tuple,
    str, int, float, bool and None values; Refs, Secrets and Templates as their tokens when the keys are
    sorted) and the text is one the standard library writes the same: no float with a negative exponent, and
    for ``ensure_ascii`` nothing outside printable ASCII (pydantic-core does not escape it). Anything else goes
    :func:`jsonout.dumps`'s way. For build artefacts (flows, policies, bot locales)."""
    try:
        if sort_keys:
            plain = to_sorted_jsonable(data)
        else:
            _check_plain(data)
            plain = data
        text = to_json(plain, indent=2, inf_nan_mode="constants").decode()
    except (jsonout.NotPlain, PydanticSerializationError, UnicodeError, ValueError):
        text = ""
    if (not text or jsonout.may_differ(text)
            or (ensure_ascii and (not text.isascii() or "\x7f" in text))):
        return jsonout.dumps(to_jsonable(data), sort_keys=sort_keys, ensure_ascii=ensure_ascii)
    return text


def dumps_compact_and_indented(data: Any) -> tuple[str, str]:
    """``(serialize_flow(data), dumps_indented(data, sort_keys=False))``:
    a flow's ``Content`` and its build artefact, key order kept. Both come from pydantic-core's serializer when
    ``data`` is plain JSON and neither text holds what the standard library writes otherwise (see
    :func:`dumps_indented`); else each goes its own way."""
    try:
        _check_plain(data)
        compact = to_json(data, inf_nan_mode="constants").decode()
        indented = to_json(data, indent=2, inf_nan_mode="constants").decode()
    except (jsonout.NotPlain, PydanticSerializationError, UnicodeError, ValueError):
        compact = indented = ""
    if not compact or jsonout.may_differ(compact):
        return serialize_flow(data), dumps_indented(data, sort_keys=False)
    return compact, indented


_PLAIN = (str, int, float, bool, type(None))


def _check_plain(value: Any) -> None:
    """Raise ``jsonout.NotPlain`` unless ``value`` is plain JSON (as :func:`dumps_indented` needs it)."""
    t = type(value)
    if t is dict:
        for k, v in value.items():
            if type(k) is not str:
                raise jsonout.NotPlain("a key that is not a string")
            if type(v) not in _PLAIN:
                _check_plain(v)
    elif t is list or t is tuple:
        for v in value:
            if type(v) not in _PLAIN:
                _check_plain(v)
    elif t not in _PLAIN and not isinstance(value, str):
        raise jsonout.NotPlain(f"not plain JSON: {t.__name__}")

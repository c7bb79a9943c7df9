"""Helpers to build input values that mix literals with apply-time Refs and Secrets."""
from __future__ import annotations

import json
import re
from typing import Any

from .resources import Ref, Secret, Template

_PLACEHOLDER = "@@ccdsl-value-%d@@"
_PLACEHOLDER_RE = re.compile(r"@@ccdsl-value-(\d+)@@")
_TOKEN_RE = re.compile(r"\$\{([^}]+)\}")


def template(*parts: Any) -> Any:
    """Join literals and Refs/Secrets/Templates: a plain string when nothing is apply-time, the Ref
    or Secret itself when it is the whole value, else a Template."""
    flat: list[Any] = []
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
    if all(isinstance(p, str) for p in flat):
        return "".join(flat)
    if len(flat) == 1:
        return flat[0]  # a lone Ref or Secret stays itself
    return Template(tuple(flat))


def json_value(obj: Any) -> Template | str:
    """``obj`` as a compact, key-sorted JSON string; Refs and Secrets inside string values stay
    apply-time (the result is then a Template). Used for policy documents, dashboards, patterns."""
    found: list[Any] = []

    def swap(value: Any) -> Any:
        if isinstance(value, (Ref, Secret)):
            found.append(value)
            return _PLACEHOLDER % (len(found) - 1)
        if isinstance(value, Template):
            return "".join(p if isinstance(p, str) else swap(p) for p in value.parts)
        if isinstance(value, dict):
            return {k: swap(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [swap(v) for v in value]
        return value

    text = json.dumps(swap(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    parts: list[Any] = []
    pos = 0
    for m in _PLACEHOLDER_RE.finditer(text):
        parts.append(text[pos:m.start()])
        parts.append(found[int(m.group(1))])
        pos = m.end()
    parts.append(text[pos:])
    return template(*parts)


def parse_tokens(text: str, known: set[str] | None = None) -> Any:
    """A user string with ``${address.attr}`` / ``${env:X}`` / ``${ssm:/p}`` tokens as a Template.

    ``known`` (addresses), when given, keeps tokens whose address is unknown as literal text: the
    validator reports those; the compiler never invents dependencies.
    """
    parts: list[Any] = []
    pos = 0
    for m in _TOKEN_RE.finditer(text):
        body = m.group(1)
        parts.append(text[pos:m.start()])
        pos = m.end()
        if body.startswith(("env:", "ssm:")):
            source, _, rest = body.partition(":")
            name, sep, default = rest.partition(":-")
            parts.append(Secret(source, name, default if sep else None))
            continue
        address, _, attr = body.rpartition(".")
        if address and (known is None or address in known):
            parts.append(Ref(address, attr))
        else:
            parts.append(m.group(0))
    parts.append(text[pos:])
    return template(*parts)

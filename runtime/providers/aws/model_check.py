"""Validate a request against the botocore service model in full.

botocore checks required members, types and minima before sending, but not maxima, enums or regex
patterns: those only fail at AWS, minutes into a deploy. :func:`check_request` walks the operation's
input shape and reports every violation with the member path (``QueueConfigs[3].Priority``).

:func:`install` hooks the check into a boto3 client, so every call the provider makes is checked and a
violation becomes a :class:`ProviderError` before anything is sent.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

try:  # the ``regex`` module understands the Java-style classes AWS patterns use (\p{L} …)
    import regex as _re
except ImportError:  # pragma: no cover - fallback when regex is not installed
    import re as _re

from ccdsl.runtime.providers.base import ProviderError


@dataclass(frozen=True, slots=True)
class Violation:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class RequestInvalid(ProviderError):
    """A request that AWS would reject: the message names the operation and every member path."""

    def __init__(self, operation: str, violations: list[Violation]):
        self.operation = operation
        self.violations = violations
        listed = "; ".join(str(v) for v in violations)
        super().__init__(f"{operation}: invalid request: {listed}")


@functools.lru_cache(maxsize=4096)
def _pattern(text: str):
    try:
        return _re.compile(text)
    except Exception:  # a pattern neither engine understands is not checked
        return None


def check_request(operation_model, params: dict[str, Any]) -> list[Violation]:
    """Every way ``params`` breaks ``operation_model``'s input shape; empty when the request is valid."""
    shape = operation_model.input_shape
    if shape is None:
        return [Violation("", "the operation takes no parameters")] if params else []
    problems: list[Violation] = []
    _check(shape, params, "", problems)
    return problems


def check_operation(client, operation: str, params: dict[str, Any]) -> list[Violation]:
    """Convenience: check ``params`` for ``operation`` (model name ``CreateQueue`` or ``create_queue``)."""
    model = client.meta.service_model
    name = operation if operation in model.operation_names else _model_name(client, operation)
    return check_request(model.operation_model(name), params)


def _model_name(client, method: str) -> str:
    try:
        return client.meta.method_to_api_mapping[method]
    except KeyError:
        raise KeyError(f"{client.meta.service_model.service_name} has no operation {method}") from None


def install(client) -> None:
    """Check every request this client sends; violations raise :class:`RequestInvalid`."""

    def _before(params, model, **_):
        problems = check_request(model, params)
        if problems:
            raise RequestInvalid(model.name, problems)

    service = client.meta.service_model.service_id.hyphenize()
    client.meta.events.register_first(f"provide-client-params.{service}", _before)


def _check(shape, value: Any, path: str, out: list[Violation]) -> None:
    kind = shape.type_name
    if kind == "structure":
        _check_structure(shape, value, path, out)
    elif kind == "list":
        if not isinstance(value, (list, tuple)):
            out.append(Violation(path, f"expected a list, got {type(value).__name__}"))
            return
        _check_range(shape, len(value), path, out, "items")
        for i, item in enumerate(value):
            _check(shape.member, item, f"{path}[{i}]", out)
    elif kind == "map":
        if not isinstance(value, dict):
            out.append(Violation(path, f"expected a map, got {type(value).__name__}"))
            return
        _check_range(shape, len(value), path, out, "entries")
        for k, v in value.items():
            _check(shape.key, k, f"{path}.{k}(key)", out)
            _check(shape.value, v, f"{path}.{k}", out)
    elif kind == "string":
        _check_string(shape, value, path, out)
    elif kind in ("integer", "long"):
        if isinstance(value, bool) or not isinstance(value, int):
            out.append(Violation(path, f"expected an integer, got {value!r}"))
            return
        _check_range(shape, value, path, out, "")
    elif kind in ("float", "double"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            out.append(Violation(path, f"expected a number, got {value!r}"))
            return
        _check_range(shape, value, path, out, "")
    elif kind == "boolean":
        if not isinstance(value, bool):
            out.append(Violation(path, f"expected true or false, got {value!r}"))
    elif kind == "blob":
        if not isinstance(value, (bytes, bytearray, str)) and not hasattr(value, "read"):
            out.append(Violation(path, f"expected bytes, got {type(value).__name__}"))
    # timestamps and documents are left to botocore's own serialisation


def _check_structure(shape, value: Any, path: str, out: list[Violation]) -> None:
    if not isinstance(value, dict):
        out.append(Violation(path, f"expected a structure, got {type(value).__name__}"))
        return
    if shape.metadata.get("document"):
        return
    members = shape.members
    for name in shape.required_members:
        if name not in value:
            out.append(Violation(_join(path, name), "required member is missing"))
    for name, item in value.items():
        if name not in members:
            out.append(Violation(_join(path, name), f"unknown member (expected one of {', '.join(members)})"))
            continue
        _check(members[name], item, _join(path, name), out)
    if shape.is_tagged_union and len(value) != 1:
        out.append(Violation(path, f"exactly one member must be set, got {len(value)}"))


def _check_string(shape, value: Any, path: str, out: list[Violation]) -> None:
    if not isinstance(value, str):
        out.append(Violation(path, f"expected a string, got {type(value).__name__}"))
        return
    shown = "the value (sensitive, not shown)" if shape.metadata.get("sensitive") else _short(value)
    if shape.enum and value not in shape.enum:
        allowed = ", ".join(shape.enum[:12]) + (" …" if len(shape.enum) > 12 else "")
        out.append(Violation(path, f"{shown} is not one of {allowed}"))
    _check_range(shape, len(value), path, out, "characters")
    pattern = shape.metadata.get("pattern")
    if pattern and not shape.metadata.get("jsonvalue"):
        compiled = [c for c in map(_pattern, _readings(pattern)) if c is not None]
        if compiled and not any(c.search(value) for c in compiled):
            out.append(Violation(path, f"{shown} does not match the pattern {pattern}"))


def _check_range(shape, amount, path: str, out: list[Violation], unit: str) -> None:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    what = f"{amount} {unit}".strip()
    if low is not None and amount < low:
        out.append(Violation(path, f"{what} is below the minimum {low}"))
    if high is not None and amount > high:
        out.append(Violation(path, f"{what} is above the maximum {high}"))


@functools.lru_cache(maxsize=4096)
def _readings(pattern: str) -> tuple[str, ...]:
    """The ways a model pattern is meant: a few are written between slashes (``/^…$/``) and a few
    escape their backslashes twice (``\\\\+[1-9]``); a value matching any reading is accepted."""
    if len(pattern) > 2 and pattern.startswith("/") and pattern.endswith("/"):
        pattern = pattern[1:-1]
    if "\\\\" in pattern:
        return pattern, pattern.replace("\\\\", "\\")
    return (pattern,)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _short(value: str) -> str:
    return repr(value if len(value) <= 60 else value[:57] + "...")

"""Parameter rules of the flow validator: names, required values, value kinds and ranges."""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from ..pattern_words import PATTERN_WORDS
from .catalog import ActionSpec

Add = Callable[[str, str], None]


def _lookup(params: Mapping, dotted: str) -> Any:
    value: Any = params
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == {} or value == []


def _scalars_are_strings(value: Any, path: str, add: Add) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            _scalars_are_strings(item, f"{path}.{key}", add)
    elif isinstance(value, list):
        for j, item in enumerate(value):
            _scalars_are_strings(item, f"{path}[{j}]", add)
    elif not isinstance(value, str):
        add(path, f"Invalid Action property value: {type(value).__name__} {value!r}; "
                  "every scalar parameter is a string (numbers as \"8\", booleans as \"True\")")


def _number(value: Any) -> float | None:
    if not isinstance(value, str):
        return None
    try:
        return float(value)
    except ValueError:
        return None


def check_parameters(spec: ActionSpec, params: Mapping, path: str, add: Add) -> None:
    for name, value in params.items():
        p = f"{path}.{name}"
        if spec.params is not None and name not in spec.params:
            add(p, f"Invalid Action property name: {spec.type} has no parameter '{name}'")
            continue
        if isinstance(value, (Mapping, list)) and spec.params is not None and name not in spec.structured:
            add(p, "Invalid Action property value: expected a string")
            continue
        if name not in spec.free_form:
            _scalars_are_strings(value, p, add)
    for name in sorted(spec.required):
        if _empty(_lookup(params, name)):
            add(f"{path}.{name}", f"Action is missing required property {name}")
    for group in spec.one_of:
        given = sorted(n for n in group if n in params)
        if len(given) != 1:
            add(path, f"{spec.type} needs exactly one of {', '.join(sorted(group))}"
                + (f" (got {', '.join(given)})" if given else ""))
    for name in spec.filled_maps:
        value = params.get(name)
        for key, item in (value.items() if isinstance(value, Mapping) else ()):
            if _empty(item):
                add(f"{path}.{name}.{key}", f"Action is missing required property {name}.{key}")
    for name, pattern in spec.patterns.items():
        value = params.get(name)
        if isinstance(value, str) and not value.startswith("$.") and not re.fullmatch(pattern, value):
            add(f"{path}.{name}", f"{name} '{value}' is not {PATTERN_WORDS[pattern]}")
    for name, (low, high) in spec.ranges.items():
        number = _number(params.get(name))
        if number is not None and not low <= number <= high:
            add(f"{path}.{name}", f"{name} is {params[name]}; allowed {low}-{high}")

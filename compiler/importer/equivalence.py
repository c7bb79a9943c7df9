"""Whether two Connect flow documents do the same thing: a bisimulation from their start actions.

Two actions correspond when they have the same ``Type``, the same parameters (references — ARNs, ids,
tokens, placeholders — compared only as "a reference", scalars as text; a parameter left out on one side only
is a difference) and the same outcomes (``NextAction``, each condition's operator and
operands, each error type), and the targets of each outcome correspond in turn. Identifiers, layout
metadata and the order of actions do not matter, and one block may correspond to several identical
ones (a shared ``hangup`` and its copies).

An export may leave a target empty or give only a sample's placeholder text where its ARN goes; the importer
then writes a name the user must declare (:class:`~.rowkit.StandIn`). ``substituted`` lists each such place as
(Identifier, key, value): there, and only for exactly that value, the original counts as "a reference".
"""
from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Any

from .names import looks_like_reference

REFERENCE = "<reference>"


def normalise(value: Any, unset: Set[tuple[str, str]] = frozenset(), key: str = "") -> Any:
    """A parameter value as compared: references as one marker, scalars as text; a value the importer read as a
    reference (``(key, value)`` in ``unset``) as the marker too."""
    if isinstance(value, Mapping):
        return {str(k): normalise(v, unset, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v, unset, key) for v in value]
    if looks_like_reference(value) or (isinstance(value, str) and (key, value) in unset):
        return REFERENCE
    if isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else str(value)


def parameters(action: Mapping[str, Any], substituted: Set[tuple[str, str, str]] = frozenset()) -> dict[str, Any]:
    """The parameters as compared. One side leaving out a parameter the other gives is a difference: the flow
    language reference documents no values for parameters left out."""
    ident = action.get("Identifier")
    unset = {(key, value) for at, key, value in substituted if at == ident}
    return normalise(dict(action.get("Parameters") or {}), unset)


def outcomes(action: Mapping[str, Any]) -> dict[tuple, str]:
    tr = action.get("Transitions") or {}
    out: dict[tuple, str] = {}
    if tr.get("NextAction"):
        out[("next",)] = tr["NextAction"]
    for c in tr.get("Conditions") or []:
        cond = c.get("Condition") or {}
        out.setdefault(("condition", cond.get("Operator"), tuple(str(o) for o in cond.get("Operands") or ())),
                       c.get("NextAction"))
    for e in tr.get("Errors") or []:
        out.setdefault(("error", e.get("ErrorType")), e.get("NextAction"))
    return out


def _describe(key: tuple) -> str:
    if key[0] == "next":
        return "NextAction"
    if key[0] == "condition":
        return f"condition {key[1]} {list(key[2])}"
    return f"error {key[1]}"


def difference(original: Mapping[str, Any], other: Mapping[str, Any],
               substituted: Set[tuple[str, str, str]] = frozenset()) -> str | None:
    """None when ``other`` does what ``original`` does; else the first difference found, naming the original's
    action by its Identifier. ``substituted``: the original's empty or placeholder targets the importer named."""
    left = {a.get("Identifier"): a for a in original.get("Actions") or []}
    right = {a.get("Identifier"): a for a in other.get("Actions") or []}
    todo = [(original.get("StartAction"), other.get("StartAction"))]
    seen: set[tuple] = set()
    while todo:
        pair = todo.pop()
        if pair in seen:
            continue
        seen.add(pair)
        a, b = left.get(pair[0]), right.get(pair[1])
        if a is None or b is None:
            if a is None and b is None:
                continue
            return f"action {pair[0]!r}: " + ("missing in the original" if a is None else "has no counterpart")
        where = f"action {pair[0]!r} ({a.get('Type')})"
        if a.get("Type") != b.get("Type"):
            return f"{where} becomes {b.get('Type')}"
        pa, pb = parameters(a, substituted), parameters(b)
        if pa != pb:
            keys = sorted(k for k in set(pa) | set(pb) if pa.get(k) != pb.get(k))
            return f"{where}: parameter {', '.join(keys)} differs"
        oa, ob = outcomes(a), outcomes(b)
        if set(oa) != set(ob):
            keys = sorted(_describe(k) for k in set(oa) ^ set(ob))
            return f"{where}: branch {', '.join(keys)} differs"
        todo.extend((oa[k], ob[k]) for k in oa)
    return None

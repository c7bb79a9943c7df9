"""AWS's documented constraints that botocore's service model does not carry.

A :class:`Rule` checks one request (the keyword arguments of one boto3 call) for one resource type and
says what is wrong in AWS's words, or nothing. Each rule cites the AWS page (or Terraform provider file)
it comes from. The simulator rejects a request that breaks a rule, the aws provider refuses to send it,
and where the site itself is at fault ``ccdsl validate`` reports it at the value.

Rules are registered per resource type with :func:`rule`; :func:`rules_for` lists them.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Check = Callable[[Mapping[str, Any]], "str | None"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One documented constraint. ``check(request)`` returns a message (AWS's error code first) or None."""

    id: str  # stable, e.g. "connect.claim_phone_number.client_token_uuid"
    types: tuple[str, ...]  # resource types whose requests it applies to
    operation: str  # boto3 method it constrains ("create_user"), or "*" for every call of the type
    citation: str  # one line: the AWS page (or Terraform provider file) it comes from
    check: Check


_RULES: dict[str, list[Rule]] = {}


def rule(id: str, types: str | tuple[str, ...], operation: str, citation: str) -> Callable[[Check], Check]:
    """Register the decorated function as the check of a new :class:`Rule`."""
    kinds = (types,) if isinstance(types, str) else tuple(types)

    def register(check: Check) -> Check:
        r = Rule(id, kinds, operation, citation, check)
        for t in kinds:
            _RULES.setdefault(t, []).append(r)
        return check

    return register


def rules_for(resource_type: str, operation: str | None = None) -> list[Rule]:
    """The rules of a type, optionally only those that constrain ``operation``."""
    found = _RULES.get(resource_type, [])
    if operation is None:
        return list(found)
    return [r for r in found if r.operation in ("*", operation)]


def violations(resource_type: str, operation: str, request: Mapping[str, Any]) -> list[tuple[Rule, str]]:
    """Every rule the request breaks, with its message."""
    out = []
    for r in rules_for(resource_type, operation):
        message = r.check(request)
        if message:
            out.append((r, message))
    return out

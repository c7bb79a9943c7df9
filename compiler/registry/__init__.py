"""The resource-type registry: everything ccdsl knows about each AWS resource type, in one place.

One :class:`~.base.ResourceType` per type, declared in the module of its service area; the documented AWS
rules its requests must satisfy are registered next to it (:mod:`.rules`). The compiler, the planner, the
simulator and the aws provider all read this package and nothing else about a type.
"""
from __future__ import annotations

from . import compute, connect, connect_tasks, lex, monitoring, security, storage, streams, web
from . import constraints as _constraints  # noqa: F401  (registers the documented limits)
from .base import GROUPS, Call, Find, Latency, Poll, ResourceType
from .rules import Rule, rule, rules_for, violations

REGISTRY: dict[str, ResourceType] = {
    entry.type: entry
    for module in (security, storage, streams, compute, connect, connect_tasks, lex, monitoring, web)
    for entry in module.TYPES
}


def entry(resource_type: str) -> ResourceType:
    """The registry entry of a type; KeyError (naming the type) for a type ccdsl does not know."""
    try:
        return REGISTRY[resource_type]
    except KeyError:
        raise KeyError(f"unknown resource type {resource_type!r}: it has no registry entry") from None


def rate_buckets() -> list[str]:
    return sorted({e.bucket for e in REGISTRY.values()})


# The documented AWS rules of issue-by-issue audits register themselves on import (after everything above).
from . import connect_rules as _connect_rules  # noqa: E402,F401
from . import documented as _documented  # noqa: E402,F401
from . import secure_rules as _secure_rules  # noqa: E402,F401

__all__ = ["GROUPS", "REGISTRY", "Call", "Find", "Latency", "Poll", "ResourceType", "Rule", "entry", "rate_buckets",
           "rule", "rules_for", "violations"]

"""What the runtime needs to know about a resource type, read from the registry (and nothing else).

A type without a registry entry is an error (:func:`ccdsl.compiler.registry.entry` raises KeyError):
synthetic graphs in tests and benchmarks use real registry types.
"""
from __future__ import annotations

from ccdsl.compiler.registry import ResourceType, entry


def rebuilt_on_any_change(resource_type: str) -> bool:
    """Whether the type is replaced whenever anything it depends on changed (a numbered bot version)."""
    return entry(resource_type).rebuilt_on_any_change


def spec(resource_type: str) -> ResourceType:
    return entry(resource_type)


def bucket(resource_type: str) -> str:
    return entry(resource_type).bucket


def kind(resource_type: str) -> str:
    return entry(resource_type).kind


def service(resource_type: str) -> str:
    return entry(resource_type).service


def replace_on(resource_type: str) -> frozenset[str]:
    return entry(resource_type).replace_on


def updatable(resource_type: str) -> bool:
    """Whether any change can be made in place (else every change replaces)."""
    return entry(resource_type).updatable


def latency_range(resource_type: str) -> tuple[float, float]:
    return entry(resource_type).latency.create


def delete_range(resource_type: str) -> tuple[float, float]:
    return entry(resource_type).latency.delete


def estimate(resource_type: str) -> float:
    return entry(resource_type).latency.estimate


def delete_estimate(resource_type: str) -> float:
    """Seconds to delete one resource: nothing for a lifecycle step (a locale build is not undone, only
    forgotten), a lookup or a local value; the registry's delete latency otherwise."""
    e = entry(resource_type)
    if e.kind in ("step", "data") or e.service == "local":
        return 0.0
    return e.latency.delete_estimate

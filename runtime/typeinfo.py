"""What the runtime needs to know about a resource type, read from the compiler's catalogue.

Types the catalogue does not list (synthetic graphs in tests and benchmarks) fall back to their name:
``*connect*`` types share Connect's rate bucket, ``lex_bot_locale_build`` the Lex build bucket.
"""
from __future__ import annotations

from functools import lru_cache

from ccdsl.compiler import catalog as _catalog
from ccdsl.compiler import latency as _latency

# Types whose run depends on *when* their dependencies last changed, not only on their own inputs:
# a numbered bot version is cut again (replaced) whenever anything it was built from changed.
REBUILT_ON_ANY_CHANGE = frozenset({"aws_lexv2models_bot_version"})


@lru_cache(maxsize=None)
def spec(resource_type: str):
    return _catalog.CATALOG.get(resource_type)


def bucket(resource_type: str) -> str:
    s = spec(resource_type)
    if s is not None:
        return s.bucket
    if resource_type == "lex_bot_locale_build":
        return "lex-build"
    if "connect" in resource_type:
        return "connect"
    if "lex" in resource_type:
        return "lex"
    return resource_type.split("_")[1] if resource_type.startswith("aws_") and "_" in resource_type[4:] else "other"


def kind(resource_type: str) -> str:
    s = spec(resource_type)
    return s.kind if s is not None else "resource"


def service(resource_type: str) -> str:
    s = spec(resource_type)
    return s.service if s is not None else bucket(resource_type)


def replace_on(resource_type: str) -> frozenset[str]:
    s = spec(resource_type)
    return s.replace_on if s is not None else frozenset()


def updatable(resource_type: str) -> bool:
    """Whether any change can be made in place (else every change replaces)."""
    s = spec(resource_type)
    if s is None:
        return True
    return bool(s.update or s.update_by_input or s.kind == "step")


def latency_range(resource_type: str) -> tuple[float, float]:
    return _latency.latency_range(resource_type)


def estimate(resource_type: str) -> float:
    return _latency.estimate(resource_type)

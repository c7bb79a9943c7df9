"""The provider interface shared by ``sim`` and ``aws``.

The executor resolves a resource's inputs (Refs replaced by outputs of finished resources, Secrets
resolved) and calls the provider. A provider returns the resource's outputs (``id``, ``arn``, ``name``
and whatever else dependants reference). Providers raise :class:`Throttled` or :class:`Transient`
for errors worth retrying, and :class:`ProviderError` for everything else.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


class ProviderError(Exception):
    """A permanent failure: the executor records it and skips the resource's descendants."""


class Throttled(ProviderError):
    """The service asked us to slow down; retried with jittered exponential backoff."""


class Transient(ProviderError):
    """A passing failure (5xx, eventual consistency); retried with backoff."""


@dataclass(slots=True)
class ResolvedResource:
    address: str
    type: str
    name: str
    inputs: dict[str, Any]  # fully resolved: no Ref, Secret or Template left
    service: str = ""  # rate-limit bucket, e.g. "connect", "lex-build"
    estimate_s: float = 0.0


@dataclass(slots=True)
class Outputs:
    values: dict[str, Any] = field(default_factory=dict)


class Provider(Protocol):
    name: str

    async def create(self, resource: ResolvedResource) -> dict[str, Any]: ...

    async def read(self, resource: ResolvedResource, outputs: dict[str, Any]) -> dict[str, Any] | None:
        """Current outputs, or None when the resource no longer exists."""

    async def update(
        self, resource: ResolvedResource, outputs: dict[str, Any], changed: set[str]
    ) -> dict[str, Any]: ...

    async def delete(self, resource: ResolvedResource, outputs: dict[str, Any]) -> None: ...

"""The ``aws`` provider: the runtime's Provider interface over boto3.

Each call runs its handler in a worker thread (boto3 is synchronous), so the executor's asyncio loop
keeps scheduling other resources while one polls a Connect instance or waits for a Lex build.
"""
from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

from ccdsl.runtime.providers.base import ProviderError, ResolvedResource

from .clients import Clients
from .engine import Context, Handler
from .settings import AwsSettings


class AwsProvider:
    name = "aws"

    def __init__(
        self,
        region: str | None = None,
        *,
        settings: AwsSettings | None = None,
        source_dir: str = ".",
        release_numbers: bool = False,
        progress: Callable[[str, str], None] | None = None,
        session=None,
        **overrides,
    ):
        self.settings = settings or AwsSettings.from_env(region=region, **overrides)
        self.clients = Clients(self.settings, session=session)
        self.source_dir = str(source_dir)
        self.release_numbers = release_numbers
        self.progress = progress
        self._handlers: dict[str, Handler] | None = None
        self._lock = threading.Lock()

    # -- the Provider protocol -----------------------------------------------------------------
    async def create(self, resource: ResolvedResource) -> dict[str, Any]:
        return await asyncio.to_thread(self.create_sync, resource)

    async def read(self, resource: ResolvedResource, outputs: dict[str, Any]) -> dict[str, Any] | None:
        return await asyncio.to_thread(self.read_sync, resource, outputs)

    async def update(self, resource: ResolvedResource, outputs: dict[str, Any], changed: set[str]) -> dict[str, Any]:
        return await asyncio.to_thread(self.update_sync, resource, outputs, changed)

    async def delete(self, resource: ResolvedResource, outputs: dict[str, Any]) -> None:
        await asyncio.to_thread(self.delete_sync, resource, outputs)

    # -- synchronous forms (tests, tools) ------------------------------------------------------
    def create_sync(self, resource: ResolvedResource) -> dict[str, Any]:
        handler, ctx = self._prepare(resource)
        return handler.create(ctx, resource.inputs)

    def read_sync(self, resource: ResolvedResource, outputs: dict[str, Any]) -> dict[str, Any] | None:
        handler, ctx = self._prepare(resource)
        return handler.read(ctx, resource.inputs, dict(outputs or {}))

    def update_sync(self, resource: ResolvedResource, outputs: dict[str, Any], changed: set[str]) -> dict[str, Any]:
        handler, ctx = self._prepare(resource)
        return handler.update(ctx, resource.inputs, dict(outputs or {}), set(changed))

    def delete_sync(self, resource: ResolvedResource, outputs: dict[str, Any]) -> None:
        handler, ctx = self._prepare(resource)
        if resource.type in self.settings.keep_on_destroy and not self.release_numbers:
            ctx.say("kept (destroy keeps phone numbers unless asked to release them)")
            return
        handler.delete(ctx, resource.inputs, dict(outputs or {}))

    # -- helpers -------------------------------------------------------------------------------
    def handler(self, resource_type: str) -> Handler:
        with self._lock:
            if self._handlers is None:
                from .handlers import handlers

                self._handlers = handlers()
        try:
            return self._handlers[resource_type]
        except KeyError:
            raise ProviderError(f"the aws provider has no handler for resource type {resource_type}") from None

    def supports(self, resource_type: str) -> bool:
        try:
            self.handler(resource_type)
        except ProviderError:
            return False
        return True

    def _prepare(self, resource: ResolvedResource) -> tuple[Handler, Context]:
        handler = self.handler(resource.type)
        ctx = Context(self.clients, resource.address, self.progress, handler.region_for(resource.inputs),
                      self.source_dir)
        return handler, ctx

    @property
    def write_calls(self) -> int:
        """AWS calls that change something, made so far (reads excluded)."""
        return len(self.clients.writes())

    async def get_parameter(self, name: str) -> str:
        """``${ssm:/path}`` for the runtime's secret resolution."""
        return await asyncio.to_thread(self.resolve_secret, "ssm", name)

    def close(self) -> None:
        """Nothing to release: boto3 clients close their connection pools when collected."""

    def resolve_secret(self, source: str, name: str) -> str:
        """``${ssm:/path}`` (decrypted); ``${env:…}`` is the runtime's business."""
        if source != "ssm":
            raise ProviderError(f"the aws provider resolves ssm references, not {source}")
        from .ssm import parameter

        return parameter(self.clients, name)


def make_provider(*, site=None, clock=None, release_numbers: bool = False, site_dir: str | None = None,
                  progress: Callable[[str, str], None] | None = None, **overrides) -> AwsProvider:
    """The runtime's factory: region from the site (``CCDSL_AWS_REGION`` overrides), profile and endpoint
    from the environment (see :mod:`.settings`), local files relative to the site's folder."""
    region = getattr(site, "region", None)
    source_dir = str(site_dir or getattr(site, "source_dir", "."))
    return AwsProvider(region, source_dir=source_dir, release_numbers=release_numbers, progress=progress,
                       **overrides)

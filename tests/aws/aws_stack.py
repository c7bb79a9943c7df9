"""Apply a list of resources through the aws provider the way the runtime does: in order, with every
``${address.attr}`` token in the inputs replaced by the output of a resource applied before."""
from __future__ import annotations

import re
from typing import Any

from ccdsl.runtime.providers.aws import AwsProvider
from ccdsl.runtime.providers.base import ResolvedResource

TOKEN = re.compile(r"\$\{([^{}]+)\.([A-Za-z_]+)\}")


def resolve(value: Any, outputs: dict[str, dict]) -> Any:
    if isinstance(value, str):
        whole = TOKEN.fullmatch(value)
        if whole:
            return outputs[whole.group(1)][whole.group(2)]
        return TOKEN.sub(lambda m: str(outputs[m.group(1)][m.group(2)]), value)
    if isinstance(value, dict):
        return {k: resolve(v, outputs) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, outputs) for v in value]
    return value


class Stack:
    """Resources as ``(address, type, inputs)``; remembers outputs like the runtime's state does."""

    def __init__(self, provider: AwsProvider, resources: list[tuple[str, str, dict]]):
        self.provider = provider
        self.resources = resources
        self.outputs: dict[str, dict] = {}

    def resolved(self, address: str) -> ResolvedResource:
        for addr, type_, inputs in self.resources:
            if addr == address:
                return ResolvedResource(addr, type_, addr, resolve(inputs, self.outputs))
        raise KeyError(address)

    def apply(self) -> dict[str, dict]:
        for address, _, _ in self.resources:
            resource = self.resolved(address)
            known = self.outputs.get(address)
            if known is not None and self.provider.read_sync(resource, known) is not None:
                continue  # recorded and still there, inputs unchanged: nothing to do
            self.outputs[address] = self.provider.create_sync(resource)
        return self.outputs

    def destroy(self) -> None:
        for address, _, _ in reversed(self.resources):
            if address in self.outputs:
                self.provider.delete_sync(self.resolved(address), self.outputs.pop(address))

"""Warnings about declarations that cannot do their job: a queue no routing profile serves (W110)."""
from __future__ import annotations

from ..diagnostics import Diagnostics
from ..model import Site


def check_usage(site: Site, broken: dict[str, set[str]], diags: Diagnostics) -> None:
    if broken.get("routing"):
        return  # a routing profile that failed to build may serve any queue
    served: set[str] = set()
    for routing in site.routing.values():
        if routing.queues.all:
            return
        served |= set(routing.queues.queues)
    for name, queue in site.queues.items():
        if name not in served:
            diags.warning("W110", f"no routing profile serves queue '{name}': its contacts reach no agent",
                          queue.span, hint="add it to a routing profile's `queues`", length=len(name))

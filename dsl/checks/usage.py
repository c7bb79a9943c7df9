"""Warnings about declarations that cannot do their job: a queue no routing profile serves (W110)."""
from __future__ import annotations

from ..diagnostics import Diagnostics
from ..model import Site


def check_api_auth(site: Site, diags: Diagnostics) -> None:
    """Routes left open to the internet are warned about (W120); a per-route exception must name a route."""
    for api in site.apis.values():
        written = {" ".join(str(route).split()) for route in api.routes}
        for key in api.route_auth:
            if " ".join(key.split()) not in written:
                diags.error("E109", f"route_auth of API '{api.name}' names '{key}', which is not one of its routes",
                            api.span_of("route_auth"))
        open_routes = [r for r in written if api.route_auth.get(r, api.auth) == "none"]
        if open_routes:
            where = api.span_of("route_auth") if api.auth != "none" else api.span_of("auth")
            diags.warning("W120", f"API '{api.name}' has routes anyone on the internet can call: "
                          f"{', '.join(sorted(open_routes))}", where,
                          hint="leave out `auth: none` to require IAM-signed requests")


def check_usage(site: Site, broken: dict[str, set[str]], diags: Diagnostics) -> None:
    check_api_auth(site, diags)
    if broken.get("routing"):
        return  # a routing profile that failed to build may serve any queue
    served: set[str] = set()
    for routing in site.routing.values():
        if routing.queues.all:
            return
        served |= set(routing.queues.queues) | {str(q) for q in routing.manual}  # manual: agents pick from it
    for name, queue in site.queues.items():
        if name not in served:
            diags.warning("W110", f"no routing profile serves queue '{name}': its contacts reach no agent",
                          queue.span, hint="add it to a routing profile's `queues`", length=len(name))

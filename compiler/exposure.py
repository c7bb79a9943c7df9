"""What a compiled site exposes to the internet, for the compile summary: API routes without authorization
(``auth: none``), routes anyone holding a token of a JWT issuer can call, and the agents' web page behind
CloudFront."""
from __future__ import annotations

from typing import Any

_ROUTE = "aws_apigatewayv2_route"
_AUTHORIZER = "aws_apigatewayv2_authorizer"
_CLOUDFRONT = "aws_cloudfront_distribution"
_TYPES = frozenset({_ROUTE, _AUTHORIZER, _CLOUDFRONT})


def public_entries(compiled: Any) -> list[str]:
    """One line per publicly reachable thing, sorted."""
    # one walk of the resources picks the few of the three types (a large site has a hundred thousand others)
    picked = [(address, resource) for address, resource in compiled.resources.items() if resource.type in _TYPES]
    issuers = {address: (resource.inputs or {}).get("JwtConfiguration", {}).get("Issuer", "?")
               for address, resource in picked if resource.type == _AUTHORIZER}
    out = []
    for address, resource in picked:
        inputs = resource.inputs or {}
        if resource.type == _ROUTE:
            kind = inputs.get("AuthorizationType", "NONE")
            if kind == "NONE":
                out.append(f"{address}: HTTP route {inputs.get('RouteKey', '?')} with no authorization (auth: none)")
            elif kind == "JWT":
                authorizer = getattr(inputs.get("AuthorizerId"), "address", "")
                out.append(f"{address}: HTTP route {inputs.get('RouteKey', '?')} for anyone with a token from "
                           f"{issuers.get(authorizer, '?')}")
        elif resource.type == _CLOUDFRONT:
            out.append(f"{address}: the agents' web page, served to anyone by CloudFront")
    return sorted(out)

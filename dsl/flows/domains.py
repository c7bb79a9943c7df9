"""Statements that need a domain associated with the instance: Customer Profiles (customer-profiles-block.html:
"make sure Customer Profiles is enabled for your Amazon Connect instance"), Cases (cases-block.html: Cases must
be enabled) and Voice ID (set-voice-id.html: a Voice ID domain). The site declares them in
``instance: {domains: [...]}``; a flow that uses one it does not declare is W308 at the first such statement,
once per flow and domain (without the domain Connect takes the block's error branch every time)."""
from __future__ import annotations

from typing import Any

from ..compact import flow_ast as ast
from ..diagnostics import Diagnostics

DOMAIN_NOT_DECLARED = "W308"

#: statement -> (the domain it needs, how the message names it)
NEEDS: dict[type, tuple[str, str]] = {
    ast.GetProfile: ("customer_profiles", "Customer Profiles"), ast.CreateProfile: ("customer_profiles",
                                                                                  "Customer Profiles"),
    ast.GetCase: ("cases", "Cases"), ast.CreateCase: ("cases", "Cases"),
    ast.StartVoiceId: ("voice_id", "Voice ID"), ast.CheckVoiceId: ("voice_id", "Voice ID"),
}


def check_domains(site: Any, diags: Diagnostics) -> None:
    from . import flow_body

    instance = getattr(site, "instance", None)
    declared = {str(d) for d in (getattr(instance, "domains", None) or ())}
    for name, flow in (getattr(site, "flows", None) or {}).items():
        body = flow_body(flow)
        if body is None:
            continue
        warned: set[str] = set()
        for stmt in ast.walk(body.statements):
            domain, words = NEEDS.get(type(stmt), ("", ""))
            if domain and domain not in declared and domain not in warned:
                warned.add(domain)
                diags.warning(DOMAIN_NOT_DECLARED, f"flow '{name}' uses {words}, but the instance does not declare a "
                              f"{words} domain, so Connect takes the error branch", stmt.span,
                              length=len(_keyword(stmt)),
                              hint=f"add {domain} to the instance's `domains:` once the domain is associated")


def _keyword(stmt: Any) -> str:
    from .statements import STATEMENT_KEYWORDS

    return STATEMENT_KEYWORDS.get(type(stmt).__name__, "").split()[0] or "x"

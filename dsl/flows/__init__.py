"""Contact flows in the language: the Connect action catalogue and the semantic flow checks.

``check_flows(site, diags)`` checks every ``do:`` body of a site (after the compact syntaxes are
bound, so each ``flow.do.ast`` holds its syntax tree): labels, control flow, statements allowed in
the flow type, size, and references to queues, bots, intents of that bot, flows, functions and
hours. Codes are listed in :mod:`.check` and :mod:`.references`.
"""
from __future__ import annotations

from typing import Any

from ..compact import flow_ast
from ..diagnostics import Diagnostics
from .check import check_flow
from .context import FlowContext, connect_flow_type, context_from_site

#: every code the flow checks, the flow compiler and template flows report (merged into the registry
#: of :mod:`ccdsl.dsl.codes`); unknown names inside flows use the site's E201–E207 and E131/E133
CODES = {
    "E231": "flow of the wrong type for this statement",
    "E301": "unknown label",
    "E302": "label defined twice",
    "E303": "loop that never waits for the caller",
    "E304": "transfer where no queue is set on some path",
    "E305": "statement not allowed in this flow type",
    "E306": "flow too large (250 actions, 256,000 characters)",
    "E307": "flow statement value out of range",
    "E308": "'!=' as a check case",
    "E309": "the same menu key or intent in two branches",
    "E310": "check without cases",
    "E311": "empty prompt",
    "E320": "flow template syntax error",
    "E321": "flow template cannot be rendered",
    "E322": "flow template output is not JSON",
    "E323": "flow template output is not a valid flow",
    "E390": "compiled flow does not conform (a compiler fault)",
    "W301": "unreachable flow statement",
    "W302": "control falls through into a label",
    "W303": "label never used",
    "W304": "hold flow can run out of statements",
    "W305": "JSONPath outside the contact data Connect knows",
}

__all__ = ["CODES", "check_flows", "check_flow", "flow_body", "FlowContext", "connect_flow_type", "context_from_site"]


def flow_body(flow: Any) -> flow_ast.FlowBody | None:
    """The syntax tree of a flow's ``do:`` body, or None (a template flow, or a body that did not parse)."""
    code = getattr(flow, "do", None)
    tree = getattr(code, "ast", code)
    return tree if isinstance(tree, flow_ast.FlowBody) else None


def check_flows(site: Any, diags: Diagnostics) -> None:
    """Check every flow body of ``site``; problems are appended to ``diags``."""
    flows = getattr(site, "flows", None) or {}
    ctx = context_from_site(site)
    for name, flow in flows.items():
        body = flow_body(flow)
        if body is not None:
            check_flow(str(name), connect_flow_type(getattr(flow, "type", None)), body, ctx, diags,
                       span=getattr(flow, "span", None))

"""Contact flows in the language: the Connect action catalogue and the semantic flow checks.

``check_flows(site, diags)`` checks every ``do:`` body of a site (after the compact syntaxes are
bound, so each ``flow.do.ast`` holds its syntax tree): labels, control flow, statements allowed in
the flow type, size, and references to queues, bots, intents of that bot, flows, functions and
hours; the type of every flow a number, quick connect or queue names; and every template flow, rendered and
run through the flow validator
(:mod:`.validate_json`). Codes are listed in :data:`CODES`.
"""
from __future__ import annotations

import os
from typing import Any

from ..compact import flow_ast
from ..confine import why_outside
from ..diagnostics import Diagnostics
from .channels import check_channels
from .check import check_flow
from .context import FlowContext, connect_flow_type, context_from_site
from .domains import check_domains
from .encryption import check_encryption
from .features import check_features
from .language import check_languages
from .template import load_flow_template
from .uses import check_flow_uses

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
    "E312": "phone number not in E.164 form",
    "E313": "ask reachable in a language its bot has no locale for",
    "E314": "not a language Connect and Lex V2 support",
    "E315": "statement reachable on a channel its block does not support",
    "E316": "SSML Amazon Polly would not speak",
    "E320": "flow template syntax error",
    "E330": "distribute shares outside 1-100% or over 100% together",
    "E331": "not an ISO 3166-1 country code (store phone … country)",
    "E332": "not a Customer Profiles field (get/create profile)",
    "E333": "get profile by more than five search identifiers",
    "E334": "task name or description too long",
    "E335": "create case without a case template id",
    "E340": "store … encrypted: no key id, or the certificate is not a PEM X.509 certificate",
    "E341": "store … legacy with an 'ending' key (the key is part of the DTMFConfiguration legacy leaves out)",
    "E344": 'a multi-line string with text after its opening """, or never closed (dsl/compact/strings.py)',
    "E345": 'a line of a multi-line string indented less than its closing """, or ending in spaces or tabs',
    "E321": "flow template cannot be rendered",
    "E322": "flow template output is not JSON",
    "E323": "flow template output is not a valid flow",
    "E390": "compiled flow does not conform (a compiler fault)",
    "W301": "unreachable flow statement",
    "W302": "control falls through into a label",
    "W303": "label never used",
    "W304": "hold flow can run out of statements",
    "W305": "JSONPath outside the contact data Connect knows",
    "W306": "error branches with no handler (an apology, then a hang-up)",
    "W307": "contact lens on an instance without Contact Lens enabled",
    "W308": "flow uses Customer Profiles, Cases or Voice ID, which the instance does not declare",
    "W309": "check voice id where this flow has not started Voice ID",
    "W310": "'if open/closed' without hours where no working queue is set on some path",
    "W312": "\\n in a flow string: a backslash and an n, not a line break (use a multi-line string)",
}

__all__ = ["CODES", "check_flows", "template_path", "check_flow", "flow_body", "FlowContext", "connect_flow_type",
           "context_from_site"]


def flow_body(flow: Any) -> flow_ast.FlowBody | None:
    """The syntax tree of a flow's ``do:`` body, or None (a template flow, or a body that did not parse)."""
    code = getattr(flow, "do", None)
    tree = getattr(code, "ast", code)
    return tree if isinstance(tree, flow_ast.FlowBody) else None


def check_flows(site: Any, diags: Diagnostics) -> None:
    """Check every flow of ``site``: ``do:`` bodies, and templates by rendering them (with stand-in
    tokens) through the same validator as compiled flows. Problems are appended to ``diags``."""
    flows = getattr(site, "flows", None) or {}
    ctx = context_from_site(site)
    check_flow_uses(site, ctx, diags)
    for name, flow in flows.items():
        flow_type = connect_flow_type(getattr(flow, "type", None))
        body = flow_body(flow)
        if body is not None:
            check_flow(str(name), flow_type, body, ctx, diags, span=getattr(flow, "span", None))
        elif getattr(flow, "template", None):
            path = template_path(site, flow)
            base = os.path.dirname(str(getattr(site, "path", "") or "")) or "."
            # a missing file, or one outside the site folder, is reported with the site's file references
            if why_outside(base, str(flow.template)) is None and os.path.isfile(path):
                load_flow_template(path, name=str(name), flow_type=flow_type, diags=diags, context=ctx,
                                   variables=getattr(flow, "vars", None) or {})
    check_encryption(site, {str(n): b for n, f in flows.items() if (b := flow_body(f)) is not None}, diags)
    check_languages(site, ctx, diags)
    check_channels(site, diags)
    check_features(site, diags)
    check_domains(site, diags)


def template_path(site: Any, flow: Any) -> str:
    """Where a flow's template is: relative to the folder of the site file."""
    return os.path.join(os.path.dirname(str(getattr(site, "path", "") or "")), str(flow.template))

"""Flows of a site to Connect flow JSON: ``do:`` bodies are lowered, templates rendered; both are
checked by the flow validator, so nothing non-conforming leaves the compiler.

``compile_flows(site, diags, base_dir)`` returns a :class:`CompiledFlow` per flow that compiled. A
validator problem in a lowered body is a compiler fault, reported as E390 at the flow, except the
256,000-character limit (E306, like the 250-action limit the flow checks apply).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows import connect_flow_type, context_from_site, flow_body
from ccdsl.dsl.flows.language import LanguagePlan, plan_languages, start_language
from ccdsl.dsl.source import UNKNOWN, Span

from .certificates import read_certificates
from .lower import lower_flow_traced
from .refs import references, token_addresses
from .template import load_flow_template
from .tokens import Tokens, tokens_for_site
from .validate import serialize_flow, validate_flow_json


@dataclass
class CompiledFlow:
    name: str
    flow_type: str  # CreateContactFlow Type
    content: dict
    description: str | None = None
    flows: set[str] = field(default_factory=set)  # other flows the content refers to
    sources: dict[str, Span] = field(default_factory=dict)  # action Identifier -> its statement (do: bodies)

    @property
    def addresses(self) -> set[str]:
        """Resource addresses named by the content's tokens (the flow's dependencies)."""
        return token_addresses(self.content)

    @property
    def text(self) -> str:
        """The ``Content`` string sent to Connect."""
        return serialize_flow(self.content)


def compile_flow(site: Any, name: str, diags: Diagnostics, base_dir: str = ".", *,
                 languages: LanguagePlan | None = None, tokens: Tokens | None = None) -> CompiledFlow | None:
    """One flow; ``languages`` and ``tokens`` are the site's (computed here when not given)."""
    flow = site.flows[name]
    flow_type = connect_flow_type(getattr(flow, "type", None))
    tokens = tokens if tokens is not None else tokens_for_site(site)
    description = getattr(flow, "description", None)
    body = flow_body(flow)
    if body is not None:
        content, sources = lower_flow_traced(name, body, flow_type, tokens=tokens,
                                             language=start_language(site, name, languages),
                                             apology=getattr(getattr(site, "instance", None), "apology", None),
                                             certificates=read_certificates(body, base_dir))
        for problem in validate_flow_json(content, flow_type):
            too_big = problem.message.startswith("Content is")  # the size limit is the user's to meet
            diags.error("E306" if too_big else "E390", f"compiled flow '{name}' " +
                        (f"is too large: {problem.message}" if too_big else f"does not conform: {problem}"),
                        getattr(flow, "span", UNKNOWN), hint="split it with 'transfer to flow'" if too_big else None)
        return CompiledFlow(name, flow_type, content, description, references(body)["flow"], sources)
    template = getattr(flow, "template", None)
    if not template:
        return None  # a body that did not parse: its syntax diagnostics are already reported
    rendered = load_flow_template(os.path.join(base_dir, str(template)), name=name, flow_type=flow_type, diags=diags,
                                  context=context_from_site(site), variables=getattr(flow, "vars", None) or {},
                                  tokens=tokens)
    if rendered is None:
        return None
    flows = {a.split(".", 1)[1] for a in token_addresses(rendered) if a.startswith("flow.") and a.count(".") == 1}
    return CompiledFlow(name, flow_type, rendered, description, flows)


def compile_flows(site: Any, diags: Diagnostics, base_dir: str = ".") -> dict[str, CompiledFlow]:
    out: dict[str, CompiledFlow] = {}
    flows = getattr(site, "flows", None) or {}
    if not flows:
        return out
    languages, tokens = plan_languages(site), tokens_for_site(site)  # once per site, not once per flow
    for name in flows:
        compiled = compile_flow(site, str(name), diags, base_dir, languages=languages, tokens=tokens)
        if compiled is not None:
            out[str(name)] = compiled
    return out

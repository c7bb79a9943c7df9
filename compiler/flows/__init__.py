"""Contact flows to Connect flow-language JSON: lowering, templates, the flow validator.

Public API:

- ``lower_flow(name, body, flow_type="CONTACT_FLOW", *, tokens=DEFAULT_TOKENS) -> dict``
- ``validate_flow_json(doc, flow_type=None) -> list[Problem]``
- ``flow_refs(body) -> set[str]``, ``references(body) -> {kind: names}``
- ``ref_token(kind, name, attr="arn")``: the ``${address.attr}`` token of a referenced resource
- ``compile_flows(site, diags, base_dir) -> {name: CompiledFlow}`` (do: bodies and templates)
"""
from .compile import CompiledFlow, compile_flow, compile_flows
from .lower import lower_flow
from .refs import flow_refs, references, token_addresses
from .template import load_flow_template, render_flow_template
from .tokens import DEFAULT_TOKENS, Tokens, ref_token, tokens_for_site
from .validate import Problem, serialize_flow, validate_flow_json

__all__ = [
    "CompiledFlow", "compile_flow", "compile_flows", "lower_flow", "flow_refs", "references", "token_addresses",
    "load_flow_template", "render_flow_template", "DEFAULT_TOKENS", "Tokens", "ref_token", "tokens_for_site",
    "Problem", "serialize_flow", "validate_flow_json",
]

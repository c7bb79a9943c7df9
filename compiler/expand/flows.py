"""Contact flows: one ``aws_connect_contact_flow`` per flow with its Connect JSON as ``Content``
(apply-time ARNs as Refs), phone number ↔ flow associations, and what invoking a function from a
flow needs (invoke permission for Connect, the Lambda association with the instance).

Flow cycles (flows that transfer to each other) are broken here: every flow of a cycle is created
with a stub content, and a ``connect_contact_flow_content`` step sets its real content once all the
flows it names exist. Whatever needs a cyclic flow's final content (a number, a quick connect) waits
for that step.
"""
from __future__ import annotations

from typing import Any

import networkx as nx

from ccdsl.dsl.flows.catalog import MODULE
from ccdsl.dsl.model import PhoneNumber, Site
from ccdsl.dsl.source import Span

from .. import addresses as A
from ..resources import Ref
from ..values import dumps_compact_and_indented, json_value, parse_tokens
from .context import Context, span_of
from .functions import function_target, permission

STUB_CONTENT = {
    "Version": "2019-10-30",
    "StartAction": "stub",
    "Metadata": {"entryPointPosition": {"x": 40, "y": 40},
                 "ActionMetadata": {"stub": {"position": {"x": 160, "y": 40}}}},
    "Actions": [{"Identifier": "stub", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}],
}


def cyclic_flows(refs: dict[str, set[str]]) -> set[str]:
    """Flows on a flow↔flow cycle (including a flow that transfers to itself)."""
    g = nx.DiGraph()
    g.add_nodes_from(refs)
    g.add_edges_from((f, t) for f, targets in refs.items() for t in targets if t in refs)
    out: set[str] = set()
    for component in nx.strongly_connected_components(g):
        if len(component) > 1 or any(g.has_edge(n, n) for n in component):
            out |= component
    return out


def expand_flows(ctx: Context, site: Site) -> dict[str, set[str]]:
    """Returns, per flow, the addresses that mean "this flow has its final content"."""
    from ..flows.compile import compile_flows

    compiled = compile_flows(site, ctx.diagnostics, ctx.source_dir)
    refs = {name: {str(f) for f in cf.flows} for name, cf in compiled.items()}
    cycle = cyclic_flows(refs) - {n for n, cf in compiled.items() if cf.flow_type == MODULE}
    ready: dict[str, set[str]] = {}
    for name in sorted(compiled):
        cf = compiled[name]
        model = site.flows[name]
        addr = A.flow_addr(name)
        text, pretty = dumps_compact_and_indented(cf.content)  # cf.text and its artefact, in one pass
        content = parse_tokens(text)
        extra = set()
        for dep in sorted(cf.addresses):
            if dep.startswith("function."):
                fn = dep.split(".")[1]
                extra |= invoked_function(ctx, fn, span_of(model) or model.span)
            elif dep.startswith("bot.") and dep.endswith(".alias"):
                extra.add(A.bot_association_addr(dep.split(".")[1]))
        inputs: dict[str, Any] = {"InstanceId": ctx.instance_id, "Name": name, "Type": cf.flow_type,
                                  "Content": content, "Tags": ctx.tag_map()}
        kind = "aws_connect_contact_flow"
        if cf.flow_type == MODULE:  # a flow module is its own resource (CreateContactFlowModule has no Type)
            kind = "aws_connect_contact_flow_module"
            del inputs["Type"]
        if cf.description:
            inputs["Description"] = cf.description
        ctx.artefacts[f"flows/{name}.json"] = pretty + "\n"
        ctx.flow_sources[name] = cf.sources
        if name in cycle:
            stub = dict(inputs, Content=json_value(STUB_CONTENT), Status="PUBLISHED")  # a minimal published flow
            ctx.add(addr, "aws_connect_contact_flow", stub, name=name, span=model.span)
            step = A.flow_content_addr(name)
            ctx.add(step, "connect_contact_flow_content", {
                "InstanceId": ctx.instance_id, "ContactFlowId": Ref(addr, "id"), "Content": content,
            }, span=model.span, extra_deps=extra)
            ready[name] = {step}
        else:
            ctx.add(addr, kind, inputs, name=name, span=model.span, extra_deps=extra)
            ready[name] = set()
    return ready


def invoked_function(ctx: Context, fn: str, span: Span | None) -> set[str]:
    """A function a flow invokes: Connect may invoke it, and it is associated with the instance."""
    perm = permission(ctx, fn, "connect", "connect.amazonaws.com", ctx.instance_arn, span=span)
    assoc = A.lambda_association_addr(fn)
    if not ctx.has(assoc):
        ctx.add(assoc, "connect_lambda_association", {"InstanceId": ctx.instance_id,
                                                      "FunctionArn": function_target(ctx, fn)}, span=span)
    return {perm, assoc}


def expand_number_flows(ctx: Context, numbers: dict[str, PhoneNumber], ready: dict[str, set[str]]) -> None:
    for name in sorted(numbers):
        n = numbers[name]
        flow = str(n.flow)
        ctx.add(A.number_flow_addr(name), "connect_phone_number_flow_association", {
            "PhoneNumberId": Ref(A.number_addr(name), "id"), "InstanceId": ctx.instance_id,
            "ContactFlowId": Ref(A.flow_addr(flow), "id"),
        }, span=span_of(n, "flow") or n.span, extra_deps=ready.get(flow, set()))

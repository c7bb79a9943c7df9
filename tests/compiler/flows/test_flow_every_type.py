"""A site with a flow of every Connect flow type and a template flow validates clean and compiles to
conforming JSON of the right type."""
from __future__ import annotations

from pathlib import Path

from ccdsl.compiler.flows import compile_flows, validate_flow_json
from ccdsl.dsl.validate import validate_file

SITE = Path(__file__).resolve().parent / "every_type" / "site.ccd"


def test_every_flow_type_compiles_and_conforms():
    site, diags = validate_file(SITE)
    assert not diags.has_errors, [f"{d.span} {d.code} {d.message}" for d in diags]
    compiled = compile_flows(site, diags, str(SITE.parent))
    assert not diags.has_errors, [f"{d.span} {d.code} {d.message}" for d in diags]
    types = {name: flow.flow_type for name, flow in compiled.items()}
    assert set(types.values()) == {"CONTACT_FLOW", "CUSTOMER_QUEUE", "CUSTOMER_HOLD", "AGENT_HOLD",
                                   "CUSTOMER_WHISPER", "AGENT_WHISPER", "OUTBOUND_WHISPER", "QUEUE_TRANSFER",
                                   "AGENT_TRANSFER"}
    for name, flow in compiled.items():
        assert validate_flow_json(flow.content, flow.flow_type) == [], name
    kinds = {name: {a["Type"] for a in flow.content["Actions"]} for name, flow in compiled.items()}
    assert kinds["on_hold"] == {"MessageParticipantIteratively"}
    assert kinds["agent_hello"] == {"MessageParticipant", "EndFlowExecution"}
    assert "UpdateContactEventHooks" in kinds["main"]
    hooks = [a["Parameters"]["EventHooks"] for a in compiled["main"].content["Actions"]
             if a["Type"] == "UpdateContactEventHooks"]
    assert hooks == [{"CustomerQueue": "${flow.waiting.arn}"}, {"CustomerHold": "${flow.on_hold.arn}"},
                     {"AgentWhisper": "${flow.agent_hello.arn}"}]
    hop = compiled["hop"]
    assert hop.content["Actions"][0]["Parameters"]["Text"] == "Hello from a template"
    assert hop.flows == {"main"} and compiled["main"].flows == {"waiting", "on_hold", "agent_hello"}

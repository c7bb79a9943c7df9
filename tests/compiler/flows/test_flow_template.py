"""Template flows: Jinja2 in a sandbox, helpers that return tokens, diagnostics at the template line."""
from __future__ import annotations

import json

from ccdsl.compiler.flows.template import load_flow_template, render_flow_template
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows.context import FlowContext

CTX = FlowContext(queues=frozenset({"GeneralAgentQueue"}), bots={"banking": frozenset({"Yes"})},
                  flows={"main": "CONTACT_FLOW"}, functions=frozenset({"fn"}), hours=frozenset({"office"}))

TEMPLATE = """{
  "Version": "2019-10-30",
  "StartAction": "greet",
  "Actions": [
    {"Identifier": "greet", "Type": "MessageParticipant", "Parameters": {"Text": {{ vars.greeting | json }}},
     "Transitions": {"NextAction": "queue"}},
    {"Identifier": "queue", "Type": "UpdateContactTargetQueue",
     "Parameters": {"QueueId": "{{ queue('GeneralAgentQueue') }}"},
     "Transitions": {"NextAction": "go", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "go"}]}},
    {"Identifier": "go", "Type": "TransferToFlow", "Parameters": {"ContactFlowId": "{{ flow('main') }}"},
     "Transitions": {"NextAction": "bye", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
    {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
  ]
}
"""


def render(source, variables=None, flow_type="CONTACT_FLOW"):
    diags = Diagnostics()
    doc = render_flow_template(source, name="t", flow_type=flow_type, template_file="flows/t.json.j2",
                               diags=diags, context=CTX,
                               variables={"greeting": 'Say "hi"'} if variables is None else variables)
    return doc, list(diags)


def test_renders_with_tokens_and_vars():
    doc, diags = render(TEMPLATE)
    assert diags == []
    assert doc["Actions"][0]["Parameters"]["Text"] == 'Say "hi"'
    assert doc["Actions"][1]["Parameters"]["QueueId"] == "${queue.GeneralAgentQueue.arn}"
    assert doc["Actions"][2]["Parameters"]["ContactFlowId"] == "${flow.main.arn}"


def test_unknown_name_in_a_helper_at_its_line():
    doc, diags = render(TEMPLATE.replace("queue('GeneralAgentQueue')", "queue('GeneralAgentQueu')"))
    assert doc is None
    (d,) = diags
    assert (d.code, d.span.file, d.span.line) == ("E201", "flows/t.json.j2", 8)
    assert d.hint == "did you mean 'GeneralAgentQueue'?"


def test_undefined_variable_is_an_error_not_an_empty_string():
    doc, diags = render(TEMPLATE, variables={})
    assert doc is None
    assert [(d.code, d.span.line) for d in diags] == [("E321", 5)]


def test_sandbox_blocks_attribute_escapes():
    doc, diags = render('{{ "".__class__.__mro__[1].__subclasses__() }}')
    assert doc is None and [d.code for d in diags] == ["E321"]


def test_syntax_error_not_json_and_invalid_flow():
    _, diags = render("{\n{% if %}\n}")
    assert [(d.code, d.span.line) for d in diags] == [("E320", 2)]
    _, diags = render("{ not json")
    assert [d.code for d in diags] == ["E322"]
    broken = TEMPLATE.replace('"NextAction": "queue"', '"NextAction": "nowhere"')
    _, diags = render(broken)
    assert [(d.code, d.span.line) for d in diags] == [("E323", 5)]
    assert "nowhere" in diags[0].message


def test_the_flow_type_is_checked():
    _, diags = render(TEMPLATE, flow_type="CUSTOMER_HOLD")
    assert {d.code for d in diags} == {"E323"}
    assert any("MessageParticipant is not allowed" in d.message for d in diags)


def test_load_from_file(tmp_path):
    path = tmp_path / "t.json.j2"
    path.write_text(TEMPLATE, encoding="utf-8")
    diags = Diagnostics()
    doc = load_flow_template(str(path), name="t", flow_type="CONTACT_FLOW", diags=diags, context=CTX,
                             variables={"greeting": "hello"})
    assert json.loads(json.dumps(doc))["Actions"][0]["Parameters"]["Text"] == "hello"
    missing = Diagnostics()
    assert load_flow_template(str(tmp_path / "nope.j2"), name="t", flow_type="CONTACT_FLOW", diags=missing) is None
    assert [d.code for d in missing] == ["E321"]

"""compile_flows over a site: do: bodies and templates, references, tokens per site, size limit."""
from __future__ import annotations

from types import SimpleNamespace as NS

from ccdsl.compiler.flows import compile_flows
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.diagnostics import Diagnostics

N = A.Name

TEMPLATE = """{
  "Version": "2019-10-30",
  "StartAction": "go",
  "Actions": [
    {"Identifier": "go", "Type": "TransferToFlow", "Parameters": {"ContactFlowId": "{{ flow('main') }}"},
     "Transitions": {"NextAction": "bye", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
    {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
  ]
}
"""


def site(flows: dict, functions=None):
    return NS(flows=flows, queues={"Q": NS()}, bots={"bot": NS(intents={"Yes": NS()})},
              functions=functions or {"plain": NS(alias=None), "live": NS(alias="live")},
              hours={"office": NS()}, span=None)


def flow(statements=None, type="contact_flow", template=None, **extra):
    body = A.FlowBody(tuple(statements)) if statements is not None else None
    return NS(type=type, do=NS(ast=body) if body else None, template=template, vars={}, description=None,
              span=None, **extra)


def test_bodies_and_templates(tmp_path):
    (tmp_path / "hop.json.j2").write_text(TEMPLATE, encoding="utf-8")
    flows = {
        "main": flow([A.Invoke(N("plain")), A.Invoke(N("live")), A.SetQueue(N("Q")), A.Transfer(error=N("x")),
                      A.Label(N("x"), (A.TransferToFlow(N("hop")),))]),
        "hop": flow(template="hop.json.j2"),
        "qt": flow([A.Transfer()], type="queue_transfer"),
    }
    diags = Diagnostics()
    compiled = compile_flows(site(flows), diags, str(tmp_path))
    assert list(diags) == []
    assert set(compiled) == {"main", "hop", "qt"}
    main = compiled["main"]
    assert main.flow_type == "CONTACT_FLOW" and compiled["qt"].flow_type == "QUEUE_TRANSFER"
    assert main.flows == {"hop"} and compiled["hop"].flows == {"main"}  # a cycle, for the compiler to break
    assert main.addresses == {"function.plain", "function.live.alias", "queue.Q", "flow.hop"}
    assert '"${function.plain.arn}"' in main.text and main.text.startswith('{"Version":"2019-10-30"')


def test_template_problems_are_reported_and_the_flow_left_out(tmp_path):
    (tmp_path / "bad.json.j2").write_text(TEMPLATE.replace("flow('main')", "flow('mian')"), encoding="utf-8")
    diags = Diagnostics()
    compiled = compile_flows(site({"main": flow([A.Hangup()]), "bad": flow(template="bad.json.j2")}), diags,
                             str(tmp_path))
    assert set(compiled) == {"main"}
    assert [(d.code, d.span.line, d.hint) for d in diags] == [("E207", 5, "did you mean 'main'?")]


def test_content_over_the_size_limit_is_e306():
    huge = [A.Say("x" * 2000) for _ in range(130)]
    diags = Diagnostics()
    compile_flows(site({"big": flow(huge + [A.Hangup()])}), diags)
    assert [d.code for d in diags] == ["E306"]
    assert "256000" in diags.items[0].message

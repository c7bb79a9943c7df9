"""Task templates, views and manual-assignment queues compiled into CreateTaskTemplate, CreateView (with
``show view`` naming the view's ARN) and CreateRoutingProfile, and mapped to CloudFormation."""
import json
from pathlib import Path

from ccdsl.compiler import addresses as A
from ccdsl.compiler.export import cloudformation as cfn
from ccdsl.compiler.pipeline import compile_site
from ccdsl.compiler.resources import Ref

SITE = """\
hours: {h: 24/7}
queues:
  Q: {hours: h}
  Backlog: {hours: h}
routing:
  r: {queues: [Q], manual: [Backlog], channels: {chat: 2, task: 3}, outbound: Q}
views:
  Refund:
    description: Refund decision
    template: {Head: {Title: Refund}, Body: [{_id: Note, Type: TextContent, Props: {Content: Check the order}}]}
    actions: [Approve, Decline]
flows:
  task_entry:
    channels: [task]
    do: |
      queue Q
      transfer
  guide:
    channels: [chat]
    do: |
      show view Refund timeout 5m
        Approve -> ok
      show view form
      ok:
        hangup
task_templates:
  Refund:
    description: A refund to decide
    flow: task_entry
    active: false
    fields:
      Title: name
      order: {type: text, required: true, description: The order}
      reason: {type: single_select, options: [Damaged, Late], default: Late, read_only: true}
      channel: {type: text, hidden: true, default: chat}
"""


def test_task_template_fields_constraints_and_defaults(compile_text):
    cs, diags = compile_text(SITE)
    assert cs is not None, [d.message for d in diags]
    r = cs.resources[A.task_template_addr("Refund")]
    assert r.type == "aws_connect_task_template"
    i = r.inputs
    assert i["Name"] == "Refund" and i["Status"] == "INACTIVE" and i["Description"] == "A refund to decide"
    assert i["ContactFlowId"] == Ref(A.flow_addr("task_entry"), "id")
    assert i["Fields"] == [
        {"Id": {"Name": "Title"}, "Type": "NAME"},
        {"Id": {"Name": "order"}, "Type": "TEXT", "Description": "The order"},
        {"Id": {"Name": "reason"}, "Type": "SINGLE_SELECT", "SingleSelectOptions": ["Damaged", "Late"]},
        {"Id": {"Name": "channel"}, "Type": "TEXT"}]
    assert i["Constraints"] == {"RequiredFields": [{"Id": {"Name": "order"}}],
                                "ReadOnlyFields": [{"Id": {"Name": "reason"}}],
                                "InvisibleFields": [{"Id": {"Name": "channel"}}]}
    assert i["Defaults"] == {"DefaultFieldValues": [{"Id": {"Name": "reason"}, "DefaultValue": "Late"},
                                                    {"Id": {"Name": "channel"}, "DefaultValue": "chat"}]}
    assert A.flow_addr("task_entry") in cs.graph.predecessors(A.task_template_addr("Refund"))


def test_view_content_and_show_view_resolves_to_its_arn(compile_text):
    cs, diags = compile_text(SITE)
    assert cs is not None, [d.message for d in diags]
    view = cs.resources[A.view_addr("Refund")].inputs
    assert view["Status"] == "PUBLISHED"
    assert json.loads(view["Content"]["Template"])["Head"] == {"Title": "Refund"}
    assert view["Content"]["Actions"] == ["Approve", "Decline"]
    assert A.view_addr("Refund") in cs.graph.predecessors(A.flow_addr("guide"))
    flow = json.loads(cs.artefacts["flows/guide.json"])  # the flow JSON with its apply-time tokens
    shown = [a for a in flow["Actions"] if a["Type"] == "ShowView"]
    ids = [a["Parameters"]["ViewResource"]["Id"] for a in shown]
    assert ids == ["${view.Refund.arn}", "form"]
    refund = shown[0]
    assert [c["Condition"]["Operands"] for c in refund["Transitions"]["Conditions"]] == [["Approve"]]


def test_manual_assignment_queues_are_task_queues_of_the_profile(compile_text):
    cs, diags = compile_text(SITE)
    assert cs is not None, [d.message for d in diags]
    rp = cs.resources[A.routing_addr("r")].inputs
    assert rp["ManualAssignmentQueueConfigs"] == [
        {"QueueReference": {"QueueId": Ref(A.queue_addr("Backlog"), "id"), "Channel": "TASK"}}]
    assert not any(d.code == "W110" for d in diags), "a manual-assignment queue is served"


def test_cloudformation_maps_task_templates_views_and_manual_queues(compile_text, tmp_path: Path):
    cs, diags = compile_text(SITE)
    assert cs is not None, [d.message for d in diags]
    template = cfn.build(cs).template["Resources"]
    by_type = {v["Type"]: v["Properties"] for v in template.values()}
    task = by_type["AWS::Connect::TaskTemplate"]
    assert task["Defaults"][0] == {"Id": {"Name": "reason"}, "DefaultValue": "Late"}
    assert "ContactFlowArn" in task and "InstanceArn" in task and task["Status"] == "INACTIVE"
    view = by_type["AWS::Connect::View"]
    assert view["Template"]["Head"] == {"Title": "Refund"} and view["Actions"] == ["Approve", "Decline"]
    rp = by_type["AWS::Connect::RoutingProfile"]
    assert rp["ManualAssignmentQueueConfigs"][0]["QueueReference"]["Channel"] == "TASK"
    assert "QueueArn" in rp["ManualAssignmentQueueConfigs"][0]["QueueReference"]


def test_retail_chat_uses_a_task_template_a_view_and_a_manual_queue():
    cs, diags = compile_site(Path(__file__).resolve().parents[2] / "examples" / "retail-chat" / "site.ccd")
    assert cs is not None, [d.message for d in diags]
    assert A.task_template_addr("ReturnFollowUp") in cs.resources
    assert A.view_addr("ReturnForm") in cs.resources
    assert cs.resources[A.routing_addr("chat_first")].inputs["ManualAssignmentQueueConfigs"]


def test_a_function_gets_a_task_template_id_at_apply_time(compile_text):
    cs, diags = compile_text(SITE + """\
functions:
  tasks:
    source: fn
    runtime: python3.12
    env: {TEMPLATE_ID: "${task_template.Refund.id}", VIEW_ARN: "${view.Refund.arn}"}
""")
    assert cs is not None, [d.message for d in diags]
    env = cs.resources[A.function_addr("tasks")].inputs["Environment"]["Variables"]
    assert env["TEMPLATE_ID"] == Ref(A.task_template_addr("Refund"), "id")
    assert env["VIEW_ARN"] == Ref(A.view_addr("Refund"), "arn")

"""Contract tests for task templates, views and manual-assignment queues: botocore Stubbers with real-shaped
responses; every request is also checked against the full service model."""
import json

from test_aws_contract_connect import INSTANCE, arn, res, uid


def _template_inputs() -> dict:
    return {"InstanceId": INSTANCE, "Name": "ReturnFollowUp", "ContactFlowId": uid(3), "Status": "ACTIVE",
            "Fields": [{"Id": {"Name": "Title"}, "Type": "NAME"},
                       {"Id": {"Name": "reason"}, "Type": "SINGLE_SELECT", "SingleSelectOptions": ["Damaged", "Other"]}],
            "Constraints": {"RequiredFields": [{"Id": {"Name": "reason"}}]},
            "Defaults": {"DefaultFieldValues": [{"Id": {"Name": "reason"}, "DefaultValue": "Damaged"}]}}


def test_task_template_is_created_updated_and_deleted(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    inputs = _template_inputs()
    connect.add_response("list_task_templates", {"TaskTemplates": []}, {"InstanceId": INSTANCE, "Name": "ReturnFollowUp"})
    connect.add_response("create_task_template", {"Id": uid(8), "Arn": arn("task-template", 8)}, inputs)
    out = provider.create_sync(res("task_template.ReturnFollowUp", "aws_connect_task_template", inputs))
    assert out == {"id": uid(8), "arn": arn("task-template", 8), "name": "ReturnFollowUp"}
    changed = {**inputs, "Status": "INACTIVE"}
    connect.add_response("update_task_template", {}, {**changed, "TaskTemplateId": uid(8)})
    provider.update_sync(res("task_template.ReturnFollowUp", "aws_connect_task_template", changed), out, {"Status"})
    connect.add_response("delete_task_template", {}, {"InstanceId": INSTANCE, "TaskTemplateId": uid(8)})
    provider.delete_sync(res("task_template.ReturnFollowUp", "aws_connect_task_template", changed), out)
    connect.assert_no_pending_responses()


def test_task_template_is_adopted_by_name(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    inputs = _template_inputs()
    found = {"Id": uid(8), "Arn": arn("task-template", 8), "Name": "ReturnFollowUp"}
    connect.add_response("list_task_templates", {"TaskTemplates": [found]},
                         {"InstanceId": INSTANCE, "Name": "ReturnFollowUp"})
    connect.add_response("update_task_template", {}, {**inputs, "TaskTemplateId": uid(8)})
    out = provider.create_sync(res("task_template.ReturnFollowUp", "aws_connect_task_template", inputs))
    assert out["id"] == uid(8)
    connect.assert_no_pending_responses()


def _view_inputs(template: dict) -> dict:
    return {"InstanceId": INSTANCE, "Name": "ReturnForm", "Status": "PUBLISHED",
            "Content": {"Template": json.dumps(template), "Actions": ["Submit", "Cancel"]}}


def _view(n: int) -> dict:
    return {"View": {"Id": uid(n), "Arn": arn("view", n), "Name": "ReturnForm", "Status": "PUBLISHED"}}


def test_view_is_created_and_its_content_updated(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    inputs = _view_inputs({"Head": {"Title": "Return"}})
    connect.add_response("list_views", {"ViewsSummaryList": []}, {"InstanceId": INSTANCE, "Type": "CUSTOMER_MANAGED"})
    connect.add_response("create_view", _view(9), inputs)
    out = provider.create_sync(res("view.ReturnForm", "aws_connect_view", inputs))
    assert out == {"id": uid(9), "arn": arn("view", 9), "name": "ReturnForm"}
    changed = _view_inputs({"Head": {"Title": "Start a return"}})
    connect.add_response("update_view_content", _view(9), {"InstanceId": INSTANCE, "ViewId": uid(9),
                                                           "Status": "PUBLISHED", "Content": changed["Content"]})
    provider.update_sync(res("view.ReturnForm", "aws_connect_view", changed), out, {"Content"})
    connect.add_response("delete_view", {}, {"InstanceId": INSTANCE, "ViewId": uid(9)})
    provider.delete_sync(res("view.ReturnForm", "aws_connect_view", changed), out)
    connect.assert_no_pending_responses()


def _manual(n: int) -> dict:
    return {"QueueReference": {"QueueId": uid(n), "Channel": "TASK"}}


def test_routing_profile_manual_assignment_queues_on_create_and_update(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    manual = [_manual(300 + i) for i in range(12)]
    inputs = {"InstanceId": INSTANCE, "Name": "returns", "Description": "Returns",
              "DefaultOutboundQueueId": uid(300), "ManualAssignmentQueueConfigs": manual,
              "MediaConcurrencies": [{"Channel": "TASK", "Concurrency": 2}]}
    ids = {"InstanceId": INSTANCE, "RoutingProfileId": uid(4)}
    connect.add_response("list_routing_profiles", {"RoutingProfileSummaryList": []}, {"InstanceId": INSTANCE})
    connect.add_response("create_routing_profile", {"RoutingProfileId": uid(4),
                                                    "RoutingProfileArn": arn("routing-profile", 4)},
                         {**inputs, "ManualAssignmentQueueConfigs": manual[:10]})
    connect.add_response("associate_routing_profile_queues", {}, {**ids, "ManualAssignmentQueueConfigs": manual[10:]})
    out = provider.create_sync(res("routing.returns", "aws_connect_routing_profile", inputs))
    assert out["id"] == uid(4)
    # the site now names queues 300 and 399: the other eleven go, 399 comes
    wanted = {**inputs, "ManualAssignmentQueueConfigs": [_manual(300), _manual(399)]}
    listed = [{"QueueId": uid(300 + i), "QueueArn": arn("queue", 300 + i), "QueueName": f"q{i}", "Channel": "TASK"}
              for i in range(12)]
    connect.add_response("list_routing_profile_manual_assignment_queues",
                         {"RoutingProfileManualAssignmentQueueConfigSummaryList": listed}, ids)
    gone = sorted(({"QueueId": uid(300 + i), "Channel": "TASK"} for i in range(1, 12)), key=lambda q: q["QueueId"])
    connect.add_response("disassociate_routing_profile_queues", {}, {**ids, "ManualAssignmentQueueReferences": gone[:10]})
    connect.add_response("disassociate_routing_profile_queues", {}, {**ids, "ManualAssignmentQueueReferences": gone[10:]})
    connect.add_response("associate_routing_profile_queues", {}, {**ids, "ManualAssignmentQueueConfigs": [_manual(399)]})
    provider.update_sync(res("routing.returns", "aws_connect_routing_profile", wanted), out,
                         {"ManualAssignmentQueueConfigs"})
    connect.assert_no_pending_responses()

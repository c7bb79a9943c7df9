"""Amazon Connect task templates and views (step-by-step guide pages): their registry entries and the
documented rules their requests must satisfy."""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .base import Find, Latency, ResourceType
from .rules import rule

_CONNECT = "https://docs.aws.amazon.com/connect/latest/APIReference/API_{}.html"

TYPES = [
    ResourceType(
        "aws_connect_task_template",
        "connect",
        "create_task_template",
        group=7,
        bucket="connect",
        latency=Latency(create=(1, 3), delete=(0.5, 1.5)),
        read="get_task_template",
        update="update_task_template",
        delete="delete_task_template",
        arn="arn:{partition}:connect:{region}:{account}:instance/{in.InstanceId}/task-template/{out.id}",
        outputs={"id": "res.Id", "arn": "res.Arn", "name": "in.Name"},
        key={"InstanceId": "in.InstanceId", "TaskTemplateId": "out.id"},
        replace_on=frozenset({"InstanceId"}),
        find=Find(
            "list_task_templates",
            "TaskTemplates",
            "Name",
            "in.Name",
            {"InstanceId": "in.InstanceId", "Name": "in.Name"},
            {"id": "item.Id", "arn": "item.Arn", "name": "item.Name"},
        ),
        note="a task template (`task_templates:`): its fields, defaults and constraints, and the flow a task runs",
    ),
    ResourceType(
        "aws_connect_view",
        "connect",
        "create_view",
        group=7,
        bucket="connect",
        latency=Latency(create=(1, 3), delete=(0.5, 1.5)),
        read="describe_view",
        delete="delete_view",
        arn="arn:{partition}:connect:{region}:{account}:instance/{in.InstanceId}/view/{out.id}",
        outputs={"id": "res.View.Id", "arn": "res.View.Arn", "name": "in.Name"},
        key={"InstanceId": "in.InstanceId", "ViewId": "out.id"},
        replace_on=frozenset({"InstanceId"}),
        update_by_input={
            "Content": "update_view_content",
            "Status": "update_view_content",
            "Name": "update_view_metadata",
            "Description": "update_view_metadata",
        },
        exists=frozenset({"DuplicateResourceException"}),
        find=Find(
            "list_views",
            "ViewsSummaryList",
            "Name",
            "in.Name",
            {"InstanceId": "in.InstanceId", "Type": "='CUSTOMER_MANAGED'"},
            {"id": "item.Id", "arn": "item.Arn", "name": "item.Name"},
        ),
        note="a customer-managed view (`views:`); Content.Template is the view's JSON as a string; "
             "flows show its latest published content",
    ),
]

# TaskTemplateField: the field types and which of them carry options
FIELD_TYPES = ("NAME", "DESCRIPTION", "SCHEDULED_TIME", "QUICK_CONNECT", "URL", "NUMBER", "TEXT", "TEXT_AREA",
               "DATE_TIME", "BOOLEAN", "SINGLE_SELECT", "EMAIL", "SELF_ASSIGN", "EXPIRY_DURATION")


@rule("connect.task_template.fields", "aws_connect_task_template", "*", _CONNECT.format("TaskTemplateField"))
def _task_fields(request: Mapping[str, Any]) -> str | None:
    """Field names are unique; SingleSelectOptions belong to SINGLE_SELECT fields; constraints and defaults
    name fields of the template."""
    names: list[str] = []
    for i, f in enumerate(request.get("Fields") or []):
        name = str((f.get("Id") or {}).get("Name"))
        if f.get("Type") not in FIELD_TYPES:
            return f"InvalidParameterException: Fields[{i}].Type {f.get('Type')!r}"
        if f.get("SingleSelectOptions") and f.get("Type") != "SINGLE_SELECT":
            return f"PropertyValidationException: Fields[{i}] {name!r}: SingleSelectOptions on a {f['Type']} field"
        if name in names:
            return f"PropertyValidationException: field {name!r} given twice"
        names.append(name)
    constraints = request.get("Constraints") or {}
    referred = [(k, c) for k in ("RequiredFields", "ReadOnlyFields", "InvisibleFields")
                for c in constraints.get(k) or []]
    referred += [("DefaultFieldValues", d) for d in (request.get("Defaults") or {}).get("DefaultFieldValues") or []]
    for where, item in referred:
        named = str((item.get("Id") or {}).get("Name"))
        if named not in names:
            return f"PropertyValidationException: {where} names {named!r}, which is not a field of the template"
    return None


@rule("connect.view.content", "aws_connect_view", "*", _CONNECT.format("ViewInputContent"))
def _view_content(request: Mapping[str, Any]) -> str | None:
    """The template is a JSON object given as a string; actions are 1-255 characters each."""
    content = request.get("Content")
    if content is None:
        return None
    template = content.get("Template")
    try:
        parsed = json.loads(template) if isinstance(template, str) else None
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        return "InvalidParameterException: Content.Template is not a JSON object"
    for i, action in enumerate(content.get("Actions") or []):
        if not isinstance(action, str) or not 1 <= len(action) <= 255:
            return f"InvalidParameterException: Content.Actions[{i}] must be 1-255 characters"
    return None

"""Task templates (CreateTaskTemplate: fields, their defaults and constraints, the flows a task runs) and
views (CreateView: a step-by-step guide page's template and actions)."""
from __future__ import annotations

import json
from typing import Any

from ccdsl.dsl.model import TaskTemplate, View

from .. import addresses as A
from ..resources import Ref
from .context import Context


def _field_id(name: str) -> dict[str, str]:
    return {"Name": name}


def task_template_inputs(ctx: Context, name: str, template: TaskTemplate) -> dict[str, Any]:
    """The keyword arguments of CreateTaskTemplate for one template."""
    fields: list[dict[str, Any]] = []
    constraints: dict[str, list[dict[str, Any]]] = {}
    defaults: list[dict[str, Any]] = []
    for fname, f in template.fields.items():
        field: dict[str, Any] = {"Id": _field_id(fname), "Type": f.type.upper()}
        if f.description:
            field["Description"] = f.description
        if f.options:
            field["SingleSelectOptions"] = list(f.options)
        fields.append(field)
        for flag, key in ((f.required, "RequiredFields"), (f.read_only, "ReadOnlyFields"),
                          (f.hidden, "InvisibleFields")):
            if flag:
                constraints.setdefault(key, []).append({"Id": _field_id(fname)})
        if f.default is not None:
            defaults.append({"Id": _field_id(fname), "DefaultValue": f.default})
    inputs: dict[str, Any] = {"InstanceId": ctx.instance_id, "Name": name, "Fields": fields,
                              "Status": "ACTIVE" if template.active else "INACTIVE"}
    if template.description:
        inputs["Description"] = template.description
    if template.flow is not None:
        inputs["ContactFlowId"] = Ref(A.flow_addr(str(template.flow)), "id")
    if template.self_assign_flow is not None:
        inputs["SelfAssignFlowId"] = Ref(A.flow_addr(str(template.self_assign_flow)), "id")
    if constraints:
        inputs["Constraints"] = constraints
    if defaults:
        inputs["Defaults"] = {"DefaultFieldValues": defaults}
    return inputs


def expand_task_templates(ctx: Context, templates: dict[str, TaskTemplate],
                          flow_ready: dict[str, set[str]]) -> None:
    """One task template each; it waits for the final content of the flows it names."""
    for name in sorted(templates):
        template = templates[name]
        extra: set[str] = set()
        for flow in (template.flow, template.self_assign_flow):
            if flow is not None:
                extra |= flow_ready.get(str(flow), set())
        ctx.add(A.task_template_addr(name), "aws_connect_task_template", task_template_inputs(ctx, name, template),
                name=name, span=template.span, extra_deps=extra)


def expand_views(ctx: Context, views: dict[str, View]) -> None:
    """One published view each (its template as the JSON string CreateView takes)."""
    for name in sorted(views):
        view = views[name]
        inputs: dict[str, Any] = {
            "InstanceId": ctx.instance_id, "Name": name, "Status": "PUBLISHED",
            "Content": {"Template": json.dumps(view.template, sort_keys=True, separators=(",", ":")),
                        "Actions": list(view.actions)},
            "Tags": ctx.tag_map(),
        }
        if view.description:
            inputs["Description"] = view.description
        ctx.add(A.view_addr(name), "aws_connect_view", inputs, name=name, span=view.span)

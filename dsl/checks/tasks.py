"""Task templates and manual-assignment queues: field options and defaults (E167, E168), a template's
name field (E169), the flows a template runs (E207 unknown, E242 not a contact flow) and routing profiles'
manual-assignment queues (E201 unknown, E170 a profile that handles no tasks)."""
from __future__ import annotations

from ..diagnostics import Diagnostics, did_you_mean
from ..flows.context import connect_flow_type
from ..model import Name, Site
from .scope import Scope


def check_task_templates(site: Site, scope: Scope, diags: Diagnostics) -> None:
    for name, template in site.task_templates.items():
        for flow in (template.flow, template.self_assign_flow):
            if flow is None or not scope.check("flow", str(flow), flow.span, diags, f"(task template '{name}')"):
                continue
            if str(flow) not in site.flows:
                continue  # the flows section failed to build: its names are not known
            kind = connect_flow_type(site.flows[str(flow)].type)
            if kind != "CONTACT_FLOW":
                diags.error("E242", f"task template '{name}' runs flow '{flow}', a {kind.lower()} flow: a task "
                            "starts a contact flow", flow.span, length=len(flow))
        # a template requires at least one field of type Name (AWS::Connect::TaskTemplate, Fields)
        if template.fields and not any(f.type == "name" for f in template.fields.values()):
            diags.error("E169", f"task template '{name}' has no field of type name (the task's title)",
                        template.span_of("fields"), hint="add e.g. `Title: name` to its fields")
        for fname, field in template.fields.items():
            if field.options and field.type != "single_select":
                diags.error("E167", f"field '{fname}' of task template '{name}' has options but is a "
                            f"{field.type} field", field.span_of("options"),
                            hint="options belong to `type: single_select` fields")
            elif field.type == "single_select" and not field.options:
                diags.error("E167", f"single_select field '{fname}' of task template '{name}' has no options",
                            field.span, hint="add `options: [...]`", length=len(fname))
            elif field.options and field.default is not None and field.default not in field.options:
                diags.error("E168", f"default '{field.default}' of field '{fname}' is not one of its options",
                            field.span_of("default"), hint=did_you_mean(field.default, field.options),
                            length=len(field.default))


def check_manual_queues(site: Site, scope: Scope, diags: Diagnostics) -> None:
    for name, routing in site.routing.items():
        for queue in routing.manual:
            scope.check("queue", str(queue), queue.span, diags, f"(manual-assignment queue of routing profile "
                        f"'{name}')")
        if routing.manual and not routing.channels.task:
            first: Name = routing.manual[0]
            diags.error("E170", f"routing profile '{name}' has manual-assignment queues but handles no tasks",
                        first.span, hint="add `task: N` to its `channels`", length=len(first))

"""The flows and flow modules of a live Connect instance, with the instance's own names for what they refer to.

:func:`read_instance` makes only List/Describe calls: it lists the queues, hours of operation, flows, flow
modules and the Lex V2 bots associated with the instance (each bot's name from Lex), and describes every active
flow and module. It returns the flow documents (as :class:`~ccdsl.compiler.importer.documents.FlowDocument`,
with the flow's name and type from Connect) and an ARN map — every ARN and id of those resources to its name —
so the imported flows refer to queues, hours, flows and bots by the names the instance gives them.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ccdsl.compiler.importer.documents import FlowDocument
from ccdsl.compiler.importer.names import sanitize

from .site_read import pages

_LEX_ALIAS = re.compile(r":bot-alias/([^/]+)/")


@dataclass
class InstanceFlows:
    instance: str
    documents: list[FlowDocument] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # ARN or id -> name
    skipped: list[str] = field(default_factory=list)  # flows Connect could not describe, with why


def _name(summary: dict, kind: str) -> str:
    return sanitize(str(summary.get("Name") or summary.get("Id") or kind), kind)


def read_instance(client: Callable[[str], Any], instance_id: str) -> InstanceFlows:
    """Read the instance through ``client(service)`` (a boto3 client factory); List and Describe calls only."""
    connect = client("connect")
    out = InstanceFlows(instance_id)
    for queue in pages(connect.list_queues, "QueueSummaryList", InstanceId=instance_id, QueueTypes=["STANDARD"]):
        out.names.update({queue["Arn"]: _name(queue, "queue"), queue["Id"]: _name(queue, "queue")})
    for hours in pages(connect.list_hours_of_operations, "HoursOfOperationSummaryList", InstanceId=instance_id):
        out.names.update({hours["Arn"]: _name(hours, "hours"), hours["Id"]: _name(hours, "hours")})
    flows = [f for f in pages(connect.list_contact_flows, "ContactFlowSummaryList", InstanceId=instance_id)
             if f.get("ContactFlowState", "ACTIVE") == "ACTIVE"]
    modules = list(pages(connect.list_contact_flow_modules, "ContactFlowModulesSummaryList", InstanceId=instance_id,
                          ContactFlowModuleState="ACTIVE"))
    for summary in flows + modules:
        out.names.update({summary["Arn"]: _name(summary, "flow"), summary["Id"]: _name(summary, "flow")})
    bot_ids: dict[str, list[str]] = {}
    for bot in pages(connect.list_bots, "LexBots", InstanceId=instance_id, LexVersion="V2"):
        alias = (bot.get("LexV2Bot") or {}).get("AliasArn")
        if alias and (m := _LEX_ALIAS.search(alias)):
            bot_ids.setdefault(m.group(1), []).append(alias)
    if bot_ids:
        lex = client("lexv2-models")
        for bot_id, aliases in bot_ids.items():
            name = sanitize(str(lex.describe_bot(botId=bot_id).get("botName") or bot_id), "bot")
            out.names.update({alias: name for alias in aliases})
    for summary in flows:
        described = connect.describe_contact_flow(InstanceId=instance_id, ContactFlowId=summary["Id"])["ContactFlow"]
        _add(out, described, described.get("Type"))
    for summary in modules:
        described = connect.describe_contact_flow_module(InstanceId=instance_id,
                                                         ContactFlowModuleId=summary["Id"])["ContactFlowModule"]
        _add(out, described, "MODULE")
    return out


def _add(out: InstanceFlows, described: dict, flow_type: str | None) -> None:
    name = str(described.get("Name") or described.get("Id"))
    try:
        doc = json.loads(described.get("Content") or "")
    except json.JSONDecodeError as exc:
        out.skipped.append(f"{name}: its Content is not JSON ({exc.msg})")
        return
    where = f"instance {out.instance}, flow '{name}'"
    out.documents.append(FlowDocument(where, name, doc, flow_type, ""))

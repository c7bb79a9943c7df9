"""Everything of a live Connect instance that a ``.ccd`` site declares, read with List and Describe calls only.

:func:`read_site` reads the instance itself, its hours of operation (with their overrides), queues (with the
quick connects each offers), routing profiles (with their queues, priority and delay per channel), security
profiles (with their permissions), users (no secrets: Connect never returns a password), claimed phone numbers
(with the flow each rings), quick connects, prompts, the agent hierarchy (its levels and groups) and the Lex V2
bots associated with the instance. Each
call and its response shape follow the Amazon Connect API reference
(https://docs.aws.amazon.com/connect/latest/APIReference/API_Operations_Amazon_Connect_Service.html).
Its instance attributes (``ListInstanceAttributes``) become the instance's ``features``.
What it returns are the responses themselves; :mod:`.site_write` turns them into ``.ccd`` text.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

#: the security profiles every instance is created with: agents refer to them by name, the site does not declare
#: them (https://docs.aws.amazon.com/connect/latest/adminguide/default-security-profiles.html)
DEFAULT_SECURITY_PROFILES = frozenset({"Admin", "Agent", "CallCenterManager", "QualityAnalyst"})


@dataclass
class InstanceSite:
    """The responses that describe one instance (each a Describe response's inner object)."""

    instance: dict[str, Any]
    attributes: dict[str, str] = field(default_factory=dict)  # AttributeType -> Value
    hours: list[dict[str, Any]] = field(default_factory=list)  # with "Overrides": [...]
    queues: list[dict[str, Any]] = field(default_factory=list)  # with "QuickConnectIds": [...]
    routing: list[dict[str, Any]] = field(default_factory=list)  # with "QueueConfigs": [...]
    security_profiles: list[dict[str, Any]] = field(default_factory=list)  # with "Permissions": [...]
    users: list[dict[str, Any]] = field(default_factory=list)
    numbers: list[dict[str, Any]] = field(default_factory=list)  # with "FlowId" when a flow is associated
    quick_connects: list[dict[str, Any]] = field(default_factory=list)
    prompts: list[dict[str, Any]] = field(default_factory=list)
    hierarchy_groups: list[dict[str, Any]] = field(default_factory=list)  # with "HierarchyPath"
    hierarchy_levels: dict[str, Any] = field(default_factory=dict)  # LevelOne… -> {"Name": …}

    @property
    def arn(self) -> str:
        return str(self.instance.get("Arn") or "")


def pages(call: Callable[..., dict], key: str, *, token_key: str = "NextToken", **kwargs: Any) -> Iterator[dict]:
    """Every item of a paginated List call, its token followed to the end (Connect's ``NextToken``; Lex V2 spells
    it ``nextToken``)."""
    token = None
    while True:
        page = call(**kwargs, **({token_key: token} if token else {}))
        yield from page.get(key) or []
        token = page.get(token_key)
        if not token:
            return


def read_site(client: Callable[[str], Any], instance_id: str) -> InstanceSite:
    """Read the instance through ``client(service)`` (a boto3 client factory)."""
    connect = client("connect")
    site = InstanceSite(connect.describe_instance(InstanceId=instance_id)["Instance"])
    inst = {"InstanceId": instance_id}
    site.attributes = {a["AttributeType"]: str(a.get("Value")) for a in
                       pages(connect.list_instance_attributes, "Attributes", **inst)}
    for summary in pages(connect.list_hours_of_operations, "HoursOfOperationSummaryList", **inst):
        hours = connect.describe_hours_of_operation(**inst, HoursOfOperationId=summary["Id"])["HoursOfOperation"]
        hours["Overrides"] = list(pages(connect.list_hours_of_operation_overrides, "HoursOfOperationOverrideList",
                                        **inst, HoursOfOperationId=summary["Id"]))
        site.hours.append(hours)
    for summary in pages(connect.list_queues, "QueueSummaryList", **inst, QueueTypes=["STANDARD"]):
        queue = connect.describe_queue(**inst, QueueId=summary["Id"])["Queue"]
        queue["QuickConnectIds"] = [q["Id"] for q in pages(connect.list_queue_quick_connects,
                                                            "QuickConnectSummaryList", **inst, QueueId=summary["Id"])]
        site.queues.append(queue)
    for summary in pages(connect.list_routing_profiles, "RoutingProfileSummaryList", **inst):
        profile = connect.describe_routing_profile(**inst, RoutingProfileId=summary["Id"])["RoutingProfile"]
        profile["QueueConfigs"] = list(pages(connect.list_routing_profile_queues,
                                             "RoutingProfileQueueConfigSummaryList", **inst,
                                             RoutingProfileId=summary["Id"]))
        site.routing.append(profile)
    for summary in pages(connect.list_security_profiles, "SecurityProfileSummaryList", **inst):
        if summary.get("Name") in DEFAULT_SECURITY_PROFILES:
            site.security_profiles.append({"Id": summary["Id"], "Arn": summary.get("Arn"),
                                           "SecurityProfileName": summary["Name"], "Default": True})
            continue
        profile = connect.describe_security_profile(**inst, SecurityProfileId=summary["Id"])["SecurityProfile"]
        profile["Permissions"] = list(pages(connect.list_security_profile_permissions, "Permissions", **inst,
                                            SecurityProfileId=summary["Id"]))
        site.security_profiles.append(profile)
    for summary in pages(connect.list_users, "UserSummaryList", **inst):
        site.users.append(connect.describe_user(**inst, UserId=summary["Id"])["User"])
    for summary in pages(connect.list_user_hierarchy_groups, "UserHierarchyGroupSummaryList", **inst):
        site.hierarchy_groups.append(connect.describe_user_hierarchy_group(
            **inst, HierarchyGroupId=summary["Id"])["HierarchyGroup"])
    if site.hierarchy_groups:
        site.hierarchy_levels = connect.describe_user_hierarchy_structure(**inst)["HierarchyStructure"]
    flows_of = {a["ResourceId"]: a["FlowId"] for a in pages(connect.list_flow_associations,
                                                           "FlowAssociationSummaryList", **inst,
                                                           ResourceType="VOICE_PHONE_NUMBER")}
    for summary in pages(connect.list_phone_numbers_v2, "ListPhoneNumbersSummaryList", TargetArn=site.arn):
        number = dict(summary)
        flow = flows_of.get(summary.get("PhoneNumberArn", "")) or flows_of.get(summary.get("PhoneNumberId", ""))
        if flow:
            number["FlowId"] = flow
        site.numbers.append(number)
    for summary in pages(connect.list_quick_connects, "QuickConnectSummaryList", **inst):
        site.quick_connects.append(connect.describe_quick_connect(**inst, QuickConnectId=summary["Id"])["QuickConnect"])
    site.prompts = list(pages(connect.list_prompts, "PromptSummaryList", **inst))
    return site

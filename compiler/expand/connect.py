"""Amazon Connect: the instance with its attributes and storage, hours, queues, routing profiles
(queues past the first 10 associated in further calls), users with security-profile lookups,
phone numbers, quick connects and their queue associations."""
from __future__ import annotations

import datetime
from typing import Any

from ccdsl.dsl import compact as C
from ccdsl.dsl.model import (
    Agent,
    AgentStatus,
    Attribute,
    Hierarchy,
    Hours,
    HoursOverride,
    Instance,
    PhoneNumber,
    Queue,
    QuickConnect,
    Routing,
    SecurityProfile,
)
from ccdsl.dsl.model.enums import FEATURE_ATTRIBUTES
from ccdsl.dsl.source import Span

from .. import addresses as A
from ..resources import Ref
from .context import Context, span_of
from .tokens import user_text

CREATE_FEATURES = ("inbound", "outbound")


def expand_instance(ctx: Context, instance: Instance) -> None:
    features = list(instance.features)
    ctx.identity = instance.identity  # agents send a password only to CONNECT_MANAGED
    inputs: dict[str, Any] = {
        "IdentityManagementType": instance.identity,
        "InstanceAlias": instance.alias,
        "InboundCallsEnabled": "inbound" in features,
        "OutboundCallsEnabled": "outbound" in features,
        "Tags": ctx.tag_map(),
    }
    if instance.directory_id:
        inputs["DirectoryId"] = instance.directory_id
    ctx.add(A.INSTANCE, "aws_connect_instance", inputs, name=instance.alias, span=instance.span)
    for feature in sorted(set(features) - set(CREATE_FEATURES)):
        attribute = FEATURE_ATTRIBUTES[feature]
        ctx.add(A.instance_attribute_addr(attribute), "connect_instance_attribute", {
            "InstanceId": ctx.instance_id, "AttributeType": attribute, "Value": "true",
        }, span=span_of(instance, "features") or instance.span)
    storage = instance.storage
    if storage is None:
        return
    for kind, resource_type, target in storage.targets():
        s3: dict[str, Any] = {"BucketName": Ref(A.bucket_addr(target.bucket), "name"),
                              "BucketPrefix": target.prefix or kind.replace("_", "-")}
        if target.key:
            s3["EncryptionConfig"] = {"EncryptionType": "KMS", "KeyId": Ref(A.key_addr(target.key), "arn")}
        ctx.add(A.storage_config_addr(resource_type), "aws_connect_instance_storage_config", {
            "InstanceId": ctx.instance_id, "ResourceType": resource_type,
            "StorageConfig": {"StorageType": "S3", "S3Config": s3},
        }, span=target.span)


DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
_DAY = {d[:3].title(): d for d in DAYS}


def _clock(minutes: int) -> dict[str, int]:
    minutes %= 1440  # 24:00 is midnight, as Connect writes the end of a full day
    return {"Hours": minutes // 60, "Minutes": minutes % 60}


def hours_config(tree: C.Hours) -> tuple[str, list[dict[str, Any]]]:
    """(TimeZone, Config) of CreateHoursOfOperation for a parsed ``hours:`` schedule."""
    tz = tree.tz.value if tree.tz is not None else "UTC"
    if tree.always:
        return tz, [{"Day": d, "StartTime": _clock(0), "EndTime": _clock(0)} for d in DAYS]
    config: list[dict[str, Any]] = [{"Day": _DAY[day], "StartTime": _clock(entry.start), "EndTime": _clock(entry.end)}
              for entry in tree.entries for day in entry.days]
    config.sort(key=lambda c: (DAYS.index(c["Day"]), c["StartTime"]["Hours"], c["StartTime"]["Minutes"]))
    return tz, config


def expand_hours(ctx: Context, hours: dict[str, Hours]) -> None:
    for name in sorted(hours):
        h = hours[name]
        tz, config = hours_config(h.schedule.tree)
        inputs: dict[str, Any] = {"InstanceId": ctx.instance_id, "Name": name, "TimeZone": tz, "Config": config,
                                  "Tags": ctx.tag_map()}
        if h.description:
            inputs["Description"] = h.description
        ctx.add(A.hours_addr(name), "aws_connect_hours_of_operation", inputs, name=name, span=h.span)
        for oname in sorted(h.overrides):
            expand_override(ctx, name, h.overrides[oname])


def override_config(override: HoursOverride) -> tuple[str, list[dict[str, Any]]]:
    """(OverrideType, Config) of CreateHoursOfOperationOverride: each weekday the dates cover, closed all day
    or open at the given times."""
    first, last = datetime.date.fromisoformat(override.date), datetime.date.fromisoformat(override.last)
    weekdays = sorted({(first + datetime.timedelta(days=n)).weekday() for n in range(min((last - first).days + 1, 7))})
    start, end = (0, 0) if override.open is None else (_minutes(t) for t in override.open.split("-"))
    return ("CLOSED" if override.closed else "OPEN",
            [{"Day": DAYS[d], "StartTime": _clock(start), "EndTime": _clock(end)} for d in weekdays])


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def expand_override(ctx: Context, hours: str, override: HoursOverride) -> None:
    override_type, config = override_config(override)
    inputs: dict[str, Any] = {
        "InstanceId": ctx.instance_id, "HoursOfOperationId": Ref(A.hours_addr(hours), "id"), "Name": override.name,
        "Config": config, "EffectiveFrom": override.date, "EffectiveTill": override.last,
        "OverrideType": override_type,
    }
    if override.description:
        inputs["Description"] = override.description
    ctx.add(A.hours_override_addr(hours, override.name), "aws_connect_hours_of_operation_override", inputs,
            name=override.name, span=override.span)


def expand_queues(ctx: Context, queues: dict[str, Queue]) -> None:
    for name in sorted(queues):
        q = queues[name]
        inputs: dict[str, Any] = {"InstanceId": ctx.instance_id, "Name": name,
                                  "HoursOfOperationId": Ref(A.hours_addr(q.hours), "id"), "Tags": ctx.tag_map()}
        if q.description:
            inputs["Description"] = q.description
        if q.max_contacts is not None:
            inputs["MaxContacts"] = q.max_contacts
        outbound: dict[str, Any] = {}
        if q.caller_id:
            outbound["OutboundCallerIdNumberId"] = Ref(A.number_addr(q.caller_id), "id")
        if q.caller_name:
            outbound["OutboundCallerIdName"] = q.caller_name
        if q.outbound_flow:
            outbound["OutboundFlowId"] = Ref(A.flow_addr(q.outbound_flow), "id")
        if outbound:
            inputs["OutboundCallerConfig"] = outbound
        ctx.add(A.queue_addr(name), "aws_connect_queue", inputs, name=name, span=q.span)


def expand_routing(ctx: Context, routing: dict[str, Routing], queues: dict[str, Queue]) -> None:
    for name in sorted(routing):
        rp = routing[name]
        channels = rp.channels.concurrencies()
        names = sorted(queues) if rp.queues.all else list(rp.queues.queues)
        configs = []
        for qname in names:
            settings = rp.queues.queues.get(qname)
            for channel, _ in channels:
                if settings and settings.channels is not None and channel.lower() not in settings.channels:
                    continue
                configs.append({"QueueReference": {"QueueId": Ref(A.queue_addr(qname), "id"), "Channel": channel},
                                "Priority": settings.priority if settings else 1,
                                "Delay": settings.delay if settings else 0})
        addr = A.routing_addr(name)
        inputs: dict[str, Any] = {
            "InstanceId": ctx.instance_id, "Name": name,
            "Description": rp.description or f"{name} routing profile",
            "DefaultOutboundQueueId": Ref(A.queue_addr(rp.outbound), "id"),
            "MediaConcurrencies": [{"Channel": channel, "Concurrency": n} for channel, n in channels],
            "Tags": ctx.tag_map(),
        }
        if configs:  # all of them: the provider sends them in calls of as many as AWS takes
            inputs["QueueConfigs"] = configs
        if rp.manual:  # queues agents pick tasks from (the Worklist app)
            inputs["ManualAssignmentQueueConfigs"] = [
                {"QueueReference": {"QueueId": Ref(A.queue_addr(str(q)), "id"), "Channel": "TASK"}}
                for q in rp.manual]
        ctx.add(addr, "aws_connect_routing_profile", inputs, name=name, span=rp.span)


LEVELS = ("LevelOne", "LevelTwo", "LevelThree", "LevelFour", "LevelFive")


def expand_security_profiles(ctx: Context, profiles: dict[str, SecurityProfile]) -> None:
    for name in sorted(profiles):
        sp = profiles[name]
        inputs: dict[str, Any] = {"InstanceId": ctx.instance_id, "SecurityProfileName": name,
                                  "Permissions": list(sp.permissions), "Tags": ctx.tag_map()}
        if sp.description:
            inputs["Description"] = sp.description
        if sp.access_tags:
            inputs["AllowedAccessControlTags"] = dict(sp.access_tags)
        ctx.add(A.security_profile_addr(name), "connect_custom_security_profile", inputs, name=name, span=sp.span)


def expand_hierarchy(ctx: Context, hierarchy: Hierarchy | None) -> None:
    """The level names, then each group after its parent."""
    if hierarchy is None:
        return
    ctx.add(A.HIERARCHY_STRUCTURE, "connect_user_hierarchy_structure", {
        "InstanceId": ctx.instance_id,
        "HierarchyStructure": {LEVELS[i]: {"Name": level} for i, level in enumerate(hierarchy.levels)},
    }, span=span_of(hierarchy, "levels") or hierarchy.span)
    for name in sorted(hierarchy.groups):
        group = hierarchy.groups[name]
        inputs: dict[str, Any] = {"InstanceId": ctx.instance_id, "Name": name, "Tags": ctx.tag_map()}
        if group.parent is not None:
            inputs["ParentGroupId"] = Ref(A.hierarchy_group_addr(str(group.parent)), "id")
        ctx.add(A.hierarchy_group_addr(name), "aws_connect_user_hierarchy_group", inputs, name=name, span=group.span,
                extra_deps={A.HIERARCHY_STRUCTURE})


def expand_agent_statuses(ctx: Context, statuses: dict[str, AgentStatus]) -> None:
    for name in sorted(statuses):
        st = statuses[name]
        inputs: dict[str, Any] = {"InstanceId": ctx.instance_id, "Name": name,
                                  "State": "ENABLED" if st.enabled else "DISABLED", "Tags": ctx.tag_map()}
        if st.description:
            inputs["Description"] = st.description
        if st.order is not None:
            inputs["DisplayOrder"] = st.order
        ctx.add(A.agent_status_addr(name), "aws_connect_agent_status", inputs, name=name, span=st.span)


def expand_attributes(ctx: Context, attributes: dict[str, Attribute]) -> None:
    for name in sorted(attributes):
        attribute = attributes[name]
        ctx.add(A.attribute_addr(name), "aws_connect_predefined_attribute", {
            "InstanceId": ctx.instance_id, "Name": name, "Values": {"StringList": list(attribute.values)},
        }, name=name, span=attribute.span)


def expand_agents(ctx: Context, agents: dict[str, Agent], custom: frozenset[str] = frozenset()) -> None:
    first_mention: dict[str, Span] = {}
    for name in sorted(agents):
        for p in agents[name].security:
            if str(p) not in custom:
                first_mention.setdefault(str(p), p.span)
    for profile in sorted(first_mention):
        ctx.add(A.security_profile_addr(profile), "aws_connect_security_profile", {
            "InstanceId": ctx.instance_id,
            "SearchCriteria": {"StringCondition": {"FieldName": "name", "Value": profile, "ComparisonType": "EXACT"}},
        }, name=profile, span=first_mention[profile])
    for name in sorted(agents):
        a = agents[name]
        identity: dict[str, Any] = {}
        if a.first_name:
            identity["FirstName"] = a.first_name
        if a.last_name:
            identity["LastName"] = a.last_name
        if a.email is not None:
            identity["Email"] = user_text(ctx, a.email)
        acw = a.phone.acw_timeout
        phone: dict[str, Any] = {"PhoneType": "DESK_PHONE" if a.phone.type == "desk" else "SOFT_PHONE",
                                 "AutoAccept": a.phone.auto_accept,
                                 "AfterContactWorkTimeLimit": acw.tree.seconds if acw is not None else 0}
        if a.phone.number:
            phone["DeskPhoneNumber"] = a.phone.number
        inputs: dict[str, Any] = {
            "Username": name, "InstanceId": ctx.instance_id,
            "SecurityProfileIds": [Ref(A.security_profile_addr(str(p)), "id") for p in a.security],
            "RoutingProfileId": Ref(A.routing_addr(a.routing), "id"),
            "PhoneConfig": phone, "Tags": ctx.tag_map(),
        }
        if identity:
            inputs["IdentityInfo"] = identity
        if a.hierarchy is not None:
            inputs["HierarchyGroupId"] = Ref(A.hierarchy_group_addr(str(a.hierarchy)), "id")
        create_only: tuple[str, ...] = ()
        # CreateUser: "it is an error to include a password" unless Connect manages identities (W104)
        if a.password is not None and ctx.identity == "CONNECT_MANAGED":
            inputs["Password"] = user_text(ctx, a.password)
            create_only = ("Password",)
        ctx.add(A.agent_addr(name), "aws_connect_user", inputs, name=name, span=a.span, create_only=create_only)
        if a.proficiencies:
            ctx.add(A.proficiencies_addr(name), "connect_user_proficiencies", {
                "InstanceId": ctx.instance_id, "UserId": Ref(A.agent_addr(name), "id"),
                "UserProficiencies": [{"AttributeName": attr, "AttributeValue": value, "Level": float(level)}
                                      for attr in sorted(a.proficiencies)
                                      for value, level in sorted(a.proficiencies[attr].items())],
            }, span=span_of(a, "proficiencies") or a.span,
                extra_deps={A.attribute_addr(attr) for attr in a.proficiencies})


def expand_numbers(ctx: Context, numbers: dict[str, PhoneNumber]) -> None:
    for name in sorted(numbers):
        n = numbers[name]
        inputs: dict[str, Any] = {"TargetArn": ctx.instance_arn, "PhoneNumberCountryCode": n.country,
                                  "PhoneNumberType": n.type, "PhoneNumberDescription": n.description or name,
                                  "Tags": ctx.tag_map()}
        if n.prefix:
            inputs["PhoneNumberPrefix"] = n.prefix
        if n.number:
            inputs["PhoneNumber"] = n.number  # claimed as it is, with no search
        ctx.add(A.number_addr(name), "aws_connect_phone_number", inputs, name=name, span=n.span)


def expand_quick_connects(ctx: Context, quick_connects: dict[str, QuickConnect], queues: dict[str, Queue],
                          flow_ready: dict[str, set[str]]) -> None:
    """Quick connects, then one association call per queue that offers them."""
    for name in sorted(quick_connects):
        qc = quick_connects[name]
        extra: set[str] = set()
        if qc.queue:
            config: dict[str, Any] = {"QuickConnectType": "QUEUE", "QueueConfig": {
                "QueueId": Ref(A.queue_addr(qc.queue), "id"), "ContactFlowId": Ref(A.flow_addr(str(qc.flow)), "id")}}
        elif qc.user:
            config = {"QuickConnectType": "USER", "UserConfig": {
                "UserId": Ref(A.agent_addr(qc.user), "id"), "ContactFlowId": Ref(A.flow_addr(str(qc.flow)), "id")}}
        else:
            config = {"QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": qc.number}}
        if qc.flow:
            extra |= flow_ready.get(str(qc.flow), set())
        inputs: dict[str, Any] = {"InstanceId": ctx.instance_id, "Name": name, "QuickConnectConfig": config,
                                  "Tags": ctx.tag_map()}
        if qc.description:
            inputs["Description"] = qc.description
        ctx.add(A.quick_connect_addr(name), "aws_connect_quick_connect", inputs, name=name, span=qc.span,
                extra_deps=extra)
    for qname in sorted(queues):
        q = queues[qname]
        if q.quick_connects is None:
            continue
        chosen = sorted(quick_connects) if q.quick_connects.all else [str(n) for n in q.quick_connects.names]
        if not chosen:
            continue
        ctx.add(A.queue_quick_connects_addr(qname), "connect_queue_quick_connects", {
            "InstanceId": ctx.instance_id, "QueueId": Ref(A.queue_addr(qname), "id"),
            "QuickConnectIds": [Ref(A.quick_connect_addr(n), "id") for n in chosen],
        }, span=span_of(q, "quick_connects") or q.span)

"""Amazon Connect: the instance with its attributes and storage, hours, queues, routing profiles
(queues past the first 10 associated in further calls), users with security-profile lookups,
phone numbers, quick connects and their queue associations."""
from __future__ import annotations

from typing import Any

from ccdsl.dsl.model.enums import FEATURE_ATTRIBUTES, STORAGE_TYPES

from .. import addresses as A
from ..resources import Ref
from . import readers as R
from .context import Context, span_of
from .tokens import user_text

CREATE_FEATURES = ("inbound", "outbound")
QUEUE_CONFIGS_PER_CALL = 10
CHANNELS = (("voice", "VOICE"), ("chat", "CHAT"), ("task", "TASK"), ("email", "EMAIL"))


def expand_instance(ctx: Context, instance: Any) -> None:
    features = list(instance.features)
    ctx.facts["identity"] = instance.identity  # agents send a password only to CONNECT_MANAGED
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
    for kind, resource_type in STORAGE_TYPES.items():
        target = getattr(storage, kind, None)
        if target is None:
            continue
        s3: dict[str, Any] = {"BucketName": Ref(A.bucket_addr(target.bucket), "name"),
                              "BucketPrefix": target.prefix or kind.replace("_", "-")}
        if target.key:
            s3["EncryptionConfig"] = {"EncryptionType": "KMS", "KeyId": Ref(A.key_addr(target.key), "arn")}
        ctx.add(A.storage_config_addr(resource_type), "aws_connect_instance_storage_config", {
            "InstanceId": ctx.instance_id, "ResourceType": resource_type,
            "StorageConfig": {"StorageType": "S3", "S3Config": s3},
        }, span=target.span)


def expand_hours(ctx: Context, hours: dict[str, Any]) -> None:
    for name in sorted(hours):
        h = hours[name]
        tz, config = R.hours_config(h.schedule)
        inputs: dict[str, Any] = {"InstanceId": ctx.instance_id, "Name": name, "TimeZone": tz, "Config": config,
                                  "Tags": ctx.tag_map()}
        if h.description:
            inputs["Description"] = h.description
        ctx.add(A.hours_addr(name), "aws_connect_hours_of_operation", inputs, name=name, span=h.span)


def expand_queues(ctx: Context, queues: dict[str, Any]) -> None:
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


def expand_routing(ctx: Context, routing: dict[str, Any], queues: dict[str, Any]) -> None:
    for name in sorted(routing):
        rp = routing[name]
        channels = [(api, getattr(rp.channels, key)) for key, api in CHANNELS if getattr(rp.channels, key)]
        names = sorted(queues) if rp.queues.all else list(rp.queues.queues)
        configs = []
        for qname in names:
            settings = rp.queues.queues.get(qname)
            for channel, _ in channels:
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
        if configs:
            inputs["QueueConfigs"] = configs[:QUEUE_CONFIGS_PER_CALL]
        ctx.add(addr, "aws_connect_routing_profile", inputs, name=name, span=rp.span)
        rest = configs[QUEUE_CONFIGS_PER_CALL:]
        for batch, start in enumerate(range(0, len(rest), QUEUE_CONFIGS_PER_CALL), start=1):
            ctx.add(A.routing_queues_addr(name, batch), "connect_routing_profile_queues", {
                "InstanceId": ctx.instance_id, "RoutingProfileId": Ref(addr, "id"),
                "QueueConfigs": rest[start:start + QUEUE_CONFIGS_PER_CALL],
            }, span=span_of(rp, "queues") or rp.span)


def expand_agents(ctx: Context, agents: dict[str, Any]) -> None:
    first_mention: dict[str, Any] = {}
    for name in sorted(agents):
        for p in agents[name].security:
            first_mention.setdefault(str(p), getattr(p, "span", None))
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
        phone: dict[str, Any] = {"PhoneType": "DESK_PHONE" if a.phone.type == "desk" else "SOFT_PHONE",
                                 "AutoAccept": a.phone.auto_accept,
                                 "AfterContactWorkTimeLimit": int(R.seconds(a.phone.acw_timeout, 0))}
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
        create_only = ()
        # CreateUser: "it is an error to include a password" unless Connect manages identities (W104)
        if a.password is not None and ctx.facts.get("identity", "CONNECT_MANAGED") == "CONNECT_MANAGED":
            inputs["Password"] = user_text(ctx, a.password)
            create_only = ("Password",)
        ctx.add(A.agent_addr(name), "aws_connect_user", inputs, name=name, span=a.span, create_only=create_only)


def expand_numbers(ctx: Context, numbers: dict[str, Any]) -> None:
    for name in sorted(numbers):
        n = numbers[name]
        inputs: dict[str, Any] = {"TargetArn": ctx.instance_arn, "PhoneNumberCountryCode": n.country,
                                  "PhoneNumberType": n.type, "PhoneNumberDescription": n.description or name,
                                  "Tags": ctx.tag_map()}
        if n.prefix:
            inputs["PhoneNumberPrefix"] = n.prefix
        ctx.add(A.number_addr(name), "aws_connect_phone_number", inputs, name=name, span=n.span)


def expand_quick_connects(ctx: Context, quick_connects: dict[str, Any], queues: dict[str, Any],
                          flow_ready: dict[str, set[str]]) -> None:
    """Quick connects, then one association call per queue that offers them."""
    for name in sorted(quick_connects):
        qc = quick_connects[name]
        extra: set[str] = set()
        if qc.queue:
            config: dict[str, Any] = {"QuickConnectType": "QUEUE", "QueueConfig": {
                "QueueId": Ref(A.queue_addr(qc.queue), "id"), "ContactFlowId": Ref(A.flow_addr(qc.flow), "id")}}
        elif qc.user:
            config = {"QuickConnectType": "USER", "UserConfig": {
                "UserId": Ref(A.agent_addr(qc.user), "id"), "ContactFlowId": Ref(A.flow_addr(qc.flow), "id")}}
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

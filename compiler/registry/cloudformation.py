"""CloudFormation mapping of each compiled resource type: its CloudFormation type and property translation,
folding into a parent resource, or a documented custom resource where CloudFormation has no type.

One handler per compiled type (``HANDLERS``), in the order they must run (``RANK``: parents before what folds
into them). ``ATTRS`` says how another resource's ``Ref`` to an output of the type is written. The exporter
(:mod:`ccdsl.compiler.export.cloudformation`) drives them through the small :class:`Sink` protocol.
Property names: AWS CloudFormation resource and property type reference,
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, Protocol

from ccdsl.compiler.export.cfn_values import logical_id, pascal, tag_list
from ccdsl.compiler.resources import Ref, Resource


class Sink(Protocol):
    def put(self, r: Resource, cfn_type: str, props: dict[str, Any]) -> None: ...
    def props(self, address: str) -> dict[str, Any]: ...
    def fold(self, r: Resource, parent: str) -> None: ...
    def v(self, value: Any) -> Any: ...
    def doc(self, value: Any) -> Any: ...
    def step(self, r: Resource, service: str, call: str, args: dict[str, Any], delete: str | None,
             delete_keys: tuple[str, ...] = (), outputs: dict[str, str] | None = None) -> None: ...
    def asset_function(self, r: Resource) -> dict[str, Any]: ...
    def param(self, name: str, default: Any, description: str) -> dict[str, Any]: ...
    def asset_file(self, r: Resource) -> None: ...
    lex: dict[str, dict[str, Any]]
    flow_contents: dict[str, str]


Handler = Callable[[Sink, Resource], None]

# How a Ref to (type, attr) is written: "ref" → Ref; "@Name" → Fn::GetAtt; "sub:<text with {L}>" → Fn::Sub;
# "in:<Input>" → the resource's own input value; "split:<segment>" → the id after /segment/ in its ARN.
ATTRS: dict[str, dict[str, str]] = {
    "aws_connect_instance": {"id": "@Id", "arn": "@Arn"},
    "aws_connect_queue": {"arn": "@QueueArn", "id": "split:queue", "name": "in:Name"},
    "aws_connect_hours_of_operation": {"arn": "@HoursOfOperationArn", "id": "split:operating-hours",
                                       "name": "in:Name"},
    "aws_connect_contact_flow": {"arn": "@ContactFlowArn", "id": "split:contact-flow", "name": "in:Name"},
    "aws_connect_contact_flow_module": {"arn": "@ContactFlowModuleArn", "id": "split:flow-module", "name": "in:Name"},
    "aws_connect_prompt": {"arn": "@PromptArn", "id": "split:prompt", "name": "in:Name"},
    "connect_prompt_existing": {"arn": "in:PromptArn", "id": "in:PromptId", "name": "in:Name"},
    "aws_connect_routing_profile": {"arn": "@RoutingProfileArn", "id": "split:routing-profile", "name": "in:Name"},
    "aws_connect_quick_connect": {"arn": "@QuickConnectArn", "id": "split:transfer-destination",
                                  "name": "in:Name"},
    "aws_connect_user": {"arn": "@UserArn", "id": "split:agent"},
    "aws_connect_phone_number": {"arn": "@PhoneNumberArn", "id": "split:phone-number",
                                 "phone_number": "@Address"},
    "aws_connect_security_profile": {"id": "@Id", "arn": "@Arn", "name": "@Name"},
    "connect_custom_security_profile": {"arn": "@SecurityProfileArn", "id": "split:security-profile",
                                        "name": "in:SecurityProfileName"},
    "aws_connect_user_hierarchy_group": {"arn": "@UserHierarchyGroupArn", "id": "split:agent-group", "name": "in:Name"},
    "aws_connect_agent_status": {"arn": "@AgentStatusArn", "id": "split:agent-state", "name": "in:Name"},
    "aws_connect_task_template": {"arn": "@Arn", "id": "split:task-template", "name": "in:Name"},
    "aws_connect_view": {"arn": "@ViewArn", "id": "@ViewId", "name": "in:Name"},
    "aws_lexv2models_bot": {"id": "ref", "arn": "@Arn"},
    "aws_lexv2models_bot_version": {"version": "@BotVersion"},
    "aws_lexv2models_bot_alias": {"id": "@BotAliasId", "arn": "@Arn"},
    "aws_lambda_function": {"name": "ref", "arn": "@Arn", "version": "version"},
    "aws_lambda_alias": {"arn": "ref", "name": "in:Name"},
    "lambda_function_existing": {"arn": "in:FunctionArn", "id": "in:FunctionArn", "name": "in:FunctionName"},
    "aws_apigatewayv2_api": {"id": "ref", "endpoint": "@ApiEndpoint",
                             "execution_arn": "sub:arn:${AWS::Partition}:execute-api:${AWS::Region}:"
                                              "${AWS::AccountId}:${{L}}"},
    "aws_s3_bucket": {"name": "ref", "arn": "@Arn", "domain_name": "@RegionalDomainName"},
    "aws_kms_key": {"id": "ref", "arn": "@Arn"},
    "kms_key_existing": {"id": "in:KeyId", "arn": "in:KeyArn"},
    "aws_kms_alias": {"name": "ref"},
    "aws_dynamodb_table": {"name": "ref", "arn": "@Arn", "stream_arn": "@StreamArn"},
    "aws_kinesis_stream": {"name": "ref", "arn": "@Arn"},
    "aws_kinesis_firehose_delivery_stream": {"name": "ref", "arn": "@Arn"},
    "aws_cloudwatch_log_group": {"name": "ref",
                                 "arn": "sub:arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:"
                                        "log-group:${{L}}"},
    "cloudwatch_log_group_existing": {"id": "in:LogGroupName", "name": "in:LogGroupName", "arn": "in:LogGroupArn"},
    "aws_sns_topic": {"arn": "ref", "name": "@TopicName"},
    "aws_iam_role": {"name": "ref", "arn": "@Arn"},
    "aws_cloudwatch_event_rule": {"name": "ref", "arn": "@Arn"},
    "aws_glue_catalog_database": {"name": "ref"},
    "aws_glue_catalog_table": {"name": "ref"},
    "aws_cloudfront_distribution": {"id": "ref", "domain_name": "@DomainName",
                                    "arn": "sub:arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:"
                                           "distribution/${{L}}"},
    "aws_cloudfront_origin_access_control": {"id": "ref"},
    "aws_wafv2_web_acl": {"arn": "@Arn", "id": "@Id"},
    "aws_cloudtrail": {"arn": "@Arn", "name": "ref"},
    "aws_apigatewayv2_integration": {"id": "ref"},
}

INSTANCE_ATTRIBUTES = {
    "AUTO_RESOLVE_BEST_VOICES": "AutoResolveBestVoices", "CONTACTFLOW_LOGS": "ContactflowLogs",
    "CONTACT_LENS": "ContactLens", "EARLY_MEDIA": "EarlyMedia", "USE_CUSTOM_TTS_VOICES": "UseCustomTTSVoices",
    "MULTI_PARTY_CONFERENCE": "MultiPartyConference", "ENHANCED_CONTACT_MONITORING": "EnhancedContactMonitoring",
    "ENHANCED_CHAT_MONITORING": "EnhancedChatMonitoring", "HIGH_VOLUME_OUTBOUND": "HighVolumeOutBound",
    "MULTI_PARTY_CHAT_CONFERENCE": "MultiPartyChatConference", "INBOUND_CALLS": "InboundCalls",
    "OUTBOUND_CALLS": "OutboundCalls",
}
CONNECT_NATIVE_ID_KEYS = ("Id", "Ids")


def parent_of(value: Any) -> str:
    """The address a folded resource's input refers to (its parent)."""
    if isinstance(value, Ref):
        return value.address
    raise ValueError(f"expected a reference to the parent resource, got {value!r}")


def connect_arns(value: Any) -> Any:
    """Connect API ``…Id``/``…Ids`` members holding Refs as CloudFormation's ``…Arn``/``…Arns`` members."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if k.endswith("Id") and isinstance(v, Ref):
                out[k[:-2] + "Arn"] = Ref(v.address, "arn")
            elif k.endswith("Ids") and isinstance(v, list) and all(isinstance(x, Ref) for x in v):
                out[k[:-3] + "Arns"] = [Ref(x.address, "arn") for x in v]
            else:
                out[k] = connect_arns(v)
        return out
    if isinstance(value, list):
        return [connect_arns(v) for v in value]
    return value


def _connect(cfn_type: str, drop: tuple[str, ...] = ()) -> Handler:
    def handle(b: Sink, r: Resource) -> None:
        props = connect_arns({k: v for k, v in r.inputs.items() if k not in drop})
        props = {k: b.v(v) for k, v in props.items()}
        if "Tags" in props:
            props["Tags"] = tag_list(props["Tags"])
        b.put(r, cfn_type, props)
    return handle


def _plain(cfn_type: str, rename: dict[str, str] | None = None, drop: tuple[str, ...] = (),
           docs: tuple[str, ...] = (), lower: bool = False, tag_map: bool = False,
           extra: dict[str, Any] | None = None) -> Handler:
    def handle(b: Sink, r: Resource) -> None:
        props: dict[str, Any] = {}
        for k, v in r.inputs.items():
            if k in drop:
                continue
            key = (rename or {}).get(k, k[:1].upper() + k[1:] if lower else k)
            props[key] = b.doc(v) if k in docs else b.v(v)
        if "Tags" in props and not tag_map:
            props["Tags"] = tag_list(props["Tags"])
        b.put(r, cfn_type, {**props, **(extra or {})})
    return handle


def sns_topic(b: Sink, r: Resource) -> None:
    """CreateTopic's ``Attributes`` are properties of their own in AWS::SNS::Topic (KmsMasterKeyId …)."""
    i = dict(r.inputs)
    props: dict[str, Any] = {"TopicName": b.v(i["Name"])}
    for key, value in (i.get("Attributes") or {}).items():
        props[key] = b.v(value)
    if "Tags" in i:
        props["Tags"] = tag_list(b.v(i["Tags"]))
    b.put(r, "AWS::SNS::Topic", props)


def _fold_prop(parent_key: str, prop: str, value: Callable[[Sink, Resource], Any]) -> Handler:
    def handle(b: Sink, r: Resource) -> None:
        parent = parent_of(r.inputs[parent_key])
        b.props(parent)[prop] = value(b, r)
        b.fold(r, parent)
    return handle


def instance(b: Sink, r: Resource) -> None:
    i = r.inputs
    props: dict[str, Any] = {"IdentityManagementType": i["IdentityManagementType"],
                             "InstanceAlias": b.param("InstanceAlias", i["InstanceAlias"],
                                                      "the Connect instance alias (unique across AWS)"),
                             "Attributes": {"InboundCalls": i.get("InboundCallsEnabled", True),
                                            "OutboundCalls": i.get("OutboundCallsEnabled", True)}}
    if "DirectoryId" in i:
        props["DirectoryId"] = b.v(i["DirectoryId"])
    if "Tags" in i:
        props["Tags"] = tag_list(b.v(i["Tags"]))
    b.put(r, "AWS::Connect::Instance", props)


def instance_attribute(b: Sink, r: Resource) -> None:
    parent = parent_of(r.inputs["InstanceId"])
    name = INSTANCE_ATTRIBUTES.get(r.inputs["AttributeType"])
    if name is None:
        b.step(r, "connect", "update_instance_attribute", dict(r.inputs), None)
        return
    b.props(parent)["Attributes"][name] = str(r.inputs["Value"]).lower() == "true"
    b.fold(r, parent)


def storage_config(b: Sink, r: Resource) -> None:
    i = connect_arns({k: v for k, v in r.inputs.items() if k not in ("StorageConfig",)})
    props = {k: b.v(v) for k, v in i.items()}
    cfg = dict(r.inputs["StorageConfig"])
    cfg.pop("AssociationId", None)
    props.update(b.v(cfg))
    b.put(r, "AWS::Connect::InstanceStorageConfig", props)


def integration(kind: str, arn_of: Callable[[dict[str, Any]], Any]) -> Handler:
    def handle(b: Sink, r: Resource) -> None:
        b.put(r, "AWS::Connect::IntegrationAssociation",
              {"InstanceId": b.v(Ref(parent_of(r.inputs["InstanceId"]), "arn")), "IntegrationType": kind,
               "IntegrationArn": b.v(arn_of(r.inputs))})
    return handle


def approved_origin(b: Sink, r: Resource) -> None:
    b.put(r, "AWS::Connect::ApprovedOrigin",
          {"InstanceId": b.v(Ref(parent_of(r.inputs["InstanceId"]), "arn")), "Origin": b.v(r.inputs["Origin"])})


def phone_number(b: Sink, r: Resource) -> None:
    i = r.inputs
    base = logical_id(r.address)
    props = {"TargetArn": b.v(i["TargetArn"]),
             "CountryCode": b.param(base + "Country", i["PhoneNumberCountryCode"],
                                    f"ISO country code of phone number {r.name or r.address}"),
             "Type": b.param(base + "Type", i["PhoneNumberType"],
                             f"TOLL_FREE, DID, UIFN … of phone number {r.name or r.address}")}
    if i.get("PhoneNumberPrefix"):
        props["Prefix"] = i["PhoneNumberPrefix"]
    if i.get("PhoneNumber"):  # CloudFormation claims by prefix: the whole number is a prefix only it matches
        props["Prefix"] = i["PhoneNumber"]
    if i.get("PhoneNumberDescription"):
        props["Description"] = i["PhoneNumberDescription"]
    if "Tags" in i:
        props["Tags"] = tag_list(b.v(i["Tags"]))
    b.put(r, "AWS::Connect::PhoneNumber", props)


def flow_content(b: Sink, r: Resource) -> None:
    """Folded into the flow; the exporter unfolds it again (a call on the flow) where that makes a cycle."""
    parent = parent_of(r.inputs["ContactFlowId"])
    b.props(parent)["Content"] = b.v(r.inputs["Content"])
    b.fold(r, parent)
    b.flow_contents[r.address] = parent


def flow_content_step(b: Sink, r: Resource) -> None:
    b.step(r, "connect", "update_contact_flow_content", dict(r.inputs), None)


def security_profile(b: Sink, r: Resource) -> None:
    b.step(r, "connect", "search_security_profiles", dict(r.inputs), None,
           outputs={"Id": "SecurityProfiles[0].Id", "Arn": "SecurityProfiles[0].Arn",
                    "Name": "SecurityProfiles[0].SecurityProfileName"})


def queue_quick_connects(b: Sink, r: Resource) -> None:
    b.step(r, "connect", "associate_queue_quick_connects", dict(r.inputs), "disassociate_queue_quick_connects",
           ("InstanceId", "QueueId", "QuickConnectIds"))


def number_flow(b: Sink, r: Resource) -> None:
    b.step(r, "connect", "associate_phone_number_contact_flow", dict(r.inputs),
           "disassociate_phone_number_contact_flow", ("PhoneNumberId", "InstanceId"))


# ---- Lex: locales, slot types, intents and slots fold into AWS::Lex::Bot (AutoBuildBotLocales builds them)

def _lex(value: Any) -> Any:
    """Lex V2 API members as the AWS::Lex::Bot property names (and its enum spellings)."""
    if isinstance(value, str) and value in ("TopResolution", "OriginalValue", "Concatenation"):
        return re.sub(r"(?<!^)([A-Z])", r"_\1", value).upper()
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            key = {"messageGroups": "MessageGroupsList", "active": "IsActive"}.get(k, k[:1].upper() + k[1:])
            out[key] = _lex(v)
        return out
    if isinstance(value, list):
        return [_lex(v) for v in value]
    return value


def bot(b: Sink, r: Resource) -> None:
    i = r.inputs
    props = {"Name": b.v(i["botName"]), "RoleArn": b.v(i["roleArn"]),
             "DataPrivacy": pascal(i.get("dataPrivacy", {"childDirected": False})),
             "IdleSessionTTLInSeconds": i.get("idleSessionTTLInSeconds", 300), "AutoBuildBotLocales": True,
             "BotLocales": []}
    if i.get("description"):
        props["Description"] = i["description"]
    if i.get("botTags"):
        props["BotTags"] = tag_list(b.v(i["botTags"]))
    b.put(r, "AWS::Lex::Bot", props)


def bot_locale(b: Sink, r: Resource) -> None:
    i = r.inputs
    locale: dict[str, Any] = {"LocaleId": i["localeId"],
                              "NluConfidenceThreshold": i.get("nluIntentConfidenceThreshold", 0.4),
                              "SlotTypes": [], "Intents": []}
    if i.get("voiceSettings"):
        locale["VoiceSettings"] = pascal(i["voiceSettings"])
    if i.get("description"):
        locale["Description"] = i["description"]
    bot_address = parent_of(i["botId"])
    b.props(bot_address)["BotLocales"].append(locale)
    b.lex[r.address] = locale
    b.fold(r, bot_address)


_LEX_KEYS = ("botId", "botVersion", "localeId", "intentId", "slotTypeId", "slotId", "slotPriorities")


def slot_type(b: Sink, r: Resource) -> None:
    locale = b.lex[parent_of(r.inputs["localeId"])]
    props = _lex({k: b.v(v) for k, v in r.inputs.items() if k not in _LEX_KEYS and k != "slotTypeName"})
    locale["SlotTypes"].append({"Name": r.inputs["slotTypeName"], **props})
    b.fold(r, parent_of(r.inputs["botId"]))


def intent(b: Sink, r: Resource) -> None:
    locale = b.lex[parent_of(r.inputs["localeId"])]
    props = _lex({k: b.v(v) for k, v in r.inputs.items() if k not in _LEX_KEYS and k != "intentName"})
    body = {"Name": r.inputs["intentName"], **props}
    locale["Intents"].append(body)
    b.lex[r.address] = body
    b.fold(r, parent_of(r.inputs["botId"]))


def slot(b: Sink, r: Resource) -> None:
    body = b.lex[parent_of(r.inputs["intentId"])]
    type_ref = r.inputs["slotTypeId"]
    type_name = b.v(type_ref) if isinstance(type_ref, Ref) else type_ref
    props = _lex({k: b.v(v) for k, v in r.inputs.items() if k not in _LEX_KEYS and k != "slotName"})
    body.setdefault("Slots", []).append({"Name": r.inputs["slotName"], "SlotTypeName": type_name, **props})
    b.lex[r.address] = {"Name": r.inputs["slotName"]}
    b.fold(r, parent_of(r.inputs["botId"]))


def slot_priorities(b: Sink, r: Resource) -> None:
    body = b.lex[parent_of(r.inputs["intentId"])]
    body["SlotPriorities"] = [{"Priority": p["priority"], "SlotName": b.lex[parent_of(p["slotId"])]["Name"]}
                              for p in r.inputs["slotPriorities"]]
    b.fold(r, parent_of(r.inputs["botId"]))


def bot_version(b: Sink, r: Resource) -> None:
    i = r.inputs
    spec = [{"LocaleId": loc, "BotVersionLocaleDetails": {"SourceBotVersion": d.get("sourceBotVersion", "DRAFT")}}
            for loc, d in i["botVersionLocaleSpecification"].items()]
    props = {"BotId": b.v(i["botId"]), "BotVersionLocaleSpecification": spec}
    if i.get("description"):
        props["Description"] = i["description"]
    b.put(r, "AWS::Lex::BotVersion", props)


def bot_alias(b: Sink, r: Resource) -> None:
    i = r.inputs
    props: dict[str, Any] = {"BotAliasName": i["botAliasName"], "BotId": b.v(i["botId"]),
                             "BotVersion": b.v(i["botVersion"])}
    settings = []
    for loc, s in i.get("botAliasLocaleSettings", {}).items():
        body = _lex(b.v(s))
        hook = body.get("CodeHookSpecification", {}).get("LambdaCodeHook")
        if hook and "LambdaARN" in hook:
            hook["LambdaArn"] = hook.pop("LambdaARN")
        settings.append({"LocaleId": loc, "BotAliasLocaleSetting": body})
    if settings:
        props["BotAliasLocaleSettings"] = settings
    for key in ("sentimentAnalysisSettings", "conversationLogSettings", "description"):
        if key in i:
            props[key[:1].upper() + key[1:]] = _lex(b.v(i[key]))
    if i.get("tags"):
        props["BotAliasTags"] = tag_list(b.v(i["tags"]))
    b.put(r, "AWS::Lex::BotAlias", props)


def bot_alias_policy(b: Sink, r: Resource) -> None:
    b.put(r, "AWS::Lex::ResourcePolicy", {"ResourceArn": b.v(r.inputs["resourceArn"]),
                                          "Policy": b.doc(r.inputs["policy"])})


# ---- Lambda and APIs

def function(b: Sink, r: Resource) -> None:
    props = {k: b.v(v) for k, v in r.inputs.items() if k not in ("Code", "Publish", "FunctionName")}
    props = {"FunctionName": b.v(r.inputs["FunctionName"]), "Code": b.asset_function(r), **props}
    if "Tags" in props:
        props["Tags"] = tag_list(props["Tags"])
    b.put(r, "AWS::Lambda::Function", props)


def lambda_permission(b: Sink, r: Resource) -> None:
    i = dict(r.inputs)
    i.pop("StatementId", None)
    qualifier = i.pop("Qualifier", None)
    props = {k: b.v(v) for k, v in i.items()}
    if qualifier is not None:
        props["FunctionName"] = {"Fn::Join": [":", [props["FunctionName"], b.v(qualifier)]]}
    b.put(r, "AWS::Lambda::Permission", props)


def provisioned(b: Sink, r: Resource) -> None:
    parent = parent_of(r.inputs["Qualifier"])
    b.props(parent)["ProvisionedConcurrencyConfig"] = {
        "ProvisionedConcurrentExecutions": r.inputs["ProvisionedConcurrentExecutions"]}
    b.fold(r, parent)


# ---- Storage

def bucket(b: Sink, r: Resource) -> None:
    props: dict[str, Any] = {"BucketName": b.v(r.inputs["Bucket"])}
    if r.inputs.get("ObjectOwnership"):
        props["OwnershipControls"] = {"Rules": [{"ObjectOwnership": r.inputs["ObjectOwnership"]}]}
    b.put(r, "AWS::S3::Bucket", props)


def _lifecycle(b: Sink, r: Resource) -> dict[str, Any]:
    rules = []
    for rule in r.inputs["LifecycleConfiguration"]["Rules"]:
        out: dict[str, Any] = {"Id": rule.get("ID", "ccdsl"), "Status": rule["Status"]}
        prefix = (rule.get("Filter") or {}).get("Prefix")
        if prefix:
            out["Prefix"] = prefix
        if "AbortIncompleteMultipartUpload" in rule:
            out["AbortIncompleteMultipartUpload"] = rule["AbortIncompleteMultipartUpload"]
        if "Expiration" in rule:
            out["ExpirationInDays"] = rule["Expiration"]["Days"]
        if "NoncurrentVersionExpiration" in rule:
            out["NoncurrentVersionExpiration"] = rule["NoncurrentVersionExpiration"]
        if "Transitions" in rule:
            out["Transitions"] = [{"TransitionInDays": t["Days"], "StorageClass": t["StorageClass"]}
                                  for t in rule["Transitions"]]
        rules.append(out)
    return {"Rules": rules}


def _encryption(b: Sink, r: Resource) -> dict[str, Any]:
    rules = []
    for rule in r.inputs["ServerSideEncryptionConfiguration"]["Rules"]:
        rules.append({"ServerSideEncryptionByDefault": b.v(rule["ApplyServerSideEncryptionByDefault"]),
                      **({"BucketKeyEnabled": rule["BucketKeyEnabled"]} if "BucketKeyEnabled" in rule else {})})
    return {"ServerSideEncryptionConfiguration": rules}


def kms_key(b: Sink, r: Resource) -> None:
    i = r.inputs
    props: dict[str, Any] = {k: i[k] for k in ("Description", "KeyUsage", "KeySpec") if k in i}
    if "Policy" in i:
        props["KeyPolicy"] = b.doc(i["Policy"])
    if "Tags" in i:
        props["Tags"] = [{"Key": t["TagKey"], "Value": t["TagValue"]} if "TagKey" in t else t for t in i["Tags"]]
    b.put(r, "AWS::KMS::Key", props)


def dynamodb(b: Sink, r: Resource) -> None:
    props = {k: b.v(v) for k, v in r.inputs.items() if k not in ("SSESpecification", "StreamSpecification")}
    stream = r.inputs.get("StreamSpecification") or {}
    if stream.get("StreamEnabled"):
        props["StreamSpecification"] = {"StreamViewType": stream["StreamViewType"]}
    if "SSESpecification" in r.inputs:
        sse = r.inputs["SSESpecification"]
        props["SSESpecification"] = {"SSEEnabled": sse.get("Enabled", True),
                                     **({"SSEType": sse["SSEType"]} if "SSEType" in sse else {}),
                                     **({"KMSMasterKeyId": b.v(sse["KMSMasterKeyId"])}
                                        if "KMSMasterKeyId" in sse else {})}
    b.put(r, "AWS::DynamoDB::Table", props)


def glue_database(b: Sink, r: Resource) -> None:
    b.put(r, "AWS::Glue::Database", {"CatalogId": {"Ref": "AWS::AccountId"},
                                     "DatabaseInput": b.v(r.inputs["DatabaseInput"])})


def glue_table(b: Sink, r: Resource) -> None:
    b.put(r, "AWS::Glue::Table", {"CatalogId": {"Ref": "AWS::AccountId"}, "DatabaseName": b.v(r.inputs["DatabaseName"]),
                                  "TableInput": b.v(r.inputs["TableInput"])})


def kinesis_stream(b: Sink, r: Resource) -> None:
    i = r.inputs
    props = {"Name": b.v(i["StreamName"])}
    if "ShardCount" in i:
        props["ShardCount"] = i["ShardCount"]
    if "StreamModeDetails" in i:
        props["StreamModeDetails"] = i["StreamModeDetails"]
    if "Tags" in i:
        props["Tags"] = tag_list(b.v(i["Tags"]))
    b.put(r, "AWS::Kinesis::Stream", props)


def event_target(b: Sink, r: Resource) -> None:
    parent = parent_of(r.inputs["Rule"])
    b.props(parent).setdefault("Targets", []).extend(b.v(r.inputs["Targets"]))
    b.fold(r, parent)


def log_group(b: Sink, r: Resource) -> None:
    props = {k[:1].upper() + k[1:]: b.v(v) for k, v in r.inputs.items()}
    if "Tags" in props:
        props["Tags"] = tag_list(props["Tags"])
    b.put(r, "AWS::Logs::LogGroup", props)


def cloudfront(b: Sink, r: Resource) -> None:
    cfg = dict(b.v(r.inputs["DistributionConfig"]))
    cfg.pop("CallerReference", None)
    cfg["Origins"] = cfg["Origins"]["Items"]
    behaviour = dict(cfg["DefaultCacheBehavior"])
    methods = behaviour.pop("AllowedMethods", None)
    if methods:
        behaviour["AllowedMethods"] = methods["Items"]
        if "CachedMethods" in methods:
            behaviour["CachedMethods"] = methods["CachedMethods"]["Items"]
    cfg["DefaultCacheBehavior"] = behaviour
    b.put(r, "AWS::CloudFront::Distribution", {"DistributionConfig": cfg})


def s3_object(b: Sink, r: Resource) -> None:
    b.asset_file(r)


def hours_override(b: Sink, r: Resource) -> None:
    """An override folds into its hours' ``HoursOfOperationOverrides`` (AWS::Connect::HoursOfOperation)."""
    i = r.inputs
    override: dict[str, Any] = {"OverrideName": i["Name"], "EffectiveFrom": i["EffectiveFrom"],
                                "EffectiveTill": i["EffectiveTill"], "OverrideConfig": b.v(i.get("Config") or [])}
    if i.get("Description"):
        override["OverrideDescription"] = i["Description"]
    parent = parent_of(i["HoursOfOperationId"])
    b.props(parent).setdefault("HoursOfOperationOverrides", []).append(override)
    b.fold(r, parent)


def hierarchy_structure(b: Sink, r: Resource) -> None:
    props = {k: b.v(v) for k, v in connect_arns(dict(r.inputs)).items()}
    props["UserHierarchyStructure"] = props.pop("HierarchyStructure")
    b.put(r, "AWS::Connect::UserHierarchyStructure", props)


def agent_status(b: Sink, r: Resource) -> None:
    props = {k: b.v(v) for k, v in connect_arns(dict(r.inputs)).items()}
    if "DisplayOrder" in props:
        props["DisplayOrder"] = int(props["DisplayOrder"])
    if "Tags" in props:
        props["Tags"] = tag_list(props["Tags"])
    b.put(r, "AWS::Connect::AgentStatus", props)


def task_template(b: Sink, r: Resource) -> None:
    """AWS::Connect::TaskTemplate: ``Defaults`` is the list itself, the self-assign flow is
    ``SelfAssignContactFlowArn``."""
    props = {k: b.v(v) for k, v in connect_arns(dict(r.inputs)).items()}
    if "SelfAssignFlowArn" in props:
        props["SelfAssignContactFlowArn"] = props.pop("SelfAssignFlowArn")
    if "Defaults" in props:
        props["Defaults"] = props["Defaults"].get("DefaultFieldValues", [])
    b.put(r, "AWS::Connect::TaskTemplate", props)


def view(b: Sink, r: Resource) -> None:
    """AWS::Connect::View: the template as a JSON object, the actions beside it; always published."""
    inputs = {k: v for k, v in r.inputs.items() if k not in ("Content", "Status")}
    props = {k: b.v(v) for k, v in connect_arns(inputs).items()}
    props["Template"] = json.loads(r.inputs["Content"]["Template"])
    props["Actions"] = list(r.inputs["Content"]["Actions"])
    if "Tags" in props:
        props["Tags"] = tag_list(props["Tags"])
    b.put(r, "AWS::Connect::View", props)


def nothing(b: Sink, r: Resource) -> None:
    """Folded elsewhere (the value is carried by the resource that refers to it)."""


HANDLERS: dict[str, Handler] = {
    "aws_caller_identity": nothing,
    "aws_connect_instance": instance,
    "connect_instance_attribute": instance_attribute,
    "aws_connect_instance_storage_config": storage_config,
    "connect_lambda_association": integration("LAMBDA_FUNCTION", lambda i: i["FunctionArn"]),
    "connect_bot_association": integration("LEX_BOT", lambda i: i["LexV2Bot"]["AliasArn"]),
    "connect_approved_origin": approved_origin,
    "aws_connect_hours_of_operation": _connect("AWS::Connect::HoursOfOperation"),
    "aws_connect_queue": _connect("AWS::Connect::Queue"),
    "connect_queue_quick_connects": queue_quick_connects,
    "aws_connect_quick_connect": _connect("AWS::Connect::QuickConnect"),
    "aws_connect_routing_profile": _connect("AWS::Connect::RoutingProfile"),
    "aws_connect_security_profile": security_profile,
    "aws_connect_user": _connect("AWS::Connect::User"),
    "connect_user_proficiencies": _fold_prop("UserId", "UserProficiencies",
                                             lambda b, r: b.v(r.inputs["UserProficiencies"])),
    "aws_connect_hours_of_operation_override": hours_override,
    "connect_custom_security_profile": _connect("AWS::Connect::SecurityProfile"),
    "connect_user_hierarchy_structure": hierarchy_structure,
    "aws_connect_user_hierarchy_group": _connect("AWS::Connect::UserHierarchyGroup"),
    "aws_connect_agent_status": agent_status,
    "aws_connect_task_template": task_template,
    "aws_connect_view": view,
    "aws_connect_predefined_attribute": _connect("AWS::Connect::PredefinedAttribute"),
    "aws_connect_contact_flow": _connect("AWS::Connect::ContactFlow", drop=("Status",)),
    "aws_connect_contact_flow_module": _connect("AWS::Connect::ContactFlowModule"),
    "aws_connect_prompt": _connect("AWS::Connect::Prompt", drop=("SourceSha256",)),
    "connect_contact_flow_content": flow_content,
    "aws_connect_phone_number": phone_number,
    "connect_phone_number_flow_association": number_flow,
    "aws_lexv2models_bot": bot,
    "aws_lexv2models_bot_locale": bot_locale,
    "aws_lexv2models_slot_type": slot_type,
    "aws_lexv2models_intent": intent,
    "lex_fallback_intent": intent,
    "aws_lexv2models_slot": slot,
    "lex_intent_slot_priorities": slot_priorities,
    "lex_bot_locale_build": nothing,
    "aws_lexv2models_bot_version": bot_version,
    "aws_lexv2models_bot_alias": bot_alias,
    "lex_bot_alias_policy": bot_alias_policy,
    "lambda_package": nothing,
    "lambda_function_existing": nothing,
    "connect_prompt_existing": nothing,
    "kms_key_existing": nothing,
    "cloudwatch_log_group_existing": nothing,
    "aws_lambda_function": function,
    "aws_lambda_alias": _plain("AWS::Lambda::Alias"),
    "aws_lambda_permission": lambda_permission,
    "aws_lambda_provisioned_concurrency_config": provisioned,
    "aws_lambda_function_concurrency": _fold_prop("FunctionName", "ReservedConcurrentExecutions",
                                                  lambda b, r: r.inputs["ReservedConcurrentExecutions"]),
    "aws_apigatewayv2_api": _plain("AWS::ApiGatewayV2::Api", tag_map=True),
    "aws_apigatewayv2_integration": _plain("AWS::ApiGatewayV2::Integration"),
    "aws_apigatewayv2_route": _plain("AWS::ApiGatewayV2::Route"),
    "aws_apigatewayv2_authorizer": _plain("AWS::ApiGatewayV2::Authorizer"),
    "aws_apigatewayv2_stage": _plain("AWS::ApiGatewayV2::Stage", tag_map=True),
    "aws_s3_bucket": bucket,
    "aws_s3_bucket_server_side_encryption_configuration": _fold_prop("Bucket", "BucketEncryption", _encryption),
    "aws_s3_bucket_public_access_block": _fold_prop(
        "Bucket", "PublicAccessBlockConfiguration", lambda b, r: r.inputs["PublicAccessBlockConfiguration"]),
    "aws_s3_bucket_lifecycle_configuration": _fold_prop("Bucket", "LifecycleConfiguration", _lifecycle),
    "aws_s3_bucket_versioning": _fold_prop(
        "Bucket", "VersioningConfiguration", lambda b, r: r.inputs["VersioningConfiguration"]),
    "aws_s3_bucket_policy": _plain("AWS::S3::BucketPolicy", {"Policy": "PolicyDocument"}, docs=("Policy",)),
    "aws_s3_object": s3_object,
    "aws_dynamodb_table": dynamodb,
    "dynamodb_table_ttl": _fold_prop("TableName", "TimeToLiveSpecification",
                                     lambda b, r: r.inputs["TimeToLiveSpecification"]),
    "dynamodb_table_recovery": _fold_prop("TableName", "PointInTimeRecoverySpecification",
                                          lambda b, r: r.inputs["PointInTimeRecoverySpecification"]),
    "aws_kms_key": kms_key,
    "aws_kms_alias": _plain("AWS::KMS::Alias"),
    "kms_key_rotation": _fold_prop("KeyId", "EnableKeyRotation", lambda b, r: True),
    "aws_glue_catalog_database": glue_database,
    "aws_glue_catalog_table": glue_table,
    "aws_kinesis_stream": kinesis_stream,
    "kinesis_stream_retention": _fold_prop("StreamName", "RetentionPeriodHours",
                                           lambda b, r: r.inputs["RetentionPeriodHours"]),
    "kinesis_stream_encryption": _fold_prop("StreamName", "StreamEncryption", lambda b, r: {
        "EncryptionType": "KMS", "KeyId": b.v(r.inputs["KeyId"])}),
    "aws_kinesis_firehose_delivery_stream": _plain("AWS::KinesisFirehose::DeliveryStream"),
    "aws_cloudwatch_log_group": log_group,
    "cloudwatch_log_retention": _fold_prop("logGroupName", "RetentionInDays",
                                           lambda b, r: r.inputs["retentionInDays"]),
    "aws_cloudwatch_log_subscription_filter": _plain("AWS::Logs::SubscriptionFilter", lower=True),
    "aws_cloudwatch_metric_alarm": _plain("AWS::CloudWatch::Alarm"),
    "aws_cloudwatch_composite_alarm": _plain("AWS::CloudWatch::CompositeAlarm"),
    "aws_cloudwatch_dashboard": _plain("AWS::CloudWatch::Dashboard"),
    "aws_cloudwatch_metric_stream": _plain("AWS::CloudWatch::MetricStream"),
    "aws_cloudwatch_event_rule": _plain("AWS::Events::Rule", docs=("EventPattern",), drop=("Tags",)),
    "aws_cloudwatch_event_target": event_target,
    "aws_sns_topic": sns_topic,
    "aws_sns_topic_subscription": _plain("AWS::SNS::Subscription", drop=("ReturnSubscriptionArn",)),
    "aws_cloudtrail": _plain("AWS::CloudTrail::Trail", {"Name": "TrailName", "TagsList": "Tags",
                                                        "KmsKeyId": "KMSKeyId"},
                                extra={"IsLogging": True}),
    "aws_iam_role": _plain("AWS::IAM::Role", docs=("AssumeRolePolicyDocument",)),
    "aws_iam_role_policy": _plain("AWS::IAM::RolePolicy", docs=("PolicyDocument",)),
    "aws_cloudfront_distribution": cloudfront,
    "aws_cloudfront_origin_access_control": _plain("AWS::CloudFront::OriginAccessControl"),
    "aws_wafv2_web_acl": _plain("AWS::WAFv2::WebACL"),
}

# Parents first: a folding handler runs after the resource it folds into (and Lex in its nesting order).
RANK: dict[str, int] = {
    "aws_lexv2models_bot_locale": 1, "aws_lexv2models_slot_type": 2, "aws_lexv2models_intent": 2,
    "lex_fallback_intent": 2, "aws_lexv2models_slot": 3, "lex_intent_slot_priorities": 4,
}
FOLDING = {"connect_instance_attribute", "connect_contact_flow_content", "aws_lambda_provisioned_concurrency_config",
           "aws_lambda_function_concurrency",
           "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_public_access_block",
           "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_versioning", "dynamodb_table_ttl",
           "dynamodb_table_recovery", "kms_key_rotation", "kinesis_stream_retention", "kinesis_stream_encryption",
           "cloudwatch_log_retention", "aws_cloudwatch_event_target",
           "connect_user_proficiencies", "aws_connect_hours_of_operation_override"}


def rank(resource_type: str) -> int:
    """When the type's handler runs: 0 for resources of their own, later for what folds into them."""
    return RANK.get(resource_type, 5 if resource_type in FOLDING else 0)

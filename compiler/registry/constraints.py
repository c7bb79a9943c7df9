"""AWS's documented limits on names, lengths, ranges, policy documents and flow content, as registry rules.

Each rule checks the request of one resource type (the keyword arguments of its boto3 calls) and cites
the AWS page that states the limit. The simulator rejects a request that breaks one and the aws provider
refuses to send it (:func:`~.rules.violations`).
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from .rules import rule

Check = Callable[[Mapping[str, Any]], str | None]  # a request → the AWS error it would get, or None

_CONNECT = "https://docs.aws.amazon.com/connect/latest/APIReference/API_{}.html"
_LEX = "https://docs.aws.amazon.com/lexv2/latest/APIReference/API_{}.html"

# type -> (input key, min length, max length, pattern or None, citation)
NAMES: dict[str, tuple[str, int, int, str | None, str]] = {
    "aws_connect_instance": ("InstanceAlias", 1, 45, r"^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$",
                             _CONNECT.format("CreateInstance")),
    "aws_connect_queue": ("Name", 1, 127, None, _CONNECT.format("CreateQueue")),
    "aws_connect_hours_of_operation": ("Name", 1, 127, None, _CONNECT.format("CreateHoursOfOperation")),
    "aws_connect_routing_profile": ("Name", 1, 127, None, _CONNECT.format("CreateRoutingProfile")),
    "aws_connect_contact_flow": ("Name", 1, 127, None, _CONNECT.format("CreateContactFlow")),
    "aws_connect_contact_flow_module": ("Name", 1, 127, None, _CONNECT.format("CreateContactFlowModule")),
    "aws_connect_prompt": ("Name", 1, 127, None, _CONNECT.format("CreatePrompt")),
    "aws_connect_quick_connect": ("Name", 1, 127, None, _CONNECT.format("CreateQuickConnect")),
    "aws_connect_user": ("Username", 1, 100, r"^[a-zA-Z0-9_\-.@]+$", _CONNECT.format("CreateUser")),
    "aws_lexv2models_bot": ("botName", 1, 100, r"^([0-9a-zA-Z][_-]?){1,100}$", _LEX.format("CreateBot")),
    "aws_lexv2models_intent": ("intentName", 1, 100, r"^([0-9a-zA-Z][_-]?)+$", _LEX.format("CreateIntent")),
    "aws_lexv2models_slot": ("slotName", 1, 100, r"^([0-9a-zA-Z][_-]?)+$", _LEX.format("CreateSlot")),
    "aws_lexv2models_slot_type": ("slotTypeName", 1, 100, r"^([0-9a-zA-Z][_-]?)+$", _LEX.format("CreateSlotType")),
    "aws_lexv2models_bot_alias": ("botAliasName", 1, 100, r"^([0-9a-zA-Z][_-]?)+$", _LEX.format("CreateBotAlias")),
    "aws_s3_bucket": ("Bucket", 3, 63, r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$",
                      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html"),
    "aws_iam_role": ("RoleName", 1, 64, r"^[\w+=,.@-]+$",
                     "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html"),
    "aws_lambda_function": ("FunctionName", 1, 64, r"^[a-zA-Z0-9-_]+$",
                            "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html"),
    "aws_dynamodb_table": ("TableName", 3, 255, r"^[a-zA-Z0-9_.-]+$",
                           "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html"),
    "aws_sns_topic": ("Name", 1, 256, r"^[A-Za-z0-9_-]+(\.fifo)?$",
                      "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html"),
    "aws_kinesis_stream": ("StreamName", 1, 128, r"^[a-zA-Z0-9_.-]+$",
                           "https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html"),
    "aws_kinesis_firehose_delivery_stream": (
        "DeliveryStreamName", 1, 64, r"^[a-zA-Z0-9_.-]+$",
        "https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html"),
    "aws_cloudwatch_log_group": (
        "logGroupName", 1, 512, r"^[.\-_/#A-Za-z0-9]+$",
        "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html"),
    "aws_cloudtrail": ("Name", 3, 128, r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
                       "https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html"),
    "aws_cloudwatch_metric_alarm": ("AlarmName", 1, 255, None,
                                    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/"
                                    "API_PutMetricAlarm.html"),
}

# type -> (input key, minimum, maximum, citation)
RANGES: dict[str, tuple[str, float, float, str]] = {
    "aws_lexv2models_bot": ("idleSessionTTLInSeconds", 60, 86400, _LEX.format("CreateBot")),
    "aws_lexv2models_bot_locale": ("nluIntentConfidenceThreshold", 0, 1, _LEX.format("CreateBotLocale")),
    "aws_connect_queue": ("MaxContacts", 0, 1_000_000, _CONNECT.format("CreateQueue")),
}


def _name_check(key: str, lo: int, hi: int, pattern: str | None) -> Check:
    def check(request: Mapping[str, Any]) -> str | None:
        value = request.get(key)
        if value is None:
            return None
        text = str(value)
        if not lo <= len(text) <= hi:
            return f"InvalidParameterException: {key} {text!r} must be {lo}-{hi} characters"
        if pattern and not re.match(pattern, text):
            return f"InvalidParameterException: {key} {text!r} does not match {pattern}"
        return None

    return check


def _range_check(key: str, lo: float, hi: float) -> Check:
    def check(request: Mapping[str, Any]) -> str | None:
        value = request.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not lo <= value <= hi:
            return f"InvalidParameterException: {key} {value} must be within {lo}-{hi}"
        return None

    return check


for _type, (_key, _lo, _hi, _pattern, _cite) in NAMES.items():
    rule(f"{_type}.{_key}.name", _type, "*", _cite)(_name_check(_key, _lo, _hi, _pattern))
for _type, (_key, _low, _high, _cite) in RANGES.items():
    rule(f"{_type}.{_key}.range", _type, "*", _cite)(_range_check(_key, _low, _high))


@rule("iam.policy.document", ("aws_iam_role_policy", "aws_iam_role", "aws_s3_bucket_policy"), "*",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html")
def _policy_documents(request: Mapping[str, Any]) -> str | None:
    """Every policy document of the request is well formed (its size is :mod:`.documented`'s, as AWS counts)."""
    for key in ("PolicyDocument", "AssumeRolePolicyDocument", "Policy"):
        if key in request:
            problem = policy_problem(key, request[key])
            if problem:
                return problem
    return None


def policy_problem(key: str, document: Any) -> str | None:
    """IAM's checks on a policy document's form: JSON, a Statement list, unique statement IDs."""
    text = document if isinstance(document, str) else json.dumps(document)
    try:
        doc = json.loads(text)
    except ValueError as exc:
        return f"MalformedPolicyDocument: {key} is not JSON: {exc}"
    statements = doc.get("Statement") if isinstance(doc, dict) else None
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or not statements:
        return f"MalformedPolicyDocument: {key} has no Statement"
    sids = [st.get("Sid") for st in statements if isinstance(st, dict) and st.get("Sid")]
    if len(sids) != len(set(sids)):
        return "MalformedPolicyDocument: Statement IDs (SID) in a single policy must be unique."
    return None


# Calls that change a bot's definition: only its working copy (DRAFT) can be changed.
DRAFT_ONLY: dict[str, tuple[str, ...]] = {
    "create_bot_locale": ("aws_lexv2models_bot_locale",),
    "update_bot_locale": ("aws_lexv2models_bot_locale",),
    "create_intent": ("aws_lexv2models_intent",),
    "update_intent": ("aws_lexv2models_intent", "lex_intent_slot_priorities", "lex_fallback_intent"),
    "create_slot": ("aws_lexv2models_slot",),
    "update_slot": ("aws_lexv2models_slot",),
    "create_slot_type": ("aws_lexv2models_slot_type",),
    "update_slot_type": ("aws_lexv2models_slot_type",),
    "build_bot_locale": ("lex_bot_locale_build",),
}


def _draft_only(request: Mapping[str, Any]) -> str | None:
    version = request.get("botVersion", "DRAFT")
    return None if version == "DRAFT" else f"ValidationException: botVersion must be DRAFT, not {version!r}"


for _op, _types in DRAFT_ONLY.items():
    rule(f"lex.{_op}.draft_only", _types, _op, _LEX.format("".join(w.title() for w in _op.split("_"))))(_draft_only)


CHANNELS = ("VOICE", "CHAT", "TASK", "EMAIL")


@rule("connect.routing_profile.concurrency", "aws_connect_routing_profile", "*", _CONNECT.format("MediaConcurrency"))
def _media_concurrency(request: Mapping[str, Any]) -> str | None:
    for i, m in enumerate(request.get("MediaConcurrencies") or []):
        if m.get("Channel") not in CHANNELS:
            return f"InvalidParameterException: MediaConcurrencies[{i}].Channel {m.get('Channel')!r}"
        c = m.get("Concurrency")
        if not isinstance(c, int) or not 0 <= c <= 10:
            return f"InvalidParameterException: MediaConcurrencies[{i}].Concurrency {c!r} (0-10)"
    return None


@rule("connect.routing_profile.queue_config", "aws_connect_routing_profile", "*",
      _CONNECT.format("RoutingProfileQueueConfig"))
def _queue_configs(request: Mapping[str, Any]) -> str | None:
    for i, q in enumerate(request.get("QueueConfigs") or []):
        if not 1 <= int(q.get("Priority", 1)) <= 99 or not 0 <= int(q.get("Delay", 0)) <= 9999:
            return f"InvalidParameterException: QueueConfigs[{i}] priority 1-99, delay 0-9999"
    return None


FLOW_TYPES = ("CONTACT_FLOW", "CUSTOMER_QUEUE", "CUSTOMER_HOLD", "CUSTOMER_WHISPER", "AGENT_HOLD",
              "AGENT_WHISPER", "OUTBOUND_WHISPER", "AGENT_TRANSFER", "QUEUE_TRANSFER", "CAMPAIGN")


@rule("connect.contact_flow.content", "aws_connect_contact_flow", "create_contact_flow",
      _CONNECT.format("CreateContactFlow"))
def _new_flow(request: Mapping[str, Any]) -> str | None:
    return flow_problem(request.get("Content"), request.get("Type"), request.get("Status", "PUBLISHED"))


@rule("connect.contact_flow.content_update", "connect_contact_flow_content", "update_contact_flow_content",
      _CONNECT.format("UpdateContactFlowContent"))
def _flow_content(request: Mapping[str, Any]) -> str | None:
    return flow_problem(request.get("Content"), None, "PUBLISHED")


@rule("connect.contact_flow_module.content", "aws_connect_contact_flow_module", "create_contact_flow_module",
      _CONNECT.format("CreateContactFlowModule"))
def _new_module(request: Mapping[str, Any]) -> str | None:
    return flow_problem(request.get("Content"), "MODULE", "PUBLISHED")


def flow_problem(content: Any, flow_type: str | None, status: str) -> str | None:
    """What CreateContactFlow / UpdateContactFlowContent would say about this content, or None."""
    if flow_type is not None and flow_type not in (*FLOW_TYPES, "MODULE"):
        return f"InvalidParameterException: unknown contact flow Type {flow_type!r}"
    if not isinstance(content, str) or not 1 <= len(content) <= 256_000:
        return "InvalidParameterException: Content must be a JSON string of 1-256000 characters"
    if status == "SAVED":
        return None  # AWS does not validate saved (unpublished) content
    try:
        doc = json.loads(content)
    except ValueError as exc:
        return f"InvalidContactFlowException: Content is not JSON: {exc}"
    from ccdsl.compiler.flows.validate import validate_flow_json

    problems = validate_flow_json(doc, flow_type)
    if problems:
        listed = "; ".join(str(p) for p in problems[:5])
        more = f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""
        return f"InvalidContactFlowException: {listed}{more}"
    return None

"""AWS-like request checks the simulated account applies before doing anything: name rules and limits
(the ones botocore does not check client-side), and flow content validated as CreateContactFlow does."""
from __future__ import annotations

import json
import re

from ccdsl.runtime.providers.base import ProviderError

# (input key, min, max, pattern or None) per type
RULES: dict[str, list[tuple[str, int, int, str | None]]] = {
    "aws_connect_instance": [("InstanceAlias", 1, 45, r"^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$")],
    "aws_connect_queue": [("Name", 1, 127, None)],
    "aws_connect_hours_of_operation": [("Name", 1, 127, None)],
    "aws_connect_routing_profile": [("Name", 1, 127, None), ("Description", 1, 250, None)],
    "aws_connect_contact_flow": [("Name", 1, 127, None)],
    "aws_connect_quick_connect": [("Name", 1, 127, None)],
    "aws_connect_user": [("Username", 1, 100, r"^[a-zA-Z0-9_\-.@]+$")],
    "aws_lexv2models_bot": [("botName", 1, 100, r"^([0-9a-zA-Z][_-]?){1,100}$")],
    "aws_lexv2models_intent": [("intentName", 1, 100, r"^([0-9a-zA-Z][_-]?)+$")],
    "aws_lexv2models_slot": [("slotName", 1, 100, r"^([0-9a-zA-Z][_-]?)+$")],
    "aws_lexv2models_slot_type": [("slotTypeName", 1, 100, r"^([0-9a-zA-Z][_-]?)+$")],
    "aws_lexv2models_bot_alias": [("botAliasName", 1, 100, r"^([0-9a-zA-Z][_-]?)+$")],
    "aws_s3_bucket": [("Bucket", 3, 63, r"^[a-z0-9][a-z0-9.-]*[a-z0-9]$")],
    "aws_iam_role": [("RoleName", 1, 64, r"^[\w+=,.@-]+$")],
    "aws_lambda_function": [("FunctionName", 1, 64, r"^[a-zA-Z0-9-_]+$")],
    "aws_dynamodb_table": [("TableName", 3, 255, r"^[a-zA-Z0-9_.-]+$")],
    "aws_sns_topic": [("Name", 1, 256, r"^[A-Za-z0-9_-]+(\.fifo)?$")],
    "aws_kinesis_stream": [("StreamName", 1, 128, r"^[a-zA-Z0-9_.-]+$")],
    "aws_kinesis_firehose_delivery_stream": [("DeliveryStreamName", 1, 64, r"^[a-zA-Z0-9_.-]+$")],
    "aws_cloudwatch_log_group": [("logGroupName", 1, 512, r"^[.\-_/#A-Za-z0-9]+$")],
    "aws_cloudtrail": [("Name", 3, 128, r"^[A-Za-z0-9][A-Za-z0-9._-]*$")],
    "aws_cloudwatch_metric_alarm": [("AlarmName", 1, 255, None)],
    "aws_glue_catalog_database": [],
}
RANGES: dict[str, list[tuple[str, float, float]]] = {
    "aws_lexv2models_bot": [("idleSessionTTLInSeconds", 60, 86400)],
    "aws_lexv2models_bot_locale": [("nluIntentConfidenceThreshold", 0, 1)],
    "aws_connect_queue": [("MaxContacts", 0, 1_000_000)],
}
FLOW_TYPES = {"CONTACT_FLOW", "CUSTOMER_QUEUE", "CUSTOMER_HOLD", "CUSTOMER_WHISPER", "AGENT_HOLD",
              "AGENT_WHISPER", "OUTBOUND_WHISPER", "AGENT_TRANSFER", "QUEUE_TRANSFER", "CAMPAIGN"}


DRAFT_ONLY = {"aws_lexv2models_bot_locale", "aws_lexv2models_intent", "aws_lexv2models_slot",
              "aws_lexv2models_slot_type", "lex_bot_locale_build", "lex_intent_slot_priorities", "lex_fallback_intent"}
CHANNELS = {"VOICE", "CHAT", "TASK", "EMAIL"}


class InvalidRequest(ProviderError):
    pass


def check_routing(inputs: dict) -> None:
    for i, m in enumerate(inputs.get("MediaConcurrencies") or []):
        if m.get("Channel") not in CHANNELS:
            raise InvalidRequest(f"InvalidParameterException: MediaConcurrencies[{i}].Channel {m.get('Channel')!r}")
        c = m.get("Concurrency")
        if not isinstance(c, int) or not 0 <= c <= 10:
            raise InvalidRequest(f"InvalidParameterException: MediaConcurrencies[{i}].Concurrency {c!r} (0-10)")
    for i, q in enumerate(inputs.get("QueueConfigs") or []):
        if not 1 <= int(q.get("Priority", 1)) <= 99 or not 0 <= int(q.get("Delay", 0)) <= 9999:
            raise InvalidRequest(f"InvalidParameterException: QueueConfigs[{i}] priority 1-99, delay 0-9999")


def check(resource_type: str, inputs: dict) -> None:
    for key, lo, hi, pattern in RULES.get(resource_type, ()):
        value = inputs.get(key)
        if value is None:
            continue
        text = str(value)
        if not lo <= len(text) <= hi:
            raise InvalidRequest(f"InvalidParameterException: {key} {text!r} must be {lo}-{hi} characters")
        if pattern and not re.match(pattern, text):
            raise InvalidRequest(f"InvalidParameterException: {key} {text!r} does not match {pattern}")
    for key, lo, hi in RANGES.get(resource_type, ()):
        value = inputs.get(key)
        if isinstance(value, (int, float)) and not lo <= value <= hi:
            raise InvalidRequest(f"InvalidParameterException: {key} {value} must be within {lo}-{hi}")
    if resource_type in ("aws_iam_role_policy", "aws_iam_role", "aws_s3_bucket_policy"):
        for key in ("PolicyDocument", "AssumeRolePolicyDocument", "Policy"):
            if key in inputs:
                check_policy(key, inputs[key], 10_240 if resource_type == "aws_iam_role_policy" else 20_480)
    if resource_type in DRAFT_ONLY and inputs.get("botVersion", "DRAFT") != "DRAFT":
        raise InvalidRequest(f"ValidationException: botVersion must be DRAFT, not {inputs.get('botVersion')!r}")
    if resource_type == "aws_connect_routing_profile":
        check_routing(inputs)
    if resource_type == "aws_connect_contact_flow":
        check_flow(inputs.get("Content"), inputs.get("Type"), inputs.get("Status", "PUBLISHED"))
    elif resource_type == "connect_contact_flow_content":
        check_flow(inputs.get("Content"), None, "PUBLISHED")


def check_flow(content, flow_type, status) -> None:
    if flow_type is not None and flow_type not in FLOW_TYPES:
        raise InvalidRequest(f"InvalidParameterException: unknown contact flow Type {flow_type!r}")
    if not isinstance(content, str) or not 1 <= len(content) <= 256_000:
        raise InvalidRequest("InvalidParameterException: Content must be a JSON string of 1-256000 characters")
    if status == "SAVED":
        return  # AWS does not validate saved (unpublished) content
    try:
        doc = json.loads(content)
    except ValueError as exc:
        raise InvalidRequest(f"InvalidContactFlowException: Content is not JSON: {exc}") from None
    try:
        from ccdsl.compiler.flows.validate import validate_flow_json
    except ImportError:  # pragma: no cover - the validator ships with the compiler
        return
    problems = validate_flow_json(doc, flow_type)
    if problems:
        listed = "; ".join(str(p) for p in problems[:5])
        more = f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""
        raise InvalidRequest(f"InvalidContactFlowException: {listed}{more}")


def check_policy(key: str, document, max_chars: int) -> None:
    """IAM's checks on a policy document: JSON, a Statement list, unique statement IDs, its size."""
    text = document if isinstance(document, str) else json.dumps(document)
    if len(text) > max_chars:
        raise InvalidRequest(f"LimitExceeded: {key} is {len(text)} characters, more than {max_chars}")
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise InvalidRequest(f"MalformedPolicyDocument: {key} is not JSON: {exc}") from None
    statements = doc.get("Statement") if isinstance(doc, dict) else None
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or not statements:
        raise InvalidRequest(f"MalformedPolicyDocument: {key} has no Statement")
    sids = [st.get("Sid") for st in statements if isinstance(st, dict) and st.get("Sid")]
    if len(sids) != len(set(sids)):
        raise InvalidRequest("MalformedPolicyDocument: Statement IDs (SID) in a single policy must be unique.")


def documented(resource_type: str, action: str, inputs: dict, region: str) -> None:
    """AWS's documented rules (:mod:`ccdsl.compiler.registry.documented`) on the calls the aws provider
    would send for this resource, and whether its service runs in the account's region."""
    from ccdsl.compiler.registry import documented as rules_text, rules
    from ccdsl.runtime import typeinfo

    service = typeinfo.service(resource_type)
    family = "connect" if service == "connect" else "lex" if service.startswith("lex") else ""
    if family and not rules_text.available(family, region):
        raise InvalidRequest(f"EndpointConnectionError: Amazon {family.capitalize()} does not run in {region}")
    spec = typeinfo.spec(resource_type)
    operation = (spec.update or spec.create) if spec is not None and action == "update" else \
        spec.create if spec is not None else "*"
    for request in rules_text.per_call(inputs):
        for found, message in rules.violations(resource_type, operation, request):
            raise InvalidRequest(f"{message} [{found.id}]")


def user_password(account, r) -> str | None:
    """CreateUser's password rule against the instance's identity management (Connect API reference,
    CreateUser Password: required for CONNECT_MANAGED, an error otherwise). Like the aws provider, an agent
    without one on a CONNECT_MANAGED instance gets a generated password kept as a simulated secret; returns
    that secret's name."""
    import secrets as random_source

    instance = account.get("aws_connect_instance", str(r.inputs.get("InstanceId", "")))
    identity = (instance.inputs or {}).get("IdentityManagementType") if instance is not None else None
    if identity is None:
        return None
    if r.inputs.get("Password"):
        if identity != "CONNECT_MANAGED":
            raise InvalidRequest(f"InvalidParameterException: a password is an error for a user of a {identity} "
                                 "instance [connect.create_user.password_identity]")
        return None
    if identity != "CONNECT_MANAGED":
        return None
    site = str((r.inputs.get("Tags") or {}).get("ccdsl:site", "site"))
    name = f"ccdsl/{site}/agents/{r.inputs.get('Username', r.name)}"
    if account.parameter(name) is None:
        account.put_parameter(name, "Sim-" + random_source.token_urlsafe(18) + "1a")
    return name

"""model_check: the full service-model validation botocore does not do (enums, maxima, patterns),
and every create call the compiler emits for acme-bank checked against it."""
import functools
import re

import boto3
import pytest

from ccdsl.runtime.providers.aws.model_check import check_operation, check_request


@functools.cache
def _model(service: str):
    import botocore.session

    return botocore.session.get_session().get_service_model(service)


@functools.cache
def _operation_names(service: str) -> dict[str, str]:
    from botocore import xform_name

    return {xform_name(name): name for name in _model(service).operation_names}


@pytest.fixture(scope="module")
def client():
    def make(service):
        return boto3.client(service, region_name="eu-west-2", aws_access_key_id="x", aws_secret_access_key="x")

    return make


def messages(problems):
    return [str(p) for p in problems]


def test_enum_maximum_and_pattern_that_botocore_lets_through(client):
    connect = client("connect")
    assert messages(check_operation(connect, "create_contact_flow", {
        "InstanceId": "i", "Name": "main", "Type": "BOGUS", "Content": "{}"})) == [
        "Type: 'BOGUS' is not one of CONTACT_FLOW, CUSTOMER_QUEUE, CUSTOMER_HOLD, CUSTOMER_WHISPER, AGENT_HOLD, "
        "AGENT_WHISPER, OUTBOUND_WHISPER, AGENT_TRANSFER, QUEUE_TRANSFER, CAMPAIGN"]
    problems = messages(check_operation(connect, "create_routing_profile", {
        "InstanceId": "i", "Name": "everyone", "Description": "d", "DefaultOutboundQueueId": "q",
        "MediaConcurrencies": [{"Channel": "VOICE", "Concurrency": 1}, {"Channel": "CHAT", "Concurrency": 99}]}))
    assert problems == ["MediaConcurrencies[1].Concurrency: 99 is above the maximum 10"]
    assert messages(check_operation(connect, "claim_phone_number", {"PhoneNumber": "0123"}))[0].startswith(
        "PhoneNumber: '0123' does not match the pattern")
    assert check_operation(connect, "claim_phone_number", {"PhoneNumber": "+442071234567"}) == []


def test_required_unknown_and_type_problems_name_their_paths(client):
    problems = messages(check_operation(client("lexv2-models"), "create_slot", {
        "slotName": "account", "botId": "ABCDEFGHIJ", "botVersion": "DRAFT", "localeId": "en_GB",
        "intentId": "INTENT0001", "valueElicitationSetting": {
            "slotConstraint": "Sometimes", "promptSpecification": {
                "messageGroups": [{"message": {"plainTextMessage": {"value": 7}}}], "maxRetries": 9},
            "colour": "blue"}}))
    assert problems[:3] == [
        "valueElicitationSetting.slotConstraint: 'Sometimes' is not one of Required, Optional",
        "valueElicitationSetting.promptSpecification.messageGroups[0].message.plainTextMessage.value: "
        "expected a string, got int",
        "valueElicitationSetting.promptSpecification.maxRetries: 9 is above the maximum 5",
    ]
    assert len(problems) == 4 and problems[3].startswith("valueElicitationSetting.colour: unknown member")
    missing = messages(check_operation(client("connect"), "create_queue", {"InstanceId": "i", "Name": "q"}))
    assert missing == ["HoursOfOperationId: required member is missing"]


def test_sensitive_values_never_appear_in_messages(client):
    problems = messages(check_operation(client("connect"), "create_user", {
        "Username": "agent", "Password": "alllowercase", "SecurityProfileIds": ["p"], "RoutingProfileId": "r",
        "InstanceId": "i"}))
    assert len(problems) == 1 and "alllowercase" not in problems[0]
    assert problems[0].startswith("Password: the value (sensitive, not shown) does not match the pattern")


def test_list_and_map_sizes(client):
    problems = messages(check_operation(client("connect"), "associate_queue_quick_connects", {
        "InstanceId": "i", "QueueId": "q", "QuickConnectIds": [f"qc{i}" for i in range(51)]}))
    assert problems == ["QuickConnectIds: 51 items is above the maximum 50"]


# --- the compiler's output, checked request by request ------------------------------------------------

_UUID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
_SPECIAL = {"aws_connect_phone_number", "aws_connect_security_profile", "lambda_package"}


def _fake(ref_type: str, attr: str, address: str) -> str:
    """A plausible output value of the given resource type (real formats, so patterns apply)."""
    short = re.sub(r"[^A-Za-z0-9-]", "-", address)[:40]
    if attr == "arn":
        return {
            "aws_iam_role": f"arn:aws:iam::123456789012:role/{short}",
            "aws_kms_key": f"arn:aws:kms:eu-west-2:123456789012:key/{_UUID}",
            "aws_s3_bucket": f"arn:aws:s3:::{short.lower()}",
            "aws_lambda_function": f"arn:aws:lambda:eu-west-2:123456789012:function:{short}",
            "aws_lambda_alias": f"arn:aws:lambda:eu-west-2:123456789012:function:{short}:live",
            "aws_lexv2models_bot_alias": "arn:aws:lex:eu-west-2:123456789012:bot-alias/ABCDEFGHIJ/KLMNOPQRST",
            "aws_connect_instance": f"arn:aws:connect:eu-west-2:123456789012:instance/{_UUID}",
            "aws_cloudwatch_log_group": f"arn:aws:logs:eu-west-2:123456789012:log-group:/{short}",
            "aws_kinesis_stream": f"arn:aws:kinesis:eu-west-2:123456789012:stream/{short}",
        }.get(ref_type, f"arn:aws:{ref_type.split('_')[1]}:eu-west-2:123456789012:{short}")
    if attr == "execution_arn":
        return "arn:aws:execute-api:eu-west-2:123456789012:a1b2c3d4e5"
    if attr == "account":
        return "123456789012"
    if attr in ("id", "slot_id", "intent_id") and ref_type.startswith("aws_lexv2models"):
        return "ABCDEFGHIJ"
    if attr == "id" and ref_type.startswith("aws_connect"):
        return _UUID
    if attr == "version":
        return "1"
    if attr in ("name", "id"):
        return short.lower()
    return f"{short}-{attr}"


def _resolve(value, site):
    from ccdsl.compiler.resources import Ref, Secret, Template

    if isinstance(value, Ref):
        return _fake(site.resources[value.address].type, value.attr, value.address)
    if isinstance(value, Secret):
        return "Secret-Value-1"
    if isinstance(value, Template):
        return "".join(p if isinstance(p, str) else str(_resolve(p, site)) for p in value.parts)
    if isinstance(value, dict):
        return {k: _resolve(v, site) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_resolve(v, site) for v in value]
    return value


def test_every_create_call_of_acme_bank_satisfies_the_service_model():
    from aws_acme_site import SITE

    from ccdsl.compiler.pipeline import compile_site
    from ccdsl.compiler.registry import REGISTRY

    site, _ = compile_site(SITE)
    specs = REGISTRY
    problems = []
    checked = 0
    for address, resource in site.resources.items():
        spec = specs[resource.type]
        if spec.service == "local" or resource.type in _SPECIAL:
            continue
        kwargs = _resolve(resource.inputs, site)
        for path, how in spec.local_inputs.items():
            head = path.split(".")[0]
            if how in ("hash", "search", "delete") or (how.startswith("file:") and head not in how):
                kwargs.pop(head, None)
            if how == "file:Code.ZipFile":
                kwargs["Code"]["ZipFile"] = b"PK"
            if how == "file:Body":
                kwargs["Body"] = b"<html/>"
        if resource.type == "aws_connect_routing_profile":  # the handler sends the rest in further calls
            from ccdsl.runtime.providers.aws.handlers.connect import QUEUE_CONFIGS_PER_CALL

            kwargs["QueueConfigs"] = kwargs["QueueConfigs"][:QUEUE_CONFIGS_PER_CALL]
        checked += 1
        model = _model(spec.service)
        operation = model.operation_model(_operation_names(spec.service)[spec.create])
        problems += [f"{address} ({spec.create}): {p}" for p in check_request(operation, kwargs)]
    assert checked > 200
    assert problems == []


def test_every_registry_type_has_a_handler_built_from_its_entry():
    from ccdsl.compiler.registry import REGISTRY
    from ccdsl.runtime.providers.aws.handlers import handlers

    built = handlers()
    assert set(built) == set(REGISTRY)
    assert all(built[name].spec is REGISTRY[name] for name in REGISTRY)

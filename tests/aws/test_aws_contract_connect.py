"""Contract tests for the Connect configuration moto does not serve: botocore Stubbers with real-shaped
responses; every request is also checked against the full service model (enums, maxima, patterns)."""
import json

import pytest

from ccdsl.runtime.providers.aws.handlers.numbers import client_token
from ccdsl.runtime.providers.base import ProviderError, ResolvedResource

INSTANCE = "c8b1a3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
INSTANCE_ARN = f"arn:aws:connect:eu-west-2:123456789012:instance/{INSTANCE}"


def uid(n: int) -> str:
    return f"{n:08x}-0000-4000-8000-{n:012x}"


def arn(kind: str, n: int) -> str:
    return f"{INSTANCE_ARN}/{kind}/{uid(n)}"


def res(address, type_, inputs):
    return ResolvedResource(address, type_, address, inputs)


def test_instance_is_polled_until_active(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    connect.add_response("list_instances", {"InstanceSummaryList": []}, {})
    inputs = {"InstanceAlias": "acme-bank", "IdentityManagementType": "CONNECT_MANAGED",
              "InboundCallsEnabled": True, "OutboundCallsEnabled": True}
    connect.add_response("create_instance", {"Id": INSTANCE, "Arn": INSTANCE_ARN}, inputs)
    for status in ("CREATION_IN_PROGRESS", "CREATION_IN_PROGRESS", "ACTIVE"):
        connect.add_response("describe_instance", {"Instance": {"Id": INSTANCE, "InstanceStatus": status}},
                             {"InstanceId": INSTANCE})
    out = provider.create_sync(res("connect.instance", "aws_connect_instance", inputs))
    assert out == {"id": INSTANCE, "arn": INSTANCE_ARN}


def test_instance_creation_failure_is_reported(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    connect.add_response("list_instances", {"InstanceSummaryList": []}, {})
    inputs = {"InstanceAlias": "acme-bank", "IdentityManagementType": "CONNECT_MANAGED",
              "InboundCallsEnabled": True, "OutboundCallsEnabled": True}
    connect.add_response("create_instance", {"Id": INSTANCE, "Arn": INSTANCE_ARN}, inputs)
    connect.add_response("describe_instance", {"Instance": {"Id": INSTANCE, "InstanceStatus": "CREATION_FAILED"}},
                         {"InstanceId": INSTANCE})
    with pytest.raises(ProviderError, match="CREATION_FAILED"):
        provider.create_sync(res("connect.instance", "aws_connect_instance", inputs))


def test_hours_of_operation_created_when_absent_and_adopted_by_name(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    config = [{"Day": day, "StartTime": {"Hours": 8, "Minutes": 0}, "EndTime": {"Hours": 20, "Minutes": 0}}
              for day in ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")]
    inputs = {"InstanceId": INSTANCE, "Name": "office", "TimeZone": "Europe/London", "Config": config}
    basic = {"Id": uid(1), "Arn": arn("operating-hours", 1), "Name": "Basic Hours"}
    connect.add_response("list_hours_of_operations", {"HoursOfOperationSummaryList": [basic]}, {"InstanceId": INSTANCE})
    connect.add_response("create_hours_of_operation", {"HoursOfOperationId": uid(2),
                                                       "HoursOfOperationArn": arn("operating-hours", 2)}, inputs)
    out = provider.create_sync(res("hours.office", "aws_connect_hours_of_operation", inputs))
    assert out == {"id": uid(2), "arn": arn("operating-hours", 2), "name": "office"}
    # state lost: the same name is adopted and brought in line, not created twice
    office = {"Id": uid(2), "Arn": arn("operating-hours", 2), "Name": "office"}
    connect.add_response("list_hours_of_operations", {"HoursOfOperationSummaryList": [basic, office]},
                         {"InstanceId": INSTANCE})
    connect.add_response("update_hours_of_operation", {}, {**inputs, "HoursOfOperationId": uid(2)})
    assert provider.create_sync(res("hours.office", "aws_connect_hours_of_operation", inputs))["id"] == uid(2)


def test_queue_with_more_quick_connects_than_one_call_takes(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    quick = [uid(100 + i) for i in range(60)]
    inputs = {"InstanceId": INSTANCE, "Name": "GeneralAgentQueue", "HoursOfOperationId": uid(2), "MaxContacts": 50,
              "QuickConnectIds": quick}
    connect.add_response("list_queues", {"QueueSummaryList": []}, {"InstanceId": INSTANCE})
    connect.add_response("create_queue", {"QueueId": uid(3), "QueueArn": arn("queue", 3)},
                         {**inputs, "QuickConnectIds": quick[:50]})
    connect.add_response("associate_queue_quick_connects", {},
                         {"InstanceId": INSTANCE, "QueueId": uid(3), "QuickConnectIds": quick[50:]})
    out = provider.create_sync(res("queue.GeneralAgentQueue", "aws_connect_queue", inputs))
    assert out["id"] == uid(3)


def _queue_config(n: int) -> dict:
    return {"QueueReference": {"QueueId": uid(n), "Channel": "VOICE"}, "Priority": 1, "Delay": 0}


def test_routing_profile_queue_configs_are_sent_ten_per_call(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    configs = [_queue_config(200 + i) for i in range(23)]
    inputs = {"InstanceId": INSTANCE, "Name": "everyone", "Description": "All queues",
              "DefaultOutboundQueueId": uid(200), "QueueConfigs": configs,
              "MediaConcurrencies": [{"Channel": "VOICE", "Concurrency": 1}, {"Channel": "CHAT", "Concurrency": 3}]}
    connect.add_response("list_routing_profiles", {"RoutingProfileSummaryList": []}, {"InstanceId": INSTANCE})
    connect.add_response("create_routing_profile", {"RoutingProfileId": uid(4), "RoutingProfileArn": arn("routing-profile", 4)},
                         {**inputs, "QueueConfigs": configs[:10]})
    for part in (configs[10:20], configs[20:]):
        connect.add_response("associate_routing_profile_queues", {},
                             {"InstanceId": INSTANCE, "RoutingProfileId": uid(4), "QueueConfigs": part})
    assert provider.create_sync(res("routing.everyone", "aws_connect_routing_profile", inputs))["id"] == uid(4)


def test_routing_profile_update_adds_changes_and_removes_queues(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    wanted = [_queue_config(201), {**_queue_config(202), "Priority": 2}, _queue_config(203)]
    inputs = {"InstanceId": INSTANCE, "Name": "everyone", "Description": "All queues",
              "DefaultOutboundQueueId": uid(201), "QueueConfigs": wanted,
              "MediaConcurrencies": [{"Channel": "VOICE", "Concurrency": 2}]}
    ids = {"InstanceId": INSTANCE, "RoutingProfileId": uid(4)}
    connect.add_response("update_routing_profile_concurrency", {},
                         {**ids, "MediaConcurrencies": inputs["MediaConcurrencies"]})
    current = [{"QueueId": uid(n), "QueueArn": arn("queue", n), "QueueName": f"q{n}", "Priority": 1, "Delay": 0,
                "Channel": "VOICE"} for n in (201, 202, 299)]
    connect.add_response("list_routing_profile_queues", {"RoutingProfileQueueConfigSummaryList": current}, ids)
    connect.add_response("disassociate_routing_profile_queues", {},
                         {**ids, "QueueReferences": [{"QueueId": uid(299), "Channel": "VOICE"}]})
    connect.add_response("update_routing_profile_queues", {}, {**ids, "QueueConfigs": [wanted[1]]})
    connect.add_response("associate_routing_profile_queues", {}, {**ids, "QueueConfigs": [wanted[2]]})
    provider.update_sync(res("routing.everyone", "aws_connect_routing_profile", inputs), {"id": uid(4)},
                         {"QueueConfigs", "MediaConcurrencies"})


def test_user_gets_security_profiles_looked_up_by_name(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    profiles = {"SecurityProfileSummaryList": [
        {"Id": uid(10), "Arn": arn("security-profile", 10), "Name": "Admin"},
        {"Id": uid(11), "Arn": arn("security-profile", 11), "Name": "Agent"}]}
    inputs = {"InstanceId": INSTANCE, "Username": "test_user", "Password": "Sup3rSecret!",
              "SecurityProfileIds": ["Admin", "Agent"], "RoutingProfileId": uid(4),
              "PhoneConfig": {"PhoneType": "SOFT_PHONE", "AutoAccept": False},
              "IdentityInfo": {"FirstName": "Test", "LastName": "User", "Email": "test@acme.example"}}
    connect.add_response("list_users", {"UserSummaryList": []}, {"InstanceId": INSTANCE})
    connect.add_response("list_security_profiles", profiles, {"InstanceId": INSTANCE})
    connect.add_response("list_security_profiles", profiles, {"InstanceId": INSTANCE})
    connect.add_response("create_user", {"UserId": uid(12), "UserArn": arn("agent", 12)},
                         {**inputs, "SecurityProfileIds": [uid(10), uid(11)]})
    assert provider.create_sync(res("user.test_user", "aws_connect_user", inputs))["id"] == uid(12)


def test_security_profile_lookup_and_unknown_name(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    listing = {"SecurityProfileSummaryList": [{"Id": uid(10), "Arn": arn("security-profile", 10), "Name": "Admin"}]}
    inputs = {"InstanceId": INSTANCE, "SearchCriteria": {"StringCondition": {
        "FieldName": "name", "Value": "Admin", "ComparisonType": "EXACT"}}}
    connect.add_response("list_security_profiles", listing, {"InstanceId": INSTANCE})
    out = provider.create_sync(res("security_profile.Admin", "aws_connect_security_profile", inputs))
    assert out == {"id": uid(10), "arn": arn("security-profile", 10), "name": "Admin"}
    connect.add_response("list_security_profiles", listing, {"InstanceId": INSTANCE})
    inputs["SearchCriteria"]["StringCondition"]["Value"] = "Supervisor"
    with pytest.raises(ProviderError, match="no security profile named 'Supervisor'"):
        provider.create_sync(res("security_profile.Supervisor", "aws_connect_security_profile", inputs))


def test_phone_number_is_searched_claimed_and_polled_until_claimed(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    inputs = {"TargetArn": INSTANCE_ARN, "PhoneNumberCountryCode": "GB", "PhoneNumberType": "DID",
              "PhoneNumberDescription": "main", "Tags": {"ccdsl:site": "acme-bank"}}
    connect.add_response("list_phone_numbers_v2", {"ListPhoneNumbersSummaryList": []},
                         {"TargetArn": INSTANCE_ARN, "PhoneNumberCountryCodes": ["GB"], "PhoneNumberTypes": ["DID"]})
    connect.add_response("search_available_phone_numbers", {"AvailableNumbersList": [
        {"PhoneNumber": "+442071234567", "PhoneNumberCountryCode": "GB", "PhoneNumberType": "DID"}]},
        {"TargetArn": INSTANCE_ARN, "PhoneNumberCountryCode": "GB", "PhoneNumberType": "DID", "MaxResults": 10})
    number_arn = "arn:aws:connect:eu-west-2:123456789012:phone-number/" + uid(20)
    connect.add_response("claim_phone_number", {"PhoneNumberId": uid(20), "PhoneNumberArn": number_arn}, {
        "TargetArn": INSTANCE_ARN, "PhoneNumber": "+442071234567", "PhoneNumberDescription": "main",
        "Tags": {"ccdsl:site": "acme-bank"}, "ClientToken": client_token("number.main")})
    for status in ("IN_PROGRESS", "CLAIMED"):
        connect.add_response("describe_phone_number", {"ClaimedPhoneNumberSummary": {
            "PhoneNumberId": uid(20), "PhoneNumber": "+442071234567",
            "PhoneNumberStatus": {"Status": status}}}, {"PhoneNumberId": uid(20)})
    out = provider.create_sync(res("number.main", "aws_connect_phone_number", inputs))
    assert out == {"id": uid(20), "arn": number_arn, "number": "+442071234567"}


def test_a_number_already_claimed_for_the_site_is_adopted_and_kept_on_destroy(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    inputs = {"TargetArn": INSTANCE_ARN, "PhoneNumberCountryCode": "GB", "PhoneNumberType": "TOLL_FREE",
              "PhoneNumberDescription": "freephone"}
    number_arn = "arn:aws:connect:eu-west-2:123456789012:phone-number/" + uid(21)
    connect.add_response("list_phone_numbers_v2", {"ListPhoneNumbersSummaryList": [
        {"PhoneNumberId": uid(21), "PhoneNumberArn": number_arn, "PhoneNumber": "+448001234567",
         "PhoneNumberCountryCode": "GB", "PhoneNumberType": "TOLL_FREE", "TargetArn": INSTANCE_ARN}]},
        {"TargetArn": INSTANCE_ARN, "PhoneNumberCountryCodes": ["GB"], "PhoneNumberTypes": ["TOLL_FREE"]})
    connect.add_response("describe_phone_number", {"ClaimedPhoneNumberSummary": {
        "PhoneNumberId": uid(21), "PhoneNumber": "+448001234567", "PhoneNumberDescription": "freephone",
        "PhoneNumberStatus": {"Status": "CLAIMED"}}}, {"PhoneNumberId": uid(21)})
    resource = res("number.freephone", "aws_connect_phone_number", inputs)
    out = provider.create_sync(resource)
    assert out["id"] == uid(21)
    provider.delete_sync(resource, out)  # no ReleasePhoneNumber queued: a release would fail the stubber
    assert not [c for c in provider.clients.writes() if c.operation == "ReleasePhoneNumber"]


def test_flows_in_a_cycle_are_created_saved_then_published_with_content(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    stub_content = json.dumps({"Version": "2019-10-30", "StartAction": "end", "Actions": [
        {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}]})
    inputs = {"InstanceId": INSTANCE, "Name": "main", "Type": "CONTACT_FLOW", "Content": stub_content,
              "Status": "SAVED"}
    connect.add_response("list_contact_flows", {"ContactFlowSummaryList": []}, {"InstanceId": INSTANCE})
    connect.add_response("create_contact_flow", {"ContactFlowId": uid(30), "ContactFlowArn": arn("contact-flow", 30)},
                         inputs)
    out = provider.create_sync(res("flow.main", "aws_connect_contact_flow", inputs))
    assert out["id"] == uid(30)
    real = json.dumps({"Version": "2019-10-30", "StartAction": "t", "Actions": [
        {"Identifier": "t", "Type": "TransferContactToQueue", "Parameters": {},
         "Transitions": {"NextAction": "end", "Errors": [{"NextAction": "end", "ErrorType": "QueueAtCapacity"},
                                                     {"NextAction": "end", "ErrorType": "NoMatchingError"}]}},
        {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}]})
    step = {"InstanceId": INSTANCE, "ContactFlowId": uid(30), "Content": real}
    connect.add_response("update_contact_flow_content", {}, step)
    assert provider.create_sync(res("flow.main.content", "connect_contact_flow_content", step)) == {"id": uid(30)}


def test_a_flow_with_a_bad_type_is_refused_before_sending(stubbed):
    provider, stub = stubbed
    stub("connect").add_response("list_contact_flows", {"ContactFlowSummaryList": []}, {"InstanceId": INSTANCE})
    inputs = {"InstanceId": INSTANCE, "Name": "main", "Type": "BOGUS", "Content": "{}"}
    with pytest.raises(ProviderError, match=r"create_contact_flow: not sent: .*unknown contact flow Type 'BOGUS'"):
        provider.create_sync(res("flow.main", "aws_connect_contact_flow", inputs))


def test_queue_quick_connects_association_lists_first_and_chunks_by_fifty(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    wanted = [uid(300 + i) for i in range(125)]
    inputs = {"InstanceId": INSTANCE, "QueueId": uid(3), "QuickConnectIds": wanted}
    present = [{"Id": wanted[0], "Arn": arn("transfer-destination", 300), "Name": "x"}]
    connect.add_response("list_queue_quick_connects", {"QuickConnectSummaryList": present},
                         {"InstanceId": INSTANCE, "QueueId": uid(3)})
    for part in (wanted[1:51], wanted[51:101], wanted[101:]):
        connect.add_response("associate_queue_quick_connects", {}, {**inputs, "QuickConnectIds": part})
    provider.create_sync(res("queue.GeneralAgentQueue.quick_connects", "connect_queue_quick_connects", inputs))


def test_bot_association_already_in_place_makes_no_call(stubbed):
    provider, stub = stubbed
    alias_arn = "arn:aws:lex:eu-west-2:123456789012:bot-alias/ABCDEFGHIJ/TSTALIASID"
    stub("connect").add_response("list_bots", {"LexBots": [{"LexV2Bot": {"AliasArn": alias_arn}}]},
                                 {"InstanceId": INSTANCE, "LexVersion": "V2"})
    inputs = {"InstanceId": INSTANCE, "LexV2Bot": {"AliasArn": alias_arn}}
    out = provider.create_sync(res("bot.banking.association", "connect_bot_association", inputs))
    assert out == {"id": alias_arn} and provider.write_calls == 0


def test_approved_origin_and_lambda_association(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    connect.add_response("list_approved_origins", {"Origins": []}, {"InstanceId": INSTANCE})
    origin = {"InstanceId": INSTANCE, "Origin": "https://d111111abcdef8.cloudfront.net"}
    connect.add_response("associate_approved_origin", {}, origin)
    provider.create_sync(res("site.origin", "connect_approved_origin", origin))
    function = "arn:aws:lambda:eu-west-2:123456789012:function:acme-bank-callback"
    connect.add_response("list_lambda_functions", {"LambdaFunctions": [function]}, {"InstanceId": INSTANCE})
    provider.create_sync(res("function.callback.connect", "connect_lambda_association",
                             {"InstanceId": INSTANCE, "FunctionArn": function}))
    assert [c.operation for c in provider.clients.writes()] == ["AssociateApprovedOrigin"]


def test_storage_config_of_the_same_kind_is_adopted_and_updated(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    storage = {"StorageType": "S3", "S3Config": {"BucketName": "acme-bank-recordings", "BucketPrefix": "connect/recordings",
                                                  "EncryptionConfig": {"EncryptionType": "KMS",
                                                                       "KeyId": "arn:aws:kms:eu-west-2:123456789012:key/k"}}}
    inputs = {"InstanceId": INSTANCE, "ResourceType": "CALL_RECORDINGS", "StorageConfig": storage}
    connect.add_response("list_instance_storage_configs", {"StorageConfigs": [
        {"AssociationId": "a" * 64, "StorageType": "S3", "S3Config": {"BucketName": "old", "BucketPrefix": "x"}}]},
        {"InstanceId": INSTANCE, "ResourceType": "CALL_RECORDINGS"})
    connect.add_response("update_instance_storage_config", {}, {**inputs, "AssociationId": "a" * 64})
    out = provider.create_sync(res("connect.storage.call_recordings", "aws_connect_instance_storage_config", inputs))
    assert out == {"id": "a" * 64}


def test_throttling_and_server_errors_are_retryable_kinds(stubbed):
    from ccdsl.runtime.providers.base import Throttled, Transient

    provider, stub = stubbed
    connect = stub("connect")
    connect.add_client_error("list_queues", "ThrottlingException", "Rate exceeded", 429)
    inputs = {"InstanceId": INSTANCE, "Name": "AccountQueue", "HoursOfOperationId": uid(2)}
    with pytest.raises(Throttled):
        provider.create_sync(res("queue.AccountQueue", "aws_connect_queue", inputs))
    connect.add_response("list_queues", {"QueueSummaryList": []}, {"InstanceId": INSTANCE})
    connect.add_client_error("create_queue", "InternalServiceException", "oops", 500)
    with pytest.raises(Transient):
        provider.create_sync(res("queue.AccountQueue", "aws_connect_queue", inputs))
    connect.add_client_error("describe_queue", "ResourceNotFoundException", "gone", 404)
    assert provider.read_sync(res("queue.AccountQueue", "aws_connect_queue", inputs), {"id": uid(5)}) is None


def test_eventual_consistency_right_after_create(stubbed):
    from ccdsl.runtime.providers.base import Transient

    provider, stub = stubbed
    connect = stub("connect")
    inputs = {"InstanceAlias": "acme-bank", "IdentityManagementType": "CONNECT_MANAGED",
              "InboundCallsEnabled": True, "OutboundCallsEnabled": True}
    connect.add_response("list_instances", {"InstanceSummaryList": []}, {})
    connect.add_response("create_instance", {"Id": INSTANCE, "Arn": INSTANCE_ARN}, inputs)
    connect.add_client_error("describe_instance", "ResourceNotFoundException", "not yet", 404,
                             expected_params={"InstanceId": INSTANCE})
    connect.add_response("describe_instance", {"Instance": {"Id": INSTANCE, "InstanceStatus": "ACTIVE"}},
                         {"InstanceId": INSTANCE})
    assert provider.create_sync(res("connect.instance", "aws_connect_instance", inputs))["id"] == INSTANCE
    # a queue whose hours were created a moment ago: retried by the executor, not failed
    queue = {"InstanceId": INSTANCE, "Name": "AccountQueue", "HoursOfOperationId": uid(2)}
    connect.add_response("list_queues", {"QueueSummaryList": []}, {"InstanceId": INSTANCE})
    connect.add_client_error("create_queue", "ResourceNotFoundException", "hours not found", 404,
                             expected_params=queue)
    with pytest.raises(Transient, match="not visible yet"):
        provider.create_sync(res("queue.AccountQueue", "aws_connect_queue", queue))


def test_a_role_not_yet_assumable_by_lambda_is_a_transient_error(stubbed, tmp_path):
    from ccdsl.runtime.providers.base import Transient

    provider, stub = stubbed
    package = tmp_path / "banking.zip"
    package.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    inputs = {"FunctionName": "acme-bank-banking", "Runtime": "python3.12", "Handler": "handler.handler",
              "Role": "arn:aws:iam::123456789012:role/acme-bank-banking", "Code": {"ZipFile": str(package)}}
    from ccdsl.runtime.providers.aws.errors import IAM_ATTEMPTS

    for _ in range(IAM_ATTEMPTS):  # sent again while IAM propagates, then left to the executor's retries
        stub("lambda").add_client_error(
            "create_function", "InvalidParameterValueException",
            "The role defined for the function cannot be assumed by Lambda.", 400)
    with pytest.raises(Transient, match="cannot be assumed by Lambda"):
        provider.create_sync(res("function.banking", "aws_lambda_function", inputs))


def test_a_duplicate_name_found_on_create_is_adopted(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    inputs = {"InstanceId": INSTANCE, "Name": "AccountQueue", "HoursOfOperationId": uid(2)}
    connect.add_response("list_queues", {"QueueSummaryList": []}, {"InstanceId": INSTANCE})
    connect.add_client_error("create_queue", "DuplicateResourceException", "exists", 409, expected_params=inputs)
    connect.add_response("list_queues", {"QueueSummaryList": [
        {"Id": uid(5), "Arn": arn("queue", 5), "Name": "AccountQueue", "QueueType": "STANDARD"}]},
        {"InstanceId": INSTANCE})
    # the adopted queue is brought in line with the inputs, one Connect update call per attribute
    ids = {"InstanceId": INSTANCE, "QueueId": uid(5)}
    connect.add_response("update_queue_name", {}, {**ids, "Name": "AccountQueue"})
    connect.add_response("update_queue_hours_of_operation", {}, {**ids, "HoursOfOperationId": uid(2)})
    out = provider.create_sync(res("queue.AccountQueue", "aws_connect_queue", inputs))
    assert out == {"id": uid(5), "arn": arn("queue", 5), "name": "AccountQueue"}


def test_invalid_flow_content_reports_the_problems(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    content = json.dumps({"Version": "2019-10-30", "StartAction": "end", "Actions": [
        {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}]})
    inputs = {"InstanceId": INSTANCE, "Name": "main", "Type": "CONTACT_FLOW", "Content": content}
    connect.add_response("list_contact_flows", {"ContactFlowSummaryList": []}, {"InstanceId": INSTANCE})
    connect.add_client_error("create_contact_flow", "InvalidContactFlowException", "The flow is not valid.", 400,
                             response_meta={}, modeled_fields={"problems": [{"message": "StartAction is missing"}]})
    with pytest.raises(ProviderError, match="The flow is not valid. — StartAction is missing"):
        provider.create_sync(res("flow.main", "aws_connect_contact_flow", inputs))


def _compiled_routing_profile(tmp_path, priority: int) -> tuple[dict, list]:
    """The inputs the compiler gives a routing profile over 4 queues x 3 channels, and all 12 queue configs
    the site associates with it (queue ids resolved)."""
    from ccdsl.compiler.pipeline import compile_site
    from ccdsl.compiler.resources import Ref

    queues = "\n".join(f"  Q{i}: {{hours: always}}" for i in range(4))
    (tmp_path / "site.ccd").write_text(f"""ccdsl: 1
site: rp
region: eu-west-2
instance: {{alias: rp-test}}
hours:
  always: 24/7
queues:
{queues}
routing:
  all:
    queues:
      Q0: {{priority: {priority}}}
      Q1: {{}}
      Q2: {{}}
      Q3: {{}}
    channels: {{voice: 1, chat: 2, task: 1}}
    outbound: Q0
""")
    cs, diags = compile_site(tmp_path / "site.ccd")
    assert cs is not None, diags
    queue_ids = {f"queue.Q{i}": uid(300 + i) for i in range(4)}

    def resolve(value):
        if isinstance(value, Ref):
            return queue_ids[value.address] if value.address in queue_ids else INSTANCE
        if isinstance(value, dict):
            return {k: resolve(v) for k, v in value.items()}
        if isinstance(value, list):
            return [resolve(v) for v in value]
        return value

    assert not [a for a in cs.resources if a.startswith("routing.all.")], "no second chunking step"
    configs = [c for r in sorted(cs.resources.values(), key=lambda r: r.address) if r.address.startswith("routing.all")
               for c in r.inputs["QueueConfigs"]]
    return resolve(cs.resources["routing.all"].inputs), resolve(configs)


def test_routing_profile_update_keeps_queue_configs_past_ten(stubbed, tmp_path):
    """An in-place change of the first queue's priority must not disassociate queues 11 and up."""
    provider, stub = stubbed
    connect = stub("connect")
    _, associated = _compiled_routing_profile(tmp_path, priority=1)
    after, wanted = _compiled_routing_profile(tmp_path, priority=2)
    assert len(associated) == len(wanted) == 12
    ids = {"InstanceId": INSTANCE, "RoutingProfileId": uid(4)}
    current = [{"QueueId": c["QueueReference"]["QueueId"], "QueueArn": arn("queue", 1), "QueueName": "q",
                "Priority": c["Priority"], "Delay": c["Delay"], "Channel": c["QueueReference"]["Channel"]}
               for c in associated]
    connect.add_response("list_routing_profile_queues", {"RoutingProfileQueueConfigSummaryList": current}, ids)
    changed = [c for c in wanted if c["Priority"] == 2]
    assert changed
    connect.add_response("update_routing_profile_queues", {}, {**ids, "QueueConfigs": changed})
    provider.update_sync(res("routing.all", "aws_connect_routing_profile", after), {"id": uid(4)}, {"QueueConfigs"})

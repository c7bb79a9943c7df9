"""The defects the offline AWS audit found in the aws provider, each pinned by a Stubber test:
claim tokens, parallel number claims, agent passwords, IAM propagation, Lex read-after-create lag,
AssociateBot retries, alias policy statements and the bot-version swap."""
import json
import re
import threading

import pytest
from botocore.exceptions import ClientError, WaiterError

from ccdsl.runtime.providers.aws.errors import translate, waiter_failed
from ccdsl.runtime.providers.aws.handlers import passwords
from ccdsl.runtime.providers.aws.handlers.numbers import client_token
from ccdsl.runtime.providers.base import ProviderError, ResolvedResource, Transient

INSTANCE = "c8b1a3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
INSTANCE_ARN = f"arn:aws:connect:eu-west-2:123456789012:instance/{INSTANCE}"
UUID = re.compile(r"^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$")
BOT = "BANKBOT001"
ALIAS_ARN = f"arn:aws:lex:eu-west-2:123456789012:bot-alias/{BOT}/LIVEALIAS1"


def uid(n: int) -> str:
    return f"{n:08x}-0000-4000-8000-{n:012x}"


def res(address, type_, inputs):
    return ResolvedResource(address, type_, address, inputs)


def client_error(code: str, message: str, status: int = 400) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": message},
                        "ResponseMetadata": {"HTTPStatusCode": status}}, "Op")


# -- row 1: ClaimPhoneNumber ClientToken ----------------------------------------------------------------
def test_claim_token_is_a_uuid_derived_from_the_address():
    token = client_token("number.main")
    assert UUID.match(token)
    assert token == client_token("number.main") != client_token("number.freephone")


# -- row 11: several numbers of one country and type ----------------------------------------------------
NUMBER = {"TargetArn": INSTANCE_ARN, "PhoneNumberCountryCode": "GB", "PhoneNumberType": "DID",
          "PhoneNumberDescription": "second", "PhoneNumberPrefix": "+44161"}
SEARCH = {"TargetArn": INSTANCE_ARN, "PhoneNumberCountryCode": "GB", "PhoneNumberType": "DID",
          "PhoneNumberPrefix": "+44161", "MaxResults": 10}
LISTED = {"TargetArn": INSTANCE_ARN, "PhoneNumberCountryCodes": ["GB"], "PhoneNumberTypes": ["DID"],
          "PhoneNumberPrefix": "+44161"}


def _available(*numbers):
    return {"AvailableNumbersList": [{"PhoneNumber": n, "PhoneNumberCountryCode": "GB", "PhoneNumberType": "DID"}
                                     for n in numbers]}


def test_a_number_taken_between_search_and_claim_moves_to_the_next_candidate(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    connect.add_response("list_phone_numbers_v2", {"ListPhoneNumbersSummaryList": []}, LISTED)
    connect.add_response("search_available_phone_numbers", _available("+441610000001", "+441610000002"), SEARCH)
    connect.add_client_error("claim_phone_number", "InvalidParameterException", "Phone number not available", 400)
    arn = "arn:aws:connect:eu-west-2:123456789012:phone-number/" + uid(9)
    connect.add_response("claim_phone_number", {"PhoneNumberId": uid(9), "PhoneNumberArn": arn})
    connect.add_response("describe_phone_number", {"ClaimedPhoneNumberSummary": {
        "PhoneNumberId": uid(9), "PhoneNumberStatus": {"Status": "CLAIMED"}}}, {"PhoneNumberId": uid(9)})
    out = provider.create_sync(res("number.second", "aws_connect_phone_number", NUMBER))
    assert out["number"] == "+441610000002"
    claims = [c for c in provider.clients.calls if c.operation == "ClaimPhoneNumber"]
    assert len(claims) == 2


def test_parallel_claims_never_send_the_same_number_twice(stubbed, monkeypatch):
    """Two claims of one country and type in parallel: while one holds a number, the other takes the next."""
    from ccdsl.runtime.providers.aws.handlers import numbers

    provider, _ = stubbed
    handler = provider.handler("aws_connect_phone_number")
    claimed, started = [], threading.Barrier(2)

    def search(ctx, method, **kwargs):
        return _available("+441610000001", "+441610000002")

    def try_call(ctx, method, **kwargs):
        claimed.append(kwargs["PhoneNumber"])
        started.wait(timeout=5)  # both claims are in flight at once
        return {"PhoneNumberId": uid(len(claimed)), "PhoneNumberArn": "arn"}, None

    monkeypatch.setattr(handler, "call", search)
    monkeypatch.setattr(handler, "try_call", try_call)
    ctx = provider._prepare(res("number.a", "aws_connect_phone_number", NUMBER))[1]
    threads = [threading.Thread(target=handler.claim, args=(ctx, {"TargetArn": INSTANCE_ARN}, {}, {}))
               for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(claimed) == ["+441610000001", "+441610000002"]
    assert not numbers._HELD


def test_no_number_left_for_a_prefix_names_the_prefix(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    connect.add_response("list_phone_numbers_v2", {"ListPhoneNumbersSummaryList": []}, LISTED)
    connect.add_response("search_available_phone_numbers", _available(), SEARCH)
    with pytest.raises(ProviderError, match=r"no DID number in GB starting \+44161 is available"):
        provider.create_sync(res("number.second", "aws_connect_phone_number", NUMBER))


# -- row 3: CreateUser on a CONNECT_MANAGED instance ----------------------------------------------------
USER = {"Username": "test_user", "InstanceId": INSTANCE, "SecurityProfileIds": [uid(1)], "RoutingProfileId": uid(2),
        "PhoneConfig": {"PhoneType": "SOFT_PHONE"}, "Tags": {"ccdsl:site": "acme-bank"}}


def _managed(connect):
    connect.add_response("describe_instance", {"Instance": {"Id": INSTANCE, "IdentityManagementType":
                                                            "CONNECT_MANAGED"}}, {"InstanceId": INSTANCE})


def test_an_agent_without_password_gets_a_generated_one_kept_in_secrets_manager(stubbed):
    provider, stub = stubbed
    connect, secrets = stub("connect"), stub("secretsmanager")
    messages = []
    provider.progress = lambda address, message: messages.append(message)
    _managed(connect)
    name = "ccdsl/acme-bank/agents/test_user"
    secrets.add_client_error("get_secret_value", "ResourceNotFoundException", "no such secret", 400,
                             expected_params={"SecretId": name})
    sent: dict = {}
    secrets.add_response("create_secret", {"ARN": f"arn:aws:secretsmanager:eu-west-2:123456789012:secret:{name}-AbCdEf", "Name": name})
    connect.add_response("list_users", {"UserSummaryList": []}, {"InstanceId": INSTANCE})
    connect.add_response("create_user", {"UserId": uid(7), "UserArn": f"{INSTANCE_ARN}/agent/{uid(7)}"})
    provider.clients("secretsmanager").meta.events.register("provide-client-params.secrets-manager.CreateSecret",
                                                            lambda params, **_: sent.update(secret=params))
    provider.clients("connect").meta.events.register("provide-client-params.connect.CreateUser",
                                                     lambda params, **_: sent.update(user=params))
    out = provider.create_sync(res("agent.test_user", "aws_connect_user", USER))
    password = sent["user"]["Password"]
    assert sent["secret"]["SecretString"] == password and sent["secret"]["Name"] == name
    assert re.match(r"^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[a-zA-Z\d\S]{8,64}$", password)
    assert out["password_secret"] == name and password not in json.dumps(out)
    assert any(name in m for m in messages) and not any(password in m for m in messages)


def test_a_retried_agent_create_reuses_the_stored_password(stubbed):
    provider, stub = stubbed
    connect, secrets = stub("connect"), stub("secretsmanager")
    _managed(connect)
    secrets.add_response("get_secret_value", {"SecretString": "Kept-Passw0rd-123"},
                         {"SecretId": "ccdsl/acme-bank/agents/test_user"})
    connect.add_response("list_users", {"UserSummaryList": []}, {"InstanceId": INSTANCE})
    connect.add_response("create_user", {"UserId": uid(7), "UserArn": f"{INSTANCE_ARN}/agent/{uid(7)}"},
                         {**USER, "Password": "Kept-Passw0rd-123"})
    provider.create_sync(res("agent.test_user", "aws_connect_user", USER))


def test_generated_passwords_meet_connects_rules():
    for _ in range(200):
        assert re.match(r"^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[a-zA-Z\d\S]{8,64}$", passwords.generate())


# -- row 4: IAM propagation across services ----------------------------------------------------------------
@pytest.mark.parametrize("code,message", [
    ("InvalidArgumentException", "Firehose is unable to assume role arn:aws:iam::1:role/x. Please check the role"),
    ("InvalidArgumentException", "Access was denied. Verify that the IAM role has access to the Kinesis stream"),
    ("InvalidParameterException", "Could not deliver test message to specified Kinesis stream. Check the role"),
    ("InvalidParameterValueException", "The role defined for the function cannot be assumed by Lambda."),
    ("InsufficientS3BucketPolicyException", "Insufficient permissions to access S3 bucket acme or KMS key"),
    ("InvalidParameterValueException", "Unable to assume role arn:aws:iam::1:role/metric-stream"),
    ("ValidationException", "Lex is unable to assume role arn:aws:iam::1:role/lex; could not be assumed"),
])
def test_iam_propagation_messages_are_transient_across_services(code, message):
    assert isinstance(translate(client_error(code, message), "op"), Transient)


def test_an_ordinary_invalid_argument_stays_fatal():
    error = translate(client_error("InvalidArgumentException", "BufferingHints.SizeInMBs must be ≤ 128"), "op")
    assert type(error) is ProviderError


def test_firehose_retried_after_iam_propagation(stubbed):
    """The first CreateDeliveryStream fails because the new role is not assumable yet; it is sent again."""
    provider, stub = stubbed
    firehose = stub("firehose")
    inputs = {"DeliveryStreamName": "acme-bank-ctr", "DeliveryStreamType": "DirectPut",
              "ExtendedS3DestinationConfiguration": {"RoleARN": "arn:aws:iam::123456789012:role/acme-bank-ctr",
                                                     "BucketARN": "arn:aws:s3:::acme-bank-lake"}}
    firehose.add_client_error("create_delivery_stream", "InvalidArgumentException",
                              "Firehose is unable to assume role arn:aws:iam::123456789012:role/acme-bank-ctr", 400)
    arn = "arn:aws:firehose:eu-west-2:123456789012:deliverystream/acme-bank-ctr"
    firehose.add_response("create_delivery_stream", {"DeliveryStreamARN": arn}, inputs)
    firehose.add_response("describe_delivery_stream", {"DeliveryStreamDescription": {
        "DeliveryStreamName": "acme-bank-ctr", "DeliveryStreamARN": arn, "DeliveryStreamStatus": "ACTIVE",
        "DeliveryStreamType": "DirectPut", "VersionId": "1", "Destinations": [], "HasMoreDestinations": False}},
        {"DeliveryStreamName": "acme-bank-ctr"})
    out = provider.create_sync(res("stream.ctr", "aws_kinesis_firehose_delivery_stream", inputs))
    assert out["arn"] == arn


def test_iam_propagation_that_never_settles_ends_as_a_transient_error():
    from ccdsl.runtime.providers.aws.errors import IAM_ATTEMPTS, iam_patient

    sent, slept = [], []

    def send():
        sent.append(1)
        raise client_error("InvalidParameterException", "Could not deliver test message to specified stream")

    with pytest.raises(ClientError) as caught:
        iam_patient(send, 5.0, sleep=slept.append)
    assert len(sent) == IAM_ATTEMPTS and sum(slept) >= 120  # minutes, as Terraform's propagation timeout
    assert isinstance(translate(caught.value, "put_subscription_filter"), Transient)


# -- row 5: Lex reads right after a create -------------------------------------------------------------
def test_a_lex_waiter_that_saw_only_not_found_is_transient():
    error = WaiterError("BotAvailable", "Max attempts exceeded", {
        "Error": {"Code": "ResourceNotFoundException", "Message": "not found"},
        "ResponseMetadata": {"HTTPStatusCode": 404}})
    assert isinstance(waiter_failed("bot_available", error), Transient)
    failed = WaiterError("BotAvailable", "Waiter encountered a terminal failure state", {"botStatus": "Failed"})
    assert type(waiter_failed("bot_available", failed)) is ProviderError


def test_a_listing_under_a_new_parent_that_is_not_visible_yet_is_transient():
    assert isinstance(translate(client_error("ResourceNotFoundException", "bot not found", 404), "list_intents"),
                      Transient)
    assert type(translate(client_error("ResourceNotFoundException", "no", 404), "create_x")) is ProviderError


# -- row 8: AssociateBot ------------------------------------------------------------------------------
def test_associate_bot_invalid_request_is_retried(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    inputs = {"InstanceId": INSTANCE, "LexV2Bot": {"AliasArn": ALIAS_ARN}}
    connect.add_response("list_bots", {"LexBots": []}, {"InstanceId": INSTANCE, "LexVersion": "V2"})
    connect.add_client_error("associate_bot", "InvalidRequestException", "The bot alias is not ready", 400)
    with pytest.raises(Transient):
        provider.create_sync(res("bot.banking.association", "connect_bot_association", inputs))
    connect.add_response("list_bots", {"LexBots": []}, {"InstanceId": INSTANCE, "LexVersion": "V2"})
    connect.add_response("associate_bot", {}, inputs)
    assert provider.create_sync(res("bot.banking.association", "connect_bot_association", inputs))


# -- row 9: the alias resource policy -------------------------------------------------------------------
STATEMENT = {"Sid": "ConnectUsesBot", "Effect": "Allow", "Principal": {"Service": "connect.amazonaws.com"},
             "Action": ["lex:RecognizeText", "lex:StartConversation"], "Resource": ALIAS_ARN,
             "Condition": {"StringEquals": {"AWS:SourceAccount": "123456789012"},
                           "ArnEquals": {"AWS:SourceArn": INSTANCE_ARN}}}
POLICY = {"resourceArn": ALIAS_ARN, "policy": json.dumps({"Version": "2012-10-17", "Statement": [STATEMENT]})}
REQUEST = {"resourceArn": ALIAS_ARN, "statementId": "ConnectUsesBot", "effect": "Allow",
           "principal": [{"service": "connect.amazonaws.com"}], "action": ["lex:RecognizeText",
                                                                           "lex:StartConversation"],
           "condition": {"StringEquals": {"AWS:SourceAccount": "123456789012"},
                         "ArnEquals": {"AWS:SourceArn": INSTANCE_ARN}}}


def test_alias_policy_adds_our_statement_beside_others(stubbed):
    provider, stub = stubbed
    lex = stub("lexv2-models")
    theirs = {"Sid": "AddedByConnect", "Effect": "Allow", "Principal": {"Service": "connect.amazonaws.com"},
              "Action": "lex:RecognizeUtterance"}
    lex.add_response("describe_resource_policy", {"resourceArn": ALIAS_ARN, "revisionId": "3", "policy": json.dumps(
        {"Version": "2012-10-17", "Statement": [theirs]})}, {"resourceArn": ALIAS_ARN})
    lex.add_response("create_resource_policy_statement", {"resourceArn": ALIAS_ARN, "revisionId": "4"},
                     {**REQUEST, "expectedRevisionId": "3"})
    out = provider.create_sync(res("bot.banking.alias_policy", "lex_bot_alias_policy", POLICY))
    assert out == {"id": ALIAS_ARN, "revision": "4"}
    ops = {c.operation for c in provider.clients.writes()}
    assert ops == {"CreateResourcePolicyStatement"}  # never CreateResourcePolicy / UpdateResourcePolicy


def test_alias_policy_destroy_removes_only_our_statement(stubbed):
    provider, stub = stubbed
    lex = stub("lexv2-models")
    theirs = {"Sid": "AddedByConnect", "Effect": "Allow", "Principal": {"Service": "connect.amazonaws.com"},
              "Action": "lex:RecognizeUtterance"}
    lex.add_response("describe_resource_policy", {"resourceArn": ALIAS_ARN, "revisionId": "4", "policy": json.dumps(
        {"Version": "2012-10-17", "Statement": [theirs, STATEMENT]})}, {"resourceArn": ALIAS_ARN})
    lex.add_response("delete_resource_policy_statement", {"resourceArn": ALIAS_ARN, "revisionId": "5"},
                     {"resourceArn": ALIAS_ARN, "statementId": "ConnectUsesBot", "expectedRevisionId": "4"})
    provider.delete_sync(res("bot.banking.alias_policy", "lex_bot_alias_policy", POLICY), {"id": ALIAS_ARN})
    assert {c.operation for c in provider.clients.writes()} == {"DeleteResourcePolicyStatement"}


# -- row 6: a new bot version never takes the live alias down -------------------------------------------
def test_replaced_version_is_kept_until_the_alias_moves_then_removed(stubbed):
    provider, stub = stubbed
    lex = stub("lexv2-models")
    version = {"botId": BOT, "botVersionLocaleSpecification": {"en_GB": {"sourceBotVersion": "DRAFT"}}}
    serving_1 = {"botAliasSummaries": [{"botAliasId": "LIVEALIAS1", "botAliasName": "live", "botVersion": "1"}]}
    # the executor replaces the version: delete of the old one comes first, and must not happen yet
    lex.add_response("list_bot_aliases", serving_1, {"botId": BOT})
    provider.delete_sync(res("bot.banking.version", "aws_lexv2models_bot_version", version),
                         {"id": f"{BOT},1", "version": "1"})
    assert not provider.clients.writes()
    # the alias moves to version 2, then version 1 goes
    alias = {"botId": BOT, "botAliasName": "live", "botVersion": "2"}
    lex.add_response("update_bot_alias", {"botAliasId": "LIVEALIAS1"},
                     {**alias, "botAliasId": "LIVEALIAS1"})
    lex.add_response("list_bot_aliases", {"botAliasSummaries": [
        {"botAliasId": "LIVEALIAS1", "botAliasName": "live", "botVersion": "2"}]}, {"botId": BOT})
    lex.add_response("list_bot_versions", {"botVersionSummaries": [
        {"botVersion": "2", "description": "ccdsl definition b"}, {"botVersion": "1", "description":
                                                                   "ccdsl definition a"},
        {"botVersion": "DRAFT"}]}, {"botId": BOT})
    lex.add_response("delete_bot_version", {"botId": BOT, "botVersion": "1"},
                     {"botId": BOT, "botVersion": "1", "skipResourceInUseCheck": False})
    provider.update_sync(res("bot.banking.alias", "aws_lexv2models_bot_alias", alias),
                         {"id": "LIVEALIAS1", "name": "live", "arn": ALIAS_ARN}, {"botVersion"})
    assert [c.operation for c in provider.clients.writes()] == ["UpdateBotAlias", "DeleteBotVersion"]


def test_destroying_an_agent_schedules_its_generated_password_for_deletion(stubbed):
    provider, stub = stubbed
    connect, secrets = stub("connect"), stub("secretsmanager")
    connect.add_response("delete_user", {}, {"InstanceId": INSTANCE, "UserId": uid(7)})
    name = "ccdsl/acme-bank/agents/test_user"
    secrets.add_response("delete_secret", {"Name": name}, {"SecretId": name, "RecoveryWindowInDays": 7})
    provider.delete_sync(res("agent.test_user", "aws_connect_user", USER),
                         {"id": uid(7), "arn": "x", "password_secret": name})

"""Contract tests for the Lex V2 pipeline moto does not serve (locales, slot types, intents, slots,
builds, versions, aliases): botocore Stubbers with real-shaped responses, requests checked in full
against the service model, botocore waiters driven with zero delay."""
from datetime import UTC, datetime

import pytest
from botocore.stub import ANY

from ccdsl.runtime.providers.base import ProviderError, ResolvedResource

BOT = "BANKBOT001"
ROLE = "arn:aws:iam::123456789012:role/acme-bank-lex"
NOW = datetime(2026, 1, 1, tzinfo=UTC)
LOC = {"botId": BOT, "botVersion": "DRAFT", "localeId": "en_GB"}
IDENTITY = {"UserId": "AIDAEXAMPLE", "Account": "123456789012", "Arn": "arn:aws:iam::123456789012:user/ci"}


def res(address, type_, inputs):
    return ResolvedResource(address, type_, address, inputs)


def _bot(stub, provider):
    lex = stub("lexv2-models")
    inputs = {"botName": "acme-bank-banking", "roleArn": ROLE, "dataPrivacy": {"childDirected": False},
              "idleSessionTTLInSeconds": 300, "botTags": {"ccdsl:site": "acme-bank"}}
    lex.add_response("list_bots", {"botSummaries": []},
                     {"filters": [{"name": "BotName", "values": ["acme-bank-banking"], "operator": "EQ"}]})
    lex.add_response("create_bot", {"botId": BOT, "botName": "acme-bank-banking", "botStatus": "Creating",
                                    "creationDateTime": NOW}, inputs)
    stub("sts").add_response("get_caller_identity", IDENTITY, {})
    for status in ("Creating", "Available"):
        lex.add_response("describe_bot", {"botId": BOT, "botStatus": status}, {"botId": BOT})
    return provider.create_sync(res("bot.banking", "aws_lexv2models_bot", inputs))


def test_the_whole_pipeline_from_bot_to_alias(stubbed):
    provider, stub = stubbed
    lex = stub("lexv2-models")
    bot = _bot(stub, provider)
    assert bot == {"id": BOT, "name": "acme-bank-banking", "arn": f"arn:aws:lex:eu-west-2:123456789012:bot/{BOT}"}

    locale = {**LOC, "nluIntentConfidenceThreshold": 0.4, "voiceSettings": {"voiceId": "Amy", "engine": "neural"}}
    lex.add_client_error("describe_bot_locale", "ResourceNotFoundException", "no locale", 404, expected_params=LOC)
    lex.add_response("create_bot_locale", {**LOC, "botLocaleStatus": "Creating"}, locale)
    for status in ("Creating", "NotBuilt"):  # bot_locale_created accepts NotBuilt
        lex.add_response("describe_bot_locale", {**LOC, "botLocaleStatus": status}, LOC)
    provider.create_sync(res("bot.banking.locale.en_GB", "aws_lexv2models_bot_locale", locale))

    slot_type = {**LOC, "slotTypeName": "AccountType", "slotTypeValues": [
        {"sampleValue": {"value": v}} for v in ("current", "savings", "isa")],
        "valueSelectionSetting": {"resolutionStrategy": "TopResolution"}}
    lex.add_response("list_slot_types", {"slotTypeSummaries": []}, LOC)
    lex.add_response("create_slot_type", {"slotTypeId": "SLOTTYPE01"}, slot_type)
    assert provider.create_sync(res("bot.banking.slot_type.AccountType", "aws_lexv2models_slot_type", slot_type))[
        "id"] == "SLOTTYPE01"

    intent = {**LOC, "intentName": "CheckBalance", "sampleUtterances": [
        {"utterance": "what's my balance"}, {"utterance": "how much is in my {account} account"}],
        "fulfillmentCodeHook": {"enabled": True}}
    lex.add_response("list_intents", {"intentSummaries": []}, LOC)
    lex.add_response("create_intent", {"intentId": "INTENT0001", "intentName": "CheckBalance"}, intent)
    provider.create_sync(res("bot.banking.intent.CheckBalance", "aws_lexv2models_intent", intent))

    prompt = {"messageGroups": [{"message": {"plainTextMessage": {"value": "Which account?"}}}], "maxRetries": 2}
    slot = {**LOC, "intentId": "INTENT0001", "slotName": "account", "slotTypeId": "SLOTTYPE01",
            "valueElicitationSetting": {"slotConstraint": "Required", "promptSpecification": prompt}}
    lex.add_response("list_slots", {"slotSummaries": []}, {**LOC, "intentId": "INTENT0001"})
    lex.add_response("create_slot", {"slotId": "SLOT000001"}, slot)
    provider.create_sync(res("bot.banking.intent.CheckBalance.slot.account", "aws_lexv2models_slot", slot))

    # the intent<->slot cycle: priorities go in a full UpdateIntent once the slot exists
    priorities = {**intent, "intentId": "INTENT0001", "slotPriorities": [{"priority": 1, "slotId": "SLOT000001"}]}
    lex.add_response("update_intent", {"intentId": "INTENT0001"}, priorities)
    provider.create_sync(res("bot.banking.intent.CheckBalance.priorities", "lex_intent_slot_priorities", priorities))

    lex.add_response("build_bot_locale", {**LOC, "botLocaleStatus": "Building"}, LOC)
    for status in ("Building", "Building", "Built"):
        lex.add_response("describe_bot_locale", {**LOC, "botLocaleStatus": status}, LOC)
    assert provider.create_sync(res("bot.banking.build.en_GB", "lex_bot_locale_build", LOC))["status"] == "Building"

    version = {"botId": BOT, "botVersionLocaleSpecification": {"en_GB": {"sourceBotVersion": "DRAFT"}}}
    lex.add_response("create_bot_version", {"botId": BOT, "botVersion": "1", "botStatus": "Versioning"}, version)
    lex.add_client_error("describe_bot_version", "ResourceNotFoundException", "not yet", 404,
                         expected_params={"botId": BOT, "botVersion": "1"})  # the waiter retries on 404
    lex.add_response("describe_bot_version", {"botId": BOT, "botVersion": "1", "botStatus": "Available"},
                     {"botId": BOT, "botVersion": "1"})
    assert provider.create_sync(res("bot.banking.version", "aws_lexv2models_bot_version", version))["version"] == "1"

    hook = "arn:aws:lambda:eu-west-2:123456789012:function:acme-bank-banking:live"
    alias = {"botId": BOT, "botAliasName": "live", "botVersion": "1", "botAliasLocaleSettings": {"en_GB": {
        "enabled": True, "codeHookSpecification": {"lambdaCodeHook": {
            "lambdaARN": hook, "codeHookInterfaceVersion": "1.0"}}}}}
    lex.add_response("list_bot_aliases", {"botAliasSummaries": [
        {"botAliasId": "TSTALIASID", "botAliasName": "TestBotAlias"}]}, {"botId": BOT})
    lex.add_response("create_bot_alias", {"botAliasId": "LIVEALIAS1", "botAliasStatus": "Creating"}, alias)
    for status in ("Creating", "Available"):
        lex.add_response("describe_bot_alias", {"botAliasId": "LIVEALIAS1", "botId": BOT, "botAliasStatus": status},
                         {"botId": BOT, "botAliasId": "LIVEALIAS1"})
    out = provider.create_sync(res("bot.banking.alias", "aws_lexv2models_bot_alias", alias))
    # CreateBotAlias returns no ARN: it is built by hand (what AssociateBot needs)
    assert out["arn"] == f"arn:aws:lex:eu-west-2:123456789012:bot-alias/{BOT}/LIVEALIAS1"


def test_a_failed_build_reports_the_failure_reasons(stubbed):
    provider, stub = stubbed
    lex = stub("lexv2-models")
    lex.add_response("build_bot_locale", {**LOC, "botLocaleStatus": "Building"}, LOC)
    lex.add_response("describe_bot_locale", {**LOC, "botLocaleStatus": "Failed",
                                             "failureReasons": ["Intent CheckBalance has no utterances"]}, LOC)
    with pytest.raises(ProviderError, match="bot_locale_built.*CheckBalance has no utterances"):
        provider.create_sync(res("bot.banking.build.en_GB", "lex_bot_locale_build", LOC))


def test_build_patience_is_the_configured_waiter_config(stubbed, monkeypatch):
    provider, stub = stubbed
    provider.settings.waiter_max_attempts = 3
    lex = stub("lexv2-models")
    lex.add_response("build_bot_locale", {**LOC, "botLocaleStatus": "Building"}, LOC)
    for _ in range(3):
        lex.add_response("describe_bot_locale", {**LOC, "botLocaleStatus": "Building"}, LOC)
    with pytest.raises(ProviderError, match="Max attempts exceeded"):
        provider.create_sync(res("bot.banking.build.en_GB", "lex_bot_locale_build", LOC))
    describes = [c for c in provider.clients.calls if c.operation == "DescribeBotLocale"]
    assert len(describes) == 3


def test_an_existing_bot_and_locale_are_adopted(stubbed):
    provider, stub = stubbed
    lex = stub("lexv2-models")
    inputs = {"botName": "acme-bank-banking", "roleArn": ROLE, "dataPrivacy": {"childDirected": False},
              "idleSessionTTLInSeconds": 300}
    lex.add_response("list_bots", {"botSummaries": [{"botId": BOT, "botName": "acme-bank-banking",
                                                     "botStatus": "Available"}]},
                     {"filters": [{"name": "BotName", "values": ["acme-bank-banking"], "operator": "EQ"}]})
    stub("sts").add_response("get_caller_identity", IDENTITY, {})
    lex.add_response("update_bot", {"botId": BOT, "botStatus": "Available"}, {**inputs, "botId": BOT})
    assert provider.create_sync(res("bot.banking", "aws_lexv2models_bot", inputs))["id"] == BOT
    locale = {**LOC, "nluIntentConfidenceThreshold": 0.4}
    lex.add_response("describe_bot_locale", {**LOC, "botLocaleStatus": "Built"}, LOC)
    lex.add_response("update_bot_locale", {**LOC, "botLocaleStatus": "NotBuilt"}, locale)
    provider.create_sync(res("bot.banking.locale.en_GB", "aws_lexv2models_bot_locale", locale))
    assert [c.operation for c in provider.clients.writes()] == ["UpdateBot", "UpdateBotLocale"]


def test_requests_that_botocore_lets_through_are_refused(stubbed):
    provider, stub = stubbed
    bad_version = {"botId": BOT, "botVersion": "1", "localeId": "en_GB", "intentName": "CheckBalance"}
    stub("lexv2-models").add_response("list_intents", {"intentSummaries": []},
                                      {"botId": BOT, "botVersion": "1", "localeId": "en_GB"})
    with pytest.raises(ProviderError, match=r"create_intent: not sent: ValidationException: botVersion must be"):
        provider.create_sync(res("bot.banking.intent.CheckBalance", "aws_lexv2models_intent", bad_version))
    too_long = {"botName": "acme-bank-banking", "roleArn": ROLE, "dataPrivacy": {"childDirected": False},
                "idleSessionTTLInSeconds": 100000}
    stub("lexv2-models").add_response("list_bots", {"botSummaries": []}, {"filters": ANY})
    with pytest.raises(ProviderError, match="create_bot: not sent: .*idleSessionTTLInSeconds 100000 must be within"):
        provider.create_sync(res("bot.banking", "aws_lexv2models_bot", too_long))

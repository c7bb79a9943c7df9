"""Reading the Lex V2 bots associated with an instance, against botocore's Stubber (every request and response
checked against the Lex V2 model-building and IAM service models), and the ``bots:`` text written from them."""
import json

import boto3
import pytest
from botocore.stub import Stubber

from ccdsl.runtime.importer.bots_read import read_bots
from ccdsl.runtime.importer.bots_write import write_bots
from ccdsl.runtime.importer.site_write import SiteText

BOT, ALIAS = "BOTID12345", "ALIASID123"
ALIAS_ARN = f"arn:aws:lex:eu-west-2:111122223333:bot-alias/{BOT}/{ALIAS}"
ROLE_ARN = "arn:aws:iam::111122223333:role/care-bot_helper"
WHERE = {"botId": BOT, "botVersion": "3", "localeId": "en_GB"}
TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                  "Principal": {"Service": "lexv2.amazonaws.com"}}]}


def message(text):
    return {"messageGroups": [{"message": {"plainTextMessage": {"value": text}}}]}


@pytest.fixture
def clients():
    made = {s: boto3.client(s, region_name="eu-west-2", aws_access_key_id="x", aws_secret_access_key="x")
            for s in ("lexv2-models", "iam")}
    with Stubber(made["lexv2-models"]) as lex, Stubber(made["iam"]) as iam:
        yield made, lex, iam
        lex.assert_no_pending_responses()
        iam.assert_no_pending_responses()


def stub_bot(lex, iam, hook=True):
    lex.add_response("describe_bot", {"botId": BOT, "botName": "care-helper", "description": "Front door",
                                      "roleArn": ROLE_ARN, "idleSessionTTLInSeconds": 120,
                                      "dataPrivacy": {"childDirected": False}, "botStatus": "Available"},
                     {"botId": BOT})
    settings = {"en_GB": {"enabled": True}}
    if hook:
        settings["en_GB"]["codeHookSpecification"] = {"lambdaCodeHook": {
            "lambdaARN": "arn:aws:lambda:eu-west-2:111122223333:function:care-router:live",
            "codeHookInterfaceVersion": "1.0"}}
    lex.add_response("describe_bot_alias", {"botAliasId": ALIAS, "botAliasName": "live", "botVersion": "3",
                                            "botAliasLocaleSettings": settings, "botId": BOT},
                     {"botId": BOT, "botAliasId": ALIAS})
    lex.add_response("list_bot_locales", {"botId": BOT, "botVersion": "3", "botLocaleSummaries": [
        {"localeId": "en_GB", "localeName": "English (GB)", "botLocaleStatus": "Built"}]},
        {"botId": BOT, "botVersion": "3"})
    lex.add_response("describe_bot_locale", {**WHERE, "nluIntentConfidenceThreshold": 0.55,
                                             "voiceSettings": {"voiceId": "Amy", "engine": "standard"}}, WHERE)
    lex.add_response("list_slot_types", {**WHERE, "slotTypeSummaries": [
        {"slotTypeId": "SLOTTYPE01", "slotTypeName": "Product"}]}, WHERE)
    lex.add_response("describe_slot_type", {**WHERE, "slotTypeId": "SLOTTYPE01", "slotTypeName": "Product", "slotTypeValues": [
        {"sampleValue": {"value": "mortgage"}, "synonyms": [{"value": "home loan"}]},
        {"sampleValue": {"value": "savings"}}],
        "valueSelectionSetting": {"resolutionStrategy": "OriginalValue"}}, {**WHERE, "slotTypeId": "SLOTTYPE01"})
    lex.add_response("list_intents", {**WHERE, "intentSummaries": [
        {"intentId": "INTENT0001", "intentName": "Buy"},
        {"intentId": "FALLBCKINT", "intentName": "FallbackIntent", "parentIntentSignature": "AMAZON.FallbackIntent"}]},
        WHERE)
    lex.add_response("describe_intent", {**WHERE, "botVersion": "DRAFT", "intentId": "INTENT0001", "intentName": "Buy",
                                         "sampleUtterances": [{"utterance": "buy {count} {product}"},
                                                              {"utterance": "I want a {product}"}],
                                         "slotPriorities": [{"priority": 1, "slotId": "SLOT000002"},
                                                            {"priority": 2, "slotId": "SLOT000001"}],
                                         "fulfillmentCodeHook": {"enabled": True},
                                         "dialogCodeHook": {"enabled": True},
                                         "intentConfirmationSetting": {
                                             "promptSpecification": {**message("Note {product}?"), "maxRetries": 2},
                                             "declinationResponse": message("Okay, I won't do that.")},
                                         "intentClosingSetting": {"closingResponse": message("Thanks."),
                                                                  "active": True}},
                     {**WHERE, "intentId": "INTENT0001"})
    lex.add_response("list_slots", {**WHERE, "intentId": "INTENT0001", "slotSummaries": [
        {"slotId": "SLOT000001", "slotName": "product", "slotTypeId": "SLOTTYPE01"},
        {"slotId": "SLOT000002", "slotName": "count", "slotTypeId": "AMAZON.Number"}]}, {**WHERE, "intentId": "INTENT0001"})
    lex.add_response("describe_slot", {**WHERE, "intentId": "INTENT0001", "slotId": "SLOT000001", "slotName": "product",
                                       "slotTypeId": "SLOTTYPE01", "valueElicitationSetting": {
                                           "slotConstraint": "Required", "promptSpecification": {
                                               **message("Which product?"), "maxRetries": 2}}},
                     {**WHERE, "intentId": "INTENT0001", "slotId": "SLOT000001"})
    lex.add_response("describe_slot", {**WHERE, "intentId": "INTENT0001", "slotId": "SLOT000002", "slotName": "count",
                                       "slotTypeId": "AMAZON.Number", "valueElicitationSetting": {
                                           "slotConstraint": "Optional", "promptSpecification": {
                                               **message("What is the count?"), "maxRetries": 2}}},
                     {**WHERE, "intentId": "INTENT0001", "slotId": "SLOT000002"})
    lex.add_response("describe_intent", {**WHERE, "botVersion": "DRAFT", "intentId": "FALLBCKINT", "intentName": "FallbackIntent",
                                         "parentIntentSignature": "AMAZON.FallbackIntent",
                                         "intentClosingSetting": {"closingResponse": message("Sorry?"),
                                                                  "active": True}},
                     {**WHERE, "intentId": "FALLBCKINT"})
    lex.add_response("list_slots", {**WHERE, "intentId": "FALLBCKINT", "slotSummaries": []},
                     {**WHERE, "intentId": "FALLBCKINT"})
    lex.add_client_error("describe_resource_policy", service_error_code="ResourceNotFoundException",
                         expected_params={"resourceArn": ALIAS_ARN})
    iam.add_response("get_role", {"Role": {"RoleName": "care-bot_helper", "RoleId": "AROAEXAMPLEID1234567",
                                           "Arn": ROLE_ARN, "Path": "/", "CreateDate": "2026-01-01T00:00:00Z",
                                           "AssumeRolePolicyDocument": json.dumps(TRUST)}},
                     {"RoleName": "care-bot_helper"})
    iam.add_response("list_role_policies", {"PolicyNames": ["least-privilege"]}, {"RoleName": "care-bot_helper"})
    iam.add_response("get_role_policy", {"RoleName": "care-bot_helper", "PolicyName": "least-privilege",
                                         "PolicyDocument": json.dumps({"Version": "2012-10-17", "Statement": []})},
                     {"RoleName": "care-bot_helper", "PolicyName": "least-privilege"})


def test_a_bot_is_read_in_the_version_its_alias_serves_and_written_whole(clients):
    made, lex, iam = clients
    stub_bot(lex, iam)
    read = read_bots(made.__getitem__, [ALIAS_ARN])
    out = SiteText(site="care")
    write_bots(out, read, "care")
    text = "\n".join(out.lines)
    assert f"  # from {ALIAS_ARN}\n  helper:\n    description: Front door\n" in text
    assert "    locales:\n      en_GB: Amy standard\n    confidence: 0.55\n    idle_timeout: 120s\n" in text
    assert "    hook: care-router\n    fallback: \"Sorry?\"\n" in text
    assert ("      Product:\n        values: [mortgage, savings]\n        synonyms:\n          mortgage: [home loan]\n"
            "        resolution: OriginalValue") in text
    assert ('      Buy:\n        utterances: ["buy {count} {product}", "I want a {product}"]\n        slots:\n'
            "          count:\n            type: AMAZON.Number\n            required: false\n"
            '          product:\n            type: Product\n            prompt: "Which product?"\n'
            '        confirm: "Note {product}?"\n        closing: Thanks.\n'
            "        hooks: [dialog, fulfillment]") in text
    assert out.names[ALIAS_ARN] == "helper" and ALIAS_ARN in out.declared
    assert any(p.code == "W507" and "care-router" in p.message for p in out.problems)
    assert out.found["bot.helper"] == {"id": BOT, "name": "care-helper"}
    assert out.found["bot.helper.version"] == {"id": "3", "version": "3"}
    assert out.found["bot.helper.intent.Buy.en_GB"] == {"id": "INTENT0001", "name": "Buy"}
    assert out.found["role.bot_helper"]["_expect"]["AssumeRolePolicyDocument"] == TRUST


def test_a_slot_order_other_than_first_mention_is_a_warning(clients):
    made, lex, iam = clients
    stub_bot(lex, iam, hook=False)
    read = read_bots(made.__getitem__, [ALIAS_ARN])
    read[0]["locales"][0]["intents"][0]["slotPriorities"] = [  # product first, but count is mentioned first
        {"priority": 1, "slotId": "SLOT000001"}, {"priority": 2, "slotId": "SLOT000002"}]
    out = SiteText(site="care")
    write_bots(out, read, "care")
    said = [p.message for p in out.problems if p.code == "W507"]
    assert any("elicited in the order product, count" in m for m in said)
    assert any("calls a code hook, but the bot's alias names no function" in m for m in said)

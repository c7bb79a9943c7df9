"""Dynamic targets, modules, contact hooks, media streaming, Contact Lens and Lex session attributes: parsing,
checks against a site and lowering to the parameters the corpus exports show."""
from __future__ import annotations

import json

import pytest

from ccdsl.compiler.flows.compile import compile_flows
from ccdsl.dsl.compact.flow_parser import parse_flow
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows import check_flows
from ccdsl.dsl.source import TextOrigin


def check_site(text: str) -> list:
    """Flow diagnostics of a site (not W306, the unhandled-error warning, tested on its own)."""
    from ccdsl.dsl.build import build_site
    from ccdsl.dsl.compact_bind import bind_compact
    from ccdsl.dsl.loader import load_text

    diags = Diagnostics()
    site, _ = build_site(load_text(text, "site.ccd", diags), "site.ccd", diags)
    bind_compact(site, diags)
    assert not diags.has_errors, [f"{d.span} {d.code} {d.message}" for d in diags]
    flow_diags = Diagnostics()
    check_flows(site, flow_diags)
    return [d for d in flow_diags if d.code != "W306"]

HEAD = """\
ccdsl: 1
site: test
region: eu-west-2
instance: {alias: test-site, features: [inbound, contact_lens]}
hours:
  office: Mon-Fri 08:00-20:00 @ Europe/London
queues:
  Support: {hours: office}
functions:
  lookup: {source: functions/lookup, runtime: python3.12}
routing:
  agents: {queues: [Support], channels: {voice: 1, chat: 2}, outbound: Support}
bots:
  banking:
    locales: {en_US: Joanna}
    intents:
      CheckBalance: [what's my balance]
flows:
"""

MAIN_AND_FRIENDS = """\
  survey:
    do: |
      say "Please rate your call."
      hangup
  caller_whisper:
    type: customer_whisper
    do: |
      say "You are through to an adviser."
  auth:
    type: module
    do: |
      say "Let us check who you are."
      set checked = "yes"
      return
  on_hold:
    type: customer_hold
    do: |
      loop prompts "Please hold." every 20s
"""


def site_with(main: str) -> str:
    body = "\n".join("      " + line for line in main.strip("\n").splitlines())
    return HEAD + "  main:\n    do: |\n" + body + "\n" + MAIN_AND_FRIENDS


def codes(diags) -> list[tuple[str, int]]:
    return sorted((d.code, d.span.line) for d in diags)


def compiled(text: str, flow: str = "main") -> dict:
    from ccdsl.dsl.build import build_site
    from ccdsl.dsl.compact_bind import bind_compact
    from ccdsl.dsl.loader import load_text

    diags = Diagnostics()
    site, _ = build_site(load_text(text, "site.ccd", diags), "site.ccd", diags)
    bind_compact(site, diags)
    check_flows(site, diags)
    flows = compile_flows(site, diags)
    assert not diags.has_errors, [f"{d.code} {d.message}" for d in diags]
    return flows[flow].content


def action(doc: dict, kind: str) -> dict:
    return next(a for a in doc["Actions"] if a["Type"] == kind)


def test_dynamic_targets_lower_to_the_attribute_and_skip_name_checks():
    text = site_with("""
queue $.Attributes.queueArn
  error -> fallback
invoke $.Attributes.lambdaArn timeout 3s with action = "lookup"
transfer to number $.Attributes.phone timeout 20s
fallback:
  transfer to flow $.External.nextFlowArn
""")
    assert codes(check_site(text)) == []
    doc = compiled(text)
    assert action(doc, "UpdateContactTargetQueue")["Parameters"] == {"QueueId": "$.Attributes.queueArn"}
    assert action(doc, "InvokeLambdaFunction")["Parameters"]["LambdaFunctionARN"] == "$.Attributes.lambdaArn"
    number = action(doc, "TransferParticipantToThirdParty")["Parameters"]
    assert number["ThirdPartyPhoneNumber"] == "$.Attributes.phone"
    assert number["ThirdPartyConnectionTimeLimitSeconds"] == "20"
    assert action(doc, "TransferToFlow")["Parameters"] == {"ContactFlowId": "$.External.nextFlowArn"}
    meta = doc["Metadata"]["ActionMetadata"]
    assert meta[action(doc, "UpdateContactTargetQueue")["Identifier"]]["useDynamic"] is True


def test_static_names_are_still_checked_next_to_dynamic_ones():
    text = site_with("""
queue Suport
queue $.Attributes.q
transfer to flow $.Attributes.f
""")
    assert [d.code for d in check_site(text)] == ["E201"]


def test_a_dynamic_path_outside_contact_data_warns():
    found = check_site(site_with("queue $.Atributes.q\ntransfer"))
    assert [d.code for d in found] == ["W305"]


def test_disconnect_and_customer_whisper_hooks():
    text = site_with("""
set disconnect flow survey
set customer whisper flow caller_whisper
set agent whisper flow caller_whisper
queue Support
transfer
""")
    found = check_site(text)
    # the agent whisper hook needs an agent-whisper flow: the same check as every hook
    assert [(d.code, d.span.line) for d in found] == [("E231", 23)]
    assert "needs an agent_whisper flow" in found[0].message
    doc = compiled(text.replace("      set agent whisper flow caller_whisper\n", ""))
    hooks = [a["Parameters"]["EventHooks"] for a in doc["Actions"] if a["Type"] == "UpdateContactEventHooks"]
    assert hooks == [{"CustomerRemaining": "${flow.survey.arn}"}, {"CustomerWhisper": "${flow.caller_whisper.arn}"}]


def test_a_disconnect_flow_must_be_a_contact_flow():
    found = check_site(site_with("set disconnect flow caller_whisper\nhangup"))
    assert [d.code for d in found] == ["E231"]
    assert "needs a contact_flow flow" in found[0].message


def test_run_module_and_return():
    text = site_with("""
run module auth
  error -> failed
queue Support
transfer
failed:
  hangup
""")
    assert codes(check_site(text)) == []
    doc = compiled(text)
    run = action(doc, "InvokeFlowModule")
    assert run["Parameters"] == {"FlowModuleId": "${flow.auth.id}"}
    assert {e["ErrorType"] for e in run["Transitions"]["Errors"]} == {"NoMatchingError"}
    module = compiled(text, "auth")
    assert module["Actions"][-1]["Type"] == "EndFlowModuleExecution"
    assert "DisconnectParticipant" not in {a["Type"] for a in module["Actions"][:-1] if a["Identifier"] != "disconnect"}


def test_run_module_needs_a_module_and_return_needs_a_module_flow():
    found = check_site(site_with("run module survey\nreturn"))
    assert sorted(d.code for d in found) == ["E231", "E305"]


def test_modules_cannot_transfer_to_a_flow_or_run_modules():
    text = site_with("hangup").replace('''      set checked = "yes"
      return''', '''      run module auth
      transfer to flow survey''')
    assert sorted(d.code for d in check_site(text)) == ["E305", "E305"]


def test_hold_flows_cannot_hang_up_and_errors_end_the_hold_flow():
    text = site_with("hangup").replace('''      loop prompts "Please hold." every 20s''', '''      hangup''')
    found = check_site(text)
    assert [d.code for d in found] == ["E305"]
    held = site_with("set hold flow on_hold\nhangup").replace(
        '''      loop prompts "Please hold." every 20s''', '''      invoke lookup
      loop prompts "Please hold." every 20s''')
    doc = compiled(held, "on_hold")
    invoke = action(doc, "InvokeLambdaFunction")
    assert invoke["Transitions"]["Errors"] == [{"NextAction": "end flow", "ErrorType": "NoMatchingError"}]
    assert action(doc, "EndFlowExecution")["Identifier"] == "end flow"
    assert "DisconnectParticipant" not in {a["Type"] for a in doc["Actions"]}


def test_media_streaming_lowering_and_channel():
    text = site_with("media streaming on\nqueue Support\ntransfer")
    doc = compiled(text)
    assert action(doc, "UpdateContactMediaStreamingBehavior")["Parameters"] == {
        "MediaStreamingState": "Enabled", "MediaStreamType": "Audio",
        "Participants": [{"ParticipantType": "Customer", "MediaDirections": ["To", "From"]}]}
    on_chat = text.replace("  main:\n    do: |", "  main:\n    channels: [voice, chat]\n    do: |")
    assert [(d.code, d.span.line) for d in check_site(on_chat)] == [("E315", 22)]


def test_contact_lens_lowering():
    doc = compiled(site_with("contact lens postcall language en_GB redacted\nqueue Support\ntransfer"))
    params = action(doc, "UpdateContactRecordingBehavior")["Parameters"]
    assert params == {"RecordingBehavior": {"RecordedParticipants": ["Agent", "Customer"]},
                      "AnalyticsBehavior": {"Enabled": "True", "AnalyticsLanguage": "en-GB",
                                            "AnalyticsMode": "PostCall", "AnalyticsRedactionBehavior": "Enabled",
                                            "AnalyticsRedactionResults": "RedactedOnly"}}


@pytest.mark.parametrize(("words", "behaviour", "results"), [
    ("", "Disabled", "None"), (" redacted", "Enabled", "RedactedOnly"),
    (" redacted and original", "Enabled", "RedactedAndOriginal"), (" not redacted", "Disabled", "RedactedAndOriginal")])
def test_contact_lens_redaction_forms(words, behaviour, results):
    doc = compiled(site_with(f"contact lens realtime language en_US{words}\nqueue Support\ntransfer"))
    analytics = action(doc, "UpdateContactRecordingBehavior")["Parameters"]["AnalyticsBehavior"]
    assert (analytics["AnalyticsRedactionBehavior"], analytics["AnalyticsRedactionResults"]) == (behaviour, results)


def test_contact_lens_redaction_words_that_say_nothing_are_refused():
    diags = Diagnostics()
    text = "contact lens realtime language en_US not redacted and original\nhangup\n"
    assert parse_flow(text, TextOrigin("t", 1, 1, 0), diags) is None
    assert [(d.code, d.span.col) for d in diags] == [("E011", 51)]


def test_contact_lens_language_is_checked():
    found = check_site(site_with("contact lens realtime language en_XX\nqueue Support\ntransfer"))
    assert [d.code for d in found] == ["E314"]


def test_lex_session_attributes():
    text = site_with('''ask banking "How can I help?" with ContactId = $.ContactId, "x-amz-lex:audio:end-timeout-ms:*" = "2000"
  CheckBalance -> agent
agent:
  queue Support
  transfer''')
    doc = compiled(text)
    assert action(doc, "ConnectParticipantWithLexBot")["Parameters"]["LexSessionAttributes"] == {
        "ContactId": "$.ContactId", "x-amz-lex:audio:end-timeout-ms:*": "2000"}


def test_quick_connects_hand_agents_channels_to_their_transfer_flow():
    from ccdsl.dsl.build import build_site
    from ccdsl.dsl.compact_bind import bind_compact
    from ccdsl.dsl.flows.channels import plan_channels
    from ccdsl.dsl.loader import load_text

    text = site_with("queue Support\ntransfer") + """\
  to_support:
    type: queue_transfer
    do: |
      transfer to number "+442071838750"
quick_connects:
  Support: {queue: Support, flow: to_support}
"""
    diags = Diagnostics()
    site, _ = build_site(load_text(text, "site.ccd", diags), "site.ccd", diags)
    bind_compact(site, diags)
    assert sorted(plan_channels(site).channels["to_support"]) == ["chat", "voice"]
    found = [d for d in check_site(text)]
    assert [(d.code, d.span.line) for d in found] == [("E315", 44)]
    assert "quick connect 'Support'" in found[0].message


@pytest.mark.parametrize("statement", ["play $.External.welcomePromptArn", "media streaming off"])
def test_statements_without_an_error_branch_go_on(statement):
    doc = compiled(site_with(statement + "\nqueue Support\ntransfer"))
    first = next(a for a in doc["Actions"] if a["Identifier"] == doc["StartAction"])
    assert first["Transitions"]["NextAction"] == first["Transitions"]["Errors"][0]["NextAction"]
    assert json.dumps(first["Parameters"])


def test_contact_lens_without_the_instance_feature_warns():
    text = site_with("contact lens realtime language en_GB\nqueue Support\ntransfer").replace(
        "features: [inbound, contact_lens]", "features: [inbound]")
    found = check_site(text)
    assert [(d.code, d.span.line, d.span.col) for d in found] == [("W307", 21, 7)]

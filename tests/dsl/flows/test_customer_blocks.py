"""Customer profiles, cases, Voice ID, task and callback options: parsing and canonical text, lowering to the
parameters and branches the corpus exports show, the checks, and the instance-domain warning."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ccdsl.compiler.flows.compile import compile_flows
from ccdsl.dsl.build import build_site
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.compact.flow_parser import parse_flow
from ccdsl.dsl.compact.flow_printer import flow_to_text
from ccdsl.dsl.compact_bind import bind_compact
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows import check_flows
from ccdsl.dsl.loader import load_text
from ccdsl.dsl.source import TextOrigin

CORPUS = Path(__file__).resolve().parents[2] / "compiler" / "flows" / "corpus"


def site_text(body: str, domains: str = "[customer_profiles, cases, voice_id]", extra: str = "") -> str:
    return (f"ccdsl: 1\nsite: test\nregion: eu-west-2\ninstance: {{alias: test-site, domains: {domains}}}\n"
            "queues:\n  Support: {hours: office}\nhours:\n  office: Mon-Fri 09:00-17:00 @ Europe/London\n"
            f"flows:\n  main:\n    do: |\n" + "\n".join("      " + line for line in body.splitlines()) + "\n" + extra)


def compile_body(body: str, **kw: str) -> tuple[dict, Diagnostics]:
    diags = Diagnostics()
    site, _ = build_site(load_text(site_text(body, **kw), "site.ccd", diags), "site.ccd", diags)
    bind_compact(site, diags)
    check_flows(site, diags)
    if diags.has_errors:
        return {}, diags
    flows = compile_flows(site, diags)
    return flows["main"].content, diags


def actions(doc: dict) -> dict[str, dict]:
    return {a["Identifier"]: a for a in doc["Actions"]}


def errors(action: dict) -> dict[str, str]:
    return {e["ErrorType"]: e["NextAction"] for e in action["Transitions"].get("Errors", [])}


PROFILE = """\
get profile by PhoneNumber = $.CustomerEndpoint.Address returning FirstName, LastName
  NoneFound -> new_caller
say "Welcome back, $.Customer.FirstName."
hangup
new_caller:
  create profile with FirstName = "New", PhoneNumber = $.CustomerEndpoint.Address
  hangup
"""


def test_get_profile_lowers_as_the_exports_write_it():
    doc, diags = compile_body(PROFILE)
    assert not diags.has_errors, [d.message for d in diags]
    by_id = actions(doc)
    get = by_id["start-1 get profile"]
    assert get["Type"] == "GetCustomerProfile"
    assert get["Parameters"] == {"ProfileRequestData": {"PhoneNumber": "$.CustomerEndpoint.Address"},
                                 "ProfileResponseData": ["FirstName", "LastName"]}
    branches = errors(get)
    assert branches["NoneFoundError"] == "new_caller-1 create profile"
    # several profiles, with no branch and no error branch written: the flow goes on (never a hang-up)
    assert branches["MultipleFoundError"] == get["Transitions"]["NextAction"] == "start-2 say"
    assert set(branches) == {"NoneFoundError", "MultipleFoundError", "NoMatchingError"}
    create = by_id["new_caller-1 create profile"]
    assert create["Parameters"]["ProfileResponseData"] == []
    meta = doc["Metadata"]["ActionMetadata"]["start-1 get profile"]
    assert meta["customerProfilesAction"] == "GetCustomerProfile" and meta["useDynamic"] == {"PhoneNumber": True}


def test_unwritten_results_follow_the_error_branch_when_it_is_written():
    doc, _ = compile_body("get case by case_id = $.Attributes.caseId link\n  error -> sorry\nhangup\nsorry:\n  hangup")
    get = actions(doc)["start-1 get case"]
    assert get["Parameters"] == {"LinkContactToCase": "true", "GetLastUpdatedCase": "false",
                                 "CaseResponseFields": [], "CaseRequestFields": {"case_id": "$.Attributes.caseId"}}
    assert set(errors(get).values()) == {"sorry-1 hangup"}
    assert set(errors(get)) == {"NoneFound", "MultipleFound", "ContactNotLinked", "NoMatchingError"}


def test_create_case_writes_the_template_fields_and_link():
    doc, _ = compile_body('create case template "9cdd" with customer_id = $.Customer.ProfileARN, status = "open"\n'
                          "hangup")
    case = actions(doc)["start-1 create case"]
    assert case["Parameters"] == {"LinkContactToCase": "false", "CaseTemplateId": "9cdd",
                                  "CaseRequestFields": {"customer_id": "$.Customer.ProfileARN", "status": "open"}}
    assert set(errors(case)) == {"NoMatchingError"}  # ContactNotLinked only with link


def test_start_voice_id_is_its_settings_then_the_stream():
    doc, diags = compile_body("start voice id authenticate 90 response 10s\ncheck voice id authentication\n"
                              "  Authenticated -> ok\n  NotEnrolled, OptedOut -> ok\nhangup\nok:\n  hangup")
    assert not diags.has_errors
    by_id = actions(doc)
    settings, stream = by_id["start-1 voice id"], by_id["start-1 voice id stream"]
    assert settings["Type"] == "UpdateContactData" and stream["Type"] == "StartVoiceIdStream"
    assert settings["Parameters"] == {"IsVoiceIdStreamingEnabled": "true", "IsFraudDetectionEnabled": "false",
                                      "IsVoiceAuthenticationEnabled": "true", "VoiceAuthenticationThreshold": "90",
                                      "VoiceAuthenticationResponseTime": "10"}
    assert settings["Transitions"]["NextAction"] == "start-1 voice id stream"
    assert stream["Parameters"] == {} and stream["Transitions"]["NextAction"] == "start-2 check voice id"
    check = by_id["start-2 check voice id"]
    assert check["Parameters"] == {"CheckVoiceIdOption": "voiceAuthentication"}
    assert [c["Condition"]["Operands"] for c in check["Transitions"]["Conditions"]] == [
        ["Authenticated"], ["NotEnrolled"], ["OptedOut"]]
    assert doc["Metadata"]["ActionMetadata"]["start-1 voice id stream"]["fragments"] == {
        "SetContactData": "start-1 voice id"}


def test_task_and_callback_options():
    claims = "  claims:\n    do: |\n      hangup\n"
    doc, diags = compile_body('task "Claim" flow claims description "New claim" with Policy = $.External.policy\n'
                              "callback Support delay 2m attempts 3 retry 10m\ncallback\nhangup", extra=claims)
    assert not diags.has_errors, [d.message for d in diags]
    by_id = actions(doc)
    assert by_id["start-1 task"]["Parameters"] == {"Name": "Claim", "ContactFlowId": "${flow.claims.arn}",
                                                  "Description": "New claim",
                                                  "Attributes": {"Policy": "$.External.policy"}}
    assert by_id["start-2 callback"]["Parameters"] == {"QueueId": "${queue.Support.arn}",
                                                      "InitialCallDelaySeconds": "120",
                                                      "MaximumConnectionAttempts": "3", "RetryDelaySeconds": "600"}
    assert by_id["start-3 callback"]["Parameters"] == {"InitialCallDelaySeconds": "5",
                                                      "MaximumConnectionAttempts": "1", "RetryDelaySeconds": "60"}


@pytest.mark.parametrize("body, code", [
    ("get profile by PhoneNumber = $.CustomerEndpoint.Address returning Nickname\nhangup", "E332"),
    ('create profile with Nickname = "x"\nhangup', "E332"),
    ("task \"" + "x" * 513 + "\" flow main\nhangup", "E334"),
    ("callback attempts 0\nhangup", "E307"),
    ("callback delay 4d\nhangup", "E307"),
])
def test_checks_reject_what_connect_refuses(body, code):
    _, diags = compile_body(body)
    assert code in {d.code for d in diags}, [f"{d.code} {d.message}" for d in diags]


def test_a_site_without_the_domain_is_warned_once_per_flow_and_domain():
    _, diags = compile_body(PROFILE, domains="[]")
    assert [d.code for d in diags if d.code == "W308"] == ["W308"]
    _, diags = compile_body(PROFILE, domains="[customer_profiles]")
    assert "W308" not in {d.code for d in diags}


def test_voice_id_blocks_are_not_allowed_in_hold_flows():
    extra = "  hold:\n    type: customer_hold\n    do: |\n      start voice id\n      loop prompts \"Please hold\" every 30s\n"
    _, diags = compile_body("hangup", extra=extra)
    assert "E305" in {d.code for d in diags}


@pytest.mark.parametrize("text", [
    PROFILE,
    'get case latest by title = $.External.CaseTitle returning case_id, status link\n  ContactNotLinked -> x\n'
    '  NoneFound, MultipleFound -> x\nx:\n  hangup\n',
    'create case template "t" with title = "a" link\n  ContactNotLinked -> x\nx:\n  hangup\n',
    "start voice id authenticate 80 response 10s fraud\ncheck voice id fraud\n  HighRisk -> x\n  otherwise -> x\n"
    "x:\n  hangup\n",
    'task "T" flow F description "d" with a = "1"\ncallback Q delay 1m attempts 2 retry 5m\n',
])
def test_canonical_text_round_trips(text):
    diags = Diagnostics()
    body = parse_flow(text, TextOrigin("t.ccd", 1, 1, block_indent=0), diags)
    assert body is not None and not diags.items, [d.message for d in diags]
    again = parse_flow(flow_to_text(body), TextOrigin("t.ccd", 1, 1, block_indent=0), Diagnostics())
    assert again == body


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus of exported flows is not next to the repository")
def test_the_corpus_blocks_are_expressible_and_read_back():
    from ccdsl.compiler.importer.actions import Action
    from ccdsl.compiler.importer.flows import decode
    from ccdsl.compiler.importer.names import NameBook
    from ccdsl.compiler.importer.rowkit import Context

    kinds = {"GetCustomerProfile", "CreateCustomerProfile", "GetCase", "CreateCase", "CheckVoiceId", "CreateTask",
             "CreateCallbackContact"}
    read, placeholders = 0, 0
    for path in sorted(CORPUS.glob("*.json")):
        doc = json.loads(path.read_text("utf-8"))
        meta = doc.get("Metadata", {}).get("ActionMetadata", {})
        for raw in doc["Actions"]:
            if raw["Type"] in kinds:
                cx = Context("CONTACT_FLOW", NameBook())
                decoded = decode(Action.of(raw, meta), cx)
                # 'CONTACT FLOW ID FOR …': the sample's text where the flow's ARN goes, read as a name to declare
                placeholders += len(cx.stand_ins)
                stmt = decoded.make(lambda target: A.Name("to_" + target[:8].replace("-", "_")))
                assert type(stmt).__name__ in ("GetProfile", "CreateProfile", "GetCase", "CreateCase",
                                               "CheckVoiceId", "Task", "Callback")
                read += 1
    assert (read, placeholders) == (13, 1)

"""Customer profiles, cases and Voice ID in the conversation interpreter: what the test's ``given`` says is
found, and the branch each block takes."""
from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from ccdsl.runtime.conversation.contact import Given
from ccdsl.runtime.conversation.interpreter import Interpreter
from ccdsl.runtime.conversation.site import ConversationSite, Flow

END = {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}


def _say(ident: str, text: str) -> dict:
    return {"Identifier": ident, "Type": "MessageParticipant", "Parameters": {"Text": text},
            "Transitions": {"NextAction": "end", "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}]}}


def _block(kind: str, params: dict, nxt: str, errors: dict[str, str], conditions: dict[str, str] | None = None) -> dict:
    tr: dict[str, Any] = {"NextAction": nxt, "Errors": [{"NextAction": t, "ErrorType": e} for e, t in errors.items()]}
    if conditions:
        tr["Conditions"] = [{"NextAction": t, "Condition": {"Operator": "Equals", "Operands": [v]}}
                            for v, t in conditions.items()]
    return {"Identifier": "block", "Type": kind, "Parameters": params, "Transitions": tr}


class NoTurns:
    def next_input(self, want: str) -> None:
        return None

    def next_kind(self) -> None:
        return None


def run(block: dict, channel: str = "VOICE", **given: Any) -> list[str]:
    actions = [block, _say("ok", "ok: $.Customer.FirstName $.Case.status"), _say("none", "none"),
               _say("many", "many"), _say("failed", "failed"), _say("linked", "not linked"), END]
    flow = Flow("f", "CONTACT_FLOW", "block", {a["Identifier"]: a for a in actions})
    site = ConversationSite("t", "t", {"f": flow}, {}, {}, {}, {}, {})
    ix = Interpreter(site, Given(at=datetime(2026, 12, 1, 12, tzinfo=ZoneInfo("UTC")), **given), NoTurns())
    return [e.text for e in ix.run("f", channel) if e.kind == "prompt"]


PROFILE = _block("GetCustomerProfile", {"ProfileRequestData": {"PhoneNumber": "$.CustomerEndpoint.Address"},
                                        "ProfileResponseData": ["FirstName"]}, "ok",
                 {"NoneFoundError": "none", "MultipleFoundError": "many", "NoMatchingError": "failed"})


def test_get_profile_finds_the_given_profile_and_fills_customer():
    assert run(PROFILE, profile={"FirstName": "Ann", "LastName": "Lee"}) == ["ok: Ann "]


def test_get_profile_without_a_given_profile_finds_none():
    assert run(PROFILE) == ["none"]
    assert run(PROFILE, profile="multiple") == ["many"]


def test_get_profile_forced_to_fail_takes_the_error_branch():
    assert run(PROFILE, profile={"FirstName": "Ann"}, fail={"GetCustomerProfile"}) == ["failed"]


CASE = _block("GetCase", {"LinkContactToCase": "false", "GetLastUpdatedCase": "true",
                          "CaseResponseFields": ["status"], "CaseRequestFields": {"case_id": "$.Attributes.c"}}, "ok",
              {"NoneFound": "none", "MultipleFound": "many", "NoMatchingError": "failed"})


def test_get_case_latest_takes_the_last_updated_of_several():
    assert run(CASE, case={"status": "open"}) == ["ok:  open"]
    assert run(CASE, case="multiple") == ["ok:  "]
    assert run(CASE) == ["none"]


def test_create_case_and_profile_set_what_they_create():
    create = _block("CreateCustomerProfile", {"ProfileRequestData": {"FirstName": "New"}, "ProfileResponseData": []},
                    "ok", {"NoMatchingError": "failed"})
    assert run(create) == ["ok: New "]
    case = _block("CreateCase", {"LinkContactToCase": "true", "CaseTemplateId": "t",
                                 "CaseRequestFields": {"status": "open"}}, "ok",
                  {"ContactNotLinked": "linked", "NoMatchingError": "failed"})
    assert run(case) == ["ok:  open"]


CHECK = _block("CheckVoiceId", {"CheckVoiceIdOption": "voiceAuthentication"}, "none", {"NoMatchingError": "failed"},
               {"Authenticated": "ok", "NotEnrolled": "many"})


def test_check_voice_id_takes_the_given_result():
    assert run(CHECK, voice_id="Authenticated") == ["ok:  "]
    assert run(CHECK) == ["many"]  # not enrolled when the test does not say
    assert run(CHECK, voice_id="Inconclusive") == ["none"]  # a result without a condition goes on


def test_voice_id_is_voice_only():
    assert run(CHECK, channel="CHAT", voice_id="Authenticated") == ["failed"]

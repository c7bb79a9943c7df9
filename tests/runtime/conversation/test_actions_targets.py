"""Dynamic targets, a disconnect flow, media streaming and Contact Lens in the conversation interpreter."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from ccdsl.runtime.conversation.contact import Given, Input
from ccdsl.runtime.conversation.interpreter import Interpreter
from ccdsl.runtime.conversation.site import ConversationSite, Flow

END = {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}


def _flow(name: str, *actions: dict) -> Flow:
    return Flow(name, "CONTACT_FLOW", actions[0]["Identifier"], {a["Identifier"]: a for a in actions})


def _say(ident: str, text: str, nxt: str = "end") -> dict:
    return {"Identifier": ident, "Type": "MessageParticipant", "Parameters": {"Text": text},
            "Transitions": {"NextAction": nxt, "Errors": [{"NextAction": nxt, "ErrorType": "NoMatchingError"}]}}


def _action(ident: str, kind: str, params: dict, nxt: str, error: str = "end") -> dict:
    return {"Identifier": ident, "Type": kind, "Parameters": params,
            "Transitions": {"NextAction": nxt, "Errors": [{"NextAction": error, "ErrorType": "NoMatchingError"}]}}


class Turns:
    def __init__(self, *turns: Input):
        self.turns = list(turns)

    def next_input(self, want: str) -> Input | None:
        return self.turns.pop(0) if self.turns else None

    def next_kind(self) -> str | None:
        return self.turns[0].kind if self.turns else None


def run(flows: dict[str, Flow], start: str, attributes: dict | None = None, turns: tuple = (),
        channel: str = "VOICE", queues: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    site = ConversationSite("t", "t", flows, {}, {}, {}, {}, {})
    for q in queues:
        site.queues[q] = None  # type: ignore[assignment]
    given = Given(at=datetime(2026, 12, 1, 12, tzinfo=ZoneInfo("UTC")), attributes=dict(attributes or {}))
    ix = Interpreter(site, given, Turns(*turns))
    events = ix.run(start, channel)
    return [(e.kind, e.text) for e in events if e.kind in ("prompt", "transferred", "note", "queued", "disconnect")]


def test_transfer_to_a_flow_named_by_an_attribute():
    go = _action("go", "TransferToFlow", {"ContactFlowId": "$.Attributes.next"}, "end", "failed")
    flows = {"f": _flow("f", go, _say("failed", "no such flow"), END), "billing": _flow("billing", _say("b", "billing"),
                                                                                             END)}
    assert ("transferred", "billing") in run(flows, "f", {"next": "billing"})
    assert ("transferred", "billing") in run(flows, "f", {"next": "${flow.billing.arn}"})
    assert ("prompt", "no such flow") in run(flows, "f", {"next": "arn:aws:connect:…/contact-flow/123"})
    assert ("prompt", "no such flow") in run(flows, "f", {})


def test_run_a_module_named_by_an_attribute():
    call = _action("call", "InvokeFlowModule", {"FlowModuleId": "$.Attributes.module"}, "after")
    ret = {"Identifier": "return", "Type": "EndFlowModuleExecution", "Parameters": {}, "Transitions": {}}
    flows = {"f": _flow("f", call, _say("after", "back"), END), "m": _flow("m", _say("in", "inside", "return"), ret)}
    assert [t for k, t in run(flows, "f", {"module": "m"}) if k == "prompt"] == ["inside", "back"]


def test_play_an_audio_prompt_by_name_or_attribute():
    play = _action("play", "MessageParticipant", {"PromptId": "${prompt.chime.arn}"}, "dyn")
    dyn = _action("dyn", "MessageParticipant", {"PromptId": "$.External.promptArn"}, "end")
    events = run({"f": _flow("f", play, dyn, END)}, "f")
    assert [t for k, t in events if k == "prompt"] == ["[audio prompt chime]", "[audio prompt ]"]


def test_the_disconnect_flow_runs_when_the_agent_hangs_up_first():
    hook = _action("hook", "UpdateContactEventHooks", {"EventHooks": {"CustomerRemaining": "${flow.survey.arn}"}},
                   "queue")
    queue = _action("queue", "UpdateContactTargetQueue", {"QueueId": "${queue.Q.arn}"}, "transfer")
    transfer = {"Identifier": "transfer", "Type": "TransferContactToQueue", "Parameters": {},
                "Transitions": {"NextAction": "end", "Errors": [{"NextAction": "end", "ErrorType": "QueueAtCapacity"},
                                                                {"NextAction": "end", "ErrorType": "NoMatchingError"}]}}
    flows = {"f": _flow("f", hook, queue, transfer, END), "survey": _flow("survey", _say("ask", "rate us"), END)}
    after = run(flows, "f", turns=(Input("agent hangs up"),), queues=("Q",))
    assert ("queued", "Q") in after and ("prompt", "rate us") in after
    assert ("prompt", "rate us") not in run(flows, "f", queues=("Q",))  # the caller hung up, or no one did


def test_media_streaming_is_voice_only():
    stream = _action("stream", "UpdateContactMediaStreamingBehavior",
                     {"MediaStreamingState": "Enabled", "MediaStreamType": "Audio",
                      "Participants": [{"ParticipantType": "Customer", "MediaDirections": ["To", "From"]}]},
                     "ok", "failed")
    flows = {"f": _flow("f", stream, _say("ok", "streaming"), _say("failed", "not streaming"), END)}
    assert ("prompt", "streaming") in run(flows, "f")
    assert ("prompt", "not streaming") in run(flows, "f", channel="CHAT")


def test_contact_lens_is_noted():
    lens = {"Identifier": "lens", "Type": "UpdateContactRecordingBehavior", "Parameters": {
        "RecordingBehavior": {"RecordedParticipants": ["Agent", "Customer"]},
        "AnalyticsBehavior": {"Enabled": "True", "AnalyticsLanguage": "en-GB", "AnalyticsMode": "RealTime"}},
        "Transitions": {"NextAction": "end"}}
    notes = [t for k, t in run({"f": _flow("f", lens, END)}, "f") if k == "note"]
    assert notes == ["Contact Lens analyses this contact (RealTime, en-GB)"]


def _view(params: dict) -> dict:
    return {"Identifier": "v", "Type": "ShowView", "Parameters": params, "Transitions": {
        "NextAction": "other", "Conditions": [
            {"NextAction": "back", "Condition": {"Operator": "Equals", "Operands": ["Back"]}},
            {"NextAction": "next", "Condition": {"Operator": "Equals", "Operands": ["Next"]}}],
        "Errors": [{"NextAction": "other", "ErrorType": "NoMatchingCondition"},
                   {"NextAction": "failed", "ErrorType": "NoMatchingError"}]}}


def test_show_view_takes_the_chosen_result_and_next_by_default():
    view = _view({"ViewResource": {"Id": "form", "Version": "Latest"},
                  "ViewData": {"Heading": "Claim for $.Attributes.name"}})
    flows = {"f": _flow("f", view, _say("back", "went back"), _say("next", "went on"), _say("other", "other"),
                        _say("failed", "failed"), END)}
    shown = run(flows, "f", {"name": "Ann"}, channel="CHAT")
    assert ("note", "view 'form' is shown: Claim for Ann") in shown and ("prompt", "went on") in shown
    assert ("prompt", "went back") in run(flows, "f", turns=(Input("chooses", "Back", 0),), channel="CHAT")
    assert ("prompt", "other") in run(flows, "f", turns=(Input("chooses", "Cancel", 0),), channel="CHAT")
    assert ("prompt", "failed") in run(flows, "f", channel="VOICE")  # participant-actions-showview.html: chat only


def test_a_lex_bot_named_by_an_attribute_is_read_from_the_contact():
    ask = _action("ask", "ConnectParticipantWithLexBot", {"Text": "Hi?", "LexV2Bot": {"AliasArn": "$.Attributes.bot"}},
                  "end", "failed")
    flows = {"f": _flow("f", ask, _say("failed", "no such bot"), END)}
    shown = run(flows, "f", {})
    assert ("prompt", "no such bot") in shown
    site_bot = [text for kind, text in run(flows, "f", {"bot": "${bot.banking.arn}"}) if kind == "note"]
    assert any("'banking'" in text for text in site_bot), site_bot

"""Action semantics: every action Type of the corpus and of the compiler has a handler; hours, compares,
channels; the corpus's real flows run to an end without a crash."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ccdsl.runtime.conversation.actions import HANDLERS, compare, hours_open
from ccdsl.runtime.conversation.contact import Given, Input
from ccdsl.runtime.conversation.interpreter import Interpreter
from ccdsl.runtime.conversation.site import ConversationSite, Flow, Hours

CORPUS = Path("/work/shared/corpus/connect-flows")
if not CORPUS.is_dir():
    CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "connect-flows"


def corpus_docs() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(CORPUS.glob("*.json")):
        doc = json.loads(path.read_text())
        doc = doc.get("ContactFlow", doc)
        if isinstance(doc.get("Content"), str):
            doc = json.loads(doc["Content"])
        if doc.get("Actions"):
            out.append((path.stem, doc))
    return out


def test_every_emitted_action_type_has_a_handler() -> None:
    from ccdsl.dsl.flows.statements import STATEMENT_ACTIONS, end_of_flow

    emitted = set(STATEMENT_ACTIONS.values()) | {end_of_flow("CUSTOMER_QUEUE"), "EndFlowModuleExecution"}
    assert emitted - set(HANDLERS) == set()


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus of exported flows is not on this machine")
def test_every_corpus_action_type_has_a_handler() -> None:
    types = {a["Type"] for _name, doc in corpus_docs() for a in doc["Actions"]}
    assert len(types) >= 30
    assert types - set(HANDLERS) == set()


class Silent:
    """A caller who presses 1 and says 'agent please' a few times, then has nothing more to say."""

    def __init__(self):
        self.turns = [Input("presses", "1"), Input("says", "agent please"), Input("waits")] * 3

    def next_input(self, want: str):
        return self.turns.pop(0) if self.turns else None


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus of exported flows is not on this machine")
@pytest.mark.parametrize("channel", ["VOICE", "CHAT", "TASK"])
def test_corpus_flows_run_to_an_end(channel: str) -> None:
    for name, doc in corpus_docs():
        flow = Flow(name, "CONTACT_FLOW", doc["StartAction"], {a["Identifier"]: a for a in doc["Actions"]})
        site = ConversationSite("corpus", "corpus", {name: flow}, {}, {}, {}, {}, {})
        ix = Interpreter(site, Given(at=datetime(2026, 12, 1, 12, tzinfo=ZoneInfo("UTC"))), Silent())
        events = ix.run(name, channel)
        assert events and events[-1].kind in ("disconnect", "end", "stop"), (name, events[-1:])
        assert not any(e.data.get("unmodelled") for e in events), name


def test_hours() -> None:
    london = Hours("h", "Europe/London", [
        {"Day": "MONDAY", "StartTime": {"Hours": 9, "Minutes": 0}, "EndTime": {"Hours": 17, "Minutes": 30}},
        {"Day": "FRIDAY", "StartTime": {"Hours": 22, "Minutes": 0}, "EndTime": {"Hours": 2, "Minutes": 0}},
        {"Day": "SUNDAY", "StartTime": {"Hours": 0, "Minutes": 0}, "EndTime": {"Hours": 0, "Minutes": 0}},
    ])
    tz = ZoneInfo("Europe/London")
    assert hours_open(london, datetime(2026, 11, 30, 9, 0, tzinfo=tz))  # Monday at opening
    assert not hours_open(london, datetime(2026, 11, 30, 17, 30, tzinfo=tz))  # closing time is closed
    assert hours_open(london, datetime(2026, 12, 5, 1, 0, tzinfo=tz))  # Friday's hours run past midnight
    assert hours_open(london, datetime(2026, 12, 6, 23, 59, tzinfo=tz))  # 00:00-00:00 is all day
    assert not hours_open(london, datetime(2026, 12, 1, 12, 0, tzinfo=tz))  # Tuesday
    assert hours_open(london, datetime(2026, 11, 30, 4, 0, tzinfo=ZoneInfo("America/New_York")))  # 09:00 London


def test_compare_operators() -> None:
    assert compare("Equals", "gold", "gold") and not compare("Equals", "Gold", "gold")
    assert compare("NumberGreaterThan", "10", "9") and not compare("NumberGreaterThan", "ten", "9")
    assert compare("NumberLessOrEqualTo", "3", "3.0")
    assert compare("TextContains", "I lost my card", "CARD")
    assert compare("TextStartsWith", "+44 20", "+44")


def _flow(name: str, *actions: dict) -> Flow:
    return Flow(name, "CONTACT_FLOW", actions[0]["Identifier"], {a["Identifier"]: a for a in actions})


def _say(ident: str, text: str, nxt: str = "end") -> dict:
    return {"Identifier": ident, "Type": "MessageParticipant", "Parameters": {"Text": text},
            "Transitions": {"NextAction": nxt}}


END = {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}


def _run(flows: dict[str, Flow], start: str, **given) -> list[tuple[str, str]]:
    from ccdsl.runtime.conversation.contact import QueueState

    queues = {k: QueueState(**v) for k, v in given.pop("queues", {}).items()}
    site = ConversationSite("t", "t", flows, {}, {}, {}, {}, {})
    ix = Interpreter(site, Given(at=datetime(2026, 12, 1, 12, tzinfo=ZoneInfo("UTC")), queues=queues, **given),
                     Silent())
    return [(e.kind, e.text) for e in ix.run(start) if e.kind in ("prompt", "disconnect", "end")]


def test_staffing_check_reads_the_tests_queue_state() -> None:
    check = {"Identifier": "check", "Type": "CheckMetricData",
             "Parameters": {"MetricType": "NumberOfAgentsOnline", "QueueId": "${queue.Q.arn}"},
             "Transitions": {"NextAction": "none", "Conditions": [
                 {"NextAction": "some", "Condition": {"Operator": "NumberGreaterThan", "Operands": ["0"]}}],
                 "Errors": [{"NextAction": "none", "ErrorType": "NoMatchingCondition"}]}}
    flows = {"f": _flow("f", check, _say("some", "staffed"), _say("none", "nobody"), END)}
    assert _run(flows, "f", queues={"Q": {"agents_online": 2}})[0] == ("prompt", "staffed")
    assert _run(flows, "f", queues={"Q": {"agents_online": 0}})[0] == ("prompt", "nobody")


def test_loop_counts_then_finishes() -> None:
    loop = {"Identifier": "loop", "Type": "Loop", "Parameters": {"LoopCount": "2"},
            "Transitions": {"NextAction": "done", "Conditions": [
                {"NextAction": "again", "Condition": {"Operator": "Equals", "Operands": ["ContinueLooping"]}},
                {"NextAction": "done", "Condition": {"Operator": "Equals", "Operands": ["DoneLooping"]}}]}}
    flows = {"f": _flow("f", loop, _say("again", "round", "loop"), _say("done", "finished"), END)}
    assert [t for k, t in _run(flows, "f") if k == "prompt"] == ["round", "round", "finished"]


def test_a_module_returns_to_the_invoking_flow() -> None:
    invoke = {"Identifier": "call", "Type": "InvokeFlowModule", "Parameters": {"FlowModuleId": "${flow.m.arn}"},
              "Transitions": {"NextAction": "after", "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}]}}
    ret = {"Identifier": "return", "Type": "EndFlowModuleExecution", "Parameters": {}, "Transitions": {}}
    flows = {"f": _flow("f", invoke, _say("after", "back in the flow"), END),
             "m": _flow("m", _say("inside", "in the module", "return"), ret)}
    assert _run(flows, "f") == [("prompt", "in the module"), ("prompt", "back in the flow"), ("disconnect", "")]

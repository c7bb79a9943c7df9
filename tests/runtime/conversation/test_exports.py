"""Exports: Connect test cases in the documented testing-language shape; Lex V2 test-set CSV."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ccdsl.runtime.conversation.export_connect import connect_test_case as connect_case
from ccdsl.runtime.conversation.export_connect import write_connect_tests
from ccdsl.runtime.conversation.export_lex import lex_test_set_csv, write_lex_test_sets
from ccdsl.runtime.conversation.suite import run_suite

from .conftest import SITES

# The documented example test (APIReference/testing-language-example.html), its first observation, and a DTMF
# instruction (testing-language-actions-send-instruction.html): the keys ccdsl's export must use.
DOC_OBSERVATION = {"Identifier": "TriggerHoursCheck",
                   "Event": {"Identifier": "x", "Type": "TestInitiated", "Actor": "System", "Properties": {}},
                   "Usage": {"Type": "EXACTLY"},
                   "Actions": [{"Identifier": "ActionId", "Type": "OverrideSystemBehavior", "Parameters": {
                       "ActionType": "OverrideSystemBehavior", "Behavior": {"Type": "FlowAction", "Properties": {
                           "ActionType": "CheckHoursOfOperation", "ActionParameters": {"HoursOfOperationId": "arn"},
                           "Strategy": {"Type": "SubstituteResource", "SubstituteArn": "arn"}}}},
                       "Transitions": {"NextAction": ""}}],
                   "Transitions": {"NextObservations": ["Welcome Message"]}}
DOC_DTMF = {"Identifier": "ActionId", "Type": "SendInstruction",
            "Parameters": {"ActionType": "SendInstruction", "Actor": "Customer",
                           "Instruction": {"Type": "DtmfInput", "Properties": {"Value": "string"}}},
            "Transitions": {"NextAction": "string"}}


def shape(value):
    """The keys of a JSON value, recursively (lists by their first item; an action's own parameters as a map)."""
    if isinstance(value, dict):
        return {k: "map" if k == "ActionParameters" else shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return type(value).__name__


def suite():
    return run_suite(SITES / "bank" / "site.ccd")


def test_connect_cases_have_the_documented_shape(tmp_path: Path) -> None:
    report = suite()
    written = write_connect_tests(report, tmp_path)
    assert len(written) == len(report.suite.cases)
    by_name = {json.loads(Path(p).read_text())["Metadata"]["Name"]: json.loads(Path(p).read_text()) for p in written}
    doc = by_name["busy cards queue"]
    assert doc["Version"] == "2025-06-21" and set(doc) == {"Version", "Metadata", "Observations"}
    start = doc["Observations"][0]
    assert shape(start) == shape(DOC_OBSERVATION)
    assert start["Actions"][0]["Parameters"]["Behavior"]["Properties"]["ActionType"] == "TransferContactToQueue"
    dtmf = [a for o in doc["Observations"] for a in o["Actions"] if a["Type"] == "SendInstruction"]
    assert len(dtmf) == 1 and shape(dtmf[0]) == shape(DOC_DTMF)
    assert dtmf[0]["Parameters"]["Instruction"]["Properties"]["Value"] == "1"
    events = [o["Event"]["Type"] for o in doc["Observations"]]
    assert events[0] == "TestInitiated" and events[-1] == "TestCompleted"
    assert "MessageReceived" in events and "FlowActionStarted" in events
    ids = [o["Identifier"] for o in doc["Observations"]]
    for obs, nxt in zip(doc["Observations"], ids[1:]):  # one chain, in step order
        assert obs["Transitions"]["NextObservations"] == [nxt]


def test_connect_case_lists_what_it_cannot_express() -> None:
    case = next(c for c in suite().suite.cases if c.name == "gold customer from the function's own handler")
    doc = connect_case(case)
    assert any("attributes" in item for item in doc["Metadata"]["NotExported"])
    assert any("given attributes" in item for item in doc["Metadata"]["NotExported"])


def test_lex_test_set_columns_and_conversations(tmp_path: Path) -> None:
    written = write_lex_test_sets(suite(), tmp_path)
    assert [Path(p).name for p in written] == ["cards_en_GB.csv"]
    rows = list(csv.reader(io.StringIO(Path(written[0]).read_text())))
    assert rows[0][:5] == ["Line #", "Conversation #", "Source", "Input", "Expected Output Intent"]
    assert rows[0][5] == "Expected Output Slot 1"
    body = [r[:6] for r in rows[1:]]
    assert ["1", "1", "User", "I lost my card", "LostCard", ""] in body
    assert ["2", "1", "Agent", "Which card is it?", "", ""] in body
    assert ["3", "1", "User", "the debit one", "LostCard", "card = debit"] in body


def test_lex_single_inputs_are_not_conversations() -> None:
    text = lex_test_set_csv([[{"source": "User", "text": "agent please", "slots": {}, "intent": "Agent"}]])
    assert text.splitlines()[1] == "1,N/A,User,agent please,Agent,"

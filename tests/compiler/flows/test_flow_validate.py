"""The flow validator rejects what CreateContactFlow rejects, one rule at a time."""
from __future__ import annotations

import copy
import json

import pytest

from ccdsl.compiler.flows.validate import serialize_flow, validate_flow_json


def _disconnect(ident="bye"):
    return {"Parameters": {}, "Identifier": ident, "Type": "DisconnectParticipant", "Transitions": {}}


def base() -> dict:
    """A small valid contact flow: set queue, say, transfer, disconnect."""
    return {
        "Version": "2019-10-30",
        "StartAction": "q",
        "Metadata": {"entryPointPosition": {"x": 40, "y": 40}},
        "Actions": [
            {"Parameters": {"QueueId": "${queue.Q.arn}"}, "Identifier": "q", "Type": "UpdateContactTargetQueue",
             "Transitions": {"NextAction": "say", "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingError"}]}},
            {"Parameters": {"Text": "hello"}, "Identifier": "say", "Type": "MessageParticipant",
             "Transitions": {"NextAction": "t"}},
            {"Parameters": {}, "Identifier": "t", "Type": "TransferContactToQueue",
             "Transitions": {"NextAction": "bye", "Errors": [
                 {"NextAction": "bye", "ErrorType": "QueueAtCapacity"},
                 {"NextAction": "bye", "ErrorType": "NoMatchingError"}]}},
            _disconnect(),
        ],
    }


def paths(doc, flow_type="CONTACT_FLOW"):
    return {p.path for p in validate_flow_json(doc, flow_type)}


def messages(doc, flow_type="CONTACT_FLOW"):
    return " | ".join(str(p) for p in validate_flow_json(doc, flow_type))


def test_base_is_valid():
    assert validate_flow_json(base(), "CONTACT_FLOW") == []


def mutate(fn):
    doc = copy.deepcopy(base())
    fn(doc)
    return doc


@pytest.mark.parametrize("change, path, words", [
    (lambda d: d.update(Version="2020-01-01"), "Version", "2019-10-30"),
    (lambda d: d.update(StartAction="nowhere"), "StartAction", "not the Identifier"),
    (lambda d: d["Actions"][1].update(Identifier="q"), "Actions[1].Identifier", "duplicate"),
    (lambda d: d["Actions"].append(_disconnect("x" * 51)), "Actions[4].Identifier", "at most 50"),
    (lambda d: d["Actions"].append(_disconnect("a:b")), "Actions[4].Identifier", "banned"),
    (lambda d: d["Actions"].append(_disconnect("toString")), "Actions[4].Identifier", "reserved"),
    (lambda d: d["Actions"][1].update(Type="PlayPrompt"), "Actions[1].Type", "Invalid Action type"),
    (lambda d: d["Actions"][1]["Parameters"].update(Text=5), "Actions[1].Parameters.Text", "string"),
    (lambda d: d["Actions"][1]["Parameters"].update(Voice="x"), "Actions[1].Parameters.Voice", "property name"),
    (lambda d: d["Actions"][2]["Parameters"].update(QueueId="x"), "Actions[2].Parameters.QueueId",
     "property name"),
    (lambda d: d["Actions"][3].update(Transitions={"NextAction": "q"}), "Actions[3].Transitions", "terminal"),
    (lambda d: d["Actions"][1].update(Transitions={}), "Actions[1].Transitions.NextAction", "needs a NextAction"),
    (lambda d: d["Actions"][1]["Transitions"].update(NextAction="gone"), "Actions[1].Transitions.NextAction",
     "not the Identifier"),
    (lambda d: d["Actions"][2]["Transitions"]["Errors"].pop(0), "Actions[2].Transitions.Errors", "QueueAtCapacity"),
    (lambda d: d["Actions"][2]["Transitions"].update(NextAction="say"), "Actions[2].Transitions.NextAction",
     "duplicate the NoMatchingError"),
    (lambda d: d["Actions"][1]["Transitions"].update(Errors=[{"NextAction": "bye", "ErrorType": "QueueAtCapacity"}]),
     "Actions[1].Transitions.Errors[0].ErrorType", "does not support"),
    (lambda d: d["Actions"][1]["Parameters"].update(SSML="<speak/>"), "Actions[1].Parameters", "exactly one of"),
    (lambda d: d["Actions"][0].update(Parameters={}), "Actions[0].Parameters", "exactly one of"),
])
def test_each_rule(change, path, words):
    doc = mutate(change)
    assert path in paths(doc), messages(doc)
    assert words in messages(doc)


def compare(conditions, errors):
    doc = base()
    doc["Actions"][1] = {"Parameters": {"ComparisonValue": "$.Channel"}, "Identifier": "say", "Type": "Compare",
                         "Transitions": {"NextAction": "t", "Conditions": conditions, "Errors": errors}}
    return doc


def test_compare_rules():
    voice = [{"NextAction": "bye", "Condition": {"Operator": "Equals", "Operands": ["VOICE"]}}]
    ok = compare(voice, [{"NextAction": "t", "ErrorType": "NoMatchingCondition"}])
    assert validate_flow_json(ok) == []
    with_nme = compare(voice, [{"NextAction": "t", "ErrorType": "NoMatchingCondition"},
                               {"NextAction": "t", "ErrorType": "NoMatchingError"}])
    assert "NoMatchingError" in messages(with_nme)
    no_conditions = compare([], [{"NextAction": "t", "ErrorType": "NoMatchingCondition"}])
    assert "at least one condition" in messages(no_conditions)
    bad_operator = compare([{"NextAction": "bye", "Condition": {"Operator": "Like", "Operands": ["x"]}}],
                           [{"NextAction": "t", "ErrorType": "NoMatchingCondition"}])
    assert "unknown operator" in messages(bad_operator)


def hours(errors, operands=("True", "False")):
    doc = base()
    doc["Actions"][1] = {"Parameters": {}, "Identifier": "say", "Type": "CheckHoursOfOperation", "Transitions": {
        "NextAction": "t", "Errors": errors,
        "Conditions": [{"NextAction": "t", "Condition": {"Operator": "Equals", "Operands": [o]}} for o in operands]}}
    return doc


def test_hours_rejects_no_matching_condition_and_odd_operands():
    assert validate_flow_json(hours([{"NextAction": "t", "ErrorType": "NoMatchingError"}])) == []
    assert "NoMatchingCondition" in messages(hours([{"NextAction": "t", "ErrorType": "NoMatchingError"},
                                                   {"NextAction": "t", "ErrorType": "NoMatchingCondition"}]))
    assert "operand 'Maybe'" in messages(hours([{"NextAction": "t", "ErrorType": "NoMatchingError"}], ["Maybe"]))


def get_input(store: str, errors: list[str], digit="1"):
    doc = base()
    conditions = [] if store == "True" else [
        {"NextAction": "t", "Condition": {"Operator": "Equals", "Operands": [digit]}}]
    doc["Actions"][1] = {"Parameters": {"Text": "press", "StoreInput": store, "InputTimeLimitSeconds": "5"},
                         "Identifier": "say", "Type": "GetParticipantInput", "Transitions": {
                             "NextAction": "bye", "Conditions": conditions,
                             "Errors": [{"NextAction": "bye", "ErrorType": e} for e in errors]}}
    return doc


def test_get_participant_input_menu_and_store_modes():
    menu = ["InputTimeLimitExceeded", "NoMatchingCondition", "NoMatchingError"]
    assert validate_flow_json(get_input("False", menu)) == []
    assert "InputTimeLimitExceeded" in messages(get_input("False", menu[1:]))
    assert validate_flow_json(get_input("True", ["NoMatchingError"])) == []
    assert "does not support ErrorType 'InputTimeLimitExceeded'" in messages(get_input("True", menu))
    assert "0-9" in messages(get_input("False", menu, digit="12"))


def test_lambda_timeout_range_and_flow_type():
    doc = base()
    doc["Actions"][1] = {"Parameters": {"LambdaFunctionARN": "${function.f.arn}", "InvocationTimeLimitSeconds": "9"},
                         "Identifier": "say", "Type": "InvokeLambdaFunction",
                         "Transitions": {"NextAction": "t", "Errors": [{"NextAction": "t", "ErrorType": "NoMatchingError"}]}}
    assert "allowed 1-8" in messages(doc)
    doc["Actions"][1]["Parameters"]["InvocationTimeLimitSeconds"] = "8"
    assert validate_flow_json(doc) == []
    # a hold flow can neither transfer nor play a prompt
    assert {"Actions[0].Type", "Actions[1].Type", "Actions[2].Type"} <= paths(base(), "CUSTOMER_HOLD")


def test_event_hooks_need_a_flow():
    doc = base()
    doc["Actions"][1] = {"Parameters": {"EventHooks": {"CustomerQueue": ""}}, "Identifier": "say",
                         "Type": "UpdateContactEventHooks",
                         "Transitions": {"NextAction": "t", "Errors": [{"NextAction": "t", "ErrorType": "NoMatchingError"}]}}
    assert "Actions[1].Parameters.EventHooks.CustomerQueue" in paths(doc)
    doc["Actions"][1]["Parameters"]["EventHooks"] = {}
    assert "Actions[1].Parameters.EventHooks" in paths(doc)
    doc["Actions"][1]["Parameters"]["EventHooks"] = {"CustomerQueue": "${flow.q.arn}"}
    assert validate_flow_json(doc) == []


def test_dtmf_digits_pattern():
    doc = base()
    doc["Actions"][1] = {"Parameters": {"ThirdPartyPhoneNumber": "+441234", "ThirdPartyDTMFDigits": "12a"},
                         "Identifier": "say", "Type": "TransferParticipantToThirdParty",
                         "Transitions": {"NextAction": "t", "Errors": [{"NextAction": "t", "ErrorType": "NoMatchingError"}]}}
    assert "Actions[1].Parameters.ThirdPartyDTMFDigits" in paths(doc)
    doc["Actions"][1]["Parameters"]["ThirdPartyDTMFDigits"] = "12,#"
    assert validate_flow_json(doc) == []


def test_limits():
    doc = base()
    doc["Actions"] += [_disconnect(f"d{i}") for i in range(250)]
    assert "at most 250" in messages(doc)
    big = base()
    big["Actions"][1]["Parameters"]["Text"] = "x" * 256_001
    assert len(serialize_flow(big)) > 256_000
    assert "at most 256000" in messages(big)


def test_json_text_and_garbage():
    assert validate_flow_json(json.dumps(base())) == []
    assert "not valid JSON" in str(validate_flow_json("{nope")[0])
    assert validate_flow_json([1, 2])[0].message == "Content must be a JSON object"
    assert "Actions" in {p.path for p in validate_flow_json({"Version": "2019-10-30", "StartAction": "x"})}

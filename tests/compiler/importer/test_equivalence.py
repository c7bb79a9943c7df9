"""The flow equivalence the round trip is checked with: a bisimulation from the start actions."""
import copy

from ccdsl.compiler.importer.equivalence import difference

BASE = {
    "StartAction": "a",
    "Actions": [
        {"Identifier": "a", "Type": "UpdateContactTargetQueue",
         "Parameters": {"QueueId": "arn:aws:connect:eu-west-2:1:instance/i/queue/q1"},
         "Transitions": {"NextAction": "b", "Errors": [{"NextAction": "d", "ErrorType": "NoMatchingError"}]}},
        {"Identifier": "b", "Type": "MessageParticipant", "Parameters": {"Text": "Hi"},
         "Transitions": {"NextAction": "d", "Errors": [{"NextAction": "d", "ErrorType": "NoMatchingError"}]}},
        {"Identifier": "d", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}},
    ],
}


def renamed(doc, names):
    text = repr(doc)
    for old, new in names.items():
        text = text.replace(f"'{old}'", f"'{new}'")
    return eval(text)  # noqa: S307 (a test's own literal)


def test_identifiers_references_and_order_do_not_matter():
    other = renamed(BASE, {"a": "x1", "b": "x2", "d": "x3"})
    other["Actions"].reverse()
    other["Actions"][-1]["Parameters"]["QueueId"] = "${queue.Sales.arn}"
    assert difference(BASE, other) is None


def test_a_copied_terminal_block_is_the_same_block():
    other = copy.deepcopy(BASE)
    other["Actions"].append({"Identifier": "d2", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}})
    other["Actions"][1]["Transitions"]["NextAction"] = "d2"
    assert difference(BASE, other) is None


def test_a_changed_parameter_type_or_branch_is_found():
    other = copy.deepcopy(BASE)
    other["Actions"][1]["Parameters"]["Text"] = "Hello"
    assert difference(BASE, other) == "action 'b' (MessageParticipant): parameter Text differs"
    other = copy.deepcopy(BASE)
    other["Actions"][1]["Type"] = "UpdateContactAttributes"
    assert "becomes UpdateContactAttributes" in difference(BASE, other)
    other = copy.deepcopy(BASE)
    del other["Actions"][1]["Transitions"]["Errors"]
    assert difference(BASE, other) == "action 'b' (MessageParticipant): branch error NoMatchingError differs"
    other = copy.deepcopy(BASE)
    other["Actions"][0]["Transitions"]["Errors"][0]["NextAction"] = "b"
    assert difference(BASE, other) is not None  # the error now plays the message first


def test_a_parameter_given_on_one_side_only_is_a_difference():
    doc = {"StartAction": "s", "Actions": [
        {"Identifier": "s", "Type": "UpdateContactAttributes", "Parameters": {"Attributes": {"a": "1"}},
         "Transitions": {"NextAction": "d"}},
        {"Identifier": "d", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}]}
    other = copy.deepcopy(doc)
    assert difference(doc, other) is None
    other["Actions"][0]["Parameters"]["TargetContact"] = "Current"
    assert difference(doc, other) == "action 's' (UpdateContactAttributes): parameter TargetContact differs"

"""Lowering, one statement kind at a time: the action it becomes, its parameters and branches."""
from __future__ import annotations

import pytest

from ccdsl.compiler.flows.lower import identifier, lower_flow, paused_ssml
from ccdsl.compiler.flows.refs import flow_refs, references, token_addresses
from ccdsl.compiler.flows.tokens import Tokens, ref_token
from ccdsl.compiler.flows.validate import validate_flow_json
from ccdsl.dsl.compact import flow_ast as A

N = A.Name


def lower(*statements, flow_type="CONTACT_FLOW", tokens=None):
    kwargs = {"tokens": tokens} if tokens else {}
    doc = lower_flow("f", A.FlowBody(tuple(statements)), flow_type, **kwargs)
    assert validate_flow_json(doc, flow_type) == []
    return doc


def first(doc) -> dict:
    return next(a for a in doc["Actions"] if a["Identifier"] == doc["StartAction"])


def by_id(doc, ident) -> dict:
    return next(a for a in doc["Actions"] if a["Identifier"] == ident)


def errors(action) -> dict:
    return {e["ErrorType"]: e["NextAction"] for e in action["Transitions"].get("Errors", [])}


def conditions(action) -> dict:
    return {c["Condition"]["Operands"][0]: c["NextAction"] for c in action["Transitions"].get("Conditions", [])}


def test_say_then_end_of_contact_flow_disconnects():
    doc = lower(A.Say("Welcome"))
    say = first(doc)
    assert say["Type"] == "MessageParticipant" and say["Parameters"] == {"Text": "Welcome"}
    assert say["Transitions"]["NextAction"] == "disconnect" == errors(say)["NoMatchingError"]
    assert by_id(doc, "disconnect") == {"Parameters": {}, "Identifier": "disconnect",
                                        "Type": "DisconnectParticipant", "Transitions": {}}
    assert first(lower(A.Say("<speak>x</speak>", ssml=True)))["Parameters"] == {"SSML": "<speak>x</speak>"}


def test_whisper_body_ends_the_flow():
    doc = lower(A.Say("Caller from the website"), flow_type="AGENT_WHISPER")
    assert first(doc)["Transitions"]["NextAction"] == "end flow"
    assert by_id(doc, "end flow")["Type"] == "EndFlowExecution"


@pytest.mark.parametrize("stmt, action_type, params", [
    (A.Logging(True), "UpdateFlowLoggingBehavior", {"FlowLoggingBehavior": "Enabled"}),
    (A.Logging(False), "UpdateFlowLoggingBehavior", {"FlowLoggingBehavior": "Disabled"}),
    (A.Recording(True), "UpdateContactRecordingBehavior", {"RecordingBehavior": {"RecordedParticipants":
                                                                                 ["Agent", "Customer"]}}),
    (A.Voice(N("Amy"), "neural"), "UpdateContactTextToSpeechVoice", {"TextToSpeechVoice": "Amy",
                                                                      "TextToSpeechEngine": "Neural"}),
    (A.SetAttributes((A.Assignment("channel", A.AttrPath("$.Channel")), A.Assignment("n", A.Number("3")))),
     "UpdateContactAttributes", {"Attributes": {"channel": "$.Channel", "n": "3"}, "TargetContact": "Current"}),
    (A.SetQueue(N("GeneralAgentQueue")), "UpdateContactTargetQueue", {"QueueId": "${queue.GeneralAgentQueue.arn}"}),
    (A.SetFlow("queue", N("cq")), "UpdateContactEventHooks", {"EventHooks": {"CustomerQueue": "${flow.cq.arn}"}}),
])
def test_settings(stmt, action_type, params):
    action = first(lower(stmt, A.Hangup()))
    assert action["Type"] == action_type
    assert action["Parameters"] == params
    assert action["Transitions"]["NextAction"] == "start-2 hangup"


def test_queue_error_apologises_and_disconnects_but_set_error_goes_on():
    assert errors(first(lower(A.SetQueue(N("Q")), A.Hangup()))) == {"NoMatchingError": "error apology"}
    set_attr = first(lower(A.SetAttributes((A.Assignment("a", A.Str("b")),)), A.Hangup()))
    assert errors(set_attr) == {"NoMatchingError": "start-2 hangup"}


def test_transfer_branches_and_next_action_convention():
    doc = lower(A.SetQueue(N("Q")), A.Transfer(at_capacity=N("busy")),
                A.Label(N("busy"), (A.Say("busy"), A.Hangup())))
    transfer = by_id(doc, "start-2 transfer")
    assert transfer["Type"] == "TransferContactToQueue" and transfer["Parameters"] == {}
    assert errors(transfer) == {"QueueAtCapacity": "busy-1 say", "NoMatchingError": "error apology"}
    assert transfer["Transitions"]["NextAction"] == "error apology"  # duplicates NoMatchingError, as exports do
    explicit = by_id(lower(A.SetQueue(N("Q")), A.Transfer(error=N("x")), A.Label(N("x"), (A.Hangup(),))),
                     "start-2 transfer")
    assert errors(explicit) == {"QueueAtCapacity": "x-1 hangup", "NoMatchingError": "x-1 hangup"}


def test_hours_check_closed_jumps_open_goes_on():
    doc = lower(A.IfHours(False, N("office"), N("closed")), A.Hangup(), A.Label(N("closed"), (A.Hangup(),)))
    check = first(doc)
    assert check["Type"] == "CheckHoursOfOperation"
    assert check["Parameters"] == {"HoursOfOperationId": "${hours.office.arn}"}
    assert conditions(check) == {"True": "start-2 hangup", "False": "closed-1 hangup"}
    assert errors(check) == {"NoMatchingError": "start-2 hangup"} and check["Transitions"]["NextAction"] == "start-2 hangup"
    is_open = first(lower(A.IfHours(True, N("office"), N("o")), A.Hangup(), A.Label(N("o"), (A.Hangup(),))))
    assert conditions(is_open) == {"True": "o-1 hangup", "False": "start-2 hangup"}


def test_compare_and_not_equals():
    doc = lower(A.IfCompare(A.AttrPath("$.Channel"), "==", A.Str("CHAT"), N("chat")), A.Hangup(),
                A.Label(N("chat"), (A.Hangup(),)))
    compare = first(doc)
    assert compare["Type"] == "Compare" and compare["Parameters"] == {"ComparisonValue": "$.Channel"}
    assert compare["Transitions"]["Conditions"][0]["Condition"] == {"Operator": "Equals", "Operands": ["CHAT"]}
    assert errors(compare) == {"NoMatchingCondition": "start-2 hangup"}
    ne = first(lower(A.IfCompare(A.AttrPath("$.Channel"), "!=", A.Str("CHAT"), N("x")), A.Hangup(),
                     A.Label(N("x"), (A.Hangup(),))))
    assert conditions(ne) == {"CHAT": "start-2 hangup"} and errors(ne) == {"NoMatchingCondition": "x-1 hangup"}
    gt = first(lower(A.IfCompare(A.AttrPath("$.Attributes.n"), ">", A.Number("2"), N("x")), A.Hangup(),
                     A.Label(N("x"), (A.Hangup(),))))
    assert gt["Transitions"]["Conditions"][0]["Condition"] == {"Operator": "NumberGreaterThan", "Operands": ["2"]}


def test_check_cases_in_order_with_otherwise():
    doc = lower(A.Check(A.AttrPath("$.Attributes.lang"), (A.CheckCase("==", A.Str("en"), N("en")),
                                                          A.CheckCase("startswith", A.Str("fr"), N("fr"))),
                        otherwise=N("en")),
                A.Label(N("en"), (A.Hangup(),)), A.Label(N("fr"), (A.Hangup(),)))
    check = first(doc)
    ops = [c["Condition"]["Operator"] for c in check["Transitions"]["Conditions"]]
    assert ops == ["Equals", "TextStartsWith"]
    assert errors(check) == {"NoMatchingCondition": "en-1 hangup"}


def test_ask_intents_otherwise_and_default_error():
    doc = lower(A.Ask(N("banking"), "How can I help?", (A.IntentBranch((N("A"), N("B")), N("x")),), otherwise=N("y")),
                A.Label(N("x"), (A.Hangup(),)), A.Label(N("y"), (A.Hangup(),)))
    ask = first(doc)
    assert ask["Type"] == "ConnectParticipantWithLexBot"
    assert ask["Parameters"] == {"Text": "How can I help?", "LexV2Bot": {"AliasArn": "${bot.banking.alias.arn}"}}
    assert conditions(ask) == {"A": "x-1 hangup", "B": "x-1 hangup"}
    assert errors(ask) == {"NoMatchingCondition": "y-1 hangup", "NoMatchingError": "error apology"}
    assert ask["Transitions"]["NextAction"] == "error apology"


def test_menu_mode_input():
    doc = lower(A.Menu("Press 1", (A.MenuOption("1", N("one")),), timeout=7, on_timeout=N("t")), A.Hangup(),
                A.Label(N("one"), (A.Hangup(),)), A.Label(N("t"), (A.Hangup(),)))
    menu = first(doc)
    assert menu["Parameters"] == {"Text": "Press 1", "StoreInput": "False", "InputTimeLimitSeconds": "7"}
    assert conditions(menu) == {"1": "one-1 hangup"}
    assert errors(menu) == {"InputTimeLimitExceeded": "t-1 hangup", "NoMatchingCondition": "start-2 hangup",
                            "NoMatchingError": "error apology"}
    assert menu["Transitions"]["NextAction"] == "start-2 hangup"


def test_invoke_alias_and_plain_function_arns():
    stmt = A.Invoke(N("bedrock"), timeout=5, params=(A.Assignment("k", A.Str("v")),), error=N("e"))
    doc = lower(stmt, A.Hangup(), A.Label(N("e"), (A.Hangup(),)))
    invoke = first(doc)
    assert invoke["Parameters"] == {"LambdaFunctionARN": "${function.bedrock.alias.arn}",
                                    "InvocationTimeLimitSeconds": "5", "LambdaInvocationAttributes": {"k": "v"},
                                    "ResponseValidation": {"ResponseType": "STRING_MAP"}}
    assert errors(invoke) == {"NoMatchingError": "e-1 hangup"}
    plain = first(lower(A.Invoke(N("cb")), A.Hangup(), tokens=Tokens(frozenset({"cb"}))))
    assert plain["Parameters"]["LambdaFunctionARN"] == "${function.cb.arn}"
    assert plain["Parameters"]["InvocationTimeLimitSeconds"] == "8"


def test_transfers_to_flow_and_number():
    to_flow = first(lower(A.TransferToFlow(N("main"))))
    assert to_flow["Parameters"] == {"ContactFlowId": "${flow.main.arn}"}
    assert to_flow["Transitions"]["NextAction"] == errors(to_flow)["NoMatchingError"] == "error apology"
    to_number = first(lower(A.TransferToNumber("+441234", timeout=20)))
    assert to_number["Parameters"] == {"ThirdPartyPhoneNumber": "+441234", "ThirdPartyConnectionTimeLimitSeconds": "20",
                                       "ContinueFlowExecution": "False"}


def test_wait_callback_task_end():
    wait = first(lower(A.Wait(60), A.Hangup()))
    assert wait["Parameters"] == {"TimeLimitSeconds": "60"} and conditions(wait) == {"WaitCompleted": "start-2 hangup"}
    callback = first(lower(A.Callback(N("Q")), A.Hangup()))
    assert callback["Type"] == "CreateCallbackContact" and callback["Parameters"]["QueueId"] == "${queue.Q.arn}"
    task = first(lower(A.Task("Follow up", N("main")), A.Hangup()))
    assert task["Parameters"] == {"Name": "Follow up", "ContactFlowId": "${flow.main.arn}"}
    assert first(lower(A.End(), flow_type="CUSTOMER_QUEUE"))["Type"] == "EndFlowExecution"


def test_loop_prompts_is_terminal_with_pauses():
    loop = first(lower(A.LoopPrompts(("Please hold", "Thanks"), 25), flow_type="CUSTOMER_HOLD"))
    assert loop["Type"] == "MessageParticipantIteratively" and loop["Transitions"] == {}
    assert loop["Parameters"]["Messages"][0] == {"SSML": paused_ssml("Please hold", 25)}
    assert paused_ssml("a < b", 25) == '<speak>a &lt; b<break time="10s"/><break time="10s"/><break time="5s"/></speak>'


def test_goto_labels_and_unreachable_statements_are_not_emitted():
    doc = lower(A.Goto(N("b")), A.Say("never"), A.Label(N("b"), (A.Hangup(),)))
    assert doc["StartAction"] == "b-1 hangup"
    assert [a["Identifier"] for a in doc["Actions"]] == ["b-1 hangup"]


def test_identifiers_metadata_and_determinism():
    body = A.FlowBody((A.Say("a"), A.Label(N("x" * 60), (A.Hangup(),))))
    doc = lower_flow("f", body)
    assert validate_flow_json(doc) == []
    assert all(len(a["Identifier"]) <= 50 for a in doc["Actions"])
    assert lower_flow("f", body) == doc
    meta = doc["Metadata"]
    assert set(meta["ActionMetadata"]) == {a["Identifier"] for a in doc["Actions"]}
    xs = [meta["ActionMetadata"][a["Identifier"]]["position"]["x"] for a in doc["Actions"]]
    assert xs == sorted(xs)  # a straight line runs left to right
    assert identifier(None, 3, "Transfer") == "start-3 transfer"


def test_references_and_tokens():
    body = A.FlowBody((A.SetQueue(N("Q")), A.Ask(N("bot"), "?"), A.TransferToFlow(N("other")),
                       A.Label(N("l"), (A.SetFlow("queue", N("cq")), A.IfHours(True, N("h"), N("l")),
                                        A.Invoke(N("fn")), A.Hangup()))))
    assert flow_refs(body) == {"other", "cq"}
    refs = references(body)
    assert refs["queue"] == {"Q"} and refs["bot"] == {"bot"} and refs["function"] == {"fn"}
    assert refs["hours"] == {"h"}
    doc = lower_flow("f", body)
    assert token_addresses(doc) == {"queue.Q", "bot.bot.alias", "flow.other"}  # the rest is unreachable
    assert ref_token("queue", "Q") == "${queue.Q.arn}"
    assert ref_token("hours", "h", "id") == "${hours.h.id}"


def test_shared_ends_sit_in_the_rightmost_column():
    doc = lower(A.SetQueue(N("Q")), A.Say("a"), A.Say("b"), A.Transfer())
    meta = doc["Metadata"]["ActionMetadata"]
    xs = {ident: m["position"]["x"] for ident, m in meta.items()}
    assert xs["disconnect"] > max(x for ident, x in xs.items() if ident != "disconnect")
    assert len({(m["position"]["x"], m["position"]["y"]) for m in meta.values()}) == len(meta)  # no overlap


def test_blocks_in_a_column_do_not_overlap():
    from ccdsl.compiler.flows.layout import height

    branches = tuple(A.IntentBranch((N(f"I{k}"),), N("x")) for k in range(6))
    doc = lower(A.IfHours(True, N("h"), N("y")), A.Ask(N("bot"), "?", branches),
                A.Label(N("x"), (A.Hangup(),)), A.Label(N("y"), (A.Ask(N("bot"), "?", branches), A.Hangup())))
    meta = doc["Metadata"]["ActionMetadata"]
    by_x: dict[int, list] = {}
    for action in doc["Actions"]:
        pos = meta[action["Identifier"]]["position"]
        by_x.setdefault(pos["x"], []).append((pos["y"], height(action)))
    for column in by_x.values():
        column.sort()
        for (y1, h1), (y2, _h2) in zip(column, column[1:]):
            assert y1 + h1 < y2

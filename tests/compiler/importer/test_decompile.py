"""The decompiler on small flows: which statement each action becomes, which branches are written, labels and
gotos, and the reasons a flow stays a template."""
import copy

from ccdsl.compiler.flows.lower import lower_flow
from ccdsl.compiler.importer import NameBook, decompile
from ccdsl.compiler.importer.equivalence import difference
from ccdsl.dsl.compact.flow_parser import parse_flow
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows import catalog as cat
from ccdsl.dsl.source import TextOrigin

QUEUE_ARN = "arn:aws:connect:eu-west-2:111122223333:instance/0c5a5c2e-1111-4d4d-8e8e-000000000001/queue/7d2f0f0a-aaaa"
HOURS_ARN = "arn:aws:connect:eu-west-2:111122223333:instance/0c5a5c2e-1111-4d4d-8e8e-000000000001/operating-hours/9e1"
LAMBDA_ARN = "arn:aws:lambda:eu-west-2:111122223333:function:lookup-customer:live"


def act(ident, type_, params=None, next_=None, errors=None, conditions=None):
    tr = {}
    if next_:
        tr["NextAction"] = next_
    if conditions:
        tr["Conditions"] = [{"NextAction": t, "Condition": {"Operator": op, "Operands": [v]}} for op, v, t in conditions]
    if errors:
        tr["Errors"] = [{"NextAction": t, "ErrorType": e} for e, t in errors.items()]
    return {"Identifier": ident, "Type": type_, "Parameters": params or {}, "Transitions": tr}


def flow(start, *actions, metadata=None):
    return {"Version": "2019-10-30", "StartAction": start, "Metadata": {"ActionMetadata": metadata or {}},
            "Actions": list(actions)}


def imported(doc, flow_type=cat.CONTACT_FLOW, mapping=None):
    return decompile(doc, "f", flow_type, NameBook(mapping or {}))


def lowered(text, flow_type=cat.CONTACT_FLOW):
    body = parse_flow(text, TextOrigin("t", 1, 1, 0), Diagnostics())
    return lower_flow("f", body, flow_type)


MENU_FLOW = flow(
    "Welcome",
    act("Welcome", "MessageParticipant", {"Text": "Welcome."}, "Hours", {"NoMatchingError": "Hours"}),
    act("Hours", "CheckHoursOfOperation", {"HoursOfOperationId": HOURS_ARN}, "Closed",
        {"NoMatchingError": "Closed"}, [("Equals", "True", "Menu"), ("Equals", "False", "Closed")]),
    act("Menu", "GetParticipantInput", {"Text": "Press 1 for sales.", "StoreInput": "False",
                                        "InputTimeLimitSeconds": "5"}, "Sales",
        {"InputTimeLimitExceeded": "Closed", "NoMatchingCondition": "Sales", "NoMatchingError": "Bye"},
        [("Equals", "1", "Sales")]),
    act("Sales", "UpdateContactTargetQueue", {"QueueId": QUEUE_ARN}, "Transfer", {"NoMatchingError": "Bye"}),
    act("Transfer", "TransferContactToQueue", {}, "Bye", {"QueueAtCapacity": "Closed", "NoMatchingError": "Bye"}),
    act("Closed", "MessageParticipant", {"Text": "We are closed."}, "Bye", {"NoMatchingError": "Bye"}),
    act("Bye", "DisconnectParticipant"),
    metadata={"Sales": {"queue": {"text": "Sales"}}, "Hours": {"Hours": {"text": "office"}}},
)


def test_a_menu_flow_becomes_a_readable_body():
    result = imported(MENU_FLOW)
    assert result.reasons == []
    assert result.body == (
        'say "Welcome."\n'
        "if open office -> menu\n"
        "goto closed\n"
        "menu:\n"
        '  menu "Press 1 for sales."\n'
        "    1 -> sales\n"
        "    timeout -> closed\n"
        "    error -> bye\n"
        "  goto sales\n"
        "closed:\n"
        '  say "We are closed."\n'
        "  hangup\n"
        "sales:\n"
        "  queue Sales\n"
        "    error -> bye\n"
        "  transfer\n"
        "    at capacity -> closed\n"
        "    error -> bye\n"
        "bye:\n"
        "  hangup\n"
    )
    assert difference(MENU_FLOW, lowered(result.body)) is None


def test_names_come_from_the_map_first():
    result = imported(MENU_FLOW, mapping={QUEUE_ARN: "SalesQueue"})
    assert "queue SalesQueue" in result.body


def test_an_error_that_goes_where_closed_goes_reads_if_open_and_one_like_open_reads_if_closed():
    doc = copy.deepcopy(MENU_FLOW)
    doc["Actions"][1]["Transitions"]["Errors"][0]["NextAction"] = "Menu"
    doc["Actions"][1]["Transitions"]["NextAction"] = "Menu"
    result = imported(doc)
    assert "if closed office -> closed" in result.body
    assert difference(doc, lowered(result.body)) is None


def test_an_action_without_a_statement_keeps_the_flow_a_template_with_its_reason():
    doc = flow("Play", act("Play", "MessageParticipant", {"Text": "Hi", "Media": {"Uri": "s3://b/k.wav"}}, "Bye",
                           {"NoMatchingError": "Bye"}),
               act("Bye", "DisconnectParticipant"))
    result = imported(doc)
    assert result.body is None
    assert [(r.ident, r.type, r.text) for r in result.reasons] == [("Play", "MessageParticipant",
                                                                    "parameter Media")]
    doc["Actions"][0]["Type"] = "CreateWisdomSession"
    assert imported(doc).reasons[0].text == "no statement for this action yet"


def test_a_say_whose_error_goes_elsewhere_is_not_a_say():
    doc = flow("Hi", act("Hi", "MessageParticipant", {"Text": "Hi"}, "Bye", {"NoMatchingError": "Oops"}),
               act("Oops", "MessageParticipant", {"Text": "Oops"}, "Bye", {"NoMatchingError": "Bye"}),
               act("Bye", "DisconnectParticipant"))
    assert "error branch" in imported(doc).reasons[0].text


def test_a_round_trip_that_differs_is_refused():
    # a Lambda call without an error branch cannot be written: 'invoke' always has one
    doc = flow("Call", act("Call", "InvokeLambdaFunction", {"LambdaFunctionARN": LAMBDA_ARN,
                                                           "InvocationTimeLimitSeconds": "3",
                                                           "ResponseValidation": {"ResponseType": "STRING_MAP"}},
                           "Bye"),
               act("Bye", "DisconnectParticipant"))
    assert imported(doc).reasons[0].text == "no error branch"
    doc["Actions"][0]["Transitions"]["Errors"] = [{"NextAction": "Bye", "ErrorType": "NoMatchingError"}]
    result = imported(doc)
    assert result.body == "invoke lookup-customer timeout 3s\n  error -> bye\nhangup\nbye:\n  hangup\n"


def test_unreachable_actions_are_listed():
    doc = flow("Bye", act("Bye", "DisconnectParticipant"), act("Lost", "MessageParticipant", {"Text": "x"}, "Bye"))
    result = imported(doc)
    assert result.body == "hangup\n"
    assert result.unreachable == [("Lost", "MessageParticipant")]


def test_a_loop_back_to_the_start_labels_the_start():
    doc = flow("Ask", act("Ask", "GetParticipantInput", {"Text": "Press 1", "StoreInput": "False",
                                                         "InputTimeLimitSeconds": "8"}, "Ask",
                          {"InputTimeLimitExceeded": "Ask", "NoMatchingCondition": "Ask", "NoMatchingError": "Bye"},
                          [("Equals", "1", "Bye")]),
               act("Bye", "DisconnectParticipant"))
    result = imported(doc)
    assert result.body == ('ask:\n  menu "Press 1" timeout 8s\n    1 -> bye\n    error -> bye\n  goto ask\n'
                           "bye:\n  hangup\n")
    assert difference(doc, lowered(result.body)) is None


def test_a_compare_with_several_conditions_is_a_check():
    G = "6f1e0c1a-0000-4000-8000-000000000001"  # a designer id: the label is named from the statement
    doc = flow("C", act("C", "Compare", {"ComparisonValue": "$.Attributes.tier"}, "Bye",
                        {"NoMatchingCondition": "Bye"},
                        [("Equals", "gold", G), ("NumberGreaterThan", "3", G)]),
               act(G, "UpdateContactAttributes", {"Attributes": {"vip": "true"}, "TargetContact": "Current"}, "Bye",
                   {"NoMatchingError": "Bye"}),
               act("Bye", "DisconnectParticipant"))
    result = imported(doc)
    assert result.body.splitlines()[:3] == ["check $.Attributes.tier", '  == "gold" -> set_1', "  > 3 -> set_1"]
    assert difference(doc, lowered(result.body)) is None


def test_a_block_that_only_handles_errors_becomes_on_error():
    doc = flow("Q", act("Q", "UpdateContactTargetQueue", {"QueueId": QUEUE_ARN}, "T", {"NoMatchingError": "Sorry"}),
               act("T", "TransferContactToQueue", {}, "Sorry", {"QueueAtCapacity": "Busy", "NoMatchingError": "Sorry"}),
               act("Busy", "MessageParticipant", {"Text": "Busy."}, "Bye", {"NoMatchingError": "Bye"}),
               act("Sorry", "MessageParticipant", {"Text": "Sorry."}, "Bye", {"NoMatchingError": "Bye"}),
               act("Bye", "DisconnectParticipant"))
    result = imported(doc)
    assert result.body == ("queue queue_7d2f0f0a\ntransfer\n  at capacity -> busy\nbusy:\n  say \"Busy.\"\n"
                           "  hangup\non error:\n  say \"Sorry.\"\n  hangup\n")
    assert difference(doc, lowered(result.body)) is None
    # once the handler is also reached another way, the error branches are written
    doc["Actions"][2]["Transitions"] = {"NextAction": "Sorry", "Errors": [{"NextAction": "Sorry",
                                                                            "ErrorType": "NoMatchingError"}]}
    result = imported(doc)
    assert "on error:" not in result.body and "\n  error -> sorry\n" in result.body


def test_the_flow_type_comes_from_the_export():
    from ccdsl.compiler.importer import infer_flow_type

    assert infer_flow_type({"Actions": [{"Type": "EndFlowModuleExecution"}]}) == cat.MODULE
    assert infer_flow_type({"Actions": [], "Settings": {}}) == cat.MODULE
    assert infer_flow_type({"Actions": [], "Metadata": {"type": "outboundWhisper"}}) == cat.OUTBOUND_WHISPER
    assert infer_flow_type({"Actions": []}, "RulesEngineAgentWhisper") == cat.AGENT_WHISPER
    assert infer_flow_type({"Actions": [{"Type": "EndFlowExecution"}]}, "main") == cat.CUSTOMER_QUEUE
    assert infer_flow_type({"Actions": [{"Type": "DisconnectParticipant"}]}, "main") == cat.CONTACT_FLOW


# -- caller input, loops, queue status and routing: each statement compiled, imported back and compared ----------
def round_trip(text, flow_type=cat.CONTACT_FLOW):
    """The body the importer writes for the flow ``text`` compiles to (and that it compiles to the same flow)."""
    doc = lowered(text, flow_type)
    result = imported(doc, flow_type)
    assert result.reasons == [], [str(r) for r in result.reasons]
    assert difference(doc, lowered(result.body, flow_type)) is None
    return result.body


RETRY = "retry:\n  say \"Sorry.\"\n  hangup\n"


def test_store_digits_with_its_options_and_the_copy_into_an_attribute():
    body = ('store digits "Key in your account number." max 8 timeout 10s ending "#" into account\n'
            "  error -> retry\n"
            "hangup\n" + RETRY)
    assert round_trip(body) == body


def test_store_digits_with_the_defaults_and_ssml():
    body = 'store digits ssml "<speak>Key in your number.</speak>"\n  error -> retry\nhangup\n' + RETRY
    assert round_trip(body) == body


def test_store_phone_local_and_international():
    body = ('store phone "Your number, please." country GB\n  invalid -> again\n  error -> retry\n'
            'store phone "And another." timeout 20s\n  error -> again\n'
            'hangup\nagain:\n  say "Once more."\n  hangup\n' + RETRY)
    assert round_trip(body) == body


def test_a_copy_that_is_also_reached_another_way_stays_a_set():
    doc = lowered('store digits "Key in." into account\n  error -> retry\nhangup\n' + RETRY)
    copy = next(a for a in doc["Actions"] if a["Identifier"].endswith(" into"))
    doc["Actions"][0]["Transitions"]["Errors"][0]["NextAction"] = copy["Identifier"]
    body = imported(doc).body
    assert "into" not in body and "set account = $.StoredCustomerInput" in body
    assert difference(doc, lowered(body)) is None


def test_set_callback_number():
    # two statements whose errors go to one block that nothing else reaches: that block is 'on error:'
    body = 'set callback number $.StoredCustomerInput\nset callback number "+442071838750"\nhangup\n' \
           'on error:\n  say "Sorry."\n  hangup\n'
    assert round_trip(body) == body


def test_callback_number_errors_that_go_apart_are_refused():
    doc = lowered("set callback number $.StoredCustomerInput\n  error -> retry\nhangup\n" + RETRY)
    doc["Actions"][0]["Transitions"]["Errors"][1]["NextAction"] = doc["Actions"][0]["Transitions"]["NextAction"]
    assert "do not go to the same block" in imported(doc).reasons[0].text


def test_loop_times():
    body = 'ask_again:\n  say "Try again."\n  loop 3 times -> ask_again\n  hangup\n'
    assert round_trip(body) == body


def test_if_queue_tests():
    body = ("if queue Sales has agents online -> busy\n"
            "if queue oldest contact > 5m -> busy\n"
            "if queue Sales contacts >= 10 -> busy\n"
            "if queue has agents staffed -> busy\n"
            "hangup\n"
            'busy:\n  say "Busy."\n  hangup\n')
    assert round_trip(body) == body


def test_if_queue_agents_compared_with_other_than_none_is_refused():
    doc = lowered('if queue Sales has agents online -> busy\nhangup\nbusy:\n  say "Busy."\n  hangup\n')
    doc["Actions"][0]["Transitions"]["Conditions"][0]["Condition"]["Operands"] = ["2"]
    assert "more than none" in imported(doc).reasons[0].text


def test_load_queue_metrics_with_and_without_an_error_branch():
    body = "load queue metrics Sales\nload queue metrics\n  error -> retry\nhangup\n" + RETRY
    assert round_trip(body) == body


def test_set_routing_priority_and_age():
    body = "set routing priority 1\nset routing age 5m\nhangup\n"
    assert round_trip(body) == body


def test_distribute_by_percentage():
    body = 'distribute\n  20% -> pilot\n  30% -> retry\nhangup\npilot:\n  say "Pilot."\n  hangup\n' + RETRY
    assert round_trip(body) == body


def test_interruptible_loop_prompts_goes_to_on_error():
    body = ('waiting:\n  loop prompts "Thank you for waiting." every 30s interrupt 1m -> offer\n'
            'offer:\n  menu "To be called back, press 1."\n    1 -> call_back\n    otherwise -> waiting\n'
            "  goto waiting\n"
            "call_back:\n  set callback number $.CustomerEndpoint.Address\n    error -> waiting\n"
            "  callback Sales\n    error -> waiting\n  hangup\n")
    assert round_trip(body, cat.CUSTOMER_QUEUE).startswith(
        'waiting:\n  loop prompts "Thank you for waiting." every 30s interrupt 1m -> offer\n')
    with_handler = body + 'on error:\n  say "Sorry."\n  hangup\n'
    assert round_trip(with_handler, cat.CUSTOMER_QUEUE).endswith('on error:\n  say "Sorry."\n  hangup\n')


def test_transfer_to_number_options():
    body = ('transfer to number "+442071838750" timeout 20s caller id "+442071838000" caller name "Acme Bank" '
            'digits "1234" resume\n  timeout -> busy\n  error -> retry\nhangup\n' + RETRY
            + 'busy:\n  say "No answer."\n  hangup\n')
    assert round_trip(body) == body
    body = 'transfer to number "+442071838750" caller id $.SystemEndpoint.Address\n  error -> retry\n' + RETRY
    assert round_trip(body) == body


def test_ssml_prompts_in_menu_and_ask():
    body = ('menu ssml "<speak>Press 1.</speak>"\n  1 -> retry\n  error -> retry\n'
            'ask banking ssml "<speak>How can I help?</speak>"\n  Balance -> retry\n  error -> retry\n'
            "hangup\n" + RETRY)
    assert round_trip(body) == body

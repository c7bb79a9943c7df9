"""Lowering of the caller-input, retry, queue-status and routing statements, against the parameters and
branches the real exports in the corpus show (RulesEngineQueue, RulesEngineCustomerQueue,
RulesEngineExternalNumber, GetCustomerResponseModule)."""
from __future__ import annotations

from ccdsl.compiler.flows.lower import lower_flow
from ccdsl.compiler.flows.validate import validate_flow_json
from ccdsl.dsl.compact import flow_ast as A

N = A.Name


def lower(*statements: A.Stmt, flow_type: str = "CONTACT_FLOW") -> dict:
    doc = lower_flow("f", A.FlowBody(tuple(statements)), flow_type)
    assert validate_flow_json(doc, flow_type) == []
    return doc


def by_id(doc: dict, ident: str) -> dict:
    return next(a for a in doc["Actions"] if a["Identifier"] == ident)


def first(doc: dict) -> dict:
    return by_id(doc, doc["StartAction"])


def errors(action: dict) -> dict:
    return {e["ErrorType"]: e["NextAction"] for e in action["Transitions"].get("Errors", [])}


def conditions(action: dict) -> list[tuple[str, str, str]]:
    return [(c["Condition"]["Operator"], c["Condition"]["Operands"][0], c["NextAction"])
            for c in action["Transitions"].get("Conditions", [])]


def test_store_digits_keeps_the_keys_and_copies_them_into_an_attribute() -> None:
    doc = lower(A.StoreInput("digits", "Your account number?", max_digits=8, timeout=10, ending="#",
                             into=N("account"), error=N("retry")),
                A.Hangup(), A.Label(N("retry"), (A.Say("Sorry"),)))
    store = first(doc)
    assert store["Type"] == "GetParticipantInput"
    assert store["Parameters"] == {
        "Text": "Your account number?", "StoreInput": "True", "InputTimeLimitSeconds": "10",
        "InputValidation": {"CustomValidation": {"MaximumLength": "8"}},
        "DTMFConfiguration": {"DisableCancelKey": "False", "InputTerminationSequence": "#"}}
    assert "Conditions" not in store["Transitions"]  # store mode: no conditions, NoMatchingError only
    assert errors(store) == {"NoMatchingError": "retry-1 say"}
    copy = by_id(doc, store["Transitions"]["NextAction"])
    assert copy["Type"] == "UpdateContactAttributes"
    assert copy["Parameters"] == {"Attributes": {"account": "$.StoredCustomerInput"}, "TargetContact": "Current"}
    assert copy["Transitions"]["NextAction"] == "start-2 hangup"


def test_store_phone_checks_a_local_number_and_takes_invalid() -> None:
    doc = lower(A.StoreInput("phone", "<speak>Your number?</speak>", ssml=True, country=N("AU"),
                             invalid=N("again")), A.Hangup(), A.Label(N("again"), (A.Say("Try again"),)))
    store = first(doc)
    assert store["Parameters"]["SSML"] == "<speak>Your number?</speak>"
    assert store["Parameters"]["InputValidation"] == {
        "PhoneNumberValidation": {"NumberFormat": "Local", "CountryCode": "AU"}}
    assert errors(store)["InvalidPhoneNumber"] == "again-1 say"
    assert errors(store)["NoMatchingError"] == "error apology"
    international = first(lower(A.StoreInput("phone", "Your number?"), A.Hangup()))
    assert international["Parameters"]["InputValidation"]["PhoneNumberValidation"] == {"NumberFormat": "E164"}


def test_set_callback_number_has_both_callback_errors_and_no_generic_one() -> None:
    doc = lower(A.SetCallbackNumber(A.AttrPath("$.StoredCustomerInput"), error=N("x")), A.Hangup(),
                A.Label(N("x"), (A.Say("no"),)))
    action = first(doc)
    assert action["Type"] == "UpdateContactCallbackNumber"
    assert action["Parameters"] == {"CallbackNumber": "$.StoredCustomerInput"}
    assert errors(action) == {"InvalidCallbackNumber": "x-1 say", "CallbackNumberNotDialable": "x-1 say"}


def test_loop_continues_to_its_label_then_goes_on() -> None:
    doc = lower(A.Label(N("again"), (A.Menu("Press 1", (A.MenuOption("1", N("done")),), otherwise=N("retry")),)),
                A.Label(N("retry"), (A.LoopTimes(3, N("again")), A.Say("Sorry"), A.Hangup())),
                A.Label(N("done"), (A.Hangup(),)))
    loop = by_id(doc, "retry-1 loop")
    assert loop["Type"] == "Loop" and loop["Parameters"] == {"LoopCount": "3"}
    assert conditions(loop) == [("Equals", "ContinueLooping", "again-1 menu"),
                                ("Equals", "DoneLooping", "retry-2 say")]
    assert loop["Transitions"]["NextAction"] == "retry-2 say"  # as the exports: NextAction is DoneLooping
    assert "Errors" not in loop["Transitions"]


def test_if_queue_checks_staffing_of_a_named_or_the_working_queue() -> None:
    doc = lower(A.IfQueue(N("Sales"), "staffed", ">", 0, N("open")), A.Hangup(),
                A.Label(N("open"), (A.Say("x"),)))
    check = first(doc)
    assert check["Type"] == "CheckMetricData"
    assert check["Parameters"] == {"MetricType": "NumberOfAgentsStaffed", "QueueId": "${queue.Sales.arn}"}
    assert conditions(check) == [("NumberGreaterThan", "0", "open-1 say")]
    assert errors(check) == {"NoMatchingCondition": "start-2 hangup", "NoMatchingError": "start-2 hangup"}
    oldest = first(lower(A.IfQueue(None, "oldest", ">=", 300, N("busy")), A.Hangup(),
                         A.Label(N("busy"), (A.Say("x"),))))
    assert oldest["Parameters"] == {"MetricType": "OldestContactInQueueAgeSeconds"}
    assert conditions(oldest) == [("NumberGreaterOrEqualTo", "300", "busy-1 say")]


def test_load_queue_metrics_goes_on_when_connect_has_none() -> None:
    action = first(lower(A.LoadMetrics(N("Sales")), A.Hangup()))
    assert action["Type"] == "GetMetricData" and action["Parameters"] == {"QueueId": "${queue.Sales.arn}"}
    assert errors(action) == {"NoMatchingError": "start-2 hangup"}
    assert first(lower(A.LoadMetrics(), A.Hangup()))["Parameters"] == {}


def test_routing_priority_and_age() -> None:
    priority = first(lower(A.SetRouting("priority", 1), A.Hangup()))
    assert priority["Type"] == "UpdateContactRoutingBehavior"
    assert priority["Parameters"] == {"QueuePriority": "1"}
    assert priority["Transitions"] == {"NextAction": "start-2 hangup"}  # no Errors, as the exports
    assert first(lower(A.SetRouting("age", 300), A.Hangup()))["Parameters"] == {"QueueTimeAdjustmentSeconds": "300"}


def test_distribute_is_a_chain_of_running_totals() -> None:
    doc = lower(A.Distribute((A.Share(20, N("a")), A.Share(40, N("b")))), A.Hangup(),
                A.Label(N("a"), (A.Hangup(),)), A.Label(N("b"), (A.Hangup(),)))
    action = first(doc)
    assert action["Type"] == "DistributeByPercentage" and action["Parameters"] == {}
    # Connect draws 1-100: 1-20 to a, 21-60 to b, the rest on
    assert conditions(action) == [("NumberLessThan", "21", "a-1 hangup"), ("NumberLessThan", "61", "b-1 hangup")]
    assert errors(action) == {"NoMatchingCondition": "start-2 hangup"}


def test_interruptible_loop_prompts_in_a_queue_flow() -> None:
    doc = lower(A.Label(N("waiting"), (A.LoopPrompts(("Please hold",), 30, 60, N("offer")),)),
                A.Label(N("offer"), (A.Menu("Press 1 for a callback", (A.MenuOption("1", N("cb")),),
                                            otherwise=N("waiting")),)),
                A.Label(N("cb"), (A.Callback(N("Sales")), A.Hangup())), flow_type="CUSTOMER_QUEUE")
    loop = first(doc)
    assert loop["Parameters"]["InterruptFrequencySeconds"] == "60"
    assert conditions(loop) == [("Equals", "MessagesInterrupted", "offer-1 menu")]
    assert loop["Transitions"]["NextAction"] == errors(loop)["NoMatchingError"]
    plain = first(lower(A.LoopPrompts(("Please hold",), 30), flow_type="CUSTOMER_HOLD"))
    assert plain["Transitions"] == {} and "InterruptFrequencySeconds" not in plain["Parameters"]


def test_transfer_to_number_with_caller_id_and_resume() -> None:
    doc = lower(A.TransferToNumber("+61291234567", 20, N("failed"), A.AttrPath("$.SystemEndpoint.Address"),
                                   "Acme", "12#", True, N("slow")),
                A.Say("Back with us"), A.Hangup(),
                A.Label(N("failed"), (A.Hangup(),)), A.Label(N("slow"), (A.Hangup(),)))
    action = first(doc)
    assert action["Parameters"] == {
        "ThirdPartyPhoneNumber": "+61291234567", "ThirdPartyConnectionTimeLimitSeconds": "20",
        "ContinueFlowExecution": "True", "ThirdPartyDTMFDigits": "12#",
        "CallerId": {"Number": "$.SystemEndpoint.Address", "Name": "Acme"}}
    assert action["Transitions"]["NextAction"] == "start-2 say"
    assert errors(action) == {"CallFailed": "failed-1 hangup", "ConnectionTimeLimitExceeded": "slow-1 hangup",
                              "NoMatchingError": "failed-1 hangup"}
    final = first(lower(A.TransferToNumber("+61291234567")))
    assert final["Parameters"]["ContinueFlowExecution"] == "False" and set(errors(final)) == {"NoMatchingError"}


def test_ssml_prompts_in_ask_and_menu() -> None:
    ask = first(lower(A.Ask(N("b"), "<speak>Hi</speak>", ssml=True), A.Hangup()))
    assert ask["Parameters"]["SSML"] == "<speak>Hi</speak>" and "Text" not in ask["Parameters"]
    menu = first(lower(A.Menu("<speak>Press 1</speak>", (A.MenuOption("1", N("x")),), ssml=True),
                       A.Label(N("x"), (A.Hangup(),))))
    assert menu["Parameters"]["SSML"] == "<speak>Press 1</speak>"


def test_the_copy_of_stored_input_keeps_within_the_identifier_limit() -> None:
    label = "a_label_name_long_enough_to_reach_the_fifty_characters"
    doc = lower(A.Label(N(label), (A.StoreInput("digits", "Number?", into=N("n")), A.Hangup())))
    idents = [a["Identifier"] for a in doc["Actions"]]
    assert all(len(i) <= 50 for i in idents) and len(set(idents)) == len(idents)
    store = first(doc)
    assert by_id(doc, store["Transitions"]["NextAction"])["Type"] == "UpdateContactAttributes"

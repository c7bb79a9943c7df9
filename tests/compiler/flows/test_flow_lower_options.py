"""Lowering of the options real flows use on existing statements, against the parameters the corpus exports show:
audio prompts in menu/store/ask/loop prompts (RulesEngineQueue, RulesEngineDTMFMenu, RulesEngineCustomerQueue),
hours of the working queue and a dynamic queue for metrics (RulesEngineQueue), JSON Lambda responses (cresta
VA_PSTN_Transfer), an agent as the working queue and the customer id (step-by-step guides module library), a dynamic
wait for a returning customer (RulesEngineWait, RulesEngineDisconnect) and Contact Lens for chat
(data-analytics SimpleInboundFlow)."""
from __future__ import annotations

import pytest

from ccdsl.compiler.flows.lower import lower_flow
from ccdsl.compiler.flows.validate import validate_flow_json
from ccdsl.dsl.compact import flow_ast as A

N = A.Name
P = A.AttrPath


def lower(*statements: A.Stmt, flow_type: str = "CONTACT_FLOW") -> dict:
    doc = lower_flow("f", A.FlowBody(tuple(statements)), flow_type)
    assert validate_flow_json(doc, flow_type) == []
    return doc


def first(doc: dict) -> dict:
    return next(a for a in doc["Actions"] if a["Identifier"] == doc["StartAction"])


def conditions(action: dict) -> list[tuple[str, str]]:
    return [(c["Condition"]["Operands"][0], c["NextAction"]) for c in action["Transitions"].get("Conditions", [])]


def test_menu_plays_an_audio_prompt_from_an_attribute() -> None:
    doc = lower(A.Menu("", (A.MenuOption("1", N("cb")),), timeout=5, audio=P("$.External.offerPromptArn")),
                A.Label(N("cb"), (A.Hangup(),)))
    menu = first(doc)
    assert menu["Parameters"] == {"PromptId": "$.External.offerPromptArn", "StoreInput": "False",
                                  "InputTimeLimitSeconds": "5"}
    assert conditions(menu) == [("1", "cb-1 hangup")]


def test_store_digits_plays_an_audio_prompt_as_rules_engine_does() -> None:
    store = first(lower(A.StoreInput("digits", "", max_digits=1, timeout=10, audio=P("$.External.msgPromptArn"))))
    assert store["Parameters"] == {
        "PromptId": "$.External.msgPromptArn", "StoreInput": "True", "InputTimeLimitSeconds": "10",
        "InputValidation": {"CustomValidation": {"MaximumLength": "1"}}, "DTMFConfiguration": {"DisableCancelKey": "False"}}


def test_ask_and_store_play_a_prompt_of_the_site_by_its_arn() -> None:
    ask = first(lower(A.Ask(N("sales"), "", audio=N("greeting"))))
    assert ask["Parameters"]["PromptId"] == "${prompt.greeting.arn}" and "Text" not in ask["Parameters"]
    store = first(lower(A.StoreInput("phone", "", country=N("AU"), audio=N("ask_number"))))
    assert store["Parameters"]["PromptId"] == "${prompt.ask_number.arn}"


def test_loop_prompts_mixes_audio_and_text_and_interrupts() -> None:
    doc = lower(A.LoopPrompts((N("queue_music"), "Thanks for waiting."), 0, 20, N("offer")),
                A.Label(N("offer"), (A.End(),)), flow_type="CUSTOMER_QUEUE")
    loop = first(doc)
    assert loop["Parameters"] == {"Messages": [{"PromptId": "${prompt.queue_music.arn}"},
                                               {"Text": "Thanks for waiting."}], "InterruptFrequencySeconds": "20"}
    assert conditions(loop) == [("MessagesInterrupted", "offer-1 end")]


def test_hours_of_the_working_queue_have_no_hours_id() -> None:
    doc = lower(A.SetQueue(N("Sales")), A.IfHours(True, None, N("open_now")), A.Hangup(),
                A.Label(N("open_now"), (A.Transfer(),)))
    hours = next(a for a in doc["Actions"] if a["Type"] == "CheckHoursOfOperation")
    assert hours["Parameters"] == {}
    assert [operand for operand, _ in conditions(hours)] == ["True", "False"]
    assert "hours" not in doc["Metadata"]["ActionMetadata"][hours["Identifier"]]


def test_queue_metrics_of_a_queue_read_from_an_attribute() -> None:
    doc = lower(A.LoadMetrics(P("$.External.queueArn")))
    metrics = first(doc)
    assert metrics["Parameters"] == {"QueueId": "$.External.queueArn"}
    assert doc["Metadata"]["ActionMetadata"][metrics["Identifier"]]["useDynamic"] is True


@pytest.mark.parametrize("json_response, expected", [(True, "JSON"), (False, "STRING_MAP")])
def test_invoke_json_response(json_response: bool, expected: str) -> None:
    invoke = first(lower(A.Invoke(N("pstn"), 3, (A.Assignment("action", A.Str("get_handoff_data")),),
                                  json=json_response)))
    assert invoke["Parameters"] == {"LambdaFunctionARN": "${function.pstn.alias.arn}",
                                    "InvocationTimeLimitSeconds": "3",
                                    "LambdaInvocationAttributes": {"action": "get_handoff_data"},
                                    "ResponseValidation": {"ResponseType": expected}}


def test_agent_as_the_working_queue() -> None:
    doc = lower(A.SetQueue(N("alice"), agent=True), A.Transfer())
    target = first(doc)
    assert target["Type"] == "UpdateContactTargetQueue"
    assert target["Parameters"] == {"AgentId": "${agent.alice.arn}"}
    assert doc["Metadata"]["ActionMetadata"][target["Identifier"]]["agent"] == {"text": "alice"}
    dynamic = first(lower(A.SetQueue(P("$.Attributes.agentArn"), agent=True), A.Transfer()))
    assert dynamic["Parameters"] == {"AgentId": "$.Attributes.agentArn"}


@pytest.mark.parametrize("value, written", [(A.Str("SAMPLE_CUSTOMER_ID"), "SAMPLE_CUSTOMER_ID"),
                                            (P("$.CustomerEndpoint.Address"), "$.CustomerEndpoint.Address")])
def test_set_customer_id(value: A.Value, written: str) -> None:
    action = first(lower(A.SetCustomerId(value)))
    assert (action["Type"], action["Parameters"]) == ("UpdateContactData", {"CustomerId": written})


def test_wait_for_a_returning_customer_for_seconds_read_at_run_time() -> None:
    doc = lower(A.Wait(P("$.External.waitSeconds"), returned=N("back")), A.Hangup(),
                A.Label(N("back"), (A.Say("Welcome back"),)))
    wait = first(doc)
    assert wait["Parameters"] == {"TimeLimitSeconds": "$.External.waitSeconds", "Events": ["CustomerReturned"]}
    assert conditions(wait) == [("CustomerReturned", "back-1 say"), ("WaitCompleted", "start-2 hangup")]
    plain = first(lower(A.Wait(900)))
    assert plain["Parameters"] == {"TimeLimitSeconds": "900"} and len(conditions(plain)) == 1


def test_contact_lens_for_chat_too() -> None:
    action = first(lower(A.ContactLens("realtime", N("en_US"), chat=True)))
    analytics = action["Parameters"]["AnalyticsBehavior"]
    assert "AnalyticsMode" not in analytics
    assert analytics["ChannelConfiguration"] == {"Chat": {"AnalyticsModes": ["ContactLens"]},
                                                 "Voice": {"AnalyticsModes": ["RealTime"]}}
    postcall = first(lower(A.ContactLens("postcall", N("en_US"), chat=True)))
    assert postcall["Parameters"]["AnalyticsBehavior"]["ChannelConfiguration"]["Voice"] == {
        "AnalyticsModes": ["PostContact"]}


def test_every_lowered_option_is_counted_by_the_coverage_rule() -> None:
    """The bench accepts exactly what these statements write (bench/flow_coverage.py RULES)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[3] / "bench" / "flow_coverage.py"
    spec = importlib.util.spec_from_file_location("flow_coverage", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    statements = [
        A.Menu("", timeout=5, audio=P("$.External.p")), A.StoreInput("digits", "", audio=N("p")),
        A.Ask(N("b"), "", audio=P("$.External.p")), A.LoopPrompts((N("m"),), 0, 20, N("x")),
        A.IfHours(True, None, N("x")), A.LoadMetrics(P("$.External.q")), A.Invoke(N("f"), json=True),
        A.SetQueue(N("alice"), agent=True), A.SetCustomerId(A.Str("C1")), A.Wait(P("$.External.t"), returned=N("x")),
        A.ContactLens("realtime", N("en_US"), chat=True),
    ]
    for stmt in statements:
        doc = lower_flow("f", A.FlowBody((A.SetQueue(N("q")), stmt, A.Label(N("x"), (A.End(),)))), "CUSTOMER_QUEUE"
                         if isinstance(stmt, A.LoopPrompts) else "CONTACT_FLOW")
        action = next(a for a in doc["Actions"] if a["Identifier"].startswith("start-2"))
        assert bench.expressible(action), (type(stmt).__name__, action["Parameters"])


def test_store_encrypted_writes_the_key_id_and_the_certificate_text(tmp_path) -> None:
    from ccdsl.compiler.flows.certificates import read_certificates

    (tmp_path / "certs").mkdir()
    (tmp_path / "certs" / "card.pem").write_text("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    store = A.StoreInput("digits", "Card number", max_digits=16, key_id="key-1", certificate=A.Str("certs/card.pem"))
    body = A.FlowBody((store, A.StoreInput("digits", "PIN", key_id="k", certificate=A.Str("../outside.pem"))))
    certificates = read_certificates(body, str(tmp_path))
    assert certificates == {"certs/card.pem": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"}
    doc = lower_flow("f", A.FlowBody((store,)), certificates=certificates)
    assert validate_flow_json(doc, "CONTACT_FLOW") == []
    assert first(doc)["Parameters"]["InputEncryption"] == {"EncryptionKeyId": "key-1",
                                                           "Key": certificates["certs/card.pem"]}

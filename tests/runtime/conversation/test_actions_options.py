"""The options of existing statements in the conversation interpreter, run on the flows the compiler lowers:
audio prompts in menus, hours of the working queue, metrics of a queue read from an attribute, an agent as the working queue, the customer id and a wait for a returning chat customer."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from ccdsl.compiler.flows.lower import lower_flow
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.runtime.conversation.contact import Given, Input, QueueState
from ccdsl.runtime.conversation.interpreter import Interpreter
from ccdsl.runtime.conversation.site import ConversationSite, Flow, Hours, Queue

N = A.Name
P = A.AttrPath
NOON = datetime(2026, 12, 1, 12, tzinfo=ZoneInfo("UTC"))  # a Tuesday
OFFICE = Hours("office", "UTC", [{"Day": day, "StartTime": {"Hours": 9, "Minutes": 0},
                                  "EndTime": {"Hours": 17, "Minutes": 0}}
                                 for day in ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")])


class Turns:
    def __init__(self, *turns: Input):
        self.turns = list(turns)

    def next_input(self, want: str) -> Input | None:
        return self.turns.pop(0) if self.turns else None

    def next_kind(self) -> str | None:
        return self.turns[0].kind if self.turns else None


def run(*statements: A.Stmt, turns: tuple[Input, ...] = (), channel: str = "VOICE", at: datetime = NOON,
        given: dict | None = None) -> list[tuple[str, str]]:
    doc = lower_flow("f", A.FlowBody(tuple(statements)))
    flow = Flow("f", "CONTACT_FLOW", doc["StartAction"], {a["Identifier"]: a for a in doc["Actions"]})
    site = ConversationSite("t", "t", {"f": flow}, {}, {"office": OFFICE},
                            {"Sales": Queue("Sales", "office", None), "Support": Queue("Support", None, None)}, {}, {})
    ix = Interpreter(site, Given(at=at, **(given or {})), Turns(*turns))
    return [(e.kind, e.text) for e in ix.run("f", channel) if e.kind in ("prompt", "note", "queued", "hours")]


def said(events: list[tuple[str, str]]) -> list[str]:
    return [text for kind, text in events if kind == "prompt"]


def test_a_menu_plays_the_audio_prompt_an_attribute_names() -> None:
    events = run(A.SetAttributes((A.Assignment("offer", A.Str("${prompt.callback_offer.arn}")),)),
                 A.Menu("", (A.MenuOption("1", N("yes")),), audio=P("$.Attributes.offer")), A.Say("no"), A.Hangup(),
                 A.Label(N("yes"), (A.Say("yes"), A.Hangup())), turns=(Input("presses", "1"),))
    assert said(events) == ["[audio prompt callback_offer]", "yes"]


def test_hours_without_a_name_are_the_working_queues() -> None:
    body = (A.SetQueue(N("Sales")), A.IfHours(True, None, N("open_now")), A.Say("closed"), A.Hangup(),
            A.Label(N("open_now"), (A.Say("open"), A.Hangup())))
    assert said(run(*body)) == ["open"]
    assert said(run(*body, at=datetime(2026, 12, 1, 20, tzinfo=ZoneInfo("UTC")))) == ["closed"]
    # a queue without hours, or none at all: Connect takes the Error branch
    no_hours = (A.SetQueue(N("Support")), A.IfHours(True, None, N("x")), A.Label(N("x"), (A.Hangup(),)))
    assert any("hours not found" in text for _, text in run(*no_hours))


def test_queue_metrics_of_a_queue_named_by_an_attribute() -> None:
    events = run(A.SetAttributes((A.Assignment("q", A.Str("Support")),)), A.LoadMetrics(P("$.Attributes.q")),
                 A.Say("$.Metrics.Queue.Name has $.Metrics.Queue.Size waiting"), A.Hangup(),
                 given={"queues": {"Support": QueueState(in_queue=4)}})
    assert said(events)[-1] == "Support has 4 waiting"


def test_the_customer_id_is_set_from_the_callers_number() -> None:
    events = run(A.SetCustomerId(P("$.CustomerEndpoint.Address")), A.Say("id $.CustomerId"), A.Hangup())
    assert said(events) == ["id +447700900123"]


def test_an_agent_becomes_the_working_queue() -> None:
    assert ("queued", "agent:alice") in run(A.SetQueue(N("alice"), agent=True), A.Transfer())
    events = run(A.SetQueue(P("$.Attributes.agent"), agent=True), A.Transfer(), given={"attributes": {"agent": "bob"}})
    assert ("queued", "agent:bob") in events


def test_wait_ends_when_the_chat_customer_returns() -> None:
    body = (A.SetAttributes((A.Assignment("t", A.Str("900")),)), A.Wait(P("$.Attributes.t"), returned=N("back")),
            A.Say("gone"), A.Hangup(), A.Label(N("back"), (A.Say("welcome back"), A.Hangup())))
    assert said(run(*body, channel="CHAT", turns=(Input("says", "hi"),))) == ["welcome back"]
    assert said(run(*body, channel="CHAT", turns=(Input("waits"),))) == ["gone"]


def test_encrypted_input_is_not_readable_in_the_flow() -> None:
    body = (A.StoreInput("digits", "PIN", key_id="k", certificate=A.Str("c.pem"), into=N("pin")), A.Say("$.Attributes.pin"),
            A.Hangup())
    events = run(*body, turns=(Input("presses", "1234#"),))
    assert said(events)[-1] == "[encrypted]"
    assert ("note", "'1234' is stored encrypted") in events

"""The interpreter on compiled caller-input, retry, queue-status and routing statements: what Connect does
with stored input (store-customer-input.html), callback numbers (set-callback-number.html), Loop, queue
status and metrics, Distribute by percentage, interruptible loop prompts and transfers that resume."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from ccdsl.compiler.flows.lower import lower_flow
from ccdsl.dsl.compact.flow_parser import parse_flow
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.source import TextOrigin
from ccdsl.runtime.conversation.contact import Given, Input, QueueState
from ccdsl.runtime.conversation.interpreter import Interpreter
from ccdsl.runtime.conversation.site import ConversationSite, Flow, Queue


class Script:
    """A caller who gives these turns, then hangs up."""

    def __init__(self, *turns: Input):
        self.turns = list(turns)

    def next_input(self, want: str) -> Input | None:
        return self.turns.pop(0) if self.turns else None


def presses(keys: str) -> Input:
    return Input("presses", keys)


WAITS = Input("waits")


def run(body: str, *turns: Input, flow_type: str = "CONTACT_FLOW", channel: str = "VOICE", **given) -> tuple:
    """The prompts heard, the attributes at the end and the contact of one run of ``body``."""
    diags = Diagnostics()
    tree = parse_flow(body, TextOrigin("t.ccd", 1, 1, block_indent=0), diags)
    assert tree is not None, [d.message for d in diags]
    doc = lower_flow("f", tree, flow_type)
    flow = Flow("f", flow_type, doc["StartAction"], {a["Identifier"]: a for a in doc["Actions"]})
    queues = {k: QueueState(**v) for k, v in given.pop("queues", {}).items()}
    site = ConversationSite("t", "t", {"f": flow}, {}, {}, {q: Queue(q, "h", None) for q in queues}, {}, {})
    ix = Interpreter(site, Given(at=datetime(2026, 12, 1, 12, tzinfo=ZoneInfo("UTC")), queues=queues, **given),
                     Script(*turns))
    events = ix.run("f", channel)
    heard = [e.text for e in events if e.kind == "prompt"]
    return heard, ix.contact.attributes, ix.contact


def test_stored_digits_go_into_the_attribute_without_the_ending_key() -> None:
    body = 'store digits "Account?" max 8 into account\nsay "Got $.Attributes.account"\nhangup\n'
    heard, attrs, _ = run(body, presses("1234567890#"))
    assert attrs["account"] == "12345678" and heard == ["Account?", "Got 12345678"]
    heard, attrs, _ = run(body, WAITS)  # nothing keyed: success, with the value Timeout
    assert attrs["account"] == "Timeout"


def test_a_phone_number_is_checked_and_kept_in_e164() -> None:
    body = ('store phone "Number?" country GB\n  invalid -> bad\nset callback number $.StoredCustomerInput\n'
            'say "ok"\nhangup\nbad:\n  say "bad"\n  hangup\n')
    heard, _, contact = run(body, presses("07700900456#"))
    assert heard[-1] == "ok" and contact.callback_number == "+447700900456"
    assert run(body, presses("12#"))[0][-1] == "bad"
    heard, _, contact = run(body.replace(" country GB", ""), presses("12125550100#"))
    assert heard[-1] == "ok" and contact.callback_number == "+12125550100"


def test_a_callback_number_connect_cannot_dial_takes_the_error_branch() -> None:
    body = 'set callback number "0207"\n  error -> bad\nsay "ok"\nhangup\nbad:\n  say "bad"\n  hangup\n'
    assert run(body)[0] == ["bad"]
    assert run(body.replace('"0207"', '"+442071838750"'))[0] == ["ok"]


def test_loop_n_times_retries_then_goes_on_and_starts_again() -> None:
    body = ('again:\n  store digits "PIN?" max 4 into pin\n  if $.Attributes.pin == "Timeout" -> retry\n'
            '  say "thanks"\n  hangup\nretry:\n  loop 2 times -> again\n  say "giving up"\n  hangup\n')
    assert run(body, WAITS, WAITS, WAITS)[0] == ["PIN?", "PIN?", "PIN?", "giving up"]
    assert run(body, WAITS, presses("1234#"))[0] == ["PIN?", "PIN?", "thanks"]


def test_queue_status_and_metrics_read_the_queue() -> None:
    body = ('if queue Q has agents available -> open\nif queue Q oldest contact > 5m -> slow\n'
            'load queue metrics Q\nsay "$.Metrics.Queue.Size waiting, $.Metrics.Agents.Online.Count online"\n'
            'hangup\nopen:\n  say "open"\n  hangup\nslow:\n  say "slow"\n  hangup\n')
    assert run(body, queues={"Q": {"agents_available": 1}})[0] == ["open"]
    assert run(body, queues={"Q": {"agents_available": 0, "oldest_contact": 301}})[0] == ["slow"]
    assert run(body, queues={"Q": {"agents_available": 0, "in_queue": 7, "agents_online": 3}})[0] == [
        "7 waiting, 3 online"]


def test_distribute_takes_the_share_the_draw_falls_in() -> None:
    body = 'distribute\n  20% -> a\n  30% -> b\nsay "rest"\nhangup\na:\n  say "a"\n  hangup\nb:\n  say "b"\n  hangup\n'
    assert run(body, draw=20)[0] == ["a"]
    assert run(body, draw=21)[0] == ["b"] and run(body, draw=50)[0] == ["b"]
    assert run(body, draw=51)[0] == ["rest"]


def test_interrupted_queue_prompts_offer_a_callback() -> None:
    body = ('hold:\n  loop prompts "Please hold" every 30s interrupt 60s -> offer\noffer:\n'
            '  menu "Press 1 for a callback" timeout 5s\n    1 -> cb\n    otherwise -> hold\n'
            'cb:\n  callback Q\n  say "We will call you"\n  hangup\n')
    heard = run(body, WAITS, presses("1"), flow_type="CUSTOMER_QUEUE", queues={"Q": {}})[0]
    assert heard == ["Please hold", "Press 1 for a callback", "We will call you"]
    heard = run(body, WAITS, WAITS, WAITS, flow_type="CUSTOMER_QUEUE", queues={"Q": {}})[0]
    assert heard == ["Please hold", "Press 1 for a callback", "Please hold", "Press 1 for a callback"]


def test_stored_input_on_chat_takes_the_error_branch() -> None:
    body = 'store digits "Account?" into account\n  error -> chat\nhangup\nchat:\n  say "Type it here"\n  hangup\n'
    assert run(body, channel="CHAT")[0] == ["Type it here"]


def test_a_transfer_that_resumes_comes_back_to_the_flow() -> None:
    body = 'transfer to number "+442071838750" resume\nsay "welcome back"\nhangup\n'
    assert run(body)[0] == ["welcome back"]
    assert run(body.replace(" resume", ""))[0] == []

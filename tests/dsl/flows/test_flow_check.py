"""Semantic flow checks over syntax trees built by hand (positions given explicitly)."""
from __future__ import annotations

from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows.check import check_flow
from ccdsl.dsl.flows.context import FlowContext
from ccdsl.dsl.source import Span

CTX = FlowContext(queues=frozenset({"GeneralAgentQueue", "AccountQueue"}),
                  bots={"banking": frozenset({"CheckBalance", "TransferToAgent", "FallbackIntent"})},
                  flows={"main": "CONTACT_FLOW", "qt": "QUEUE_TRANSFER", "cq": "CUSTOMER_QUEUE"},
                  functions=frozenset({"banking"}), hours=frozenset({"office"}))


def at(line: int, col: int = 1) -> Span:
    return Span("site.ccd", line, col)


def N(value: str, line: int = 1, col: int = 1) -> A.Name:
    return A.Name(value, at(line, col))


def run(*statements, flow_type="CONTACT_FLOW", ctx=CTX, unhandled_errors=False):
    """The diagnostics of one body; W306 (error branches without a handler, which most of these small
    bodies have) only when ``unhandled_errors`` asks for it (tested on its own below)."""
    diags = Diagnostics()
    check_flow("f", flow_type, A.FlowBody(tuple(statements)), ctx, diags)
    if not unhandled_errors:
        kept = Diagnostics()
        for d in diags:
            if d.code != "W306":
                kept.items.append(d)
        return kept
    return diags


def codes(diags) -> list[str]:
    return sorted(d.code for d in diags)


def only(diags, code):
    found = [d for d in diags if d.code == code]
    assert len(found) == 1, [(d.code, d.message) for d in diags]
    return found[0]


TRANSFER = (A.SetQueue(N("GeneralAgentQueue"), span=at(1)), A.Transfer(span=at(2)))


def test_clean_flow_has_no_diagnostics():
    diags = run(A.Say("hi", span=at(1)), *TRANSFER)
    assert list(diags) == []


def test_error_branches_without_a_handler_warn_once_per_flow():
    d = only(run(A.Say("hi", span=at(1)), *TRANSFER, unhandled_errors=True), "W306")
    assert "3 error branches" in d.message  # set queue error, transfer at capacity and error
    handler = A.Label(A.Name(A.ON_ERROR), (A.Say("Sorry", span=at(4)), A.Hangup(span=at(5))), span=at(3))
    assert codes(run(A.Say("hi", span=at(1)), *TRANSFER, handler, unhandled_errors=True)) == []


def test_unknown_queue_at_the_name_with_did_you_mean():
    d = only(run(A.SetQueue(N("GeneralAgentQueu", 7, 13)), A.Transfer()), "E201")
    assert (d.span.line, d.span.col) == (7, 13)
    assert d.message == "unknown queue 'GeneralAgentQueu' (in flow 'f')"
    assert d.hint == "did you mean 'GeneralAgentQueue'?"
    assert d.length == len("GeneralAgentQueu")


def test_unknown_bot_intent_function_hours_flow():
    diags = run(
        A.IfHours(False, N("ofice", 1, 10), N("x", 1, 20), span=at(1)),
        A.Invoke(N("bankin", 2, 8), span=at(2)),
        A.Ask(N("banking", 3, 5), "?", (A.IntentBranch((N("CheckBalanse", 4, 3),), N("x", 4, 20)),), span=at(3)),
        A.Ask(N("sales", 5, 5), "?", span=at(5)),
        A.TransferToFlow(N("mian", 6, 18), span=at(6)),
        A.Label(N("x", 7), (A.Hangup(span=at(8)),), span=at(7)),
    )
    assert codes(diags) == ["E202", "E203", "E204", "E206", "E207"]
    intent = only(diags, "E204")
    assert (intent.span.line, intent.span.col) == (4, 3) and "banking" in intent.message
    assert intent.hint == "did you mean 'CheckBalance'?"
    assert only(diags, "E207").hint == "did you mean 'main'?"


def test_voice_names_and_engines():
    assert list(run(A.Voice(N("Amy"), "neural"), A.Hangup())) == []
    unknown = only(run(A.Voice(N("Amyy", 1, 7)), A.Hangup()), "E131")
    assert unknown.hint == "did you mean 'Amy'?" and unknown.span.col == 7
    assert "E133" in codes(run(A.Voice(N("Ivy"), "generative"), A.Hangup()))


def test_flow_of_the_wrong_type():
    diags = run(A.SetFlow("queue", N("main", 1, 16), span=at(1)), A.TransferToFlow(N("qt", 2, 18), span=at(2)))
    assert codes(diags) == ["E231", "E231"]
    assert [d.span.line for d in diags] == [1, 2]
    assert list(run(A.SetFlow("queue", N("cq")), A.TransferToFlow(N("main")))) == []


def test_unknown_and_duplicate_labels():
    diags = run(A.Goto(N("busy", 1, 6)),
                A.Label(N("bussy", 2), (A.Hangup(span=at(3)),), span=at(2)),
                A.Label(N("bussy", 4), (A.Hangup(span=at(5)),), span=at(4)))
    unknown = only(diags, "E301")
    assert (unknown.span.line, unknown.span.col) == (1, 6) and unknown.hint == "did you mean 'bussy'?"
    assert only(diags, "E302").span.line == 4


def test_unreachable_and_fall_through_and_unused_label():
    diags = run(
        A.Hangup(span=at(1)),
        A.Say("never", span=at(2)),
        A.Say("nor this", span=at(3)),
        A.Label(N("orphan", 4), (A.Hangup(span=at(5)),), span=at(4)),
    )
    assert only(diags, "W301").span.line == 2  # one warning per unreachable run
    assert only(diags, "W301").hint == "'hangup' above ends this path"
    after_transfer = only(run(*TRANSFER, A.Say("sorry", span=at(3)), A.Hangup()), "W301")
    assert "error -> label" in after_transfer.hint
    assert only(diags, "W303").span.line == 4
    diags = run(A.Goto(N("a")), A.Label(N("a", 2), (A.Say("x", span=at(3)),), span=at(2)),
                A.Label(N("b", 4), (A.Hangup(span=at(5)),), span=at(4)))
    fall = only(diags, "W302")
    assert fall.span.line == 4 and "'b'" in fall.message
    assert not diags.has_errors


def test_busy_loop_rejected_but_loop_through_a_menu_allowed():
    busy = run(A.Label(N("again", 1), (A.Say("hi", span=at(2)), A.Goto(N("again", 3))), span=at(1)))
    assert "E303" in codes(busy)
    menu_loop = run(A.Label(N("again", 1), (
        A.Menu("press 1", (A.MenuOption("1", N("out")),), otherwise=N("again"), span=at(2)),), span=at(1)),
        A.Label(N("out", 4), (A.Hangup(span=at(5)),), span=at(4)))
    assert "E303" not in codes(menu_loop)
    hours_loop = run(A.Label(N("a", 1), (A.IfHours(True, N("office"), N("a"), span=at(2)),
                                         A.Hangup(span=at(3))), span=at(1)))
    assert "E303" in codes(hours_loop)
    two = run(A.IfHours(True, N("office"), N("b"), span=at(1)),
              A.Label(N("a", 2), (A.Say("x", span=at(3)), A.Goto(N("a"), span=at(4))), span=at(2)),
              A.Label(N("b", 5), (A.Say("y", span=at(6)), A.Goto(N("b"), span=at(7))), span=at(5)))
    assert [(d.code, d.span.line) for d in two if d.code == "E303"] == [("E303", 3), ("E303", 6)]
    assert codes(run(A.Label(N("a", 1), (A.Goto(N("a", 2), span=at(2)),), span=at(1)))) == ["E303"]


def test_transfer_needs_a_queue_on_every_path():
    diags = run(A.IfHours(True, N("office"), N("set"), span=at(1)),
                A.Transfer(span=at(2)),
                A.Label(N("set", 3), TRANSFER, span=at(3)))
    assert only(diags, "E304").span.line == 2
    # the quick connect sets the queue in queue transfer flows
    assert "E304" not in codes(run(A.Transfer(span=at(1)), flow_type="QUEUE_TRANSFER"))
    assert "E304" in codes(run(A.Transfer(span=at(1))))


def test_statements_allowed_per_flow_type():
    assert "E305" in codes(run(A.End(span=at(1))))  # end: whisper and queue flows only
    assert "E305" not in codes(run(A.Say("x"), A.End(span=at(2)), flow_type="AGENT_WHISPER"))
    hold = run(A.Say("x", span=at(1)), A.LoopPrompts(("music",), 30, span=at(2)), flow_type="CUSTOMER_HOLD")
    assert only(hold, "E305").span.line == 1
    assert "E305" in codes(run(A.LoopPrompts(("m",), 30, span=at(1))))
    assert "E305" in codes(run(A.Transfer(span=at(1)), flow_type="CUSTOMER_WHISPER"))


def test_hold_flow_that_runs_out_warns():
    assert codes(run(A.Logging(True, span=at(1)), flow_type="CUSTOMER_HOLD")) == ["W304"]


def test_wait_only_in_inbound_and_customer_queue_flows():
    # wait.html: Inbound flow and Customer queue flow only
    assert codes(run(A.Wait(30, span=at(1)), flow_type="CUSTOMER_HOLD")) == ["E305", "W304"]
    assert "E305" in codes(run(A.Wait(30, span=at(1)), A.End(span=at(2)), flow_type="AGENT_WHISPER"))
    assert "E305" not in codes(run(A.Wait(30, span=at(1)), A.End(span=at(2)), flow_type="CUSTOMER_QUEUE"))


def test_hangup_is_not_allowed_in_whisper_flows():
    # disconnect-hang-up.html lists inbound, customer queue and transfer flows
    assert codes(run(A.Hangup(span=at(1)), flow_type="CUSTOMER_WHISPER")) == ["E305"]
    assert codes(run(A.LoopPrompts(("music",), 30, span=at(1)), flow_type="CUSTOMER_HOLD")) == []


def test_value_ranges_and_duplicate_branches():
    diags = run(A.Invoke(N("banking"), timeout=9, span=at(1)), A.Wait(0, span=at(2)), A.Hangup())
    assert codes(diags) == ["E307", "E307"]
    menu = run(A.Menu("?", (A.MenuOption("1", N("x"), span=at(2)), A.MenuOption("1", N("x"), span=at(3))),
                      span=at(1)),
               A.Label(N("x"), (A.Hangup(),)))
    assert only(menu, "E309").span.line == 3
    check = run(A.Check(A.AttrPath("$.Channel"), (A.CheckCase("!=", A.Str("VOICE"), N("x"), span=at(2)),),
                        span=at(1)),
                A.Label(N("x"), (A.Hangup(),)))
    assert only(check, "E308").span.line == 2


def test_empty_prompts():
    diags = run(A.Say("  ", span=at(1)), A.Menu("", span=at(2)), A.Hangup())
    assert [(d.code, d.span.line) for d in diags] == [("E311", 1), ("E311", 2)]


def test_attribute_paths():
    ok = run(A.SetAttributes((A.Assignment("c", A.AttrPath("$.Channel")),)),
             A.IfCompare(A.AttrPath("$.Attributes.lang"), "==", A.AttrPath("$.External.lang"), N("x")),
             A.Label(N("x"), (A.Hangup(),)))
    assert list(ok) == []
    bad = run(A.SetAttributes((A.Assignment("c", A.AttrPath("$.Chanel", at(1, 9))),)), A.Hangup())
    warning = only(bad, "W305")
    assert warning.span.col == 9 and warning.hint == "did you mean 'Channel'?"


def test_phone_numbers():
    assert list(run(A.TransferToNumber("+442071838750"))) == []
    assert codes(run(A.TransferToNumber("020 7183 8750", span=at(1)))) == ["E312"]


def test_size_limit():
    many = tuple(A.Say(str(i), span=at(i + 1)) for i in range(260))
    assert "E306" in codes(run(*many))
    assert "E306" not in codes(run(*many[:200]))


def test_without_a_site_references_are_not_checked():
    diags = run(A.SetQueue(N("Nope")), A.Transfer(), ctx=None)
    assert list(diags) == []

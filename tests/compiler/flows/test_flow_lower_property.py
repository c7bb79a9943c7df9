"""Property: every valid flow body lowers to JSON that passes the flow validator.

The strategy builds bodies as the language allows them: a top-level block and labelled blocks, each
ending by ending the contact (hangup, transfer …) or a goto. Jumps go forward, except branches of
statements that wait for the caller (ask, menu, wait, invoke), which may go anywhere: so every loop
has a blocking step, as the flow checks demand. Names come from a fixed little site.
"""
from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

from ccdsl.compiler.flows.lower import lower_flow
from ccdsl.compiler.flows.validate import validate_flow_json
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows.check import check_flow
from ccdsl.dsl.flows.context import FlowContext

N = A.Name
CTX = FlowContext(queues=frozenset({"Q1", "Q2"}), bots={"bot": frozenset({"Yes", "No", "Agent"})},
                  flows={"main": "CONTACT_FLOW", "other": "CONTACT_FLOW", "cq": "CUSTOMER_QUEUE"},
                  functions=frozenset({"fn"}), hours=frozenset({"office"}))
text = st.text(st.characters(min_codepoint=32, max_codepoint=0x2FF, blacklist_characters='"\\'), max_size=30)
prompt = text.filter(lambda s: s.strip())
attr_value = st.one_of(text.map(A.Str), st.integers(-99, 999).map(lambda i: A.Number(str(i))),
                       st.sampled_from(["$.Channel", "$.Attributes.x"]).map(A.AttrPath))
key = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)


def statements(draw, labels: list[str], me: int) -> list:
    forward = labels[me + 1:]
    anywhere = labels
    fwd = st.sampled_from(forward) if forward else st.nothing()
    any_label = st.sampled_from(anywhere) if anywhere else st.nothing()

    def opt(strategy):
        return st.one_of(st.none(), strategy.map(N)) if not strategy.is_empty else st.none()

    simple = st.one_of(
        st.builds(A.Say, prompt, st.booleans()).map(
            lambda s: A.Say(f"<speak>{xml_escape(s.text)}</speak>", True) if s.ssml else s),
        st.builds(A.Logging, st.booleans()),
        st.builds(A.Recording, st.booleans()),
        st.builds(A.Voice, st.sampled_from(["Amy", "Joanna"]).map(N), st.sampled_from([None, "neural", "standard"])),
        st.builds(A.SetAttributes, st.lists(st.builds(A.Assignment, key, attr_value), min_size=1, max_size=3,
                                            unique_by=lambda a: a.key).map(tuple)),
        st.builds(A.SetQueue, st.sampled_from(["Q1", "Q2"]).map(N)),
        st.builds(A.SetFlow, st.sampled_from(["queue"]), st.just(N("cq"))),
        st.builds(A.Callback, st.just(N("Q1")), opt(fwd)),
        st.builds(A.Task, text, st.just(N("other")), opt(fwd)),
    )
    branching = []
    if forward:
        branching += [
            st.builds(A.IfHours, st.booleans(), st.just(N("office")), fwd.map(N)),
            st.builds(A.IfCompare, st.just(A.AttrPath("$.Channel")), st.sampled_from(A.COMPARE_OPS), attr_value,
                      fwd.map(N)),
            st.builds(A.Check, st.just(A.AttrPath("$.Attributes.x")),
                      st.lists(st.builds(A.CheckCase, st.sampled_from(["==", ">", "contains"]), attr_value,
                                         fwd.map(N)), min_size=1, max_size=3).map(tuple), opt(fwd)),
        ]
    if anywhere:
        branching += [
            st.builds(A.Ask, st.just(N("bot")), prompt,
                      st.lists(st.sampled_from(["Yes", "No", "Agent"]), min_size=0, max_size=3, unique=True).flatmap(
                          lambda intents: st.tuples(*[st.builds(A.IntentBranch, st.just((N(i),)), any_label.map(N))
                                                      for i in intents])),
                      opt(any_label), opt(any_label)),
            st.builds(A.Menu, prompt,
                      st.lists(st.sampled_from("0123456789*#"), max_size=4, unique=True).flatmap(
                          lambda keys: st.tuples(*[st.builds(A.MenuOption, st.just(k), any_label.map(N))
                                                   for k in keys])),
                      st.one_of(st.none(), st.integers(1, 180)), opt(any_label), opt(any_label), opt(any_label)),
            st.builds(A.Invoke, st.just(N("fn")), st.one_of(st.none(), st.integers(1, 8)),
                      st.lists(st.builds(A.Assignment, key, attr_value), max_size=2, unique_by=lambda a: a.key)
                      .map(tuple), opt(any_label)),
            st.builds(A.Wait, st.integers(1, 600), opt(any_label), opt(any_label)),
        ]
    body = draw(st.lists(st.one_of(simple, *branching), max_size=6))
    ends = [st.just(A.Hangup()),
            st.builds(A.TransferToFlow, st.sampled_from(["main", "other"]).map(N), opt(fwd)),
            st.builds(A.TransferToNumber, st.just("+442071838750"), st.one_of(st.none(), st.integers(1, 600)),
                      opt(fwd))]
    if forward:
        ends.append(fwd.map(lambda label: A.Goto(N(label))))
    end = draw(st.one_of(*ends))
    queue = [A.SetQueue(N("Q1")), A.Transfer(draw(opt(fwd)), draw(opt(fwd)))]
    return body + (queue if draw(st.booleans()) else [end])


@st.composite
def flow_bodies(draw):
    labels = [f"l{i}" for i in range(draw(st.integers(0, 4)))]
    top = statements(draw, labels, -1)
    blocks = [A.Label(N(name), tuple(statements(draw, labels, i))) for i, name in enumerate(labels)]
    return A.FlowBody(tuple(top + blocks))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flow_bodies())
def test_valid_bodies_lower_to_conforming_json(body):
    diags = Diagnostics()
    check_flow("f", "CONTACT_FLOW", body, CTX, diags)
    assert not diags.has_errors, [str(d.message) for d in diags]
    doc = lower_flow("f", body, "CONTACT_FLOW")
    assert validate_flow_json(doc, "CONTACT_FLOW") == []
    assert lower_flow("f", body, "CONTACT_FLOW") == doc  # deterministic


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flow_bodies())
def test_the_size_check_counts_what_the_lowering_emits(body):
    from ccdsl.dsl.flows.cfg import FlowGraph

    assert FlowGraph(body).action_count() == len(lower_flow("f", body)["Actions"])


names = st.sampled_from(["a", "b", "c", "zz"]).map(N)
any_statement = st.deferred(lambda: st.one_of(
    st.builds(A.Say, text), st.builds(A.Goto, names), st.builds(A.Hangup), st.builds(A.End),
    st.builds(A.Transfer, st.one_of(st.none(), names), st.one_of(st.none(), names)),
    st.builds(A.IfCompare, st.just(A.AttrPath("$.x")), st.sampled_from(A.COMPARE_OPS), attr_value, names),
    st.builds(A.Check, st.just(A.AttrPath("$.x")),
              st.lists(st.builds(A.CheckCase, st.sampled_from(A.COMPARE_OPS), attr_value, names), max_size=2)
              .map(tuple), st.one_of(st.none(), names)),
    st.builds(A.Menu, text, st.lists(st.builds(A.MenuOption, st.sampled_from("12"), names), max_size=3).map(tuple)),
    st.builds(A.Label, names, st.lists(any_statement, max_size=3).map(tuple)),
))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_statement, max_size=8).map(lambda s: A.FlowBody(tuple(s))),
       st.sampled_from(["CONTACT_FLOW", "CUSTOMER_QUEUE", "AGENT_WHISPER", "MODULE"]))
def test_any_tree_lowers_without_raising_and_checks_without_raising(body, flow_type):
    """Also trees the checks reject (unknown or duplicate labels, loops, '!=' cases …): neither the
    checks nor the lowering raise, and what the checks accept lowers to a conforming flow."""
    diags = Diagnostics()
    check_flow("f", flow_type, body, CTX, diags)
    doc = lower_flow("f", body, flow_type)
    if not diags.has_errors:
        assert validate_flow_json(doc, flow_type) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flow_bodies())
def test_the_text_of_a_body_lowers_like_the_body(body):
    """Printed as a do: block and parsed back (positions and all), a body compiles to the same JSON."""
    from ccdsl.dsl.compact import flow_to_text, parse_flow
    from ccdsl.dsl.source import TextOrigin

    diags = Diagnostics()
    parsed = parse_flow(flow_to_text(body), TextOrigin("site.ccd", 20, 7, block_indent=6), diags)
    assert parsed == body, [d.message for d in diags]
    assert lower_flow("f", parsed) == lower_flow("f", body)

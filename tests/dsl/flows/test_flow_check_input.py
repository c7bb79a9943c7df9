"""Parsing and checks of the caller-input, retry, queue-status and routing statements (positions included)."""
from __future__ import annotations

from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.compact.flow_parser import parse_flow
from ccdsl.dsl.compact.flow_printer import flow_to_text
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows.check import check_flow
from ccdsl.dsl.source import TextOrigin


def parse(text: str) -> tuple[A.FlowBody | None, Diagnostics]:
    diags = Diagnostics()
    return parse_flow(text, TextOrigin("site.ccd", 1, 1, block_indent=0), diags), diags


def found(text: str, flow_type: str = "CONTACT_FLOW") -> list[tuple[str, int, int]]:
    body, diags = parse(text)
    if body is not None:
        check_flow("f", flow_type, body, None, diags)
    return sorted((d.code, d.span.line, d.span.col) for d in diags if d.code != "W306")


def test_every_new_statement_prints_back_as_written():
    text = """\
store digits "Account number?" max 8 timeout 10s ending "#" into account
  error -> again
store phone ssml "<speak>Your number?</speak>" country GB into phone
  invalid -> again
set callback number $.StoredCustomerInput
if queue Sales has agents available -> again
if queue oldest contact >= 5m -> again
if queue contacts < 3 -> again
load queue metrics
set routing priority 2
set routing age 2m
distribute
  10% -> again
  otherwise -> again
transfer to number "+442071838750" caller id $.SystemEndpoint.Address caller name "Acme" digits "1#" resume
  timeout -> again
again:
  loop 3 times -> again
"""
    body, diags = parse(text)
    assert body is not None and not diags.items
    assert flow_to_text(body) == text


def test_option_given_twice_and_branches_a_statement_does_not_take():
    assert found('store digits "x" max 4 max 5\nhangup\n') == [("E018", 1, 24)]
    assert found('transfer to number "+442071838750"\n  timeout -> a\na:\n  hangup\n') == [("E018", 2, 3)]
    assert found('store digits "x" country GB\nhangup\n') == [("E018", 1, 26)]
    assert found('loop 2.5 times -> a\na:\n  hangup\n') == [("E014", 1, 6)]
    assert found('set routing priority 2m\nhangup\n') == [("E014", 1, 22)]


def test_values_connect_rejects():
    assert found('set routing priority 0\nhangup\n') == [("E307", 1, 1)]
    assert found('store digits "x" max 0 ending "##1##1"\nhangup\n') == [("E307", 1, 1), ("E307", 1, 1)]
    assert found('store digits "x" timeout 5m\nhangup\n') == [("E307", 1, 1)]
    assert found('store phone "x" country XX\nhangup\n') == [("E331", 1, 25)]
    assert found('store digits ""\nhangup\n') == [("E311", 1, 1)]
    assert found('transfer to number "+442071838750" caller id "0207" digits "12ab"\n') == [
        ("E307", 1, 1), ("E312", 1, 1)]
    assert found('distribute\nhangup\n') == [("E330", 1, 1)]
    assert found('distribute\n  0% -> a\n  70% -> a\n  40% -> a\na:\n  hangup\n') == [
        ("E330", 2, 3), ("E330", 4, 3)]


def test_ssml_prompts_of_ask_menu_and_store_are_checked():
    assert found('menu ssml "no speak"\n  1 -> a\na:\n  hangup\n') == [("E316", 1, 1)]
    # at the <break> that is too long
    assert found('store digits ssml "<speak><break time=\\"20s\\"/></speak>"\nhangup\n') == [("E316", 1, 27)]
    # in a multi-line string: at the line and column where the XML breaks
    assert found('ask b ssml """\n  <speak>\n    <emphasis>Hello\n  </speak>\n  """\n  otherwise -> a\na:\n'
                 '  hangup\n') == [("E316", 4, 5)]


def test_flow_types_and_counted_loops():
    # routing priority: contact flows and modules only; a counted loop is not a busy loop
    assert ("E305", 1, 1) in found('set routing priority 1\nend\n', "CUSTOMER_QUEUE")
    assert found('again:\n  set x = 1\n  loop 3 times -> again\nhangup\n') == []
    assert found('loop 101 times -> a\na:\n  hangup\n') == [("E307", 1, 1)]

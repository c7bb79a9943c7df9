"""``error -> label`` on the statements whose error otherwise goes on with the next statement (``say``, ``set``,
``set … flow``, ``language``): parsing, the canonical text and the Connect branch it lowers to."""
from __future__ import annotations

import pytest

from ccdsl.compiler.flows.lower import lower_flow
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.compact.flow_parser import parse_flow
from ccdsl.dsl.compact.flow_printer import flow_to_text
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.source import TextOrigin

STATEMENTS = {
    'say "Welcome."': ("MessageParticipant", A.Say),
    'set tier = "gold", seen = $.Attributes.x': ("UpdateContactAttributes", A.SetAttributes),
    "set queue flow waiting": ("UpdateContactEventHooks", A.SetFlow),
    "language en_GB": ("UpdateContactData", A.Language),
}


def parsed(text: str) -> tuple[A.FlowBody | None, Diagnostics]:
    diags = Diagnostics()
    return parse_flow(text, TextOrigin("t", 1, 1, 0), diags), diags


def first(doc: dict) -> dict:
    return next(a for a in doc["Actions"] if a["Identifier"] == doc["StartAction"])


@pytest.mark.parametrize("statement", STATEMENTS)
def test_a_written_error_branch_goes_to_its_label(statement):
    text = f"{statement}\n  error -> sorry\nhangup\nsorry:\n  say \"Sorry.\"\n  hangup\n"
    body, diags = parsed(text)
    assert body is not None and not diags.has_errors, [d.message for d in diags]
    action_type, node = STATEMENTS[statement]
    assert isinstance(body.statements[0], node) and body.statements[0].error == A.Name("sorry")
    assert flow_to_text(body) == text
    action = first(lower_flow("f", body))
    assert action["Type"] == action_type
    assert action["Transitions"]["NextAction"] == "start-2 hangup"
    assert action["Transitions"]["Errors"] == [{"NextAction": "sorry-1 say", "ErrorType": "NoMatchingError"}]


@pytest.mark.parametrize("statement", STATEMENTS)
def test_without_one_an_error_goes_on_with_the_next_statement(statement):
    body, _ = parsed(f"{statement}\nhangup\non error:\n  hangup\n")
    assert body is not None
    action = first(lower_flow("f", body))
    assert action["Transitions"]["Errors"] == [{"NextAction": "start-2 hangup", "ErrorType": "NoMatchingError"}]


def test_statements_without_an_error_branch_in_connect_take_none():
    body, diags = parsed("logging on\n  error -> sorry\nsorry:\n  hangup\n")
    assert body is None
    assert [(d.code, d.span.line, d.span.col) for d in diags] == [("E018", 2, 3)]
    assert "'logging' does not take a 'error' branch" in next(iter(diags)).message


@pytest.mark.parametrize("statement, action_type, param", [
    ('set greeted = "true"', "UpdateContactAttributes", "TargetContact"),
    ("invoke lookup timeout 3s", "InvokeLambdaFunction", "ResponseValidation"),
    ('invoke $.Attributes.fn with caller_number = $.CustomerEndpoint.Address', "InvokeLambdaFunction", "ResponseValidation"),
])
def test_legacy_leaves_out_the_option_a_block_made_before_it_existed_has_none(statement, action_type, param):
    body, diags = parsed(f"{statement} legacy\n  error -> sorry\nhangup\nsorry:\n  hangup\n")
    assert body is not None and not diags.has_errors, [d.message for d in diags]
    assert body.statements[0].legacy is True
    assert flow_to_text(body).startswith(f"{statement} legacy\n")
    action = first(lower_flow("f", body))
    assert action["Type"] == action_type and param not in action["Parameters"]
    plain, _ = parsed(f"{statement}\nhangup\n")
    assert param in first(lower_flow("f", plain))["Parameters"]


def test_legacy_is_still_a_name_where_a_name_is_expected():
    body, diags = parsed('invoke legacy legacy\nset "legacy" = "x"\nhangup\n')
    assert body is not None, [d.message for d in diags]
    assert body.statements[0].function == A.Name("legacy") and body.statements[0].legacy
    assert body.statements[1].assignments[0].key == "legacy" and not body.statements[1].legacy


def test_voice_style_lowers_to_the_speaking_style():
    body, diags = parsed("voice Joanna neural style newscaster language en_US\nhangup\n")
    assert body is not None, [d.message for d in diags]
    assert flow_to_text(body) == "voice Joanna neural style newscaster language en_US\nhangup\n"
    assert first(lower_flow("f", body))["Parameters"] == {"TextToSpeechVoice": "Joanna", "TextToSpeechEngine": "Neural",
                                                         "TextToSpeechStyle": "Newscaster"}
    assert parsed("voice Joanna style cheerful\n")[0] is None


@pytest.mark.parametrize("statement", ['say "You are through to an adviser."', "play $.External.whisperPromptArn"])
def test_no_error_writes_a_prompt_block_without_an_error_branch(statement):
    body, diags = parsed(f"{statement} no error\nend\n")
    assert body is not None, [d.message for d in diags]
    assert body.statements[0].no_error and flow_to_text(body) == f"{statement} no error\nend\n"
    action = first(lower_flow("f", body, "AGENT_WHISPER"))
    assert action["Type"] == "MessageParticipant"
    assert action["Transitions"] == {"NextAction": "start-2 end"}


def test_if_queue_error_branch():
    body, diags = parsed("if queue contacts > 10 -> busy\n  error -> sorry\nhangup\nbusy:\n  hangup\nsorry:\n  hangup\n")
    assert body is not None, [d.message for d in diags]
    action = first(lower_flow("f", body, "CUSTOMER_QUEUE"))
    assert action["Type"] == "CheckMetricData"
    assert action["Transitions"]["NextAction"] == "sorry-1 hangup"  # Connect's NextAction is the error branch
    assert {e["ErrorType"]: e["NextAction"] for e in action["Transitions"]["Errors"]} == {
        "NoMatchingCondition": "start-2 hangup", "NoMatchingError": "sorry-1 hangup"}

"""Error handling: 'on error:' blocks, 'queue X' error branches, the default apology, the silence figure."""
from __future__ import annotations

from ccdsl.compiler.flows.lower import APOLOGY_ID, DEFAULT_APOLOGY, lower_flow
from ccdsl.compiler.flows.silence import silent_error_branches, silent_error_branches_in
from ccdsl.compiler.flows.validate import validate_flow_json
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.compact import parse_flow
from ccdsl.dsl.compact.flow_printer import flow_to_text
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows.cfg import FlowGraph
from ccdsl.dsl.source import TextOrigin

BODY = """\
queue Q
  error -> sorry
transfer
sorry:
  say "The line is busy."
  hangup
on error:
  say "Sorry, something went wrong."
  hangup
"""


def parse(text: str) -> A.FlowBody:
    diags = Diagnostics()
    body = parse_flow(text, TextOrigin("f.ccd", 1, 1), diags)
    assert body is not None and not diags.items, [d.message for d in diags]
    return body


def by_id(doc: dict) -> dict:
    return {a["Identifier"]: a for a in doc["Actions"]}


def errors(action: dict) -> dict:
    return {e["ErrorType"]: e["NextAction"] for e in action["Transitions"].get("Errors", [])}


def test_on_error_and_queue_error_parse_and_print_back():
    body = parse(BODY)
    assert body.statements[0].error == A.Name("sorry")
    assert isinstance(body.statements[-1], A.Label) and body.statements[-1].name.value == A.ON_ERROR
    assert flow_to_text(body) == BODY


def test_unwritten_error_branches_go_to_the_on_error_block_and_nothing_falls_into_it():
    graph = FlowGraph(parse(BODY))
    handler = graph.on_error
    transfer = 1
    assert ("NoMatchingError", handler) in graph.branches(transfer)
    assert graph.unhandled_errors() == 0
    sorry_hangup = graph.labels["sorry"] + 2
    assert graph.next_of(sorry_hangup) == -1  # the block above the handler does not fall into it


def test_lowered_queue_error_and_handler():
    doc = lower_flow("f", parse(BODY))
    assert validate_flow_json(doc, "CONTACT_FLOW") == []
    actions = by_id(doc)
    assert errors(actions["start-1 queue"]) == {"NoMatchingError": "sorry-1 say"}
    assert errors(actions["start-2 transfer"]) == {"QueueAtCapacity": "on error-1 say",
                                                   "NoMatchingError": "on error-1 say"}
    assert APOLOGY_ID not in actions
    assert silent_error_branches(doc) == 0


def test_without_a_handler_an_error_apologises_before_hanging_up():
    doc = lower_flow("f", parse("queue Q\ntransfer\n"), apology="We are sorry.")
    assert validate_flow_json(doc, "CONTACT_FLOW") == []
    actions = by_id(doc)
    assert errors(actions["start-2 transfer"])["NoMatchingError"] == APOLOGY_ID
    apology = actions[APOLOGY_ID]
    assert apology["Type"] == "MessageParticipant" and apology["Parameters"] == {"Text": "We are sorry."}
    assert apology["Transitions"]["NextAction"] == "disconnect"
    assert silent_error_branches(doc) == 0
    assert lower_flow("f", parse("queue Q\ntransfer\n"))["Actions"][-2]["Parameters"] == {"Text": DEFAULT_APOLOGY}


def test_a_whisper_flow_ends_instead_of_hanging_up_on_error():
    doc = lower_flow("w", parse('invoke f\nsay "Hi"\nend\n'), "AGENT_WHISPER")
    assert validate_flow_json(doc, "AGENT_WHISPER") == []
    assert errors(by_id(doc)["start-1 invoke"]) == {"NoMatchingError": "end flow"}
    assert all(a["Type"] != "DisconnectParticipant" for a in doc["Actions"])


def test_the_silence_figure_counts_an_error_that_hangs_up_directly():
    doc = lower_flow("f", parse("queue Q\n  error -> bye\ntransfer\n  error -> bye\nbye:\n  hangup\n"))
    assert silent_error_branches(doc) == 3  # set queue error; transfer at capacity (defaults to error) and error


def test_the_silence_figure_leaves_out_flows_only_tasks_reach():
    import json

    doc = json.dumps(lower_flow("f", parse("queue Q\n  error -> bye\ntransfer\n  error -> bye\nbye:\n  hangup\n")))
    artefacts = {"flows/caller.json": doc, "flows/task.json": doc, "bots/x.json": "{}"}
    assert silent_error_branches_in(artefacts) == (6, 2, 0)
    channels = {"caller": frozenset({"voice", "task"}), "task": frozenset({"task"})}
    assert silent_error_branches_in(artefacts, channels) == (3, 2, 1)


def test_designer_metadata_names_conditions_bots_and_flows():
    body = parse('if $.Channel == "CHAT" -> x\nask bank "Hi"\n  Help -> x\ntransfer to flow other\nx:\n  hangup\n')
    meta = lower_flow("f", body)["Metadata"]["ActionMetadata"]
    compare = meta["start-1 compare"]["conditionMetadata"]
    assert [(c["operator"]["shortDisplay"], c["value"]) for c in compare] == [("=", "CHAT")]
    assert meta["start-2 ask"]["lexV2BotName"] == "bank"
    assert meta["start-2 ask"]["conditionMetadata"][0]["value"] == "Help"
    assert meta["start-3 transfer to flow"]["ContactFlow"] == {"id": "${flow.other.arn}", "text": "other"}
    assert compare[0]["id"] == lower_flow("f", body)["Metadata"]["ActionMetadata"]["start-1 compare"][
        "conditionMetadata"][0]["id"]  # stable between compiles

"""Targets an export leaves empty (a block never configured) or gives only as a sample's placeholder text: each
imports as a name to declare, said by W511/W512 at the action and listed as "the export has none"; the round trip
accepts a reference there and nowhere else."""
import copy
import json

import pytest

from ccdsl.compiler.flows.lower import lower_flow
from ccdsl.compiler.importer import NameBook, decompile
from ccdsl.compiler.importer.documents import FlowDocument
from ccdsl.compiler.importer.equivalence import difference
from ccdsl.compiler.importer.run import import_documents
from ccdsl.dsl.compact.flow_parser import parse_flow
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows import catalog as cat
from ccdsl.dsl.source import TextOrigin

OOPS = 'oops:\n  say "Sorry."\n  hangup\n'


def lowered(text: str) -> dict:
    diags = Diagnostics()
    body = parse_flow(text, TextOrigin("t", 1, 1, 0), diags)
    assert body is not None and not list(diags), [d.message for d in diags]
    return lower_flow("f", body, cat.CONTACT_FLOW)


def action(doc: dict, type_: str) -> dict:
    return next(a for a in doc["Actions"] if a["Type"] == type_)


def designer(doc: dict, act: dict, meta: dict) -> None:
    doc.setdefault("Metadata", {}).setdefault("ActionMetadata", {})[act["Identifier"]] = meta


def _set_queue(doc: dict, value: str) -> dict:
    act = action(doc, "UpdateContactTargetQueue")
    act["Parameters"]["QueueId"] = value
    designer(doc, act, {"queue": {"id": "", "text": "Basic Queue"}})
    return act


def _transfer(doc: dict, value: str) -> dict:
    act = action(doc, "TransferToFlow")
    act["Parameters"]["ContactFlowId"] = value
    designer(doc, act, {"ContactFlow": {"id": "", "text": "SEB - Journey"}})
    return act


def _hours(doc: dict, value: str) -> dict:
    act = action(doc, "CheckHoursOfOperation")
    act["Parameters"]["HoursOfOperationId"] = value
    designer(doc, act, {"Hours": {"id": "", "text": "Basic Hours"}})
    return act


def _loop_prompt(doc: dict, value: str) -> dict:
    act = action(doc, "MessageParticipantIteratively")
    act["Parameters"]["Messages"][1]["PromptId"] = value
    designer(doc, act, {"audio": [{"id": "", "text": None, "type": "Prompt"}]})
    return act


def _bot(doc: dict, value: str) -> dict:
    act = action(doc, "ConnectParticipantWithLexBot")
    act["Parameters"]["LexV2Bot"]["AliasArn"] = value
    designer(doc, act, {"lexV2BotName": "CustomerAirlineSupport", "lexV2BotAliasName": "TestBotAlias"})
    return act


def _lambda(doc: dict, value: str) -> dict:
    act = action(doc, "InvokeLambdaFunction")
    act["Parameters"]["LambdaFunctionARN"] = value
    designer(doc, act, {"isFriendlyName": True})
    label = "Invoke Trigger Lambda"  # the designer shows the block's Identifier as its label
    text = json.dumps(doc).replace(json.dumps(act["Identifier"]), json.dumps(label))
    doc.clear()
    doc.update(json.loads(text))
    return action(doc, "InvokeLambdaFunction")


def _agent(doc: dict, value: str) -> dict:
    act = action(doc, "UpdateContactTargetQueue")
    act["Parameters"]["AgentId"] = value
    designer(doc, act, {"parameters": {"AgentId": {"displayName": "SELECT AN AGENT"}}})
    return act


def _task(doc: dict, value: str) -> dict:
    act = action(doc, "CreateTask")
    act["Parameters"]["ContactFlowId"] = value
    designer(doc, act, {"parameters": {"ContactFlowId": {"displayName": "Task Flow"}}})
    return act


# (statement, how the export is changed, the value, the name chosen, the kind, where the name came from)
CASES = [
    ("queue Sales\n  error -> oops\nhangup\n" + OOPS, _set_queue, "", "queue Basic_Queue", "queue", "designer"),
    ("transfer to flow Journey\n  error -> oops\n" + OOPS, _transfer, "", "transfer to flow SEB_Journey", "flow",
     "designer"),
    ("if open Office -> welcome\nhangup\nwelcome:\n  hangup\n", _hours, "", "if open Basic_Hours -> welcome", "hours",
     "designer"),
    ('loop prompts "Please hold.", play chime every 10s\n', _loop_prompt, "",
     'loop prompts "Please hold.", play prompt_target every 10s', "prompt", "no name"),
    ('ask Bot "How can I help?"\n  Book -> book\n  error -> oops\nhangup\nbook:\n  hangup\n' + OOPS, _bot, "",
     'ask CustomerAirlineSupport "How can I help?"', "bot", "designer"),
    ("invoke lookup\n  error -> oops\nhangup\n" + OOPS, _lambda, "", "invoke Invoke_Trigger_Lambda", "function",
     "label"),
    ("invoke lookup\n  error -> oops\nhangup\n" + OOPS, _lambda, "ENTER LAMBDA HERE", "invoke ENTER_LAMBDA_HERE",
     "function", "placeholder"),
    ("queue agent $.Attributes.agentArn\n  error -> oops\nhangup\n" + OOPS, _agent,
     "SELECT AGENT TO RECEIVE THE TASK", "queue agent SELECT_AN_AGENT", "agent", "designer"),
    ('task "Sample" flow TaskFlow\n  error -> oops\nhangup\n' + OOPS, _task,
     "CONTACT FLOW ID FOR THE TASK FLOW", 'task "Sample" flow Task_Flow', "flow", "designer"),
]
IDS = ["queue", "flow", "hours", "loop-prompt", "lex-bot", "lambda-empty", "lambda-placeholder", "agent-placeholder",
       "task-flow-placeholder"]


@pytest.mark.parametrize(("text", "change", "value", "line", "kind", "origin"), CASES, ids=IDS)
def test_an_unnamed_target_imports_as_a_name_to_declare(text, change, value, line, kind, origin) -> None:
    doc = lowered(text)
    act = change(doc, value)
    result = decompile(doc, "f", cat.CONTACT_FLOW, NameBook())
    assert result.reasons == [], [str(r) for r in result.reasons]
    assert line in result.body
    [stand_in] = result.stand_ins
    assert (stand_in.ident, stand_in.kind, stand_in.value) == (act["Identifier"], kind, value)
    assert origin in stand_in.origin
    assert stand_in.name in line and f"imported as {kind} '{stand_in.name}'" in stand_in.describe()
    # the body compiles back to an equivalent flow only because the substitution is recorded
    diags = Diagnostics()
    again = lower_flow("f", parse_flow(result.body, TextOrigin("t", 1, 1, 0), diags), cat.CONTACT_FLOW)
    assert difference(doc, again, result.substituted) is None
    assert difference(doc, again) is not None


def test_equivalence_accepts_a_reference_only_where_the_substitution_was_recorded() -> None:
    doc = lowered("queue Sales\n  error -> oops\nhangup\n" + OOPS)
    compiled = copy.deepcopy(doc)
    act = _set_queue(doc, "")
    ident = act["Identifier"]
    assert difference(doc, compiled, {(ident, "QueueId", "")}) is None
    # an empty ARN against a literal value still differs
    literal = copy.deepcopy(compiled)
    action(literal, "UpdateContactTargetQueue")["Parameters"]["QueueId"] = "BasicQueue"
    assert "parameter QueueId differs" in difference(doc, literal, {(ident, "QueueId", "")})
    # a record for another action, another key or another value does not apply
    assert difference(doc, compiled, {("elsewhere", "QueueId", "")}) is not None
    assert difference(doc, compiled, {(ident, "AgentId", "")}) is not None
    assert difference(doc, compiled, {(ident, "QueueId", "ENTER QUEUE")}) is not None
    # the compiled side must hold a reference (the export's empty value is not itself one)
    assert difference(compiled, doc, {(ident, "QueueId", "")}) is not None


def test_blocks_without_any_name_get_names_of_their_own_and_shared_designer_names_one() -> None:
    doc = lowered('loop prompts play chime, play chime2\n')
    act = action(doc, "MessageParticipantIteratively")
    for message in act["Parameters"]["Messages"]:
        message["PromptId"] = ""
    designer(doc, act, {})  # no designer name, no label: each block gets a name of its own
    result = decompile(doc, "f", cat.CUSTOMER_QUEUE, NameBook())
    assert result.body == "loop prompts play prompt_target, play prompt_target\n"  # one name per block
    other = lowered('loop prompts play chime\n')
    designer(other, action(other, "MessageParticipantIteratively"), {})
    other_act = action(other, "MessageParticipantIteratively")
    other_act["Identifier"] = "another"
    other["StartAction"] = "another"
    other_act["Parameters"]["Messages"][0]["PromptId"] = ""
    book = NameBook()
    decompile(doc, "f", cat.CUSTOMER_QUEUE, book)
    assert decompile(other, "f", cat.CUSTOMER_QUEUE, book).body == "loop prompts play prompt_target_2\n"
    book = NameBook()
    names = []
    for flow in ("one", "two"):
        doc = lowered("queue Sales\n  error -> oops\nhangup\n" + OOPS)
        _set_queue(doc, "")
        names.append(decompile(doc, flow, cat.CONTACT_FLOW, book).body.split("\n")[0])
    assert names == ["queue Basic_Queue"] * 2  # the designer's name for the same queue in two flows
    assert book.declared() == [("queue", "Basic_Queue", "", "one")]
    assert book.unset == {("queue", "Basic_Queue"): ""}


def test_a_stand_in_name_never_takes_the_name_of_a_real_reference() -> None:
    book = NameBook()
    arn = "arn:aws:connect:r:1:instance/i/queue/q-1"
    assert book.name("queue", arn, "Basic Queue") == "Basic_Queue"
    doc = lowered("queue Sales\n  error -> oops\nhangup\n" + OOPS)
    _set_queue(doc, "")
    assert decompile(doc, "f", cat.CONTACT_FLOW, book).body.startswith("queue Basic_Queue_2\n")
    assert book.name("queue", arn) == "Basic_Queue"


def test_a_template_keeps_the_export_and_gives_no_names() -> None:
    doc = lowered("queue Sales\n  error -> oops\nhangup\n" + OOPS)
    _set_queue(doc, "")
    action(doc, "MessageParticipant")["Parameters"]["Text"] = "two\r\nlines"  # something no statement says yet
    book = NameBook()
    result = decompile(doc, "f", cat.CONTACT_FLOW, book)
    assert result.body is None and result.stand_ins == []
    assert book.declared() == [] and book.unset == {}


def _document(doc: dict, name: str) -> FlowDocument:
    return FlowDocument(f"{name}.json", name, doc, None, json.dumps(doc, indent=2))


def test_the_import_warns_at_the_action_and_lists_the_name_as_having_none() -> None:
    empty = lowered("queue Sales\n  error -> oops\nhangup\n" + OOPS)
    queue = _set_queue(empty, "")
    placeholder = lowered("invoke lookup\n  error -> oops\nhangup\n" + OOPS)
    invoke = action(placeholder, "InvokeLambdaFunction")
    invoke["Parameters"]["LambdaFunctionARN"] = "ENTER LAMBDA HERE"
    run = import_documents([_document(empty, "empty"), _document(placeholder, "sample")])
    assert run.bodies == 2
    by_code = {d.code: d for d in run.diagnostics if d.code in ("W511", "W512")}
    w511, w512 = by_code["W511"], by_code["W512"]
    assert w511.message == (f"flow 'empty': UpdateContactTargetQueue '{queue['Identifier']}': the export names no "
                            "queue here (QueueId is empty); imported as queue 'Basic_Queue' (the designer's name for "
                            "it): declare it in queues: or change the statement")
    assert (w511.span.file, w511.span.line) == ("empty.json", _document(empty, "empty").span_of(
        queue["Identifier"]).line)
    assert "(LambdaFunctionARN holds only the text 'ENTER LAMBDA HERE'); imported as function 'ENTER_LAMBDA_HERE' " \
           "(the placeholder's words)" in w512.message
    assert "# queues: Basic_Queue  <- the export has none\n" in run.text
    assert "# functions: ENTER_LAMBDA_HERE  <- the export has none, only the text 'ENTER LAMBDA HERE'\n" in run.text
    declares = [d.message for d in run.diagnostics if d.code == "W503"]
    assert "declare queue 'Basic_Queue' in queues: (the export has none)" in declares


def test_without_naming_unset_targets_the_flow_stays_a_template_with_the_reason() -> None:
    # the instance import: every name must be one the instance has
    doc = lowered("queue Sales\n  error -> oops\nhangup\n" + OOPS)
    _set_queue(doc, "")
    book = NameBook()
    result = decompile(doc, "f", cat.CONTACT_FLOW, book, name_unset=False)
    assert result.body is None and book.declared() == []
    assert [r.text for r in result.reasons] == ["an empty QueueId (the export has no ARN or id for it)"]
    doc = lowered("invoke lookup\n  error -> oops\nhangup\n" + OOPS)
    action(doc, "InvokeLambdaFunction")["Parameters"]["LambdaFunctionARN"] = "ENTER LAMBDA HERE"
    result = decompile(doc, "f", cat.CONTACT_FLOW, book, name_unset=False)
    assert [r.text for r in result.reasons] == [
        "LambdaFunctionARN 'ENTER LAMBDA HERE' (not an ARN, id or token: a placeholder the export left)"]

"""Definition, references, highlights and rename over stdio on acme-bank."""
import pytest
from lsp_session import ACME, apply, at
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException

from ccdsl.dsl.validate import validate_text


def doc(uri):
    return lsp.TextDocumentIdentifier(uri=uri)


def definition(session, uri, position):
    return session.run(session.client.text_document_definition_async(
        lsp.DefinitionParams(text_document=doc(uri), position=position)))


def test_definition_of_a_queue_in_a_flow_body_jumps_to_the_queue(session, acme):
    uri, lines = acme
    found = definition(session, uri, at(lines, "queue AccountQueue", offset=8))
    assert found.uri == uri and found.range.start == at(lines, "AccountQueue:")


@pytest.mark.parametrize("needle,offset,target", [
    ("hours: always", 8, "always: 24/7"),  # a reference between sections
    ("ask banking", 5, ("  banking:", 2, 2)),  # a bot in a do: body
    ("CheckBalance, TransferMoney", 0, "CheckBalance:"),  # an intent of that bot
    ("-> adviser", 3, "adviser:"),  # a label
    ("${table.callback.name}", 8, "callback: {key"),  # an interpolation
    ("table conversation_history rw", 6, "conversation_history: {key"),  # an access rule
    ("logs bedrock_mcp, lex", 5, "bedrock_mcp: {retention"),  # a pipeline source
    ("queue(AccountQueue)", 6, "AccountQueue:"),  # a dashboard metric
    ("{account:AccountType}", 9, "AccountType: ["),  # a slot type in an utterance
    ("${stream.ai_reporting.name}", 9, ("stream ai_reporting(shards", 1, 7)),  # a stream declared by a pipeline
    ("lifecycle_events: {columns", 0, "lifecycle_events: {columns"),  # a lake table's own declaration
])
def test_definition_everywhere_a_name_is_used(session, acme, needle, offset, target):
    uri, lines = acme
    found = definition(session, uri, at(lines, needle, offset=offset))
    want = at(lines, *target) if isinstance(target, tuple) else at(lines, target)
    assert found is not None and found.range.start == want


def test_intents_resolve_within_their_bot(session, acme):
    uri, lines = acme
    first = definition(session, uri, at(lines, "TransferToAgent -> adviser", 1))  # under `ask gateway`
    second = definition(session, uri, at(lines, "TransferToAgent -> adviser", 4))  # under `ask banking`
    assert first.range.start.line < second.range.start.line
    assert "TransferToAgent: [I want" in lines[first.range.start.line]
    assert "TransferToAgent: [agent please, speak to someone" in lines[second.range.start.line]


def test_references_and_highlights_of_a_queue(session, acme):
    uri, lines = acme
    position = at(lines, "GeneralAgentQueue:")
    refs = session.run(session.client.text_document_references_async(lsp.ReferenceParams(
        text_document=doc(uri), position=position, context=lsp.ReferenceContext(include_declaration=True))))
    texts = {lines[r.range.start.line][r.range.start.character:r.range.end.character] for r in refs}
    assert texts == {"GeneralAgentQueue"}
    assert len(refs) == sum(line.count("GeneralAgentQueue") for line in lines)
    marks = session.run(session.client.text_document_document_highlight_async(
        lsp.DocumentHighlightParams(text_document=doc(uri), position=position)))
    assert len(marks) == len(refs)
    assert [m.kind for m in marks].count(lsp.DocumentHighlightKind.Write) == 1


def rename(session, uri, position, new_name):
    return session.run(session.client.text_document_rename_async(
        lsp.RenameParams(text_document=doc(uri), position=position, new_name=new_name)))


@pytest.mark.parametrize("needle,offset,old,new", [
    ("queue AccountQueue", 6, "AccountQueue", "CurrentAccounts"),
    ("function(bedrock_mcp)", 9, "bedrock_mcp", "assistant"),
    ("  conversation_history: {", 2, "conversation_history", "history"),
    ("-> adviser", 3, "adviser", "human"),
    ("stream ai_reporting write", 7, "ai_reporting", "insights"),
    ("always: 24/7", 0, "always", "round_the_clock"),
    ("ask sales", 4, "sales", "shop"),
])
def test_rename_updates_every_use_and_the_file_still_validates(session, acme, needle, offset, old, new):
    uri, lines = acme
    text = "\n".join(lines)
    edit = rename(session, uri, at(lines, needle, offset=offset), new)
    edits = edit.changes[uri]
    assert all(e.new_text == new for e in edits)
    renamed = apply(text, edits)
    _, diags = validate_text(renamed, str(ACME), path=str(ACME))
    assert not diags.has_errors, [str(d) for d in diags]
    assert len(edits) >= 2


def test_rename_of_a_label_stays_in_its_flow(session, acme):
    uri, lines = acme
    edits = rename(session, uri, at(lines, "-> adviser", 1, offset=3), "human").changes[uri]  # voice_entry
    flow_lines = {e.range.start.line for e in edits}
    start = next(i for i, line in enumerate(lines) if line.startswith("  voice_entry:"))
    end = next(i for i, line in enumerate(lines) if line.startswith("  chat_entry:"))
    assert flow_lines and all(start < line < end for line in flow_lines)


@pytest.mark.parametrize("new_name,why", [("LendingQueue", "already exists"), ("Account Queue", "not a valid")])
def test_rename_is_refused_when_the_name_is_taken_or_invalid(session, acme, new_name, why):
    uri, lines = acme
    with pytest.raises(JsonRpcException) as refused:
        rename(session, uri, at(lines, "queue AccountQueue", offset=6), new_name)
    assert why in str(refused.value)


def test_prepare_rename_only_on_names(session, acme):
    uri, lines = acme
    assert session.capabilities.rename_provider.prepare_provider
    ok = session.run(session.client.text_document_prepare_rename_async(lsp.PrepareRenameParams(
        text_document=doc(uri), position=at(lines, "queue AccountQueue", offset=7))))
    assert ok.placeholder == "AccountQueue"
    none = session.run(session.client.text_document_prepare_rename_async(lsp.PrepareRenameParams(
        text_document=doc(uri), position=at(lines, "logging on"))))
    assert none is None


def test_rename_of_a_quoted_name_keeps_the_quotes(session, tmp_path):
    text = ACME.read_text(encoding="utf-8").replace("  LendingQueue: {", "  \"LendingQueue\": {")
    uri = session.open(tmp_path / "site.ccd", text)
    lines = text.split("\n")
    edits = rename(session, uri, at(lines, "queue LendingQueue", offset=6), "Loans").changes[uri]
    renamed = apply(text, edits)
    assert "  \"Loans\": {" in renamed and "queue Loans" in renamed and "LendingQueue" not in renamed
    _, diags = validate_text(renamed, str(ACME), path=str(ACME))
    assert not diags.has_errors

"""Completion, hover, code actions, outline, semantic tokens and formatting over stdio."""
from lsp_session import ACME, apply, at
from lsprotocol import types as lsp

from ccdsl.dsl.validate import validate_text


def doc(uri):
    return lsp.TextDocumentIdentifier(uri=uri)


def complete(session, uri, position):
    result = session.run(session.client.text_document_completion_async(
        lsp.CompletionParams(text_document=doc(uri), position=position)))
    return [item.label for item in (result.items if isinstance(result, lsp.CompletionList) else result)]


def test_completion_after_queue_offers_the_queues(session, acme):
    uri, lines = acme
    labels = complete(session, uri, at(lines, "queue AccountQueue", offset=6))
    assert labels == ["GeneralAgentQueue", "AccountQueue", "LendingQueue", "OnboardingQueue"]


def test_completion_of_names_labels_intents_voices_and_keywords(session, acme):
    uri, lines = acme
    assert complete(session, uri, at(lines, "-> done", offset=3)) == [
        "welcome", "assistant", "banking", "sales", "urgent", "account_retry", "urgent_queue", "lending", "adviser", "menu",
        "busy", "busy_goodbye", "done"]
    intents = complete(session, uri, at(lines, "ReportLostCard, ChangePIN"))
    assert intents[:7] == ["CheckBalance", "TransferMoney", "GetStatement", "SetupDirectDebit", "ReportLostCard",
                           "ChangePIN", "TransferToAgent"]
    assert "Amy" in complete(session, uri, at(lines, "voice Amy", offset=6))
    british = complete(session, uri, at(lines, "{en_GB: Ruth, en_US", offset=8))
    assert "Amy" in british and "Joanna" not in british
    keywords = complete(session, uri, at(lines, "say \"Thank you"))
    assert {"say", "queue", "transfer to flow", "ask", "hangup"} <= set(keywords)
    assert complete(session, uri, at(lines, "ask sales", offset=4)) == ["gateway", "banking", "sales"]


def test_completion_of_schema_keys_and_values(session, acme):
    uri, lines = acme
    keys = set(complete(session, uri, at(lines, "  alias: acme-bank", offset=2)))
    assert keys >= {"alias", "identity", "features", "storage"}
    assert complete(session, uri, at(lines, "identity: CONNECT_MANAGED", offset=10)) == [
        "CONNECT_MANAGED", "SAML", "EXISTING_DIRECTORY"]
    assert complete(session, uri, at(lines, "{hours: always", offset=8)) == ["always", "office"]


def hover(session, uri, position):
    result = session.run(session.client.text_document_hover_async(
        lsp.HoverParams(text_document=doc(uri), position=position)))
    return result.contents.value if result else None


def test_hover_shows_settings_and_deploy_facts(session, acme):
    uri, lines = acme
    queue = hover(session, uri, at(lines, "queue AccountQueue", offset=8))
    assert "**queue** `AccountQueue`" in queue and "hours: `always` (24/7)" in queue and "capacity: 50" in queue
    assert "deploys as" in queue and "critical path" in queue
    flow = hover(session, uri, at(lines, "transfer to flow voice_entry", offset=18))
    assert "type: `contact_flow`" in flow and "GetParticipantInput" in flow
    bot = hover(session, uri, at(lines, "ask gateway", offset=5))
    assert "en_GB (Ruth), en_US (Joanna)" in bot and "`ChatIntent`, `TransferToAgent`" in bot
    assert "not on the critical path" in bot
    assert "**on the critical path**" in hover(session, uri, at(lines, "ask banking", offset=5))
    assert "ConnectParticipantWithLexBot" in hover(session, uri, at(lines, "ask gateway", offset=1))
    assert hover(session, uri, lsp.Position(line=0, character=0)) is None


def test_code_actions_fix_typos_and_create_stubs(session, tmp_path):
    text = ACME.read_text(encoding="utf-8")
    broken = (text.replace("queue AccountQueue", "queue AccuontQueue")
                  .replace("queue LendingQueue", "queue MortgageQueue")
                  .replace("otherwise -> done\n      sales:", "otherwise -> finished\n      sales:"))
    uri = session.open(tmp_path / "site.ccd", broken)
    diagnostics = session.diagnostics[uri][1]
    assert [d.code for d in diagnostics] == ["E301", "E201", "E201"]
    actions = session.run(session.client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=doc(uri), range=diagnostics[0].range, context=lsp.CodeActionContext(diagnostics=diagnostics))))
    titles = [a.title for a in actions]
    assert {"Change to 'AccountQueue'", "Create queue 'MortgageQueue'", "Create label 'finished'"} <= set(titles)
    fixed = broken
    for title in ("Create label 'finished'", "Change to 'AccountQueue'", "Create queue 'MortgageQueue'"):
        action = next(a for a in actions if a.title == title)
        fixed = apply(fixed, action.edit.changes[uri])
        uri = session.open(tmp_path / "site.ccd", fixed)
        diagnostics = session.diagnostics[uri][1]
        actions = session.run(session.client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=doc(uri), range=lsp.Range(start=lsp.Position(line=0, character=0),
                                                    end=lsp.Position(line=0, character=0)),
            context=lsp.CodeActionContext(diagnostics=diagnostics)))) or []
    _, diags = validate_text(fixed, "site.ccd")
    assert not diags.has_errors, [str(d) for d in diags]


def test_create_flow_stub(session, tmp_path):
    text = ACME.read_text(encoding="utf-8").replace("transfer to flow voice_entry", "transfer to flow overflow")
    uri = session.open(tmp_path / "site.ccd", text)
    diagnostics = session.diagnostics[uri][1]
    actions = session.run(session.client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=doc(uri), range=diagnostics[0].range, context=lsp.CodeActionContext(diagnostics=diagnostics))))
    create = next(a for a in actions if a.title == "Create flow 'overflow'")
    _, diags = validate_text(apply(text, create.edit.changes[uri]), "site.ccd")
    assert not [d for d in diags if d.is_error]


def test_document_symbols_outline_sections_entries_and_labels(session, acme):
    uri, _ = acme
    symbols = session.run(session.client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=doc(uri))))
    by_name = {s.name: s for s in symbols}
    assert list(by_name)[:5] == ["ccdsl", "site", "region", "tags", "instance"]
    assert [c.name for c in by_name["queues"].children] == [
        "GeneralAgentQueue", "AccountQueue", "LendingQueue", "OnboardingQueue"]
    flow = next(c for c in by_name["flows"].children if c.name == "voice_entry")
    assert [c.name for c in flow.children] == ["assistant", "adviser", "busy", "closed", "on error"]
    bot = next(c for c in by_name["bots"].children if c.name == "sales")
    assert [c.name for c in bot.children] == ["ProductInfo", "Pricing", "TransferToAgent"]


def test_semantic_tokens_cover_flow_bodies_and_compact_strings(session, acme):
    uri, lines = acme
    legend = session.capabilities.semantic_tokens_provider.legend.token_types
    data = session.run(session.client.text_document_semantic_tokens_full_async(
        lsp.SemanticTokensParams(text_document=doc(uri)))).data
    tokens, line, col = {}, 0, 0
    for i in range(0, len(data), 5):
        line += data[i]
        col = col + data[i + 1] if data[i] == 0 else data[i + 1]
        tokens[(line, col)] = (lines[line][col:col + data[i + 2]], legend[data[i + 3]])
    ask = at(lines, "ask gateway \"How")
    assert tokens[(ask.line, ask.character)] == ("ask", "keyword")
    assert tokens[(ask.line, ask.character + 4)] == ("gateway", "class")
    metric = at(lines, "function(bedrock_mcp).errors", offset=9)
    assert tokens[(metric.line, metric.character)] == ("bedrock_mcp", "function")
    arrow = at(lines, "-> adviser")
    assert tokens[(arrow.line, arrow.character)] == ("->", "operator")


def test_formatting_goes_through_fmt(session, tmp_path):
    text = "region: eu-west-2\nccdsl: 1\nsite: t\ninstance: {alias: t, identity: CONNECT_MANAGED}\n"
    uri = session.open(tmp_path / "fmt.ccd", text)
    edits = session.run(session.client.text_document_formatting_async(lsp.DocumentFormattingParams(
        text_document=doc(uri), options=lsp.FormattingOptions(tab_size=2, insert_spaces=True))))
    assert len(edits) == 1
    assert edits[0].new_text == ("ccdsl: 1\nsite: t\nregion: eu-west-2\n"
                                 "instance: {alias: t, identity: CONNECT_MANAGED}\n")
    uri = session.open(ACME)
    assert not session.run(session.client.text_document_formatting_async(lsp.DocumentFormattingParams(
        text_document=doc(uri), options=lsp.FormattingOptions(tab_size=2, insert_spaces=True))))


def test_completion_inside_access_rules_and_metrics(session, acme):
    uri, lines = acme
    tables = ["conversation_history", "hallucination_logs", "callback", "auth_state"]
    assert complete(session, uri, at(lines, "[table callback rw, connect", offset=7)) == tables
    assert complete(session, uri, at(lines, "table conversation_history rw", offset=27)) == ["read", "write", "rw"]
    assert complete(session, uri, at(lines, "queue(AccountQueue)", offset=6)) == [
        "GeneralAgentQueue", "AccountQueue", "LendingQueue", "OnboardingQueue"]
    metrics = complete(session, uri, at(lines, "function(bedrock_mcp).errors", offset=22))
    assert {"errors", "duration", "error_rate"} <= set(metrics) and "longest_wait" not in metrics

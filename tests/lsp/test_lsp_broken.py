"""Every feature answers on half-typed and broken files, over stdio and at every position of them."""
import pytest
from lsp_session import ACME
from lsprotocol import types as lsp

from ccdsl.lsp import actions, completion, formatting, hover, navigation, tokens
from ccdsl.lsp.analysis import analyse, to_lsp

ACME_TEXT = ACME.read_text(encoding="utf-8")
BROKEN = {
    "yaml": "ccdsl: 1\nsite: t\nqueues: [\n  Main: {hours: x\n",
    "half_typed_statement": ACME_TEXT.replace("queue LendingQueue", "queue "),
    "half_typed_key": ACME_TEXT.replace("  OnboardingQueue: {hours: always", "  OnboardingQueue: {hou"),
    "bad_section": ACME_TEXT.replace("queues:", "queuez:"),
    "not_a_mapping": "- just\n- a list\n",
    "empty": "",
    "broken_body": ACME_TEXT.replace("      busy:\n", "      busy\n", 1),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_every_feature_answers_at_every_position(name):
    text = BROKEN[name]
    analysis = analyse("file:///broken.ccd", "/nonexistent/broken.ccd", text)
    diagnostics = to_lsp(analysis)
    assert diagnostics or name == "half_typed_key"
    tokens.semantic_tokens(analysis)
    navigation.document_symbols(analysis)
    formatting.format_edits(analysis)
    for line0, line in enumerate(text.split("\n")):
        for col in sorted({0, len(line) // 2, len(line)}):
            position = lsp.Position(line=line0, character=col)
            completion.complete(analysis, position)
            hover.hover(analysis, position)
            navigation.definition(analysis, position)
            navigation.references(analysis, position)
            navigation.highlights(analysis, position)
            navigation.prepare_rename(analysis, position)
    actions.code_actions(analysis, diagnostics[0].range if diagnostics else lsp.Range(
        start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0)), diagnostics)


def test_a_half_typed_statement_still_completes_over_stdio(session, tmp_path):
    text = BROKEN["half_typed_statement"]
    uri = session.open(tmp_path / "site.ccd", text)
    line = next(i for i, line in enumerate(text.split("\n")) if line.rstrip() == "        queue")
    result = session.run(session.client.text_document_completion_async(lsp.CompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=line, character=14))))
    assert [i.label for i in result.items] == ["GeneralAgentQueue", "AccountQueue", "LendingQueue", "OnboardingQueue"]
    assert session.diagnostics[uri][1]  # the statement does not parse yet: said so


def test_interpolation_completion(session, tmp_path):
    text = ACME_TEXT.replace("${table.callback.name}", "${table.", 1)
    uri = session.open(tmp_path / "site.ccd", text)
    line = next(i for i, line in enumerate(text.split("\n")) if "${table.\"" in line or line.endswith("${table."))
    col = text.split("\n")[line].index("${table.") + len("${table.")
    result = session.run(session.client.text_document_completion_async(lsp.CompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=line, character=col))))
    assert [i.label for i in result.items] == ["conversation_history", "hallucination_logs", "callback", "auth_state"]


def test_other_yaml_files_are_left_alone(session, tmp_path):
    uri = session.open(tmp_path / "compose.yaml", "services: [\n")
    assert session.diagnostics[uri][1] == []
    result = session.run(session.client.text_document_completion_async(lsp.CompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=1, character=0))))
    assert result is None


def test_the_lines_of_a_multi_line_string_are_string_tokens():
    text = ("ccdsl: 1\nsite: t\nregion: eu-west-2\ninstance: {alias: t1}\nflows:\n  f:\n    do: |\n"
            '      say ssml """\n        <speak>\n          say goto hangup -> x\n\n        </speak>\n'
            '        """ no error\n      hangup\n')
    analysis = analyse("file:///s.ccd", "/nonexistent/s.ccd", text)
    assert not analysis.diagnostics.has_errors, [d.message for d in analysis.diagnostics]
    data = tokens.semantic_tokens(analysis).data
    found, line, col = {}, 0, 0
    for i in range(0, len(data), 5):
        line += data[i]
        col = col + data[i + 1] if data[i] == 0 else data[i + 1]
        found[(line, col)] = (text.split("\n")[line][col:col + data[i + 2]], tokens.TOKEN_TYPES[data[i + 3]])
    assert [v for k, v in sorted(found.items()) if k[0] >= 7] == [
        ("say", "keyword"), ("ssml", "keyword"), ('"""', "string"), ("<speak>", "string"),
        ("say goto hangup -> x", "string"), ("</speak>", "string"), ('"""', "string"), ("error", "keyword"),
        ("hangup", "keyword")]


def test_no_completion_inside_a_multi_line_string():
    text = ("ccdsl: 1\nsite: t\nregion: eu-west-2\ninstance: {alias: t1}\nflows:\n  f:\n    do: |\n"
            '      say """\n        Hello,\n        wor\n        """\n      hang\n')
    analysis = analyse("file:///s.ccd", "/nonexistent/s.ccd", text)
    assert completion.complete(analysis, lsp.Position(line=9, character=11)).items == []
    after = completion.complete(analysis, lsp.Position(line=11, character=10)).items
    assert "hangup" in [i.label for i in after]

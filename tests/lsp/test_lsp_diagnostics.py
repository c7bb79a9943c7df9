"""Diagnostics over stdio: the validator's codes, positions and hints, published on open and change."""
from lsp_session import ACME, at
from lsprotocol import types as lsp


def test_acme_bank_opens_clean(session, acme):
    uri, _ = acme
    assert session.diagnostics[uri][1] == []


def test_typo_in_flow_body_is_underlined_at_the_name(session, tmp_path):
    text = ACME.read_text(encoding="utf-8")
    path = tmp_path / "site.ccd"
    uri = session.open(path, text)
    lines = text.split("\n")
    broken = text.replace("queue AccountQueue", "queue AccuontQueue")
    diagnostics = session.change(uri, broken)
    assert [d.code for d in diagnostics] == ["E201"]
    d = diagnostics[0]
    start = at(lines, "queue AccountQueue", offset=6)
    assert d.range.start == start
    assert d.range.end == lsp.Position(line=start.line, character=start.character + len("AccuontQueue"))
    assert d.severity == lsp.DiagnosticSeverity.Error
    assert "did you mean 'AccountQueue'?" in d.message
    related = d.related_information[0].location.range.start
    assert related == at(lines, "AccountQueue:")
    assert session.change(uri, text) == []


def test_warnings_are_warnings_and_broken_yaml_is_a_diagnostic(session, tmp_path):
    path = tmp_path / "broken.ccd"
    text = ("ccdsl: 1\nsite: t\nregion: eu-west-2\ninstance: {alias: t, identity: CONNECT_MANAGED}\n"
            "flows:\n  main:\n    do: |\n      hangup\n      say \"never\"\n")
    uri = session.open(path, text)
    diagnostics = session.diagnostics[uri][1]
    assert [(d.code, d.severity) for d in diagnostics] == [("W301", lsp.DiagnosticSeverity.Warning)]
    diagnostics = session.change(uri, text + "queues: [\n")
    assert diagnostics and diagnostics[0].code.startswith("E0")
    assert diagnostics[0].severity == lsp.DiagnosticSeverity.Error


def test_a_second_label_points_at_the_first(session, tmp_path):
    text = ("ccdsl: 1\nsite: t\nregion: eu-west-2\ninstance: {alias: t, identity: CONNECT_MANAGED}\n"
            "flows:\n  main:\n    do: |\n      goto done\n      done:\n        hangup\n      done:\n        hangup\n")
    uri = session.open(tmp_path / "twice.ccd", text)
    diagnostics = [d for d in session.diagnostics[uri][1] if d.code == "E302"]
    assert len(diagnostics) == 1 and diagnostics[0].range.start.line == 10
    related = diagnostics[0].related_information[0].location.range
    assert (related.start.line, related.start.character) == (8, 6)

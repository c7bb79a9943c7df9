"""YAML syntax errors are reported at their cause, in words, with a one-line hint — the same for a small file
(worded from ruamel.yaml) and a large one (libyaml); e-mail addresses are checked in words."""
import pytest

from ccdsl.dsl.checks.contacts import problem
from ccdsl.dsl.validate import validate_text

HEAD = "ccdsl: 1\nsite: t\nregion: us-east-1\n"
CASES = [
    ("unclosed quote", 'ccdsl: 1\nsite: t\nregion: "us-east-1\ninstance: {alias: t1}\n', "E025", 3, 9, 'closing "'),
    ("no space after colon", "ccdsl: 1\nsite: t\nregion:us-east-1\ninstance: {alias: t1}\n", "E026", 3, 7,
     "'region: us-east-1'"),
    ("list item among keys", HEAD + "instance: {alias: t1}\nqueues:\n  Sales: {hours: h}\n  - Support\n", "E027", 7, 3,
     "every entry"),
    ("key among list items", HEAD + "instance: {alias: t1}\nqueues:\n  - Sales\n  Support: {hours: h}\n", "E027", 7,
     3, "every entry"),
    ("key indented too deep", HEAD + "instance:\n  alias: t1\n   features: [inbound]\n", "E028", 6, 4,
     "by 2 spaces"),
    ("colon in a value", HEAD + "instance:\n  alias: t1\n  description: Note: call back\n", "E001", 6, 20,
     'quote the value: description: "Note: call back"'),
    ("unclosed brace", HEAD + "instance: {alias: t1\n", "E001", 4, 11, "add the '}'"),
]


@pytest.mark.parametrize("text,code,line,col,hint", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_yaml_mistakes_are_reported_at_their_cause_with_a_hint(text, code, line, col, hint):
    _, diags = validate_text(text, "s.ccd")
    found = [d for d in diags if d.code == code]
    assert found, [str(d) for d in diags]
    assert (found[0].span.line, found[0].span.col) == (line, col), [str(d) for d in diags]
    assert hint in (found[0].hint or ""), found[0].hint
    assert "YAML syntax error: while" not in found[0].message or code == "E001"


@pytest.mark.parametrize("text,code,line,col,hint", [c[1:] for c in CASES[:5]], ids=[c[0] for c in CASES[:5]])
def test_large_files_parsed_by_libyaml_get_the_same_words(text, code, line, col, hint):
    padding = "# " + "x" * 98 + "\n"
    big = text.replace("site: t\n", "site: t\n" + padding * 3000, 1)  # > 256 KB: libyaml's error, not ruamel's
    _, diags = validate_text(big, "s.ccd")
    found = [d for d in diags if d.code == code]
    assert found and found[0].span.line == line + 3000 and found[0].span.col == col, [str(d) for d in diags]


def test_a_glued_key_under_a_section_is_named_with_its_fix():
    _, diags = validate_text(HEAD + "instance:\n  alias:t1\n", "s.ccd")
    assert [(d.code, d.span.line, d.span.col) for d in diags] == [("E026", 5, 3)]
    assert "write 'alias: t1'" in diags.items[0].message


@pytest.mark.parametrize("address,words", [
    ("ann.acme.example", "has no @"), ("ann@acme", "no dot in the domain"), ("a@b@c.com", "2 @ signs"),
    ("ann smith@acme.example", "contains a space"), ("@acme.example", "nothing before the @"),
    ("ann@acme..example", "two dots"),
])
def test_email_problems_are_said_in_words(address, words):
    assert words in (problem(address) or "")


def test_good_addresses_and_references_pass():
    assert problem("ops+alerts@acme.example") is None
    _, diags = validate_text(HEAD + "instance: {alias: t1}\ntopics: {ops: {notify: ['${env:OPS_EMAIL}', "
                             "'+447700900123', 'https://hooks.acme.example/x']}}\n", "s.ccd")
    assert not [d for d in diags if d.code == "E119"], [str(d) for d in diags]

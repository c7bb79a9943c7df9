"""validate_file / validate_text: examples are clean, every problem of a file is collected."""
from pathlib import Path

import pytest

from ccdsl.dsl.validate import validate_file, validate_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(ROOT.glob("examples/*/site.ccd"))
HEAD = "ccdsl: 1\nsite: t\nregion: us-east-1\ninstance: {alias: t1}\nhours: {h: 24/7}\n"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_examples_validate_clean(path):
    site, diags = validate_file(path)
    assert site is not None
    assert not list(diags), "\n".join(f"{d.span}: {d.code} {d.message}" for d in diags)


def test_there_are_three_examples():
    assert {p.parent.name for p in EXAMPLES} >= {"acme-bank", "minimal", "retail-chat"}


def test_all_problems_of_a_file_in_one_run():
    text = HEAD + (
        "queues:\n"
        "  A: {hours: hh}\n"              # E202
        "  B: {hours: h, max_contacts: -3}\n"  # E105
        "routing:\n"
        "  r: {queues: [A, C], outbound: A}\n"  # E201
        "numbers:\n"
        "  n: {country: UK, flow: f}\n"  # E104 (UK is not ISO), E207
    )
    _, diags = validate_text(text, "t.ccd")
    found = {(d.code, d.span.line) for d in diags}
    assert {("E202", 7), ("E105", 8), ("E201", 10), ("E104", 12), ("E207", 12)} <= found


def test_a_bad_entry_does_not_hide_others_nor_cascade():
    text = HEAD + "queues:\n  A: {hours: h, bogus: 1}\nrouting:\n  r: {queues: [A], outbound: A}\n"
    _, diags = validate_text(text, "t.ccd")
    assert [d.code for d in diags] == ["E101"]  # routing's reference to the broken queue A is not reported


def test_typo_in_flow_queue_points_at_the_name():
    text = HEAD + "queues:\n  Billing: {hours: h}\nflows:\n  f:\n    do: |\n      queue Biling\n      transfer\n"
    _, diags = validate_text(text, "t.ccd")
    [d] = [d for d in diags if d.code == "E201"]
    assert (d.span.line, d.span.col) == (11, 13)
    assert "Billing" in d.hint


def test_compact_syntax_error_points_inside_the_string():
    text = HEAD.replace("h: 24/7", "h: 'Mon-Fri 08:00-25:00'")
    _, diags = validate_text(text, "t.ccd")
    errors = [d for d in diags if d.is_error]
    assert errors and errors[0].span.line == 5
    assert errors[0].span.col > len("hours: {h: '")


def test_secrets_only_as_references():
    base = HEAD + "queues:\n  Q: {hours: h}\nrouting:\n  r: {queues: all, outbound: Q}\nagents:\n"
    ok = base + "  a: {routing: r, security: [Agent], password: '${ssm:/cc/pw}'}\n"
    bad = base + "  a: {routing: r, security: [Agent], password: 'Secret123!'}\n"
    assert not validate_text(ok, "t.ccd")[1].has_errors
    assert [d.code for d in validate_text(bad, "t.ccd")[1]] == ["E120"]


def test_unreadable_file_is_a_diagnostic(tmp_path):
    site, diags = validate_file(tmp_path / "missing.ccd")
    assert site is None and [d.code for d in diags] == ["E000"]


def test_relative_folders_are_checked_next_to_the_file(tmp_path):
    path = tmp_path / "site.ccd"
    path.write_text(HEAD + "functions:\n  f: {source: code/f}\n")
    assert [d.code for d in validate_file(path)[1]] == ["E223"]
    (tmp_path / "code" / "f").mkdir(parents=True)
    assert not list(validate_file(path)[1])


def test_flow_reference_to_a_broken_entry_is_not_reported_twice():
    text = HEAD + ("queues:\n  A: {hours: h, bogus: 1}\nflows:\n  f:\n    do: |\n      queue A\n      transfer\n"
            "      on error:\n        say \"Sorry.\"\n        hangup\n")
    _, diags = validate_text(text, "t.ccd")
    assert [d.code for d in diags] == ["E101"]

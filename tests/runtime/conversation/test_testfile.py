"""Test files: every problem is a diagnostic with its code, line and column; includes expand in place."""
from __future__ import annotations

from pathlib import Path

import pytest

from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.runtime.conversation.testfile import load_suite, parse_at


def load(site, tmp_path: Path, text: str):
    path = tmp_path / "t.yaml"
    path.write_text(text)
    diags = Diagnostics()
    return load_suite(site, [path], diags), [(d.code, d.span.line, d.span.col) for d in diags.sorted()]


@pytest.mark.parametrize("text, expected", [
    ("- test: a\n  call: {number: nope}\n  steps: []\n", ("T008", 2, 18)),
    ("- test: a\n  call: {number: main}\n  steps:\n    - heard: x\n", ("T006", 4, 7)),
    ("- test: a\n  call: {number: main}\n  step: []\n", ("T003", 3, 3)),
    ("- test: a\n  call: {number: main}\n  steps:\n    - include: missing\n", ("T007", 4, 7)),
    ("- test: a\n  call: {number: main}\n  steps:\n    - presses: one\n", ("T005", 4, 7)),
    ("- test: a\n  call: {number: main, at: tomorrow}\n  steps: []\n", ("T005", 2, 28)),
    ("- test: a\n  call: {number: main}\n  given: {queues: {Cards: {full: true}}}\n  steps: []\n", ("T003", 3, 28)),
    ("- hello\n", ("T002", 1, 3)),
    ("- test: a\n  call: {number: main}\n  steps: [\n", ("T001", 4, 1)),
    ("- test: a\n  call: {number: main}\n  steps: []\n- test: a\n  call: {number: main}\n  steps: []\n",
     ("T009", 4, 3)),
])
def test_problems_have_code_line_and_column(bank_site, tmp_path: Path, text: str, expected) -> None:
    _suite, problems = load(bank_site, tmp_path, text)
    assert expected in problems


def test_includes_expand_and_keep_their_own_lines(bank_site, tmp_path: Path) -> None:
    suite, problems = load(bank_site, tmp_path, (
        "- partial: greet\n  steps:\n    - hears: Hello\n"
        "- test: a\n  call: {chat: bot_entry}\n  steps:\n    - include: greet\n    - says: hi\n    - ends\n"))
    assert problems == []
    case = suite.cases[0]
    assert case.channel == "CHAT" and case.entry == "bot_entry"
    assert [(s.kind, s.span.line) for s in case.steps] == [("hears", 3), ("says", 8), ("ends", 9)]


def test_clock_forms() -> None:
    assert parse_at("2026-12-01T10:00 Europe/London").utcoffset().total_seconds() == 0
    assert parse_at("2026-07-01T10:00 Europe/London").utcoffset().total_seconds() == 3600
    assert parse_at("2026-07-01T10:00+02:00").hour == 10

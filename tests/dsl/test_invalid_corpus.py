"""The invalid-input corpus: each file in tests/dsl/invalid/ names the diagnostics it must produce.

A header line ``# expect: E201 12:9`` asks for a diagnostic with that code at that line and column;
a file may have several such lines.
"""
import re
from pathlib import Path

import pytest

from ccdsl.dsl.validate import validate_file

CORPUS = Path(__file__).parent / "invalid"
EXPECT = re.compile(rb"^# expect: ([EW]\d{3}) (\d+):(\d+)\s*$", re.M)
FILES = sorted(CORPUS.glob("*.ccd"))


def expectations(path: Path) -> list[tuple[str, int, int]]:
    return [(code.decode(), int(line), int(col)) for code, line, col in EXPECT.findall(path.read_bytes())]


def test_corpus_is_large_enough():
    assert len(FILES) >= 40
    assert all(expectations(path) for path in FILES), "every corpus file states what it expects"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_invalid_file_reports_expected_diagnostics(path):
    site, diags = validate_file(path)
    found = {(d.code, d.span.line, d.span.col) for d in diags}
    for expected in expectations(path):
        assert expected in found, f"{path.name}: expected {expected}, got {sorted(found)}"
    assert diags.has_errors or any(code.startswith("W") for code, _, _ in expectations(path))


def test_every_published_code_is_exercised():
    """Each language-core code (E0xx–E2xx, W0xx–W1xx) of the registry is produced by at least one
    corpus file. E000 (an unreadable file) is tested in test_dsl_validate.py, E022 (a file over the size
    limit) in test_dsl_limits.py; E109 is the fallback for a pydantic error type that has no code of its own.
    The Global Resiliency lint's codes come from `ccdsl lint`, not validate (tests/dsl/test_lint_resiliency.py)."""
    from ccdsl.dsl.checks.resiliency import CODES as LINT_CODES
    from ccdsl.dsl.codes import CODES

    core = {code for code in CODES if code[0] == "E" and code < "E300" or code[0] == "W" and code < "W200"}
    core -= set(LINT_CODES)
    exercised = {code for path in FILES for code, _, _ in expectations(path)} | {"E000", "E022", "E109"}
    assert sorted(core - exercised) == []

"""Every example's conversation suite passes (``ccdsl test`` on each); acme-bank's covers ≥ 90 % of transitions."""
from __future__ import annotations

from pathlib import Path

import pytest
from ccdsl.runtime.conversation.suite import find_test_files, run_suite

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted(p.parent.name for p in (ROOT / "examples").glob("*/site.ccd"))


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_conversations_pass(example: str) -> None:
    site = ROOT / "examples" / example / "site.ccd"
    assert find_test_files(site), f"examples/{example} ships no tests/*.yaml"
    report = run_suite(site)
    assert not report.diagnostics.has_errors, [str(d) for d in report.diagnostics]
    failed = [r.message for r in report.results if r.status != "passed"]
    assert failed == []
    assert report.coverage is not None and report.coverage.percent >= 90.0


def test_acme_bank_suite_size() -> None:
    report = run_suite(ROOT / "examples" / "acme-bank" / "site.ccd")
    assert len(report.results) >= 15
    channels = {r.case.channel for r in report.results if r.case}
    assert channels == {"VOICE", "CHAT", "TASK"}

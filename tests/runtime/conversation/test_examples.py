"""Every example's conversation suite passes (``ccdsl test`` on each); acme-bank's covers ≥ 90 % of transitions."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ccdsl.runtime.conversation.suite import find_test_files, run_suite

RECORDED = shutil.ignore_patterns(".ccdsl", "build")  # an example applied in place (quick start) keeps its state there

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


def _acme_copy(tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(ROOT / "examples" / "acme-bank", tmp_path / "acme-bank", ignore=RECORDED)
    return tmp_path / "acme-bank" / "site.ccd"


def test_acme_bank_branch_change_fails_a_test_at_both_lines(tmp_path: Path) -> None:
    site = _acme_copy(tmp_path)
    text = site.read_text()
    assert text.count("ReportLostCard, ChangePIN -> urgent") == 1
    site.write_text(text.replace("ReportLostCard, ChangePIN -> urgent", "ReportLostCard, ChangePIN -> lending"))
    report = run_suite(site)
    failed = {r.name: r.message for r in report.results if r.status == "failed"}
    message = failed["lost card goes to the account team"]
    assert "tests/voice.yaml:9: step 8 `hears: Please key in your eight-digit account number`" in message
    assert "queued in LendingQueue" in message
    line = text.splitlines().index(next(ln for ln in text.splitlines() if "ask banking \"Which banking" in ln)) + 1
    assert f"action 'banking-1 ask' ({site}:{line}) took ReportLostCard → lending-1 queue" in message


def test_acme_bank_prompt_change_fails_a_test_at_both_lines(tmp_path: Path) -> None:
    site = _acme_copy(tmp_path)
    text = site.read_text()
    site.write_text(text.replace('say "Welcome to Acme Bank."', 'say "Welcome to Acme."'))
    report = run_suite(site)
    failed = [r for r in report.results if r.status == "failed"]
    assert failed and all("expected: to hear \"Welcome to Acme Bank\"" in r.message for r in failed)
    message = next(r.message for r in failed if r.name == "lost card goes to the account team")
    assert "tests/shared.yaml:4: step 1 `hears: Welcome to Acme Bank`" in message
    assert 'heard "Welcome to Acme."' in message
    # the last branch taken before the prompt: the profile lookup finding no profile, on to the welcome
    line = text.splitlines().index(next(ln for ln in text.splitlines() if "get profile by" in ln)) + 1
    assert f"action 'start-6 get profile' ({site}:{line}) took NoneFoundError → welcome-1 say" in message

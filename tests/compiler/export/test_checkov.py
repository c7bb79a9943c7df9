"""checkov on the acme-bank export: every failed check is one docs/export.md lists with its reason.

checkov is not a test dependency (it pins libraries ccdsl uses); the test runs where ``checkov`` is on the
PATH (or ``CCDSL_CHECKOV`` names it)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ccdsl.compiler.export import cloudformation as cfn
from ccdsl.compiler.pipeline import compile_site

ROOT = Path(__file__).resolve().parents[3]
CHECKOV = os.environ.get("CCDSL_CHECKOV") or shutil.which("checkov")


def documented_checks() -> set[str]:
    text = (ROOT / "docs/export.md").read_text()
    return set(re.findall(r"^\| (CKV_[A-Z0-9_]+) ", text, flags=re.M))


def test_the_doc_lists_checks() -> None:
    assert {"CKV_AWS_116", "CKV_AWS_117"} <= documented_checks()


@pytest.mark.slow
@pytest.mark.skipif(CHECKOV is None, reason="checkov is not installed")
def test_every_failed_check_is_documented(tmp_path: Path) -> None:
    cs, _ = compile_site(ROOT / "examples/acme-bank/site.ccd")
    assert cs is not None
    template = cfn.write(cfn.build(cs), tmp_path)[0]
    run = subprocess.run([str(CHECKOV), "-f", str(template), "--framework", "cloudformation", "--quiet",
                          "--compact", "-o", "json", "--skip-download"],
                         capture_output=True, text=True, timeout=600)
    report = json.loads(run.stdout)
    report = report[0] if isinstance(report, list) else report
    failed = {c["check_id"] for c in report["results"]["failed_checks"]}
    assert failed - documented_checks() == set()

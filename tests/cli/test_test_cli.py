"""``ccdsl test``: formats, exit codes, coverage threshold, problems in test files."""
from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

from ccdsl.__main__ import main

SITE = Path(__file__).resolve().parents[1] / "runtime" / "conversation" / "sites" / "bank" / "site.ccd"


def test_json_report(capsys) -> None:
    assert main(["test", str(SITE), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"tests", "passed", "failed", "coverage", "results"}
    assert doc["tests"] == doc["passed"] >= 10 and doc["failed"] == 0
    transitions = doc["coverage"]["transitions"]
    assert 0 < transitions["covered"] < transitions["total"]
    assert transitions["percent"] == round(100 * transitions["covered"] / transitions["total"], 1)
    assert set(doc["coverage"]["flows"]) == {"main", "bot_entry", "node_entry"}
    assert set(doc["results"][0]) == {"name", "file", "line", "status", "message"}


def test_junit_report(tmp_path: Path, capsys) -> None:
    out = tmp_path / "junit.xml"
    assert main(["test", str(SITE), "--format", "junit", "-o", str(out)]) == 0
    root = ET.parse(out).getroot()
    suite = root.find("testsuite")
    assert suite is not None and int(suite.get("tests")) >= 10 and suite.get("failures") == "0"


def test_fail_under_and_uncovered_lines(capsys) -> None:
    assert main(["test", str(SITE), "--fail-under", "99"]) == 1
    captured = capsys.readouterr()
    assert "transition coverage" in captured.out and "uncovered: start-1 invoke" in captured.out
    assert "site.ccd:98)" in captured.out
    assert "under --fail-under 99%" in captured.err
    assert main(["test", str(SITE), "--fail-under", "10"]) == 0


def test_a_failing_test_exits_1(tmp_path: Path, capsys) -> None:
    tests = tmp_path / "t.yaml"
    tests.write_text("- test: wrong queue\n  call: {number: main}\n  steps:\n    - presses: \"1\"\n"
                     "    - queued: General\n")
    assert main(["test", str(SITE), str(tests)]) == 1
    out = capsys.readouterr().out
    assert f"{tests}:5: step 2 `queued: General`" in out and "queued in Cards" in out


def test_problems_in_a_test_file_print_as_diagnostics(tmp_path: Path, capsys) -> None:
    tests = tmp_path / "t.yaml"
    tests.write_text("- test: a\n  call: {number: main}\n  steps:\n    - heard: hello\n")
    assert main(["test", str(SITE), str(tests)]) == 1
    err = capsys.readouterr().err
    assert f"{tests}:4:7: error[T006]: unknown step 'heard'" in err and "did you mean 'hears'?" in err


def test_usage_errors_exit_2(capsys) -> None:
    assert main(["test", "no/such/site.ccd"]) == 2
    assert main(["test", str(SITE), "--export", "lex"]) == 2

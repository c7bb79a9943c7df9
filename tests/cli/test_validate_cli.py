"""The validate, fmt and schema commands: output formats and exit codes."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ccdsl.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
ACME = str(ROOT / "examples" / "acme-bank" / "site.ccd")
BAD = """ccdsl: 1
site: t
region: us-east-1
instance: {alias: t1}
hours: {office: 24/7}
queues:
  Sales: {hours: ofice}
routing:
  everyone: {queues: all, outbound: Sales}
"""


@pytest.fixture
def bad(tmp_path):
    path = tmp_path / "bad.ccd"
    path.write_text(BAD)
    return path


def test_clean_file_exits_0(capsys):
    assert main(["validate", ACME]) == 0
    assert "valid" in capsys.readouterr().out


def test_problem_text_format(bad, capsys):
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:7:18: error[E202]: unknown hours of operation 'ofice'" in out
    lines = out.splitlines()
    source = next(i for i, line in enumerate(lines) if line.startswith("7 | "))
    assert lines[source] == "7 |   Sales: {hours: ofice}"
    assert lines[source + 1] == "  |                  ^^^^^"
    assert "= help: did you mean 'office'?" in out
    assert "\x1b[" not in out  # no colour when not on a terminal


def test_json_format(bad, capsys):
    assert main(["validate", "--format", "json", str(bad), ACME]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 1
    [d] = report["diagnostics"]
    assert (d["code"], d["line"], d["col"], d["file"]) == ("E202", 7, 18, str(bad))


def test_sarif_format(bad, capsys):
    assert main(["validate", "--format", "sarif", str(bad)]) == 1
    sarif = json.loads(capsys.readouterr().out)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["name"] == "ccdsl"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["E202"]
    [result] = run["results"]
    assert result["ruleId"] == "E202" and result["level"] == "error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (7, 18, 23)


def test_missing_file_is_usage_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.ccd")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_usage_errors_exit_2():
    with pytest.raises(SystemExit) as exc:
        main(["validate"])
    assert exc.value.code == 2


def test_whole_process(bad):
    result = subprocess.run([sys.executable, "-m", "ccdsl", "validate", str(bad)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "error[E202]" in result.stdout
    assert "Traceback" not in result.stderr


def test_fmt_check_lists_files_that_would_change(tmp_path, capsys):
    messy = tmp_path / "messy.ccd"
    messy.write_text("site: t\nccdsl: 1\n")
    tidy = tmp_path / "tidy.ccd"
    tidy.write_text("ccdsl: 1\nsite: t\n")
    assert main(["fmt", "--check", str(messy), str(tidy)]) == 1
    out = capsys.readouterr().out
    assert str(messy) in out and str(tidy) not in out
    assert messy.read_text() == "site: t\nccdsl: 1\n"  # --check changes nothing
    assert main(["fmt", str(messy)]) == 0
    assert messy.read_text() == "ccdsl: 1\nsite: t\n"
    assert main(["fmt", "--check", str(messy)]) == 0


def test_fmt_refuses_broken_yaml(tmp_path, capsys):
    path = tmp_path / "broken.ccd"
    path.write_text("a: 1\na: 2\n")
    assert main(["fmt", str(path)]) == 1
    assert "E004" in capsys.readouterr().err
    assert path.read_text() == "a: 1\na: 2\n"


def test_schema_output_matches_committed(tmp_path):
    out = tmp_path / "schema.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert out.read_text() == (ROOT / "schema" / "ccdsl.schema.json").read_text()


def test_colour_when_asked(bad, capsys):
    assert main(["validate", "--color", "always", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "\x1b[" in out and "E202" in out and "ofice" in out

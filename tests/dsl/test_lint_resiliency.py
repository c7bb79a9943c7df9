"""The Global Resiliency lint: each finding at its value, nothing for a ready site, region literals found
inside flow bodies and widened to the ARN they are part of, the regional sections left alone."""
import json

import pytest

from ccdsl.__main__ import main
from ccdsl.dsl.lint import lint_file

READY = """ccdsl: 1
site: t
region: us-east-1
instance: {alias: t1, identity: SAML}
hours: {h: 24/7}
queues: {q: {hours: h}}
routing: {r: {queues: all, outbound: q}}
"""

NOT_READY = """ccdsl: 1
site: t
region: eu-west-2
instance: {alias: t1}
buckets: {files: {}}
hours: {h: 24/7}
queues: {q: {hours: h}}
routing: {r: {queues: all, outbound: q}}
flows:
  main:
    do: |
      set topic = "arn:aws:sns:eu-west-2:123456789012:alerts", zone = "eu-west-2"
      set fn = "arn:aws:lambda:eu-west-2:123456789012:function:lookup"
      hangup
numbers:
  line: {country: GB, flow: main}
targets:
  london: {account: "111111111111", region: eu-west-2}
"""


def _findings(tmp_path, text):
    path = tmp_path / "site.ccd"
    path.write_text(text)
    _, diags = lint_file(path)
    return {(d.code, d.span.line, d.span.col) for d in diags}, diags


def test_a_ready_site_has_no_findings(tmp_path):
    found, _ = _findings(tmp_path, READY)
    assert found == set()


def test_each_blocker_is_reported_at_its_value(tmp_path):
    found, diags = _findings(tmp_path, NOT_READY)
    assert ("W127", 4, 1) in found  # not SAML: at the instance (no identity written)
    assert ("W132", 5, 11) in found  # the bucket
    assert ("W128", 16, 3) in found  # the number
    # inside the flow body: the ARN from its start, then the bare region
    assert ("W131", 12, 20) in found and ("W131", 12, 72) in found
    assert ("W131", 13, 17) in found
    messages = [d.message for d in diags if d.code == "W131"]
    assert "ARN 'arn:aws:sns:eu-west-2:123456789012:alerts' is in eu-west-2" in messages[0]
    assert not any(line == 18 for code, line, _ in found)  # targets name their regions on purpose
    assert {d.code for d in diags} <= {"W127", "W128", "W131", "W132"}


def test_a_region_without_global_resiliency(tmp_path):
    found, diags = _findings(tmp_path, READY.replace("us-east-1", "ap-southeast-2"))
    assert found == {("W126", 3, 9)}
    assert "eu-west-2 -> eu-central-1" in diags.items[0].hint


def test_functions_and_bots_need_their_own_copy(tmp_path):
    acme = lint_file("examples/acme-bank/site.ccd")[1]
    codes = [d.code for d in acme]
    assert codes.count("W129") == 7 and codes.count("W130") == 3
    assert all("eu-central-1" in d.message for d in acme if d.code in ("W129", "W130"))


def test_a_site_with_errors_is_not_linted(tmp_path):
    found, diags = _findings(tmp_path, READY.replace("hours: h}", "hours: nope}"))
    assert {code for code, _, _ in found} == {"E202"}


def test_the_command(tmp_path, capsys):
    ready, not_ready = tmp_path / "ready.ccd", tmp_path / "not.ccd"
    ready.write_text(READY)
    not_ready.write_text(NOT_READY)
    assert main(["lint", "--global-resiliency", str(ready)]) == 0
    assert capsys.readouterr().out == "1 file: nothing found (global resiliency)\n"
    assert main(["lint", str(not_ready), "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert {d["code"] for d in out["diagnostics"]} >= {"W127", "W128", "W131", "W132"}
    with pytest.raises(SystemExit):
        main(["lint", "--unknown", str(ready)])


def test_every_code_of_the_lint_is_produced(tmp_path):
    from ccdsl.dsl.checks.resiliency import CODES

    produced = {d.code for d in lint_file("examples/acme-bank/site.ccd")[1]}
    produced |= {code for code, _, _ in _findings(tmp_path, NOT_READY)[0]}
    produced |= {code for code, _, _ in _findings(tmp_path, READY.replace("us-east-1", "ap-southeast-2"))[0]}
    assert produced == set(CODES)

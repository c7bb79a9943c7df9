"""StackSet inputs from a site's targets: grouping, operation preferences, refusals; the export command."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ccdsl.compiler.export import cloudformation as cfn
from ccdsl.compiler.export.stackset import stackset_inputs
from ccdsl.compiler.pipeline import compile_model
from ccdsl.dsl.validate import validate_file

ROOT = Path(__file__).resolve().parents[3]
MINIMAL = (ROOT / "examples/minimal/site.ccd").read_text()
TARGETS = """
targets:
  london: {account: "111111111111", region: us-east-1}
  dublin: {account: "222222222222", region: eu-west-1, parameters: {InstanceAlias: minimal-dublin}}
  london-b: {account: "333333333333"}
rollout: {max_concurrent: 2, failure_tolerance: 1}
"""


def site_file(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "site.ccd"
    path.write_text(MINIMAL + extra)
    return path


def load(path: Path):  # type: ignore[no-untyped-def]
    site, diags = validate_file(path)
    assert site is not None and not diags.has_errors, [d.message for d in diags]
    cs = compile_model(site, diags, source_dir=str(path.parent))
    assert cs is not None
    return site, cfn.build(cs)


def test_targets_grouped_by_region_and_overrides(tmp_path: Path) -> None:
    site, export = load(site_file(tmp_path, TARGETS))
    files = stackset_inputs(site, export, json.dumps(export.template))
    stack_set = files["create-stack-set.json"]
    assert stack_set["PermissionModel"] == "SELF_MANAGED"
    assert stack_set["Capabilities"] == ["CAPABILITY_NAMED_IAM"]
    assert json.loads(stack_set["TemplateBody"]) == export.template
    assert {"ParameterKey": "InstanceAlias", "ParameterValue": "minimal-centre"} in stack_set["Parameters"]
    london = files["create-stack-instances-london-london-b.json"]
    assert london["Accounts"] == ["111111111111", "333333333333"] and london["Regions"] == ["us-east-1"]
    assert london["OperationPreferences"] == {"ConcurrencyMode": "SOFT_FAILURE_TOLERANCE",
                                              "MaxConcurrentCount": 2, "FailureToleranceCount": 1,
                                              "RegionConcurrencyType": "PARALLEL"}
    dublin = files["create-stack-instances-dublin.json"]
    assert dublin["Regions"] == ["eu-west-1"]
    assert dublin["ParameterOverrides"] == [{"ParameterKey": "InstanceAlias", "ParameterValue": "minimal-dublin"}]


def test_organisation_units_are_service_managed(tmp_path: Path) -> None:
    site, export = load(site_file(tmp_path, "targets:\n  all: {ou: ou-ab12-cdefgh34}\n"))
    files = stackset_inputs(site, export, "{}")
    assert files["create-stack-set.json"]["PermissionModel"] == "SERVICE_MANAGED"
    assert files["create-stack-instances-all.json"]["DeploymentTargets"] == {"OrganizationalUnitIds":
                                                                            ["ou-ab12-cdefgh34"]}


@pytest.mark.parametrize("extra, message", [
    ("", "needs a `targets:` section"),
    ("targets:\n  a: {profile: dev}\n", "has no `account:`"),
    ("targets:\n  a: {account: '111111111111'}\n  b: {ou: ou-ab12-cdefgh34}\n", "mix accounts and organisation"),
])
def test_refused_target_lists(tmp_path: Path, extra: str, message: str) -> None:
    site, export = load(site_file(tmp_path, extra))
    with pytest.raises(cfn.ExportError, match=message):
        stackset_inputs(site, export, "{}")


def test_bad_account_id_is_a_diagnostic(tmp_path: Path) -> None:
    site, diags = validate_file(site_file(tmp_path, "targets:\n  a: {account: '12345'}\n"))
    assert diags.has_errors
    assert any(d.span.line == len(MINIMAL.splitlines()) + 2 for d in diags)


def test_export_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ccdsl.__main__ import main

    site = site_file(tmp_path, TARGETS)
    out = tmp_path / "out"
    assert main(["export", "cloudformation", str(site), "-o", str(out), "--yaml", "--stackset"]) == 0
    printed = capsys.readouterr().out
    assert "exported minimal:" in printed and "InstanceAlias" in printed
    assert (out / "template.yaml").is_file() and (out / "parameters/default.json").is_file()
    assert sorted(p.name for p in (out / "stackset").iterdir()) == [
        "create-stack-instances-dublin.json", "create-stack-instances-london-london-b.json", "create-stack-set.json"]
    bad = tmp_path / "bad.ccd"
    bad.write_text(MINIMAL + "targets:\n  a: {account: '1', region: eu-west-2}\n")
    assert main(["export", "cloudformation", str(bad), "-o", str(out)]) == 1
    assert main(["export", "cloudformation", str(tmp_path / "missing.ccd")]) == 2
    unknown = tmp_path / "unknown.ccd"
    unknown.write_text(MINIMAL + "targets:\n  a: {account: '111111111111', parameters: {Nope: x}}\n")
    assert main(["export", "cloudformation", str(unknown), "-o", str(out), "--stackset"]) == 1
    assert "does not take: Nope" in capsys.readouterr().err

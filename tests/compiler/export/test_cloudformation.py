"""CloudFormation export: every example lints clean with cfn-lint; mappings, folding, cycles, secrets."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from ccdsl.compiler.export import cloudformation as cfn
from ccdsl.compiler.pipeline import compile_site
from ccdsl.compiler.registry import REGISTRY
from ccdsl.compiler.registry.cloudformation import HANDLERS

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted((ROOT / "examples").glob("*/*.ccd"))


def export(site: Path) -> cfn.Export:
    cs, diags = compile_site(site)
    assert cs is not None, [d.message for d in diags]
    return cfn.build(cs)


def resources(e: cfn.Export, cfn_type: str) -> dict[str, Any]:
    return {k: v for k, v in e.template["Resources"].items() if v["Type"] == cfn_type}


@pytest.fixture(scope="module")
def acme() -> cfn.Export:
    return export(ROOT / "examples/acme-bank/site.ccd")


@pytest.mark.parametrize("site", EXAMPLES, ids=lambda p: p.parent.name)
def test_every_example_lints_without_errors(site: Path, tmp_path: Path) -> None:
    from cfnlint.api import lint

    cs, _ = compile_site(site)
    assert cs is not None
    for as_yaml in (False, True):
        written = cfn.write(cfn.build(cs), tmp_path / str(as_yaml), as_yaml=as_yaml)
        matches = lint(written[0].read_text(), regions=["us-east-1", cs.region])
        errors = [f"{m.rule.id} {m.message} ({m.linenumber})" for m in matches if m.rule.id.startswith("E")]
        assert errors == []


def test_every_registry_type_has_a_mapping() -> None:
    assert sorted(set(REGISTRY) - set(HANDLERS)) == []


def test_linter_catches_a_broken_mapping(acme: cfn.Export) -> None:
    """The lint test can fail: a property CloudFormation does not know is an error."""
    from cfnlint.api import lint

    broken = json.loads(json.dumps(acme.template))
    broken["Resources"]["QueueGeneralAgentQueue"]["Properties"]["QueueId"] = "x"
    assert any(m.rule.id.startswith("E3") for m in lint(json.dumps(broken), regions=["us-east-1"]))


def test_no_account_partition_or_region_literals(acme: cfn.Export) -> None:
    body = json.dumps(acme.template["Resources"])
    # an existing key or log group is named by the site with its own account: that ARN is written as given
    for arn in ("arn:aws:kms:eu-west-2:123456789012:key/6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c",
                "arn:aws:logs:eu-west-2:123456789012:log-group:/acme/security/auth-api-access"):
        assert arn.split(":", 4)[4] in body
        body = body.replace(arn.split(":", 4)[4], "")
    assert "eu-west-2" not in body
    assert "arn:aws:" not in body
    assert not re.search(r"(?<![0-9+])[0-9]{12}(?![0-9])", body)  # an account id (not a phone number)
    assert "${AWS::AccountId}" in body and "${AWS::Region}" in body


def test_lex_folds_into_the_bot_with_auto_build(acme: cfn.Export) -> None:
    bots = resources(acme, "AWS::Lex::Bot")
    bank = bots["BotBanking"]["Properties"]
    assert bank["AutoBuildBotLocales"] is True
    locale = bank["BotLocales"][0]
    assert locale["LocaleId"] == "en_GB"
    intents = {i["Name"]: i for i in locale["Intents"]}
    assert "FallbackIntent" in intents
    check = intents["CheckBalance"]
    assert check["Slots"][0]["SlotTypeName"] == "AccountType"
    assert check["SlotPriorities"] == [{"Priority": 1, "SlotName": "account"}]
    assert {t["Name"] for t in locale["SlotTypes"]} >= {"AccountType"}
    assert locale["SlotTypes"][0]["ValueSelectionSetting"]["ResolutionStrategy"] == "TOP_RESOLUTION"
    version = resources(acme, "AWS::Lex::BotVersion")["BotBankingVersion"]["Properties"]
    assert version["BotId"] == {"Ref": "BotBanking"}


def test_settings_fold_into_their_resource(acme: cfn.Export) -> None:
    logs = resources(acme, "AWS::Logs::LogGroup")
    assert logs["LogsBedrockMcp"]["Properties"]["RetentionInDays"] == 30
    assert "LogsAuthApiGw" not in logs  # an existing log group (`arn:`): nothing is made
    assert all(k["Properties"]["EnableKeyRotation"] is True for k in resources(acme, "AWS::KMS::Key").values())
    bucket = resources(acme, "AWS::S3::Bucket")["BucketCcpSite"]["Properties"]
    assert bucket["PublicAccessBlockConfiguration"]["BlockPublicAcls"] is True
    assert "BucketEncryption" in bucket
    instance = resources(acme, "AWS::Connect::Instance")["ConnectInstance"]["Properties"]
    assert instance["Attributes"]["ContactLens"] is True


def test_flow_cycle_is_broken_by_a_content_call(acme: cfn.Export) -> None:
    import networkx as nx

    steps = resources(acme, "Custom::UpdateContactFlowContent")
    assert steps, "acme-bank's entry flows refer to each other"
    graph = nx.DiGraph()
    for lid, body in acme.template["Resources"].items():
        for dep in cfn._intrinsic_refs(body["Properties"]) | set(body.get("DependsOn", [])):
            if dep in acme.template["Resources"]:
                graph.add_edge(dep, lid)
    assert nx.is_directed_acyclic_graph(graph)
    content = next(iter(steps.values()))["Properties"]["Args"]["Content"]
    sub = content["Fn::Sub"]  # a template string, with a map of values when some are computed (a module's id)
    assert "ContactFlowArn" in (sub if isinstance(sub, str) else sub[0])


def test_flow_content_without_cycle_is_on_the_flow(acme: cfn.Export) -> None:
    """Only flows in a cycle keep their stub content; every other flow carries its content itself."""
    flows = resources(acme, "AWS::Connect::ContactFlow")
    stubbed = {lid for lid, f in flows.items() if '\\"Identifier\\":\\"stub\\"' in json.dumps(f["Properties"])}
    called = {s["Properties"]["Args"]["ContactFlowId"]["Fn::Select"][1]["Fn::Split"][1]["Fn::GetAtt"][0]
              for s in resources(acme, "Custom::UpdateContactFlowContent").values()}
    assert stubbed == called
    assert len(flows) - len(stubbed) >= 3


def test_secrets_are_parameters_or_dynamic_references() -> None:
    e = export(ROOT / "examples/retail-chat/site.ccd")
    body = json.dumps(e.template["Resources"])
    assert "lead@northwind.example" not in body
    assert e.template["Parameters"]["NorthwindLeadEmail"]["Default"] == "lead@northwind.example"
    assert e.parameters["NorthwindLeadEmail"] == "lead@northwind.example"
    user = e.template["Resources"]["AgentLead"]["Properties"]
    assert user["Password"] == "{{resolve:ssm:/northwind/connect/lead-password}}"
    assert user["IdentityInfo"]["Email"] == {"Ref": "NorthwindLeadEmail"}


def test_function_code_is_an_asset(acme: cfn.Export, tmp_path: Path) -> None:
    fn = acme.template["Resources"]["FunctionAuthApi"]["Properties"]
    assert fn["Code"] == {"S3Bucket": {"Ref": "AssetsBucket"},
                          "S3Key": {"Fn::Sub": "${AssetsPrefix}functions/FunctionAuthApi.zip"}}
    written = cfn.write(acme, tmp_path)
    import zipfile

    with zipfile.ZipFile(tmp_path / "assets/functions/FunctionAuthApi.zip") as zf:
        assert any(n.endswith(".py") for n in zf.namelist())
    assert (tmp_path / "assets/site/index.html").is_file()
    assert tmp_path / "parameters/default.json" in written


def test_export_is_deterministic(tmp_path: Path) -> None:
    site = ROOT / "examples/acme-bank/site.ccd"
    a = cfn.write(export(site), tmp_path / "a")
    b = cfn.write(export(site), tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]

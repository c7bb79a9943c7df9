"""``ccdsl import --instance`` end to end without AWS: a site applied on the simulator is imported back from the
simulated account (through the same List/Describe calls as a live instance), the imported site is adopted, and
``ccdsl plan`` shows no changes; every Connect request the imported site would make equals the one that made
the resource."""
import json
import re
import shutil
from pathlib import Path

import pytest

from ccdsl.__main__ import main
from ccdsl.runtime.providers.sim.account import Account
from ccdsl.runtime.session import apply_site, plan_site
from ccdsl.runtime.state import open_state

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parents[2] / "examples"
#: the flow content differs in identifiers and layout (the flow importer checks it is equivalent)
NOT_COMPARED = {"Content"}


def _applied(site: Path, tmp_path: Path, whole_folder: bool = False) -> tuple[Path, str]:
    dest = tmp_path / "applied"
    if whole_folder:  # with its function sources and prompt audio
        shutil.copytree(site.parent, dest, ignore=shutil.ignore_patterns(".ccdsl"))
    else:
        dest.mkdir()
        shutil.copy(site, dest / "site.ccd")
    result = apply_site(dest / "site.ccd", time_scale=float("inf"), seed=1)
    assert result.ok, result.failures or result.diagnostics
    account = Account(dest / ".ccdsl" / "sim.db")
    try:
        instance = next(e.id for e in account.all() if e.type == "aws_connect_instance")
    finally:
        account.close()
    return dest / ".ccdsl" / "sim.db", instance


def _import(sim_db: Path, instance: str, out: Path, capsys) -> str:
    code = main(["import", "--instance", instance, "--provider", "sim", "--sim-account", str(sim_db), "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out + captured.err


@pytest.mark.parametrize("site", [HERE / "whole.ccd", EXAMPLES / "minimal" / "site.ccd"], ids=["whole", "minimal"])
def test_an_applied_site_imports_back_and_plans_no_changes(site, tmp_path, capsys):
    sim_db, instance = _applied(site, tmp_path)
    out = tmp_path / "imported" / "site.ccd"
    said = _import(sim_db, instance, out, capsys)
    assert "Traceback" not in said
    text = out.read_text()
    assert "# from arn:aws:connect:" in text and "W509" not in said
    assert main(["fmt", "--check", str(out)]) == 0  # written fmt-canonical
    plan = plan_site(out)
    assert plan.ok and not plan.has_changes, [c.address for c in plan.plan.steps]

    # what the imported site would send is what made each resource (ids are the instance's own)
    account = Account(sim_db)
    state = open_state(str(out.parent / ".ccdsl" / "state.db"), readonly=True)
    try:
        made = {e.owner: e for e in account.all()}
        records = state.load()
    finally:
        account.close()
        state.close()
    def key(type_, outputs, inputs):  # a locale's resources share ids across locales (the fallback intent)
        return type_, str(outputs.get("id")), inputs.get("localeId")

    adopted = {key(r.type, r.outputs, r.inputs): r for r in records.values()}
    applied = [e for e in made.values() if e.type.startswith(("aws_connect", "connect_", "aws_lexv2models", "lex_"))
               or e.owner.startswith("role.bot_")]
    assert applied
    for entry in applied:  # names may differ (a number is named for its description): matched by identity
        record = adopted.get(key(entry.type, entry.outputs, entry.inputs))
        assert record is not None, f"{entry.owner} is not adopted"
        want = {k: v for k, v in entry.inputs.items() if k not in NOT_COMPARED}
        if entry.type == "aws_connect_phone_number":  # the imported site names the very number it claimed
            want["PhoneNumber"] = entry.outputs["number"]
        got = {k: v for k, v in record.inputs.items() if k not in NOT_COMPARED}
        assert json.loads(json.dumps(got)) == want, entry.owner


def test_a_missing_simulated_account_or_instance_is_e507(tmp_path, capsys):
    out = tmp_path / "site.ccd"
    assert main(["import", "--instance", "i-1", "--provider", "sim", "--sim-account", str(tmp_path / "no.db"),
                 "-o", str(out)]) == 1
    assert "error[E507]" in capsys.readouterr().err and not out.exists()
    account = Account(tmp_path / "sim.db")
    account.close()
    assert main(["import", "--instance", "i-1", "--provider", "sim", "--sim-account", str(tmp_path / "sim.db"),
                 "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "error[E507]: instance i-1 was not found" in err and "Traceback" not in err and not out.exists()


def test_an_applied_acme_bank_imports_back_and_plans_no_changes(tmp_path, capsys):
    """acme-bank's flows invoke Lambda functions, play a prompt and its bots call hooks: the import declares each
    function and the prompt as existing ones by their ARN; its bots write conversation logs to log groups encrypted
    with the site's key: the import writes those groups with their retention, the key as an existing key by ARN, and
    the bots' logs, so the written site validates, everything is adopted and the plan shows no changes."""
    sim_db, instance = _applied(EXAMPLES / "acme-bank" / "site.ccd", tmp_path, whole_folder=True)
    out = tmp_path / "imported" / "site.ccd"
    code = main(["import", "--instance", instance, "--provider", "sim", "--sim-account", str(sim_db), "-o", str(out)])
    captured = capsys.readouterr()
    said = captured.out + captured.err
    assert "Traceback" not in said and "imported instance" in said
    assert "4 functions, 1 prompt, 3 log groups, 1 key" in said
    assert "W508" not in said and "does not compile" not in said and "adopted" in said
    text = out.read_text()
    for name in ("bedrock_mcp", "banking", "sales"):
        assert f"  {name}:\n    arn: arn:aws:lambda:eu-west-2:123456789012:function:acme-bank-{name}:live\n" in text
    assert "  callback:\n    arn: arn:aws:lambda:eu-west-2:123456789012:function:acme-bank-callback\n" in text
    assert "hook: banking" in text and "invoke bedrock_mcp" in text and "invoke callback" in text
    assert "calls Lambda function" not in said and "declare function" not in said and "declare prompt" not in said
    prompt = f"arn:aws:connect:eu-west-2:123456789012:instance/{instance}/prompt/"
    assert f"prompts:\n  # from {prompt}" in text and f"  brand_chime:\n    arn: {prompt}" in text
    assert "play brand_chime" in text
    assert main(["validate", str(out)]) == 0
    capsys.readouterr()
    key = re.search(r"  data:\n    arn: (arn:aws:kms:eu-west-2:123456789012:key/[0-9a-f-]{36})\n", text)
    assert key and f"keys:\n  # from {key.group(1)}\n" in text  # named for its alias, alias/acme-bank/data
    for group, bot in (("lex", "gateway"), ("banking_lex", "banking"), ("sales_lex", "sales")):
        assert f"  # from arn:aws:logs:eu-west-2:123456789012:log-group:/ccdsl/acme-bank/{group}\n  {group}:\n" \
               f"    retention: 14d\n    key: data\n" in text
        assert f"    logs: {group}\n" in text.split("\nbots:\n", 1)[1].split(f"\n  {bot}:\n", 1)[1].split("\n  # from", 1)[0]
    assert "W507" not in said and "W509" not in said and "W510" not in said
    assert "adopted 118 resources" in said
    plan = plan_site(out)  # the bots' roles grant their log groups: IAM holds what the site would send
    assert plan.ok and not plan.has_changes, [c.address for c in plan.plan.steps]
    assert code == 0, said

"""``ccdsl plan`` in Terraform's conventions: values, forced replacements, data-loss warnings, the verdict last,
kept numbers, --compact and colour only on a terminal."""
import io
import shutil
from pathlib import Path

import pytest
from rich.console import Console

from ccdsl.__main__ import main
from ccdsl.commands._planview import print_plan
from ccdsl.runtime.session import apply_site, plan_site

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme-bank"


@pytest.fixture(autouse=True)
def width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")


@pytest.fixture
def acme(tmp_path):
    dest = tmp_path / "acme"
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns(".ccdsl", "build"))
    return dest / "site.ccd"


@pytest.fixture
def applied(acme):
    assert apply_site(acme, time_scale=float("inf"), seed=1).ok
    return acme


def resource_count(site: Path) -> int:
    from ccdsl.compiler.pipeline import compile_site

    compiled, _ = compile_site(site)
    assert compiled is not None
    return len(compiled.resources)


def lines_of(capsys) -> list[str]:
    return [line.rstrip() for line in capsys.readouterr().out.splitlines()]


def test_full_create_ends_with_the_verdict(acme, capsys):
    assert main(["plan", str(acme)]) == 0
    out = lines_of(capsys)
    assert out[-1] == f"Plan: {resource_count(acme)} to add, 0 to change, 0 to destroy."
    assert out[0] == "acme-bank (sim, eu-west-2) plan"
    assert any(line.startswith("    + role.bot_banking") and line.endswith("◆") for line in out)
    assert not any("\x1b[" in line for line in out)  # no colour into a pipe


def test_replacement_shows_values_the_forcing_input_and_the_data_loss(applied, capsys):
    text = applied.read_text()
    applied.write_text(text.replace("auth_state: {key: session_id", "auth_state: {key: auth_id"))
    assert main(["plan", str(applied)]) == 0
    out = lines_of(capsys)
    assert any(line.startswith("  -/+ table.auth_state") for line in out)
    assert '        KeySchema[0].AttributeName: "session_id" → "auth_id"   # forces replacement' in out
    assert '        AttributeDefinitions[0].AttributeName: "session_id" → "auth_id"' in out
    assert "        Environment.Variables.STATE_TABLE: \"acme-bank-auth_state\" → (known after apply)" in out
    assert "        # table.auth_state gets a new identity" in out
    warning = [line for line in out if line.startswith("Warning:")]
    assert warning == ["Warning: this plan replaces the DynamoDB table table.auth_state: its items are lost."]
    assert out[-1] == "Plan: 1 to add, 4 to change, 1 to destroy."  # the TTL and recovery steps re-run


def test_secrets_are_masked(applied, capsys):
    text = applied.read_text()
    applied.write_text(text.replace("ACME_OPS_EMAIL:-ops@acme.example", "ACME_OPS_EMAIL:-oncall@acme.example"))
    assert main(["plan", str(applied)]) == 0
    out = "\n".join(lines_of(capsys))
    assert "(sensitive) → (sensitive)" in out
    assert "oncall@acme.example" not in out and "ops@acme.example" not in out


def test_destroy_shows_kept_numbers_and_groups_warnings(applied, capsys):
    assert main(["plan", str(applied), "--destroy"]) == 0
    out = lines_of(capsys)
    kept = [line for line in out if line.startswith("    = number.")]
    assert len(kept) == 2 and all("(kept, not released)" in line for line in kept)
    assert any(line.startswith("Note: 2 phone number(s) are kept") for line in out)
    assert any(line.startswith("Warning: this plan deletes 4 DynamoDB tables") for line in out)
    assert out[-1] == f"Plan: 0 to add, 0 to change, {resource_count(applied) - 2} to destroy, 2 kept."
    assert main(["plan", str(applied), "--destroy", "--release-numbers"]) == 0
    out = lines_of(capsys)
    assert out[-1] == f"Plan: 0 to add, 0 to change, {resource_count(applied)} to destroy."
    assert any("phone numbers number." in line for line in out)


def test_compact_is_one_line_per_phase(acme, capsys):
    assert main(["plan", str(acme), "--compact"]) == 0
    out = lines_of(capsys)
    phases = [line for line in out if line.startswith("Phase ")]
    assert len(phases) == 10 and phases[0].startswith("Phase  1 Foundation")
    assert not any("role.bot_banking" in line for line in out)
    assert out[-1] == f"Plan: {resource_count(acme)} to add, 0 to change, 0 to destroy."


def test_colour_on_a_terminal(acme):
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=120, color_system="standard")
    plan = plan_site(acme).plan
    print_plan(plan, "sim", console=console)
    text = buf.getvalue()
    assert "\x1b[1;32m" in text or "\x1b[32m" in text  # + in green
    assert text.rstrip().splitlines()[-1].startswith("\x1b[1mPlan: ")

"""Every example in examples/ applies on the simulator, re-plans with no changes, and destroys to empty."""
import re
import shutil
from pathlib import Path

import pytest
from sim_account import account_entries, assert_no_duplicates

from ccdsl.__main__ import main
from ccdsl.runtime.session import apply_site, plan_site

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*/site.ccd"))
INSTANT = float("inf")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_example_applies_and_destroys_on_the_simulator(example, tmp_path):
    dest = tmp_path / example.parent.name
    shutil.copytree(example.parent, dest, ignore=shutil.ignore_patterns(".ccdsl", "build"))
    site = dest / "site.ccd"
    state = dest / ".ccdsl" / "state.db"
    # ${ssm:…} secrets are read from the account's parameter store: put them there first, as a user would
    for path in re.findall(r"\$\{ssm:([^}]+)\}", site.read_text()):
        assert main(["sim", "put-parameter", path, "Initial-Passw0rd", str(site)]) == 0

    result = apply_site(site, time_scale=INSTANT, seed=1)
    assert result.ok, result.failures or result.diagnostics
    assert result.counts["done"] > 0 and result.counts["failed"] == 0
    assert_no_duplicates(str(state))
    assert b"Initial-Passw0rd" not in state.read_bytes()  # resolved secrets never reach the state

    again = plan_site(site)
    assert again.ok and not again.has_changes

    gone = apply_site(site, time_scale=INSTANT, seed=1, destroy=True, release_numbers=True)
    assert gone.ok, gone.failures or gone.diagnostics
    assert account_entries(str(state)) == []

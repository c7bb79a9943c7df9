"""The acme-bank example end to end on the simulator: apply, no-op, one utterance, destroy; through the CLI."""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sim_account import account_entries, assert_no_duplicates

from ccdsl.runtime.session import apply_site, plan_site

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme-bank"
INSTANT = float("inf")


@pytest.fixture
def acme(tmp_path):
    dest = tmp_path / "acme"
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns(".ccdsl", "build"))
    site = dest / "site.ccd"
    planned = plan_site(site)
    assert planned.plan is not None, planned.diagnostics
    return site


def ccdsl(*args, **kw):
    return subprocess.run([sys.executable, "-m", "ccdsl", *map(str, args)], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, **kw)


def test_apply_noop_one_utterance_then_destroy_to_empty(acme):
    first = apply_site(acme, time_scale=INSTANT, seed=1)
    assert first.ok, first.failures
    assert first.counts["done"] == len(first.plan.steps)
    again = apply_site(acme, time_scale=INSTANT)
    assert again.ok and again.write_calls == 0

    acme.write_text(acme.read_text().replace("        - check my balance", "        - show my balance"))
    plan = plan_site(acme).plan
    changed = {c.address: c.action for c in plan.steps}
    assert changed["bot.banking.intent.CheckBalance.en_GB"] == "update"
    assert changed["bot.banking.build.en_GB"] == "update"
    assert changed["bot.banking.version"] == "replace"
    assert changed["bot.banking.alias"] == "update"
    assert all(a.startswith("bot.banking.") for a in changed), changed
    second = apply_site(acme, time_scale=INSTANT)
    assert second.ok and second.counts["done"] == len(changed)
    assert not plan_site(acme).plan.has_changes

    state = acme.parent / ".ccdsl" / "state.db"
    gone = apply_site(acme, time_scale=INSTANT, destroy=True)
    assert gone.ok, gone.failures
    left = account_entries(str(state))
    assert {e.type for e in left} == {"aws_connect_phone_number"}  # numbers are kept unless released
    assert apply_site(acme, time_scale=INSTANT, destroy=True).counts["done"] == 0
    released = apply_site(acme, time_scale=INSTANT)  # adopts the kept numbers
    assert released.ok
    assert apply_site(acme, time_scale=INSTANT, destroy=True, release_numbers=True).ok
    assert account_entries(str(state)) == []


def test_cli_plan_exit_codes_and_confirmation(acme):
    planned = ccdsl("plan", acme, "--detailed-exitcode", "--json")
    assert planned.returncode == 2
    body = json.loads(planned.stdout)
    assert body["counts"]["create"] > 200 and body["critical_path"]["length_s"] > 0
    refused = ccdsl("apply", acme)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    events = acme.parent / "events.jsonl"
    applied = ccdsl("apply", acme, "--yes", "--time-scale", "inf", "--events", events)
    assert applied.returncode == 0, applied.stderr
    assert "acme-bank: complete" in applied.stdout
    kinds = [json.loads(line)["kind"] for line in events.read_text().splitlines()]
    assert kinds[:2] == ["ccdsl_events", "plan_ready"] and kinds[-1] == "apply_done"
    assert ccdsl("plan", acme, "--detailed-exitcode").returncode == 0
    listed = json.loads(ccdsl("sim", "ls", acme, "--json").stdout)
    assert listed and {"type", "name", "id"} <= set(listed[0])
    broken = acme.parent / "broken.ccd"
    broken.write_text("ccdsl: 1\nsite: x\nqueues: {Q: {hours: nowhere}}\n")
    bad = ccdsl("plan", broken)
    assert bad.returncode == 1 and "error" in bad.stderr and "Traceback" not in bad.stderr


def test_cli_apply_killed_at_random_then_reapplied_converges(acme):
    rng = random.Random(7)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for _ in range(2):
        proc = subprocess.Popen([sys.executable, "-m", "ccdsl", "apply", str(acme), "--yes", "--time-scale", "300",
                                 "--faults", "transient=0.05"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                env=env, text=True)
        for line in proc.stdout:  # wait until it is applying
            if "start" in line:
                break
        time.sleep(rng.uniform(0.05, 1.5))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    done = ccdsl("apply", acme, "--yes", "--time-scale", "inf")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr
    assert not plan_site(acme).plan.has_changes
    assert_no_duplicates(str(acme.parent / ".ccdsl" / "state.db"))

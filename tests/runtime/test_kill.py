"""kill -9 at random moments, then re-apply: converges, with no duplicate in the simulated account."""
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sim_account import assert_no_duplicates

from ccdsl.runtime.session import plan_site

HERE = Path(__file__).parent

SCRIPT = """
import sys
sys.path.insert(0, {here!r})
from factory import bot_site
from ccdsl.runtime.session import apply_site
print("started", flush=True)
r = apply_site(bot_site(), state_path={state!r}, time_scale=400.0, seed=5, faults="transient=0.1")
sys.exit(r.exit_code)
"""


def test_kill_minus_nine_then_reapply_converges(tmp_path, run):
    from factory import bot_site

    rng = random.Random(20261124)
    for round_ in range(3):
        state = str(tmp_path / f"r{round_}" / ".ccdsl" / "state.db")
        for _ in range(2):  # two kills in a row, each at a random moment
            proc = subprocess.Popen([sys.executable, "-c", SCRIPT.format(here=str(HERE), state=state)],
                                    stdout=subprocess.PIPE, text=True)
            assert proc.stdout.readline().strip() == "started"
            time.sleep(rng.uniform(0.05, 1.2))
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        result = run(bot_site(), state_path=state)
        assert result.ok, result.failures
        assert not plan_site(bot_site(), state_path=state).plan.has_changes
        entries = assert_no_duplicates(state)
        assert len(entries) == len(bot_site().resources)

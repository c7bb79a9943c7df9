"""SIGTERM (CI cancel, docker stop) and SIGHUP stop a run like the first Ctrl-C: in-flight work finishes and
is recorded, the run is closed, the lock released, the events journal ends with apply_done, exit 1."""
import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

RECORDED = shutil.ignore_patterns(".ccdsl", "build")  # an example applied in place (quick start) keeps its state there

ACME = Path(__file__).resolve().parents[2] / "examples" / "acme-bank"


def _holder(state: Path):
    try:
        db = sqlite3.connect(state, timeout=5)
        try:
            row = db.execute("SELECT pid FROM lock WHERE id = 1").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_stop_signal_is_a_graceful_stop(tmp_path, signum):
    shutil.copytree(ACME, tmp_path / "site", ignore=RECORDED)
    site, state = tmp_path / "site" / "site.ccd", tmp_path / "site" / ".ccdsl" / "state.db"
    events = tmp_path / "events.jsonl"
    command = [sys.executable, "-m", "ccdsl", "apply", str(site), "--yes", "--plain", "--time-scale", "30",
               "--events", str(events)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(3000):  # until it holds the lock and has started work (however loaded the machine)
            if state.exists() and _holder(state) == proc.pid and events.exists() and events.stat().st_size > 2000:
                break
            if proc.poll() is not None:
                break
            time.sleep(0.02)
        assert proc.poll() is None, proc.communicate()
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 1, (proc.returncode, err[-2000:])
    assert "Traceback" not in err
    assert _holder(state) is None, "the lock is released"
    db = sqlite3.connect(state)
    finished, ok = db.execute("SELECT finished, ok FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    db.close()
    assert finished is not None and ok == 0, "the run is closed as stopped"
    last = json.loads(events.read_text().strip().splitlines()[-1])
    assert last["kind"] == "apply_done"
    assert "stopped" in out

"""Two applies at once: the second fails with a message naming the holder; a dead holder's lock is taken over."""
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from factory import bot_site

from ccdsl.runtime.session import apply_site

HERE = Path(__file__).parent
SCRIPT = """
import sys
sys.path.insert(0, {here!r})
from factory import bot_site
from ccdsl.runtime.session import apply_site
sys.exit(apply_site(bot_site(), state_path={state!r}, time_scale=20.0).exit_code)
"""


def _lock_holder_pid(state):
    try:
        db = sqlite3.connect(state, timeout=5)
        try:
            row = db.execute("SELECT pid FROM lock WHERE id = 1").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def test_second_apply_fails_naming_the_holder_then_takes_over_a_dead_lock(tmp_path):
    state = str(tmp_path / ".ccdsl" / "state.db")
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT.format(here=str(HERE), state=state)])
    try:
        for _ in range(1500):  # until the other apply holds the lock (however loaded the machine is)
            if Path(state).exists() and _lock_holder_pid(state) == proc.pid or proc.poll() is not None:
                break
            time.sleep(0.02)
        assert _lock_holder_pid(state) == proc.pid
        second = apply_site(bot_site(), state_path=state, time_scale=float("inf"), lock_timeout=0.2)
        assert second.exit_code == 1
        assert any(f"locked by pid {proc.pid}" in line for line in second.diagnostics), second.diagnostics
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    third = apply_site(bot_site(), state_path=state, time_scale=float("inf"))
    assert third.ok, (third.diagnostics, third.failures)


def test_same_hostname_in_another_pid_namespace_never_takes_a_live_lease(tmp_path):
    """Two containers sharing a hostname and the state: the holder's pid is not visible to the second,
    yet exactly one runs; once the lease is no longer renewed (the holder died), it is taken over."""
    import socket

    state = str(tmp_path / ".ccdsl" / "state.db")
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT.format(here=str(HERE), state=state)])
    try:
        for _ in range(1500):
            if Path(state).exists() and _lock_holder_pid(state) == proc.pid or proc.poll() is not None:
                break
            time.sleep(0.02)
        db = sqlite3.connect(state, timeout=5)
        # as seen from the other container: same hostname, a pid that does not exist here, another namespace
        db.execute("UPDATE lock SET pid = ?, host = ?, ident = ? WHERE id = 1",
                   (4_000_000, socket.gethostname(), socket.gethostname() + "|other-boot|pid:[4026532999]"))
        db.commit()
        second = apply_site(bot_site(), state_path=state, time_scale=float("inf"), lock_timeout=0.3)
        assert second.exit_code == 1
        assert any("locked by pid 4000000" in line and "lease expires in" in line for line in second.diagnostics)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    db.execute("UPDATE lock SET expires = ? WHERE id = 1", (time.time() - 1,))  # nobody renews it any more
    db.commit()
    db.close()
    third = apply_site(bot_site(), state_path=state, time_scale=float("inf"))
    assert third.ok, third.diagnostics


def test_state_unlock_names_the_holder_and_needs_force_for_a_live_lease(tmp_path, capsys):
    import shutil

    from ccdsl.__main__ import main
    from ccdsl.runtime.state import LockHolder, open_state

    shutil.copytree(Path(__file__).resolve().parents[2] / "examples" / "minimal", tmp_path / "site",
                    ignore=shutil.ignore_patterns(".ccdsl", "build"))  # not the state of an in-place apply
    site = str(tmp_path / "site" / "site.ccd")
    assert main(["state", "unlock", site]) == 1  # no state yet
    state = open_state(tmp_path / "site" / ".ccdsl" / "state.db")
    holder = LockHolder(pid=4_000_000, host="ci-runner", started=time.time(), expires=time.time() + 60)
    state.lock(holder)
    state._keeper.stop()
    capsys.readouterr()
    assert main(["state", "unlock", site]) == 1
    assert "locked by pid 4000000 on ci-runner" in capsys.readouterr().err
    assert main(["state", "unlock", site, "--force"]) == 0
    assert "removed the lock of pid 4000000 on ci-runner" in capsys.readouterr().out
    assert main(["state", "unlock", site]) == 0 and "not locked" in capsys.readouterr().out
    state.lock(LockHolder(pid=4_000_001, host="ci-runner", started=time.time() - 600, expires=time.time() - 1))
    state._keeper.stop()
    assert main(["state", "unlock", site]) == 0  # an expired lease needs no --force
    assert "pid 4000001" in capsys.readouterr().out
    state._token = None
    state.close()


def test_a_run_whose_lease_is_taken_over_stops_and_says_so(tmp_path, monkeypatch):
    from factory import wide_site

    import ccdsl.runtime.state.base as base

    state = str(tmp_path / ".ccdsl" / "state.db")
    monkeypatch.setattr(base, "RENEW_EVERY_S", 0.05)
    stolen = []

    def steal(event):  # another run takes the lock while this one works
        if event.kind == "resource_done" and not stolen:
            db = sqlite3.connect(state, timeout=5)
            db.execute("UPDATE lock SET token = 'theirs', pid = 4000002 WHERE id = 1")
            db.commit()
            db.close()
            stolen.append(True)
            time.sleep(0.3)  # the keeper notices within one renewal

    result = apply_site(wide_site(60, fan=2), state_path=state, time_scale=float("inf"), sinks=[steal],
                        parallelism=1)
    assert stolen and result.exit_code == 1
    assert any("taken over by another run" in line for line in result.diagnostics), result.diagnostics
    assert result.counts["pending"] > 0

import os
import subprocess
import sys

import pytest

from ccdsl.runtime.state import LockHolder, ResourceRecord, StateLocked, open_state


def test_records_round_trip_and_events_are_kept_per_run(tmp_path):
    state = open_state(tmp_path / "s.db")
    run_id = state.begin_run("apply", "site", "sim")
    state.put(ResourceRecord(address="a", type="t", outputs={"id": "1"}, depends_on=["b"]), run_id,
              [{"kind": "resource_done", "t": 1.0}])
    state.end_run(run_id, True, {})
    state.close()
    again = open_state(tmp_path / "s.db")
    recs = again.load()
    assert recs["a"].outputs == {"id": "1"} and recs["a"].depends_on == ["b"]
    assert again.events(run_id) == [{"kind": "resource_done", "t": 1.0}]
    again.remove("a")
    assert again.load() == {}
    again.close()


def test_second_lock_fails_naming_the_holder(tmp_path):
    first = open_state(tmp_path / "s.db")
    first.lock(LockHolder.me("apply"))
    second = open_state(tmp_path / "s.db")
    with pytest.raises(StateLocked) as info:
        second.lock(LockHolder.me("apply"), timeout_s=0.3)
    message = str(info.value)
    assert f"pid {os.getpid()}" in message and "locked by" in message
    first.unlock()
    second.lock(LockHolder.me("apply"))  # free now
    second.close()
    first.close()


def test_lock_of_a_dead_process_is_taken_over(tmp_path):
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(proc.stdout)
    state = open_state(tmp_path / "s.db")
    import socket
    import time

    from ccdsl.runtime.state.base import process_namespace

    # a holder in this very pid namespace whose process is gone (kill -9), its lease not yet expired
    state.lock(LockHolder(pid=dead_pid, host=socket.gethostname(), started=time.time(), expires=time.time() + 60,
                          ident=process_namespace()))
    state._token = None  # as if that process had died holding it
    other = open_state(tmp_path / "s.db")
    other.lock(LockHolder.me())
    assert other.holder().pid == os.getpid()
    other.close()
    state.close()

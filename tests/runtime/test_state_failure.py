"""A failed state write stops the run at once and never lies: what was changed but not recorded is named,
the summary counts a resource done only once it is recorded, and the next apply adopts the rest."""
from factory import wide_site
from sim_account import assert_no_duplicates

from ccdsl.runtime.session import plan_site
from ccdsl.runtime.state import StateError
from ccdsl.runtime.state.sqlite import SqliteState


def failing_after(monkeypatch, good: int):
    """SqliteState.put succeeds ``good`` times, then raises as a full disk does."""
    real = SqliteState.put
    calls = {"n": 0}

    def put(self, record, run_id=None, events=()):
        calls["n"] += 1
        if calls["n"] > good:
            raise StateError(f"state {self.location}: the disk is full (database or disk is full)")
        return real(self, record, run_id, events)

    monkeypatch.setattr(SqliteState, "put", put)
    return calls


def test_a_failed_state_write_stops_new_work_and_names_what_was_not_recorded(run, state_path, monkeypatch):
    site = wide_site(40, fan=4)
    failing_after(monkeypatch, 5)
    result = run(site, parallelism=4)
    assert result.exit_code == 1 and not result.ok
    recorded = SqliteState(state_path).load()
    assert len(recorded) == 5
    assert result.counts["done"] == len(recorded), "done means recorded"
    unrecorded = result.counts["unrecorded"]
    assert 1 <= unrecorded <= 4, "only the first failure and the work in flight, nothing started after it"
    assert any("disk is full" in line for line in result.diagnostics)
    listed = next(line for line in result.diagnostics if "not recorded" in line)
    assert listed.startswith(f"{unrecorded} resource(s)")
    created = {e.owner for e in assert_no_duplicates(state_path)}
    assert created == set(recorded) | {a for a in listed.split(": ", 1)[1].split(", ")}
    monkeypatch.undo()
    again = run(site)
    assert again.ok
    assert len(assert_no_duplicates(state_path)) == 40
    assert not plan_site(site, state_path=state_path).plan.has_changes


def test_a_state_that_cannot_record_the_run_end_exits_non_zero(run, state_path, monkeypatch):
    def end_run(self, run_id, ok, summary):
        raise StateError(f"state {self.location}: the state file or its folder is read-only (attempt to write)")

    monkeypatch.setattr(SqliteState, "end_run", end_run)
    result = run(wide_site(5))
    assert result.exit_code == 1
    assert any("could not be recorded" in line and "read-only" in line for line in result.diagnostics)

"""State damage is found when state is opened, a backup is taken before each run, read-only commands
write nothing, and damaged or unreadable storage is a one-line error (never a traceback)."""
import io
import os
import shutil
import stat
from pathlib import Path

import pytest

from ccdsl.__main__ import main

RECORDED = shutil.ignore_patterns(".ccdsl", "build")  # an example applied in place (quick start) keeps its state there

MINIMAL = Path(__file__).resolve().parents[2] / "examples" / "minimal"


@pytest.fixture
def site(tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "site", ignore=RECORDED)
    return tmp_path / "site" / "site.ccd"


def apply(site) -> int:
    return main(["apply", str(site), "--yes", "--plain", "--time-scale", "inf"])


def test_plan_and_report_write_nothing(site, capsys):
    assert main(["plan", str(site)]) == 0
    assert not (site.parent / ".ccdsl").exists(), "plan on a fresh site creates no state"
    assert main(["report", str(site), "--list"]) == 1
    assert main(["sim", "ls", str(site)]) == 0
    assert not (site.parent / ".ccdsl").exists()


def _fingerprint(path: Path) -> tuple[int, bytes]:
    return path.stat().st_mtime_ns, path.read_bytes()


def test_plan_refresh_report_and_sim_ls_leave_the_simulated_account_untouched(site, capsys):
    assert apply(site) == 0
    folder = site.parent / ".ccdsl"
    sim_db, state_db = folder / "sim.db", folder / "state.db"
    before = _fingerprint(sim_db), _fingerprint(state_db)
    assert main(["plan", str(site), "--refresh"]) == 0
    assert main(["plan", str(site)]) == 0
    assert main(["report", str(site), "--list"]) in (0, 1)
    assert main(["sim", "ls", str(site)]) == 0
    assert (_fingerprint(sim_db), _fingerprint(state_db)) == before
    assert "No changes" in capsys.readouterr().out


def test_plan_refresh_works_on_a_read_only_simulated_account(site, capsys):
    assert apply(site) == 0
    sim_db = site.parent / ".ccdsl" / "sim.db"
    os.chmod(sim_db, 0o400)
    try:
        capsys.readouterr()
        assert main(["plan", str(site), "--refresh"]) == 0
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err and "readonly" not in captured.err
    finally:
        os.chmod(sim_db, 0o600)
    # the refresh's account is opened read-only by SQLite itself (so even root cannot write through it)
    import sqlite3

    from ccdsl.runtime.clock import WallClock
    from ccdsl.runtime.providers.sim.provider import SimProvider

    sim = SimProvider(sim_db, clock=WallClock(), readonly=True)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            sim.account.db.execute("DELETE FROM resources")
        assert sim.account.count() > 0
    finally:
        sim.close()


def test_plan_refresh_before_any_apply_creates_no_simulated_account(site):
    assert main(["plan", str(site), "--refresh"]) == 0
    assert not (site.parent / ".ccdsl").exists()


def test_files_are_private_and_a_backup_is_taken_before_each_run(site):
    assert apply(site) == 0
    folder = site.parent / ".ccdsl"
    for name in ("state.db", "sim.db", "state.db.backup"):
        assert stat.S_IMODE(os.stat(folder / name).st_mode) == 0o600, name
    from ccdsl.runtime.state.sqlite import SqliteState

    before = set(SqliteState(folder / "state.db", readonly=True).load())
    site.write_text(site.read_text().replace("queues:\n", "queues:\n  Sales: {hours: office}\n", 1))
    assert apply(site) == 0
    after = set(SqliteState(folder / "state.db", readonly=True).load())
    assert after - before == {"queue.Sales"}
    assert set(SqliteState(folder / "state.db.backup", readonly=True).load()) == before


def _corrupt_middle(path: Path) -> None:
    import sqlite3

    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # A b-tree page of the resources table, not the file header (and not the inside of a large event
    # record, whose overflow pages no integrity check can judge).
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'resources'").fetchone()[0]
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    assert 0 < start < len(data) - page_size, "the resources table lies inside the file"
    data[start + 8: start + page_size] = os.urandom(page_size - 8)
    path.write_bytes(bytes(data))


def test_damage_in_the_middle_is_detected_and_named(site, capsys):
    assert apply(site) == 0
    state = site.parent / ".ccdsl" / "state.db"
    _corrupt_middle(state)
    capsys.readouterr()
    for command in (["plan", str(site)], ["apply", str(site), "--yes", "--plain", "--time-scale", "inf"],
                    ["report", str(site), "--list"], ["report", str(site)]):
        assert main(command) == 1, command
        err = capsys.readouterr().err
        assert "Traceback" not in err and "damaged" in err and "state.db.backup" in err, (command, err)
    shutil.copy(state.with_name("state.db.backup"), state)
    for suffix in ("-wal", "-shm"):
        Path(str(state) + suffix).unlink(missing_ok=True)
    assert main(["plan", str(site)]) == 0, "the restored backup opens"


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_state_folder_is_a_one_line_error(site, capsys):
    assert apply(site) == 0
    folder = site.parent / ".ccdsl"
    os.chmod(folder, 0o500)
    try:
        capsys.readouterr()
        assert main(["plan", str(site)]) == 0
        assert main(["sim", "ls", str(site)]) == 0
        assert apply(site) in (0, 1)
        assert "Traceback" not in capsys.readouterr().err
    finally:
        os.chmod(folder, 0o700)


def test_put_parameter_reads_the_value_from_stdin(site, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-value\n"))
    assert main(["sim", "put-parameter", "/crm/token", "-", str(site)]) == 0
    from ccdsl.runtime.providers.sim.account import Account

    account = Account(site.parent / ".ccdsl" / "sim.db")
    try:
        assert account.parameter("/crm/token") == "s3cret-value"
    finally:
        account.close()
    assert stat.S_IMODE(os.stat(site.parent / ".ccdsl" / "sim.db").st_mode) == 0o600

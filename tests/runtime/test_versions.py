"""Every artefact carries a schema version: state (SQLite and S3), graph.json, plan JSON and event files.
An older state is upgraded when opened; a newer one is refused in one line, untouched."""
from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from factory import bot_site

from ccdsl.__main__ import main
from ccdsl.runtime import events as ev
from ccdsl.runtime.records import read_jsonl
from ccdsl.runtime.session import apply_site
from ccdsl.runtime.sinks import JsonLinesSink
from ccdsl.runtime.state import StateError, open_state
from ccdsl.runtime.state.schema import STATE_SCHEMA_VERSION

MINIMAL = Path(__file__).resolve().parents[2] / "examples" / "minimal" / "site.ccd"

# The tables of a state written before versions existed (user_version 0).
UNVERSIONED = """
CREATE TABLE resources (
    address TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT, phase INTEGER, inputs_hash TEXT,
    hashes TEXT, inputs TEXT, outputs TEXT, status TEXT, depends_on TEXT, error TEXT, updated_at REAL
);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, command TEXT, site TEXT, provider TEXT, pid INTEGER,
    started REAL, finished REAL, ok INTEGER, summary TEXT
);
CREATE TABLE events (run_id INTEGER, seq INTEGER, kind TEXT, t REAL, data TEXT, PRIMARY KEY (run_id, seq));
CREATE TABLE lock (
    id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER, host TEXT, started REAL, command TEXT, token TEXT
);
INSERT INTO resources VALUES ('queue.Q', 'aws_connect_queue', 'Q', 6, 'h', '{}', '{"Name": "Q"}',
    '{"id": "q-1"}', 'ok', '[]', '', 1.0);
"""


def user_version(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA user_version").fetchone()[0]
    finally:
        db.close()


def make_db(path: Path, script: str, version: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.executescript(script + f"\nPRAGMA user_version = {version};")
    db.close()
    return path


def test_a_new_sqlite_state_is_stamped_with_the_current_version(tmp_path):
    assert apply_site(bot_site(), state_path=str(tmp_path / "s.db"), time_scale=float("inf")).ok
    assert user_version(tmp_path / "s.db") == STATE_SCHEMA_VERSION == 1


def test_an_unversioned_sqlite_state_is_upgraded_and_keeps_its_records(tmp_path):
    path = make_db(tmp_path / "old.db", UNVERSIONED)
    state = open_state(path)
    try:
        records = state.load()
    finally:
        state.close()
    assert records["queue.Q"].outputs == {"id": "q-1"}
    assert user_version(path) == STATE_SCHEMA_VERSION


def test_a_newer_sqlite_state_is_refused_in_one_line_and_left_untouched(tmp_path, capsys):
    path = make_db(tmp_path / ".ccdsl" / "state.db", UNVERSIONED, version=99)
    before = path.read_bytes()
    with pytest.raises(StateError) as caught:
        open_state(path)
    message = str(caught.value)
    assert "schema version 99" in message and "newer ccdsl" in message and "\n" not in message
    for command in (["plan", str(MINIMAL)], ["apply", str(MINIMAL), "--yes"], ["report", str(MINIMAL)]):
        assert main([*command, "--state", str(path)]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "schema version 99" in err[0] and "Traceback" not in err[0], command
    assert path.read_bytes() == before and user_version(path) == 99


def test_a_sqlite_file_that_is_not_a_ccdsl_state_is_refused(tmp_path):
    path = make_db(tmp_path / "other.db", "CREATE TABLE resources (id INTEGER, colour TEXT);")
    with pytest.raises(StateError, match="not a ccdsl state: its 'resources' table lacks"):
        open_state(path)


def test_no_traceback_reaches_the_user_from_a_newer_state(tmp_path):
    path = make_db(tmp_path / "state.db", UNVERSIONED, version=7)
    done = subprocess.run([sys.executable, "-m", "ccdsl", "plan", str(MINIMAL), "--state", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().endswith("upgrade ccdsl, or point --state elsewhere")


def _s3_state(document: dict | None):
    """An S3 state whose one GetObject answers ``document`` and whose journal is empty (botocore Stubber)."""
    import boto3
    from botocore.response import StreamingBody
    from botocore.stub import Stubber

    from ccdsl.runtime.state.s3 import S3State

    client = boto3.client("s3", region_name="eu-west-2", aws_access_key_id="x", aws_secret_access_key="x")
    stub = Stubber(client)
    body = json.dumps(document).encode()
    stub.add_response("get_object", {"Body": StreamingBody(io.BytesIO(body), len(body)), "ETag": '"e1"'},
                      {"Bucket": "b", "Key": "site/state.json"})
    stub.add_response("list_objects_v2", {"KeyCount": 0}, {"Bucket": "b", "Prefix": "site/state.json.journal/"})
    stub.activate()
    return S3State("s3://b/site/state.json", client=client), stub


def test_an_unversioned_s3_state_document_is_upgraded():
    state, stub = _s3_state({"resources": {"queue.Q": {"address": "queue.Q", "type": "aws_connect_queue"}},
                             "runs": []})
    assert set(state.load()) == {"queue.Q"}
    assert state._doc["version"] == STATE_SCHEMA_VERSION
    stub.assert_no_pending_responses()


def test_a_newer_s3_state_document_is_refused():
    state, _ = _s3_state({"version": 5, "resources": {}, "runs": []})
    with pytest.raises(StateError, match="schema version 5, written by a newer ccdsl"):
        state.load()
    state, _ = _s3_state({"something": "else"})
    with pytest.raises(StateError, match="is not a ccdsl state document"):
        state.load()


def test_graph_json_and_plan_json_carry_their_schema_version(tmp_path, capsys):
    assert main(["compile", str(MINIMAL), "-o", str(tmp_path / "build")]) == 0
    assert json.loads((tmp_path / "build" / "graph.json").read_text())["schema_version"] == 1
    capsys.readouterr()
    assert main(["graph", str(MINIMAL), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["schema_version"] == 1
    assert main(["plan", str(MINIMAL), "--json", "--state", str(tmp_path / "s.db")]) == 0
    assert json.loads(capsys.readouterr().out)["schema_version"] == 1


def test_event_files_open_with_a_versioned_header(tmp_path, capsys):
    path = tmp_path / "events.jsonl"
    assert apply_site(bot_site(), state_path=str(tmp_path / "s.db"), time_scale=float("inf"),
                      sinks=[JsonLinesSink(path)]).ok
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert rows[0] == {"kind": "ccdsl_events", "schema_version": ev.SCHEMA_VERSION}
    events = read_jsonl(path)
    assert isinstance(events[0], ev.PlanReady) and isinstance(events[-1], ev.ApplyDone)
    # a file written before the header existed reads the same
    legacy = tmp_path / "legacy.jsonl"
    legacy.write_text("\n".join(path.read_text().splitlines()[1:]) + "\n")
    assert read_jsonl(legacy) == events
    # a newer file is refused in one line
    newer = tmp_path / "newer.jsonl"
    newer.write_text(json.dumps({"kind": "ccdsl_events", "schema_version": 2}) + "\n" + legacy.read_text())
    assert main(["report", str(MINIMAL), "--events", str(newer)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (f"ccdsl report: {newer}: events of schema version 2 were written by a newer ccdsl "
                   f"(this one reads up to 1); upgrade ccdsl to read them")

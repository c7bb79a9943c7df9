"""SQLite state: ``<site dir>/.ccdsl/state.db`` in WAL mode, one transaction per resource outcome.

The lock is a row naming its holder (pid, host, start time, a random token) and a lease: ``expires`` is pushed
forward every few seconds while the run lives. A second apply polls it until ``timeout_s`` and then raises
:class:`StateLocked` naming the holder. A row whose lease ran out, or whose process is gone from this host and
pid namespace (kill -9), is taken over; ``ccdsl state unlock`` removes one by hand.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

from ccdsl.runtime.state import schema
from ccdsl.runtime.state.base import LeaseKeeper, LockHolder, ResourceRecord, StateError, wait_for_lock

SCHEMA = """
CREATE TABLE IF NOT EXISTS resources (
    address TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT, phase INTEGER, inputs_hash TEXT,
    hashes TEXT, inputs TEXT, outputs TEXT, status TEXT, depends_on TEXT, error TEXT, updated_at REAL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, command TEXT, site TEXT, provider TEXT, pid INTEGER,
    started REAL, finished REAL, ok INTEGER, summary TEXT
);
CREATE TABLE IF NOT EXISTS events (
    run_id INTEGER, seq INTEGER, kind TEXT, t REAL, data TEXT, PRIMARY KEY (run_id, seq)
);
CREATE TABLE IF NOT EXISTS lock (
    id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER, host TEXT, started REAL, command TEXT, token TEXT
);
"""
#: lease columns added to the lock table of state files made before leases
LEASE_COLUMNS = {"expires": "REAL", "ident": "TEXT", "pid_start": "TEXT"}
HOLDER_COLUMNS = "pid, host, started, command, COALESCE(expires, 0), COALESCE(ident, ''), COALESCE(pid_start, '')"



class SqliteState:
    """``readonly`` (plan, report) opens without writing anything: a missing file reads as empty state."""

    def __init__(self, path: str | os.PathLike, readonly: bool = False):
        self.path = Path(path)
        self.location = str(self.path)
        self.readonly = readonly
        try:
            self._db = self._open_readonly() if readonly else self._open_writable()
            check = self._db.execute("PRAGMA quick_check").fetchall()
        except (sqlite3.Error, OSError) as exc:
            raise StateError(cause(self.location, exc)) from None
        if check != [("ok",)]:
            self._db.close()
            raise StateError(f"state {self.location}: the state file is damaged ({check[0][0]}); "
                             f"restore {self.path.name}.backup (the copy taken before the last run)")
        self._token: str | None = None
        self._seq: dict[int, int] = {}

    def _open_writable(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():  # private from the first byte: state names every resource of the site
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
        try:
            version = schema.sqlite_version(db, self.location)  # refuses a newer state untouched
        except StateError:
            db.close()
            raise
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a commit survives a killed process
        db.executescript(SCHEMA)
        have = {row[1] for row in db.execute("PRAGMA table_info(lock)")}
        for column, kind in LEASE_COLUMNS.items():
            if column not in have:
                db.execute(f"ALTER TABLE lock ADD COLUMN {column} {kind}")
        schema.sqlite_upgrade(db, version)
        return db

    def _open_readonly(self) -> sqlite3.Connection:
        if not self.path.exists():
            db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            db.executescript(SCHEMA)
            return db
        uri = self.path.resolve().as_uri()
        try:
            db = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=30.0, isolation_level=None,
                                 check_same_thread=False)
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:  # a read-only folder: WAL's shared memory cannot be made there
            db = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None, check_same_thread=False)
        try:
            schema.sqlite_version(db, self.location)  # an older state reads as it is; a newer one is refused
        except StateError:
            db.close()
            raise
        return db

    def backup(self) -> str:
        """A consistent copy of the state next to it (``state.db.backup``), taken before each run."""
        target = self.path.with_name(self.path.name + ".backup")
        partial = self.path.with_name(self.path.name + ".backup.partial")
        try:
            partial.unlink(missing_ok=True)
            self._db.execute("VACUUM INTO ?", (str(partial),))
            os.chmod(partial, 0o600)
            os.replace(partial, target)
        except (sqlite3.Error, OSError) as exc:
            partial.unlink(missing_ok=True)
            raise StateError(cause(self.location, exc).replace(": ", ": cannot back up state before the run: ", 1)
                             ) from None
        return str(target)

    # --- lock ------------------------------------------------------------------------------------
    def lock(self, holder: LockHolder, timeout_s: float = 0.0) -> None:
        self._token = wait_for_lock(lambda token: self._try_lock(holder, token), self.location, timeout_s,
                                    poll_s=0.2)
        self._keeper: LeaseKeeper | None = LeaseKeeper(self._renew)

    def _renew(self, expires: float) -> bool:
        """Push the lease forward (on the keeper's own connection); False when the lock is not ours."""
        token = self._token
        if token is None:
            return False
        db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        try:
            cur = db.execute("UPDATE lock SET expires = ? WHERE id = 1 AND token = ?", (expires, token))
            return cur.rowcount == 1
        finally:
            db.close()

    def _try_lock(self, holder: LockHolder, token: str) -> LockHolder | None:
        """None when the lock is now ours, else the current holder."""
        db = self._db
        if self.readonly:
            raise StateError(f"state {self.location} was opened read-only")
        try:
            db.execute("BEGIN IMMEDIATE")
            row = db.execute(f"SELECT {HOLDER_COLUMNS} FROM lock WHERE id = 1").fetchone()
            if row is not None:
                current = LockHolder(*row)
                if not current.stale():
                    db.execute("COMMIT")
                    return current
            db.execute(
                "INSERT OR REPLACE INTO lock (id, pid, host, started, command, token, expires, ident, pid_start)"
                " VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
                (holder.pid, holder.host, holder.started, holder.command, token, holder.expires, holder.ident,
                 holder.pid_start),
            )
            db.execute("COMMIT")
            return None
        except sqlite3.OperationalError:  # busy beyond the connection timeout: report as held
            if db.in_transaction:
                db.execute("ROLLBACK")
            return self.holder() or LockHolder(pid=0, host="?", started=time.time())

    def holder(self) -> LockHolder | None:
        try:
            row = self._db.execute(f"SELECT {HOLDER_COLUMNS} FROM lock WHERE id = 1").fetchone()
        except sqlite3.OperationalError:  # a read-only file made before leases
            row = self._db.execute("SELECT pid, host, started, command FROM lock WHERE id = 1").fetchone()
        return LockHolder(*row) if row else None

    def unlock(self) -> None:
        keeper = getattr(self, "_keeper", None)
        if keeper is not None:
            keeper.stop()
            self._keeper = None
        if self._token is not None:
            token, self._token = self._token, None
            with self._tx():
                self._db.execute("DELETE FROM lock WHERE id = 1 AND token = ?", (token,))

    def force_unlock(self) -> LockHolder | None:
        current = self.holder()
        with self._tx():
            self._db.execute("DELETE FROM lock WHERE id = 1")
        return current

    # --- resources -------------------------------------------------------------------------------
    def load(self) -> dict[str, ResourceRecord]:
        rows = self._db.execute(
            "SELECT address, type, name, phase, inputs_hash, hashes, inputs, outputs, status, depends_on, error,"
            " updated_at FROM resources"
        ).fetchall()
        out = {}
        for a, ty, name, phase, ih, hashes, inputs, outputs, status, deps, error, updated in rows:
            out[a] = ResourceRecord(
                address=a, type=ty, name=name or "", phase=phase or 0, inputs_hash=ih or "",
                hashes=json.loads(hashes or "{}"), inputs=json.loads(inputs or "{}"),
                outputs=json.loads(outputs or "{}"), status=status or "ok", depends_on=json.loads(deps or "[]"),
                error=error or "", updated_at=updated or 0.0,
            )
        return out

    def records_digest(self) -> str:
        """A digest of every recorded resource as stored, read without decoding it: any write changes it."""
        import hashlib

        h = hashlib.sha256()
        rows = self._db.execute("SELECT address, type, phase, inputs_hash, hashes, status, depends_on, outputs"
                                " FROM resources ORDER BY address")
        for row in rows:
            h.update(repr(row).encode("utf-8", "surrogateescape"))
        return h.hexdigest()

    def put(self, record: ResourceRecord, run_id: int | None = None, events=()) -> None:
        record.updated_at = time.time()
        with self._tx():
            self._db.execute(
                "INSERT OR REPLACE INTO resources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (record.address, record.type, record.name, record.phase, record.inputs_hash,
                 json.dumps(record.hashes, sort_keys=True), json.dumps(record.inputs, sort_keys=True, default=str),
                 json.dumps(record.outputs, sort_keys=True, default=str), record.status,
                 json.dumps(sorted(record.depends_on)), record.error, record.updated_at),
            )
            self._insert_events(run_id, events)

    def remove(self, address: str, run_id: int | None = None, events=()) -> None:
        with self._tx():
            self._db.execute("DELETE FROM resources WHERE address = ?", (address,))
            self._insert_events(run_id, events)

    # --- runs and events -------------------------------------------------------------------------
    def begin_run(self, command: str, site: str, provider: str) -> int:
        with self._tx():
            cur = self._db.execute(
                "INSERT INTO runs (command, site, provider, pid, started) VALUES (?, ?, ?, ?, ?)",
                (command, site, provider, os.getpid(), time.time()),
            )
        assert cur.lastrowid is not None, "an INSERT always sets the row id"
        return int(cur.lastrowid)

    def add_events(self, run_id: int, events) -> None:
        if events:
            with self._tx():
                self._insert_events(run_id, events)

    def end_run(self, run_id: int, ok: bool, summary: dict) -> None:
        with self._tx():
            self._db.execute(
                "UPDATE runs SET finished = ?, ok = ?, summary = ? WHERE id = ?",
                (time.time(), int(ok), json.dumps(summary, default=str), run_id),
            )

    def runs(self, limit: int = 20) -> list[dict]:
        rows = self._db.execute(
            "SELECT id, command, site, provider, pid, started, finished, ok, summary FROM runs"
            " ORDER BY id DESC LIMIT ?", (limit,),
        ).fetchall()
        keys = ("id", "command", "site", "provider", "pid", "started", "finished", "ok", "summary")
        return [dict(zip(keys, r)) for r in rows]

    def events(self, run_id: int) -> list[dict]:
        rows = self._db.execute("SELECT data FROM events WHERE run_id = ? ORDER BY seq", (run_id,)).fetchall()
        return [json.loads(r[0]) for r in rows]

    def close(self) -> None:
        try:
            self.unlock()
        finally:
            self._db.close()

    # --- helpers ---------------------------------------------------------------------------------
    def _insert_events(self, run_id, events) -> None:
        if run_id is None or not events:
            return
        seq = self._seq.get(run_id)
        if seq is None:
            row = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM events WHERE run_id = ?", (run_id,)).fetchone()
            seq = row[0]
        rows = []
        for e in events:
            seq += 1
            rows.append((run_id, seq, e.get("kind", ""), e.get("t", 0.0), json.dumps(e, default=str)))
        self._seq[run_id] = seq
        self._db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)", rows)

    class _Tx:
        """One write transaction; any SQLite or OS error comes out as a one-line :class:`StateError`."""

        def __init__(self, state: SqliteState):
            self.state = state

        def __enter__(self):
            try:
                self.state._db.execute("BEGIN IMMEDIATE")
            except (sqlite3.Error, OSError) as exc:
                raise StateError(cause(self.state.location, exc)) from None

        def __exit__(self, exc_type, exc, tb):
            db = self.state._db
            try:
                if exc_type is None:
                    db.execute("COMMIT")
                    return False
                if db.in_transaction:
                    db.execute("ROLLBACK")
            except (sqlite3.Error, OSError) as error:
                if db.in_transaction:
                    try:
                        db.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass
                raise StateError(cause(self.state.location, error)) from None
            if exc_type is not None and issubclass(exc_type, (sqlite3.Error, OSError)):
                raise StateError(cause(self.state.location, exc)) from None
            return False

    def _tx(self):
        return self._Tx(self)


def cause(location: str, exc: BaseException) -> str:
    """A one-line account of a storage error, naming the likely cause in words."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    low = text.lower()
    if "full" in low or getattr(exc, "errno", None) == 28:
        why = "the disk is full"
    elif "readonly" in low or "read-only" in low or "permission" in low or getattr(exc, "errno", None) in (13, 30):
        why = "the state file or its folder is read-only"
    elif "malformed" in low or "not a database" in low or "corrupt" in low:
        why = "the state file is damaged (restore state.db.backup)"
    elif "locked" in low or "busy" in low:
        why = "another process holds the database"
    else:
        why = "cannot write"
    return f"state {location}: {why} ({text})"

"""The simulated AWS account, persisted in SQLite (``sim.db`` next to the state) so that plan, apply and
destroy across invocations behave as against a real account. One row per resource it holds.

``owner`` is the ccdsl address that asked for the resource: a create repeated for the same owner (after a
killed apply, or a retried call whose response was lost) returns the existing resource, as a client
token does at AWS, instead of making a duplicate.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS resources (
    key TEXT PRIMARY KEY, id TEXT, type TEXT NOT NULL, name TEXT, scope TEXT, owner TEXT, arn TEXT,
    inputs TEXT, outputs TEXT, status TEXT, created REAL
);
CREATE INDEX IF NOT EXISTS by_owner ON resources (type, owner);
CREATE INDEX IF NOT EXISTS by_name ON resources (type, scope, name);
CREATE INDEX IF NOT EXISTS by_id ON resources (type, id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS parameters (name TEXT PRIMARY KEY, value TEXT);
"""


@dataclass(slots=True)
class Entry:
    id: str
    type: str
    name: str
    scope: str
    owner: str
    arn: str = ""
    inputs: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, Any] = field(default_factory=dict)
    status: str = "ACTIVE"
    created: float = 0.0
    key: str = ""  # internal row key

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "name": self.name, "id": self.id, "arn": self.arn, "status": self.status,
                "owner": self.owner}


class Account:
    def __init__(self, path: str | os.PathLike, region: str = "eu-west-2", account_id: str = "123456789012",
                 readonly: bool = False):
        self.path = Path(path)
        self.region = region
        self.account_id = account_id
        self.readonly = readonly
        if readonly:  # `sim ls`, `plan --refresh`: read without creating or changing anything
            if not self.path.exists():  # no account yet: an empty one in memory, nothing on disk
                self.db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
                self.db.executescript(SCHEMA)
                return
            uri = self.path.resolve().as_uri()
            self.db = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=30.0, isolation_level=None,
                                      check_same_thread=False)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():  # the simulated account holds secret values: private from the first byte
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        self.db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def _entry(self, row) -> Entry:
        key, id_, ty, name, scope, owner, arn, inputs, outputs, status, created = row
        return Entry(id_ or "", ty, name or "", scope or "", owner or "", arn or "", json.loads(inputs or "{}"),
                     json.loads(outputs or "{}"), status or "", created or 0.0, key)

    _COLS = "key, id, type, name, scope, owner, arn, inputs, outputs, status, created"

    def by_owner(self, type_: str, owner: str) -> Entry | None:
        row = self.db.execute(f"SELECT {self._COLS} FROM resources WHERE type = ? AND owner = ?",
                              (type_, owner)).fetchone()
        return self._entry(row) if row else None

    def by_name(self, type_: str, scope: str, name: str) -> Entry | None:
        row = self.db.execute(f"SELECT {self._COLS} FROM resources WHERE type = ? AND scope = ? AND name = ?",
                              (type_, scope, name)).fetchone()
        return self._entry(row) if row else None

    def get(self, type_: str, id_: str) -> Entry | None:
        row = self.db.execute(f"SELECT {self._COLS} FROM resources WHERE type = ? AND id = ?",
                              (type_, id_)).fetchone()
        return self._entry(row) if row else None

    def put(self, e: Entry) -> None:
        if not e.created:
            e.created = time.time()
        if not e.key:
            e.key = uuid.uuid4().hex
        self.db.execute(
            f"INSERT OR REPLACE INTO resources ({self._COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (e.key, e.id, e.type, e.name, e.scope, e.owner, e.arn, json.dumps(e.inputs, default=str),
             json.dumps(e.outputs, default=str), e.status, e.created),
        )

    def delete(self, key: str) -> None:
        self.db.execute("DELETE FROM resources WHERE key = ?", (key,))

    def all(self) -> list[Entry]:
        rows = self.db.execute(f"SELECT {self._COLS} FROM resources ORDER BY created, key").fetchall()
        return [self._entry(r) for r in rows]

    def count(self, type_: str | None = None, scope: str | None = None) -> int:
        sql, args = "SELECT COUNT(*) FROM resources WHERE 1=1", []
        if type_:
            sql += " AND type = ?"
            args.append(type_)
        if scope is not None:
            sql += " AND scope = ?"
            args.append(scope)
        return self.db.execute(sql, args).fetchone()[0]

    def counter(self, key: str) -> int:
        """The counter's value, without changing it."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return int(row[0]) if row else 0

    def next_counter(self, key: str) -> int:
        if self.readonly:  # nothing is minted that needs to be unique across sessions
            return self.counter(key) + 1
        self.db.execute("BEGIN IMMEDIATE")
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        value = int(row[0]) + 1 if row else 1
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, str(value)))
        self.db.execute("COMMIT")
        return value

    def parameter(self, name: str) -> str | None:
        row = self.db.execute("SELECT value FROM parameters WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def put_parameter(self, name: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO parameters VALUES (?, ?)", (name, value))

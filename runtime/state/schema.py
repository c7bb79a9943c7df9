"""Schema versions of recorded state and the path that upgrades an older one.

SQLite keeps its version in ``PRAGMA user_version``; the S3 document in its ``"version"`` field. A state
written before versions existed reads as version 0. On open, an older state is upgraded in place, step by
step through :data:`SQLITE_UPGRADES`; a newer one (written by a later ccdsl) is refused with one line, before
anything in it is touched.

To change the schema: bump :data:`STATE_SCHEMA_VERSION`, add the step from the previous version to both
upgrade tables, and add a test that a state of the previous version opens and reads.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from ccdsl.runtime.state.base import StateError

STATE_SCHEMA_VERSION = 1

# version N -> the step that turns a version-N state into N+1.
# 0 -> 1: the tables are unchanged; version 1 only starts stamping the version.
SQLITE_UPGRADES: dict[int, Callable[[sqlite3.Connection], None]] = {0: lambda db: None}
DOCUMENT_UPGRADES: dict[int, Callable[[dict[str, Any]], None]] = {0: lambda doc: None}

# Columns a state of any version has; a table missing one is not a ccdsl state.
_CORE_COLUMNS = {"resources": {"address", "type", "inputs", "outputs", "status"}, "runs": {"id", "command"}}


def newer(location: str, version: int) -> StateError:
    return StateError(f"state {location} has schema version {version}, written by a newer ccdsl (this one "
                      f"reads up to {STATE_SCHEMA_VERSION}); upgrade ccdsl, or point --state elsewhere")


def sqlite_version(db: sqlite3.Connection, location: str) -> int:
    """The version of an open SQLite state; raises :class:`StateError` when this ccdsl cannot read it."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > STATE_SCHEMA_VERSION:
        raise newer(location, version)
    for table, needed in _CORE_COLUMNS.items():
        columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        if columns and not needed <= columns:
            raise StateError(f"{location} is not a ccdsl state: its '{table}' table lacks "
                             f"{', '.join(sorted(needed - columns))}")
    return version


def sqlite_upgrade(db: sqlite3.Connection, version: int) -> None:
    """Bring a SQLite state (its tables created) from ``version`` to the current one, in one transaction."""
    if version == STATE_SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        for step in range(version, STATE_SCHEMA_VERSION):
            SQLITE_UPGRADES[step](db)
        db.execute(f"PRAGMA user_version = {STATE_SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def new_document() -> dict[str, Any]:
    return {"version": STATE_SCHEMA_VERSION, "resources": {}, "runs": []}


def upgrade_document(doc: Any, location: str) -> dict[str, Any]:
    """The S3 state document at the current version; raises :class:`StateError` when it is newer or not one."""
    if not isinstance(doc, dict) or not isinstance(doc.get("resources"), dict):
        raise StateError(f"state {location} is not a ccdsl state document")
    version = doc.get("version", 0)
    if not isinstance(version, int) or version < 0:
        raise StateError(f"state {location} has an unreadable schema version ({version!r})")
    if version > STATE_SCHEMA_VERSION:
        raise newer(location, version)
    for step in range(version, STATE_SCHEMA_VERSION):
        DOCUMENT_UPGRADES[step](doc)
    doc["version"] = STATE_SCHEMA_VERSION
    doc.setdefault("runs", [])
    return doc

"""Recorded runs back into events: from the state database (``runs`` and ``events``) or a JSON-lines
file written by ``apply --events FILE``. Unknown kinds and fields are ignored, so older and newer
records both load."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, Iterable

from ccdsl.runtime import events as ev

KINDS: dict[str, type[ev.Event]] = {
    cls.kind: cls for cls in vars(ev).values()
    if isinstance(cls, type) and issubclass(cls, ev.Event) and cls is not ev.Event
}


class NoRecordedRun(Exception):
    """There is no run to report on."""


def event_from_dict(data: dict[str, Any]) -> ev.Event | None:
    cls = KINDS.get(data.get("kind", ""))
    if cls is None:
        return None
    names = {f.name for f in dataclasses.fields(cls)}
    values = {k: v for k, v in data.items() if k in names}
    if cls is ev.PlanReady:
        pnames = {f.name for f in dataclasses.fields(ev.PlannedResource)}
        values["resources"] = tuple(
            ev.PlannedResource(**{**{k: v for k, v in r.items() if k in pnames},
                                  "depends_on": tuple(r.get("depends_on", ()))})
            for r in values.get("resources", ())
        )
    if "critical_path" in values:
        values["critical_path"] = tuple(values["critical_path"])
    try:
        return cls(**values)
    except TypeError:  # a required field is missing: not an event this version understands
        return None


def events_from_dicts(rows: Iterable[dict[str, Any]]) -> list[ev.Event]:
    return [e for e in (event_from_dict(r) for r in rows) if e is not None]


def read_jsonl(path: str | Path) -> list[ev.Event]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                rows.append(json.loads(line))
    return events_from_dicts(rows)


def read_state(state_path: str | Path, run_id: int | None = None) -> tuple[dict[str, Any], list[ev.Event]]:
    """The run ``run_id`` and its events; by default the latest run that changed something (or else the
    latest with a plan)."""
    from ccdsl.runtime.state.base import StateError, open_state

    if not str(state_path).startswith("s3://") and not Path(state_path).exists():
        raise NoRecordedRun(f"no state at {state_path}: nothing has been applied yet")
    try:
        return _read_state(open_state(state_path, readonly=True), state_path, run_id)
    except StateError as exc:
        raise NoRecordedRun(str(exc)) from None


def _read_state(state: Any, state_path: str | Path, run_id: int | None) -> tuple[dict[str, Any], list[ev.Event]]:
    import sqlite3

    try:
        runs = state.runs(limit=50)
        if run_id is not None:
            runs = [r for r in runs if r["id"] == run_id]
            if not runs:
                raise NoRecordedRun(f"no run {run_id} in {state_path}")
        fallback = None
        for run in runs:
            events = events_from_dicts(state.events(run["id"]))
            plans = [e for e in events if isinstance(e, ev.PlanReady)]
            if not plans:
                continue
            if run_id is not None or any(p.action != "noop" for p in plans[0].resources):
                return run, events
            fallback = fallback or (run, events)  # a run with nothing to do: only if no run did anything
        if fallback is not None:
            return fallback
    except sqlite3.Error as exc:
        raise NoRecordedRun(f"state {state_path}: cannot be read ({exc})") from None
    finally:
        state.close()
    raise NoRecordedRun(f"no recorded run with events in {state_path}")

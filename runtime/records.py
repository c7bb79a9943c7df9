"""Recorded runs back into events: from the state (``runs`` and ``events``) or a JSON-lines file written by
``apply --events FILE``, through :func:`ccdsl.runtime.events.events_from_dicts` (unknown kinds and fields
are ignored; a file of a newer schema version is refused)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ccdsl.runtime import events as ev


class NoRecordedRun(Exception):
    """There is no run to report on."""


def read_jsonl(path: str | Path) -> list[ev.Event]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            line = line.strip()
            if line:
                try:
                    rows.append(json.loads(line))
                except ValueError:
                    raise ValueError(f"{path}:{number}: not a JSON event record") from None
    return ev.events_from_dicts(rows, str(path))


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
            events = ev.events_from_dicts(state.events(run["id"]), str(state_path))
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

"""The no-op re-apply: an apply whose inputs have not changed since the last apply, against a state nobody
touched since, reports "no changes" without validating, compiling or diffing.

A successful apply (every planned change done and recorded) stores in its run record what its compile read
(:func:`ccdsl.runtime.readset.fingerprint`: the site file, function code folders, prompts, flow templates …,
the ccdsl code and library versions), the settings that decide the plan, and a digest of the state it left.
Before compiling, :func:`unchanged_since_last_apply` reads the last run of the state: when it is that
apply, the state digest is the same and every input reads the same, the plan would be empty. Any other run
since (apply, destroy, import …), any change of state (``ccdsl state rm``, a failed run …), any edit of a file
the compile read, a file added to a folder it listed, or another ccdsl makes the apply compile as usual.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ccdsl.runtime import readset
from ccdsl.runtime.options import RunOptions

#: the run record's summary key holding the record
KEY = "unchanged_if"


@dataclass(frozen=True, slots=True)
class NoChanges:
    """What ``apply`` shows when nothing changed: the plan's header line, as a compiled plan would show it."""

    site: str
    region: str


def settings(site_file: Path, options: RunOptions) -> dict[str, Any]:
    """What decides the plan besides the files the compile reads."""
    return {"site": os.path.realpath(site_file), "provider": options.provider, "account": options.account,
            "target": options.target}


def state_digest(state: Any) -> str:
    """A digest of every recorded resource; any write to state changes it."""
    own = getattr(state, "records_digest", None)
    if own is not None:
        return str(own())
    from ccdsl.runtime.plan import records_digest

    return records_digest(state.load())


def record(site: Any, options: RunOptions, state: Any) -> dict[str, Any] | None:
    """What a successful apply of ``site`` stores for the next one (None when its compile was not recorded)."""
    inputs = getattr(site, "inputs", None)
    if not isinstance(inputs, dict) or not inputs.get("site_file") or options.destroy:
        return None
    return {"inputs": inputs, "settings": settings(Path(inputs["site_file"]), options), "site": site.site,
            "region": site.region or "", "state": state_digest(state)}


def unchanged_since_last_apply(site_path: Any, options: RunOptions) -> NoChanges | None:
    """:class:`NoChanges` when an apply of ``site_path`` now would find nothing to do, for certain; None when
    it has to compile to know (never an error: the normal path reports problems)."""
    if options.destroy or options.refresh or not isinstance(site_path, (str, os.PathLike)):
        return None
    from ccdsl.runtime.state.base import StateError, open_state, state_location

    site_file = Path(site_path)
    try:
        if not site_file.is_file():
            return None
        state = open_state(state_location(site_file, options.state_path), readonly=True)
    except (StateError, OSError):
        return None
    try:
        runs = state.runs(limit=1)
        if not runs or runs[0].get("command") != "apply" or not runs[0].get("ok"):
            return None
        summary = runs[0].get("summary")
        saved = (json.loads(summary) if isinstance(summary, str) else summary or {}).get(KEY)
        if not isinstance(saved, dict) or saved.get("settings") != settings(site_file, options):
            return None
        if saved.get("state") != state_digest(state) or not readset.unchanged(saved.get("inputs")):
            return None
        return NoChanges(site=str(saved.get("site", "")), region=str(saved.get("region", "")))
    except (StateError, OSError, ValueError, AttributeError, TypeError):
        return None
    finally:
        state.close()


def record_unchanged(site: Any, plan: Any, options: RunOptions) -> bool:
    """After a compile found nothing to do (an input was edited without changing a resource, another ccdsl):
    record this compile's inputs as a no-change apply, so the next apply need not compile. Only when the state
    is exactly what the plan was made against and its lock is free at once; True when recorded."""
    if plan is None or plan.has_changes or options.destroy or not isinstance(getattr(site, "inputs", None), dict):
        return False
    from ccdsl.runtime.plan import records_digest
    from ccdsl.runtime.state.base import LockHolder, StateError, open_state, state_location

    try:
        state = open_state(state_location(site.inputs["site_file"], options.state_path))
    except (StateError, OSError):
        return False
    try:
        state.lock(LockHolder.me("apply"), 0.0)
        records = state.load()
        if not records or records_digest(records) != plan.records_digest:
            return False
        unchanged_if = record(site, options, state)
        if unchanged_if is None:
            return False
        run_id = state.begin_run("apply", site.site, options.provider)
        counts = {"done": 0, "failed": 0, "skipped": 0, "pending": 0, "noop": len(plan.changes)}
        state.end_run(run_id, True, {"counts": counts, "elapsed_s": 0.0, "write_calls": 0, KEY: unchanged_if})
        return True
    except (StateError, OSError):
        return False
    finally:
        try:
            state.close()
        except (StateError, OSError):
            pass

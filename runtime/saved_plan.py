"""Saved plans: ``ccdsl plan SITE --out FILE`` writes one, ``ccdsl apply FILE`` executes exactly it.

A saved plan is a JSON document: the plan as ``plan --json`` shows it, plus what it was made from — the
site file, the state location, the provider and mode, and two digests: one of the desired resources
(:func:`ccdsl.runtime.plan.site_digest`) and one of the records in state
(:func:`ccdsl.runtime.plan.records_digest`). Planning is deterministic, so when both digests still match
at apply time (checked under the state lock) the plan made again is the saved plan, change for change;
when either moved, the apply is refused and says which.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ccdsl.runtime.options import RunOptions

SAVED_PLAN_KIND = "ccdsl_plan"
# Version of the saved plan file. Bump it when a field changes meaning or is removed.
SAVED_PLAN_VERSION = 1


class SavedPlanError(ValueError):
    """The file is not a saved plan this version can read."""


@dataclass(frozen=True, slots=True)
class SavedPlan:
    site_path: str
    state_path: str
    provider: str
    destroy: bool
    release_numbers: bool
    site_digest: str
    records_digest: str
    changes: tuple[tuple[str, str], ...]  # (address, action) of each change, in plan order
    plan: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": SAVED_PLAN_KIND, "schema_version": SAVED_PLAN_VERSION, "site_path": self.site_path,
                "state_path": self.state_path, "provider": self.provider, "destroy": self.destroy,
                "release_numbers": self.release_numbers, "site_digest": self.site_digest,
                "records_digest": self.records_digest, "plan": self.plan}


def make_saved(plan: Any, site_path: str | os.PathLike, state_path: str, options: RunOptions) -> SavedPlan:
    """The saved form of ``plan`` (a :class:`~ccdsl.runtime.plan.Plan`) made for ``site_path``."""
    body = plan.to_json()
    return SavedPlan(
        site_path=str(Path(site_path).resolve()), state_path=_location(state_path), provider=options.provider,
        destroy=plan.destroy, release_numbers=options.release_numbers, site_digest=plan.site_digest,
        records_digest=plan.records_digest,
        changes=tuple((c["address"], c["action"]) for c in body["changes"]), plan=body,
    )


def write(saved: SavedPlan, path: str | os.PathLike) -> None:
    """The saved plan as ``json.dumps(saved.to_dict(), indent=1)`` and a newline, written a change at a time."""
    from ccdsl.compiler import jsonout

    with open(path, "w", encoding="utf-8") as fh:
        jsonout.dump(saved.to_dict(), fh, sort_keys=False, ensure_ascii=True, indent=1, depth=3)
        fh.write("\n")


def is_saved_plan(path: str | os.PathLike) -> bool:
    """Whether ``path`` looks like a saved plan (a JSON document of its kind) rather than a site."""
    try:
        with open(path, encoding="utf-8") as fh:
            head = fh.read(200)
    except (OSError, UnicodeDecodeError):
        return False
    return head.lstrip().startswith("{") and SAVED_PLAN_KIND in head


def read(path: str | os.PathLike) -> SavedPlan:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SavedPlanError(f"{path}: cannot read the saved plan: {exc}") from None
    if not isinstance(data, dict) or data.get("kind") != SAVED_PLAN_KIND:
        raise SavedPlanError(f"{path}: not a saved plan (write one with `ccdsl plan SITE --out {path}`)")
    version = data.get("schema_version")
    if not isinstance(version, int) or version > SAVED_PLAN_VERSION:
        raise SavedPlanError(f"{path}: a saved plan of version {version!r}; this ccdsl reads up to "
                             f"{SAVED_PLAN_VERSION}")
    try:
        plan = data["plan"]
        return SavedPlan(
            site_path=str(data["site_path"]), state_path=str(data["state_path"]), provider=str(data["provider"]),
            destroy=bool(data["destroy"]), release_numbers=bool(data.get("release_numbers", False)),
            site_digest=str(data["site_digest"]), records_digest=str(data["records_digest"]),
            changes=tuple((c["address"], c["action"]) for c in plan["changes"]), plan=plan,
        )
    except (KeyError, TypeError) as exc:
        raise SavedPlanError(f"{path}: the saved plan is incomplete (missing {exc})") from None


def stale_reasons(saved: SavedPlan, site: Any, records: dict[str, Any], options: RunOptions) -> list[str]:
    """Why ``saved`` can no longer be applied as it is: empty when the site and state are as they were."""
    from ccdsl.runtime.plan import make_plan, records_digest, site_digest

    why = []
    if site_digest(site) != saved.site_digest:
        why.append(f"{Path(saved.site_path).name} changed since the plan was made")
    if records_digest(records) != saved.records_digest:
        why.append("state changed since the plan was made (another apply ran)")
    if options.destroy != saved.destroy:
        why.append("the plan is a " + ("destroy" if saved.destroy else "apply") + " plan")
    if not why:
        again = make_plan(site, records, destroy=saved.destroy)
        now = tuple((c["address"], c["action"]) for c in again.to_json()["changes"])
        if now != saved.changes:
            why.append("planning again gives different changes")
    return why


def _location(state_path: str) -> str:
    return state_path if state_path.startswith("s3://") else str(Path(state_path).resolve())

"""Positions for the console's flow designer: a simple layered layout.

Each action's column is its distance (in transitions) from the start; within a column actions
keep document order; shared ends sit in a column of their own on the right. Deterministic, so recompiling
never moves a block.
"""
from __future__ import annotations

from collections import deque

ENTRY = {"x": 40, "y": 40}
X0, DX = 240, 300
Y0, GAP = 40, 60
BLOCK, BRANCH = 120, 32  # a block's height in the designer: a base plus one row per branch


def _targets(action: dict) -> list[str]:
    tr = action.get("Transitions", {})
    out = [tr["NextAction"]] if "NextAction" in tr else []
    out += [c["NextAction"] for c in tr.get("Conditions", [])]
    out += [e["NextAction"] for e in tr.get("Errors", [])]
    return out


def layers(doc: dict) -> dict[str, int]:
    """Breadth-first distance of every action from the StartAction (unreachable: last column + 1)."""
    by_id = {a["Identifier"]: a for a in doc["Actions"]}
    depth = {doc["StartAction"]: 0}
    todo = deque([doc["StartAction"]])
    while todo:
        ident = todo.popleft()
        for nxt in _targets(by_id.get(ident, {})):
            if nxt in by_id and nxt not in depth:
                depth[nxt] = depth[ident] + 1
                todo.append(nxt)
    last = max(depth.values(), default=0) + 1
    return {ident: depth.get(ident, last) for ident in by_id}


def height(action: dict) -> int:
    tr = action.get("Transitions", {})
    return BLOCK + BRANCH * (len(tr.get("Conditions", [])) + len(tr.get("Errors", [])))


def layout(doc: dict, extras: dict[str, dict] | None = None, last: frozenset[str] = frozenset()) -> dict:
    """The ``Metadata`` object: entry point, and per action its position (plus ``extras``).
    Actions named in ``last`` (shared ends such as the default disconnect) go to the rightmost column."""
    extras = extras or {}
    column = layers(doc)
    right = max((c for ident, c in column.items() if ident not in last), default=0) + 1
    column.update({ident: right for ident in column if ident in last})
    tops: dict[int, int] = {}
    meta: dict[str, dict] = {}
    for action in doc["Actions"]:
        ident = action["Identifier"]
        col = column[ident]
        y = tops.get(col, Y0)
        tops[col] = y + height(action) + GAP
        meta[ident] = {"position": {"x": X0 + DX * col, "y": y}, "isFriendlyName": True, **extras.get(ident, {})}
    return {"entryPointPosition": dict(ENTRY), "snapToGrid": False, "ActionMetadata": meta}

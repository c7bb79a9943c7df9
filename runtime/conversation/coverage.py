"""Transition coverage of a suite, per flow (after Dialogflow CX's transition coverage).

Every branch of every action counts: each condition, each error branch and the success path of an
action without conditions. An error branch that leads to the same action as the success path is the
same transition for the caller and counts once (a ``say`` that fails still goes on to the next statement).
Uncovered branches are listed with the ``.ccd`` line of their action.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .site import ConversationSite


def branch_label(action: dict, branch: str) -> str:
    if branch.startswith("cond:"):
        k = int(branch[5:])
        conditions = (action.get("Transitions") or {}).get("Conditions") or []
        if k < len(conditions):
            cond = conditions[k].get("Condition") or {}
            operands = ", ".join(str(o) for o in cond.get("Operands") or [])
            return operands if cond.get("Operator") == "Equals" else f"{cond.get('Operator')} {operands}"
    return "success" if branch == "next" else branch


#: actions whose success takes the contact out of the flow (its NextAction is never followed)
LEAVES = {"TransferContactToQueue": "(queued)", "TransferToFlow": "(the other flow)",
          "TransferParticipantToThirdParty": "(the number)"}


def branch_target(action: dict, branch: str) -> str:
    tr = action.get("Transitions") or {}
    if branch == "next" and action.get("Type") in LEAVES and \
            str((action.get("Parameters") or {}).get("ContinueFlowExecution")) != "True":
        return LEAVES[action["Type"]]
    if branch.startswith("cond:"):
        conditions = tr.get("Conditions") or []
        k = int(branch[5:])
        return str(conditions[k]["NextAction"]) if k < len(conditions) else str(tr.get("NextAction"))
    for error in tr.get("Errors") or []:
        if error.get("ErrorType") == branch:
            return str(error["NextAction"])
    return str(tr.get("NextAction", "(end)"))


def transitions(action: dict) -> list[str]:
    """The branches of an action that count (``next``, ``cond:<i>``, error types)."""
    tr = action.get("Transitions") or {}
    conditions = tr.get("Conditions") or []
    out = [f"cond:{k}" for k in range(len(conditions))]
    success = None if conditions else tr.get("NextAction")
    if success is not None:
        out.append("next")
    leaves = branch_target(action, "next") in LEAVES.values()
    for error in tr.get("Errors") or []:
        if leaves or error.get("NextAction") != success:
            out.append(str(error.get("ErrorType")))
    return out


def canonical(action: dict, branch: str) -> str:
    """A taken branch as it counts: an error going where success goes is the success transition."""
    tr = action.get("Transitions") or {}
    if branch_target(action, "next") in LEAVES.values():
        return branch
    if branch not in ("next",) and not branch.startswith("cond:") and not tr.get("Conditions"):
        if branch_target(action, branch) == tr.get("NextAction"):
            return "next"
    return branch


@dataclass
class FlowCoverage:
    covered: int = 0
    total: int = 0
    uncovered: list[dict[str, Any]] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return round(100.0 * self.covered / self.total, 1) if self.total else 100.0


@dataclass
class Coverage:
    flows: dict[str, FlowCoverage]

    @property
    def covered(self) -> int:
        return sum(f.covered for f in self.flows.values())

    @property
    def total(self) -> int:
        return sum(f.total for f in self.flows.values())

    @property
    def percent(self) -> float:
        return round(100.0 * self.covered / self.total, 1) if self.total else 100.0

    def to_dict(self) -> dict[str, Any]:
        return {"transitions": {"covered": self.covered, "total": self.total, "percent": self.percent},
                "flows": {name: {"covered": f.covered, "total": f.total, "percent": f.percent,
                                 "uncovered": f.uncovered} for name, f in sorted(self.flows.items())}}


def measure(site: ConversationSite, taken: Iterable[tuple[str, str, str]]) -> Coverage:
    seen: set[tuple[str, str, str]] = set()
    for flow_name, ident, branch in taken:
        flow = site.flows.get(flow_name)
        if flow and ident in flow.actions:
            seen.add((flow_name, ident, canonical(flow.actions[ident], branch)))
    out: dict[str, FlowCoverage] = {}
    for name, flow in sorted(site.flows.items()):
        fc = FlowCoverage()
        for ident, action in flow.actions.items():
            for branch in transitions(action):
                fc.total += 1
                if (name, ident, branch) in seen:
                    fc.covered += 1
                else:
                    span = flow.where(ident)
                    fc.uncovered.append({"action": ident, "branch": branch_label(action, branch),
                                         "to": branch_target(action, branch),
                                         "file": span.file if span else None, "line": span.line if span else None})
        out[name] = fc
    return Coverage(out)

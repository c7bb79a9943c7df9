"""The flow validator: checks a Connect flow-language document the way CreateContactFlow does.

``validate_flow_json(doc, flow_type)`` returns a list of :class:`Problem` (a ``path`` in Connect's
own notation, ``Actions[3].Transitions.NextAction``, and a message); an empty list means the
document conforms. Every rule comes from the action catalogue (:mod:`ccdsl.dsl.flows.catalog`);
parameter rules live in :mod:`.validate_params`.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import catalog as cat
from .validate_params import check_parameters

Add = Callable[[str, str], None]  # records a problem at a JSON path

METADATA_TYPES = {"contactFlow": cat.CONTACT_FLOW, "outboundWhisper": cat.OUTBOUND_WHISPER,
                  "customerQueue": cat.CUSTOMER_QUEUE, "customerHold": cat.CUSTOMER_HOLD,
                  "agentHold": cat.AGENT_HOLD, "customerWhisper": cat.CUSTOMER_WHISPER,
                  "agentWhisper": cat.AGENT_WHISPER, "agentTransfer": cat.AGENT_TRANSFER,
                  "queueTransfer": cat.QUEUE_TRANSFER}


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def serialize_flow(doc: Mapping) -> str:
    """The ``Content`` string sent to Connect (compact JSON, key order kept)."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def infer_flow_type(doc: Mapping) -> str | None:
    if "Settings" in doc:
        return cat.MODULE
    meta = doc.get("Metadata")
    if isinstance(meta, Mapping):
        return METADATA_TYPES.get(str(meta.get("type")))
    return None


def validate_flow_json(doc: Any, flow_type: str | None = None) -> list[Problem]:
    """All problems of one flow document (a dict, or its JSON text); ``flow_type`` is the
    CreateContactFlow ``Type`` (or ``MODULE``); when None it is inferred where the document says."""
    problems: list[Problem] = []
    add = lambda path, msg: problems.append(Problem(path, msg))  # noqa: E731
    if isinstance(doc, str):
        try:
            doc = json.loads(doc)
        except ValueError as exc:
            return [Problem("", f"Content is not valid JSON: {exc}")]
    if not isinstance(doc, Mapping):
        return [Problem("", "Content must be a JSON object")]
    size = len(serialize_flow(doc))
    if size > cat.MAX_CONTENT_CHARS:
        add("", f"Content is {size} characters; at most {cat.MAX_CONTENT_CHARS} allowed")
    if doc.get("Version") != cat.VERSION:
        add("Version", f"Version must be '{cat.VERSION}'")
    if "Metadata" in doc and not isinstance(doc["Metadata"], Mapping):
        add("Metadata", "Metadata must be an object")
    actions = doc.get("Actions")
    if not isinstance(actions, list) or not actions:
        add("Actions", "Actions must be a non-empty list")
        return problems
    if len(actions) > cat.MAX_ACTIONS:
        add("Actions", f"{len(actions)} actions; at most {cat.MAX_ACTIONS} allowed per flow")
    flow_type = flow_type or infer_flow_type(doc)
    if flow_type is not None and flow_type not in cat.FLOW_TYPES:
        add("", f"unknown flow type '{flow_type}'")
        flow_type = None

    ids: dict[str, int] = {}
    for i, action in enumerate(actions):
        ident = action.get("Identifier") if isinstance(action, Mapping) else None
        if isinstance(ident, str):
            if ident in ids:
                add(f"Actions[{i}].Identifier", f"duplicate Identifier '{ident}' (also Actions[{ids[ident]}])")
            ids.setdefault(ident, i)
    start = doc.get("StartAction")
    if not isinstance(start, str) or start not in ids:
        add("StartAction", f"StartAction '{start}' is not the Identifier of an action")
    for i, action in enumerate(actions):
        _check_action(action, f"Actions[{i}]", flow_type, ids, add)
    return problems


def _check_identifier(ident: Any, path: str, add: Add) -> None:
    if not isinstance(ident, str) or not ident:
        add(path, "Identifier must be a non-empty string")
        return
    if len(ident) > cat.MAX_IDENTIFIER_CHARS:
        add(path, f"Identifier is {len(ident)} characters; at most {cat.MAX_IDENTIFIER_CHARS} allowed")
    banned = sorted(set(ident) & cat.BANNED_IDENTIFIER_CHARS)
    if banned:
        add(path, f"Identifier contains banned character(s) {' '.join(banned)}")
    if ident in cat.BANNED_IDENTIFIERS:
        add(path, f"Identifier '{ident}' is a reserved word")


def _check_action(action: Any, path: str, flow_type: str | None, ids: Mapping[str, int], add: Add) -> None:
    if not isinstance(action, Mapping):
        add(path, "action must be an object")
        return
    _check_identifier(action.get("Identifier"), f"{path}.Identifier", add)
    kind = action.get("Type")
    spec = cat.spec(kind) if isinstance(kind, str) else None
    if spec is None:
        add(f"{path}.Type", f"Invalid Action type '{kind}'")
        return
    params = action.get("Parameters", {})
    if not isinstance(params, Mapping):
        add(f"{path}.Parameters", "Parameters must be an object")
        params = {}
    spec = spec.variant(params)
    if flow_type is not None and not spec.allowed_in(flow_type):
        add(f"{path}.Type", f"{kind} is not allowed in a {flow_type} flow")
    check_parameters(spec, params, f"{path}.Parameters", add)
    transitions = action.get("Transitions")
    if not isinstance(transitions, Mapping):
        add(f"{path}.Transitions", "Transitions must be an object")
        return
    _check_transitions(spec, transitions, f"{path}.Transitions", ids, add)


def _check_transitions(spec: cat.ActionSpec, tr: Mapping, path: str, ids: Mapping[str, int], add: Add) -> None:
    unknown = set(tr) - {"NextAction", "Errors", "Conditions"}
    for key in sorted(unknown):
        add(f"{path}.{key}", "Invalid Action property name")
    if spec.terminal == "always":
        if tr:
            add(path, f"{spec.type} is terminal: Transitions must be {{}} (Action does not support transitions)")
        return
    errors, conditions = tr.get("Errors", []), tr.get("Conditions", [])
    if not isinstance(errors, list):
        add(f"{path}.Errors", "Errors must be a list")
        errors = []
    if not isinstance(conditions, list):
        add(f"{path}.Conditions", "Conditions must be a list")
        conditions = []
    has_next = "NextAction" in tr
    if not has_next:
        if spec.terminal == "never":
            add(f"{path}.NextAction", f"{spec.type} needs a NextAction")
        elif errors or conditions:
            add(path, "branches without a NextAction")
        return

    def target(p: str, value: Any) -> None:
        if not isinstance(value, str) or not value:
            add(p, "Invalid Action property value (NextAction must name an action)")
        elif value not in ids:
            add(p, f"NextAction '{value}' is not the Identifier of an action")

    target(f"{path}.NextAction", tr["NextAction"])
    error_targets: dict[Any, Any] = {}
    for j, err in enumerate(errors):
        p = f"{path}.Errors[{j}]"
        if not isinstance(err, Mapping):
            add(p, "error branch must be an object")
            continue
        et = err.get("ErrorType")
        if et in error_targets:
            add(f"{p}.ErrorType", f"duplicate ErrorType '{et}'")
        error_targets[et] = err.get("NextAction")
        allowed = spec.errors_required | (spec.errors_optional or frozenset())
        if spec.errors_optional is not None and et not in allowed:
            add(f"{p}.ErrorType", f"{spec.type} does not support ErrorType '{et}'"
                + (f" (allowed: {', '.join(sorted(allowed))})" if allowed else ""))
        target(f"{p}.NextAction", err.get("NextAction"))
    for missing in sorted(spec.errors_required - set(error_targets)):
        add(f"{path}.Errors", f"{spec.type} requires an error branch for '{missing}'")

    operand_targets: dict[str, Any] = {}
    for j, cond in enumerate(conditions):
        p = f"{path}.Conditions[{j}]"
        if not isinstance(cond, Mapping) or not isinstance(cond.get("Condition"), Mapping):
            add(p, "condition must be an object with a Condition")
            continue
        c = cond["Condition"]
        if c.get("Operator") not in cat.CONDITION_OPERATORS:
            add(f"{p}.Condition.Operator", f"unknown operator '{c.get('Operator')}'")
        operands = c.get("Operands")
        if not isinstance(operands, list) or len(operands) != 1 or not isinstance(operands[0], str):
            add(f"{p}.Condition.Operands", "Operands must be a list of exactly one string")
        else:
            operand_targets.setdefault(operands[0], cond.get("NextAction"))
            if spec.operands is not None and operands[0] not in spec.operands:
                add(f"{p}.Condition.Operands", f"{spec.type} does not support operand '{operands[0]}'"
                    f" (allowed: {', '.join(sorted(spec.operands))})")
            if spec.type == "GetParticipantInput" and not _is_dtmf_key(operands[0]):
                add(f"{p}.Condition.Operands", f"menu choice '{operands[0]}' must be one of 0-9, * or #")
        target(f"{p}.NextAction", cond.get("NextAction"))
    if conditions and spec.conditions == "none":
        add(f"{path}.Conditions", f"{spec.type} does not support Conditions here")
    if not conditions and spec.conditions == "required":
        add(f"{path}.Conditions", f"{spec.type} needs at least one condition")

    if spec.next_action:
        kind, _, name = spec.next_action.partition(":")
        branch = error_targets if kind == "error" else operand_targets
        if name in branch and branch[name] != tr["NextAction"]:
            add(f"{path}.NextAction", f"NextAction must duplicate the {name} target '{branch[name]}'")


def _is_dtmf_key(value: str) -> bool:
    return len(value) == 1 and value in "0123456789*#"

"""Decompiler rows for the customer-data statements (``get profile``, ``create profile``, ``get case``,
``create case``, ``check voice id``) and for ``task`` and ``callback`` with their options. They invert
:mod:`ccdsl.compiler.flows.blocks`; :data:`BLOCK_ROWS` is merged into :data:`.flows.ROWS` (its rows for
CreateTask and CreateCallbackContact replace the plainer ones there).

Set Voice ID is two actions (UpdateContactData with the Voice ID keys, then StartVoiceIdStream): it is read
back by :mod:`.option_rows`.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ccdsl.compiler.flows.blocks import CALLBACK_ATTEMPTS, CALLBACK_DELAY, CALLBACK_RETRY
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.flows import catalog as cat
from ccdsl.dsl.flows.blocks import RESULT_ERRORS

from .actions import Action, Inexpressible
from .names import NAME_RE
from .rowkit import Context, Decoded, Ref, error_target, value, whole

NME = cat.NO_MATCHING_ERROR


def _request(mapping: Any, what: str) -> tuple[A.Assignment, ...]:
    """``k = v, …`` from a map of fields (text or contact attributes)."""
    if not isinstance(mapping, Mapping) or not mapping:
        raise Inexpressible(f"{what} that is not a mapping of values")
    for key in mapping:
        if not NAME_RE.match(str(key)):
            raise Inexpressible(f"{what} key {key!r}")
    return tuple(A.Assignment(str(k), value(v)) for k, v in mapping.items())


def _names(items: Any, what: str) -> tuple[A.Name, ...]:
    if not isinstance(items, list) or not all(isinstance(i, str) and NAME_RE.match(i) for i in items):
        raise Inexpressible(f"{what} that is not a list of field names")
    return tuple(A.Name(i) for i in items)


def _flag(act: Action, param: str) -> bool:
    raw = str(act.params.get(param, "false")).lower()
    if raw not in ("true", "false"):
        raise Inexpressible(f"{param} {act.params.get(param)!r}")
    return raw == "true"


def _results(act: Action, stmt: A.Stmt, error: str) -> tuple[list[tuple[str, str]], tuple[str, ...]]:
    """(result, target) of each result branch that goes elsewhere than the error branch (the default there)."""
    kinds = {kind: result for result, kind in RESULT_ERRORS[type(stmt)].items() if result in A.results_of(stmt)}
    act.errors_only(NME, *kinds)
    out = [(kinds[kind], target) for kind, target in act.errors.items() if kind in kinds and target != error]
    return out, tuple(t for _r, t in out)


def _branches(results: list[tuple[str, str]], ref: Ref) -> tuple[A.IntentBranch, ...]:
    return tuple(A.IntentBranch((A.Name(r),), ref(t)) for r, t in results)


def _with_results(stmt: A.Stmt, act: Action) -> Decoded:
    act.no_conditions()
    error = error_target(act)
    results, targets = _results(act, stmt, error)
    return Decoded(lambda ref: _replace(stmt, results=_branches(results, ref), error=ref(error)), act.next,
                   targets + (error,), error)


def _replace(stmt: A.Stmt, **changes: Any) -> A.Stmt:
    import dataclasses

    return dataclasses.replace(stmt, **changes)  # type: ignore[type-var]


def _get_profile(act: Action, cx: Context) -> Decoded:
    act.only("ProfileRequestData", "ProfileResponseData")
    stmt = A.GetProfile(_request(act.params.get("ProfileRequestData"), "ProfileRequestData"),
                        _names(act.params.get("ProfileResponseData", []), "ProfileResponseData"))
    return _with_results(stmt, act)


def _create_profile(act: Action, cx: Context) -> Decoded:
    act.only("ProfileRequestData", "ProfileResponseData")
    act.no_conditions()
    act.errors_only(NME)
    error = error_target(act)
    stmt = A.CreateProfile(_request(act.params.get("ProfileRequestData"), "ProfileRequestData"),
                           _names(act.params.get("ProfileResponseData", []), "ProfileResponseData"))
    return Decoded(lambda ref: _replace(stmt, error=ref(error)), act.next, (error,), error)


def _get_case(act: Action, cx: Context) -> Decoded:
    act.only("LinkContactToCase", "GetLastUpdatedCase", "CaseResponseFields", "CaseRequestFields")
    stmt = A.GetCase(_request(act.params.get("CaseRequestFields"), "CaseRequestFields"),
                     _names(act.params.get("CaseResponseFields", []), "CaseResponseFields"),
                     _flag(act, "GetLastUpdatedCase"), _flag(act, "LinkContactToCase"))
    return _with_results(stmt, act)


def _create_case(act: Action, cx: Context) -> Decoded:
    act.only("LinkContactToCase", "CaseTemplateId", "CaseRequestFields")
    stmt = A.CreateCase(act.text("CaseTemplateId"), _request(act.params.get("CaseRequestFields"), "CaseRequestFields"),
                        _flag(act, "LinkContactToCase"))
    return _with_results(stmt, act)


def _check_voice_id(act: Action, cx: Context) -> Decoded:
    act.only("CheckVoiceIdOption")
    option = act.params.get("CheckVoiceIdOption")
    check = next((k for k, (o, _r) in A.VOICE_ID_CHECKS.items() if o == option), None)
    if check is None:
        raise Inexpressible(f"CheckVoiceIdOption {option!r}")
    act.errors_only(NME)
    error, otherwise = error_target(act), act.next
    if not otherwise:
        raise Inexpressible("no NextAction")
    groups: dict[str, list[A.Name]] = {}
    for op, operands, target in act.conditions:
        if op != "Equals" or len(operands) != 1 or str(operands[0]) not in A.VOICE_ID_CHECKS[check][1]:
            raise Inexpressible(f"condition {op} {list(operands)}")
        groups.setdefault(target, []).append(A.Name(str(operands[0])))
    return Decoded(lambda ref: A.CheckVoiceId(check, tuple(A.IntentBranch(tuple(r), ref(t)) for t, r in groups.items()),
                                              error=ref(error)), otherwise, tuple(groups) + (error,), error)


def _task(act: Action, cx: Context) -> Decoded:
    act.only("Name", "ContactFlowId", "Description", "Attributes")
    act.no_conditions()
    act.errors_only(NME)
    error = error_target(act)
    name, flow = act.text("Name"), cx.ref(act, "flow", "ContactFlowId")
    description = act.text("Description") if "Description" in act.params else None
    attributes = _request(act.params["Attributes"], "Attributes") if act.params.get("Attributes") else ()
    return Decoded(lambda ref: A.Task(name, flow, ref(error), description, attributes), act.next, (error,), error)


def _callback(act: Action, cx: Context) -> Decoded:
    act.only("QueueId", "InitialCallDelaySeconds", "MaximumConnectionAttempts", "RetryDelaySeconds")
    act.no_conditions()
    act.errors_only(NME)
    error = error_target(act)
    queue = cx.ref(act, "queue", "QueueId") if "QueueId" in act.params else None
    delay = whole(act, "InitialCallDelaySeconds") if "InitialCallDelaySeconds" in act.params else CALLBACK_DELAY
    attempts = whole(act, "MaximumConnectionAttempts", 1) if "MaximumConnectionAttempts" in act.params \
        else CALLBACK_ATTEMPTS
    retry = whole(act, "RetryDelaySeconds") if "RetryDelaySeconds" in act.params else CALLBACK_RETRY
    written = (None if delay == CALLBACK_DELAY else delay, None if attempts == CALLBACK_ATTEMPTS else attempts,
               None if retry == CALLBACK_RETRY else retry)
    return Decoded(lambda ref: A.Callback(queue, ref(error), *written), act.next, (error,), error)


BLOCK_ROWS: dict[str, Callable[[Action, Context], Decoded]] = {
    "GetCustomerProfile": _get_profile, "CreateCustomerProfile": _create_profile, "GetCase": _get_case,
    "CreateCase": _create_case, "CheckVoiceId": _check_voice_id, "CreateTask": _task,
    "CreateCallbackContact": _callback,
}

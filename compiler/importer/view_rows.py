"""Decompiler row for the Show view block (``ShowView``): ``show view VIEW [timeout T] [with Key = JSON, …]``
with its results, ``timeout``, ``otherwise`` and ``error`` branches. VIEW is an AWS managed view, a view ARN, or
a view the site declares (``${view.NAME.arn}`` → its name).

It inverts :func:`ccdsl.compiler.flows.views._show_view` and the ``show view`` branches of
:mod:`ccdsl.dsl.flows.cfg`: a result becomes ``Back, Next -> label`` (results that go to the same block share
a line), the path taken when no result has a branch (NoMatchingCondition) is the statement below, and a
time limit that runs out (TimeLimitExceeded) is written only where it goes elsewhere. The error branch is
always written: a ``show view`` whose error is not written goes to the flow's error handling.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ccdsl.compiler.flows.views import VIEW_VERSION
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.flows import catalog as cat

from .actions import Action, Inexpressible
from .names import NAME_RE
from .rowkit import Context, Decoded
from .rowkit import error_target as _error
from .rowkit import otherwise_target as _otherwise

TIME_LIMIT_EXCEEDED = "TimeLimitExceeded"


def _json(value: Any, where: str) -> Any:
    """A ViewData value the language writes as JSON: text (on several lines, a multi-line string), numbers,
    true/false/null, lists, objects."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        if "\r" in value:
            raise Inexpressible(f"ViewData {where} with a carriage return")
        return value
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return value
    if isinstance(value, list):
        return [_json(v, where) for v in value]
    if isinstance(value, Mapping):
        return {_json_key(k, where): _json(v, f"{where}.{k}") for k, v in value.items()}
    raise Inexpressible(f"ViewData {where} = {value!r}")


def _json_key(key: Any, where: str) -> str:
    if not isinstance(key, str) or "\n" in key or "\r" in key:
        raise Inexpressible(f"ViewData key {key!r} in {where}")
    return key


def _view(act: Action, cx: Context) -> A.Name:
    resource = act.params.get("ViewResource")
    if not isinstance(resource, Mapping) or set(resource) != {"Id", "Version"}:
        raise Inexpressible(f"ViewResource {resource!r} (not a view Id and Version)")
    if resource["Version"] != VIEW_VERSION:
        raise Inexpressible(f"view Version {resource['Version']!r} (a statement shows the {VIEW_VERSION} one)")
    view = resource["Id"]
    if not isinstance(view, str) or not view or '"' in view or "\\" in view or "\n" in view:
        raise Inexpressible(f"view Id {view!r}")
    if view in A.MANAGED_VIEWS or view.startswith("arn:"):
        return A.Name(view)
    return cx.ref(act, "view", "ViewResource", view, key="Id")  # a declared view


def show_view(act: Action, cx: Context) -> Decoded:
    act.only("ViewResource", "InvocationTimeLimitSeconds", "ViewData")
    view = _view(act, cx)
    managed = str(view) in A.MANAGED_VIEWS  # its results are known; a declared view's are its actions
    timeout = act.seconds("InvocationTimeLimitSeconds")
    data: tuple[tuple[str, Any], ...] = ()
    if "ViewData" in act.params:
        raw = act.params["ViewData"]
        if not isinstance(raw, Mapping) or not raw:
            raise Inexpressible("ViewData that is not a mapping of values")
        data = tuple((_json_key(k, "ViewData"), _json(v, str(k))) for k, v in raw.items())
    act.errors_only(cat.NO_MATCHING_CONDITION, cat.NO_MATCHING_ERROR, TIME_LIMIT_EXCEEDED)
    error, otherwise = _error(act), _otherwise(act)
    if act.next not in (None, otherwise):
        raise Inexpressible("a NextAction other than the branch taken when no result matches")
    timed_out = act.errors.get(TIME_LIMIT_EXCEEDED, otherwise)
    groups: dict[str, list[A.Name]] = {}
    seen: set[str] = set()
    for op, operands, target in act.conditions:
        result = str(operands[0]) if len(operands) == 1 else ""
        known = result in A.VIEW_RESULTS if managed else bool(NAME_RE.fullmatch(result))
        if op != "Equals" or not known or result in seen:
            raise Inexpressible(f"condition {op} {list(operands)}")
        seen.add(result)
        groups.setdefault(target, []).append(A.Name(result))
    written_timeout = timed_out if timed_out != otherwise else None
    targets = tuple(groups) + ((timed_out,) if written_timeout else ()) + (error,)

    def make(ref: Any) -> A.Stmt:
        return A.ShowView(view, timeout, data, tuple(A.IntentBranch(tuple(r), ref(t)) for t, r in groups.items()),
                          ref(timed_out) if written_timeout else None, None, ref(error))
    return Decoded(make, otherwise, targets, error)


VIEW_ROWS = {"ShowView": show_view}

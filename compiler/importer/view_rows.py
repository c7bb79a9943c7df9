"""Decompiler row for ``show view``: the Show view block (ShowView) back into the statement, for an AWS
managed view or a view the site declares (``${view.NAME.arn}``), with its time limit, ViewData and result
branches. It inverts :mod:`ccdsl.compiler.flows.views` and the ShowView branches of
:mod:`ccdsl.dsl.flows.cfg`; :data:`VIEW_ROWS` is merged into :data:`.flows.ROWS`."""
from __future__ import annotations

from collections.abc import Mapping

from ccdsl.compiler.flows.views import VIEW_VERSION
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.flows import catalog as cat

from .actions import Action, Inexpressible
from .names import NAME_RE
from .rowkit import Context, Decoded
from .rowkit import error_target as _error
from .rowkit import otherwise_target as _otherwise

_KEY = NAME_RE  # ViewData keys a ``with Key = …`` writes


def _show_view(act: Action, cx: Context) -> Decoded:
    act.only("ViewResource", "InvocationTimeLimitSeconds", "ViewData")
    act.errors_only(cat.NO_MATCHING_CONDITION, cat.NO_MATCHING_ERROR, "TimeLimitExceeded")
    resource = act.params.get("ViewResource")
    if not isinstance(resource, Mapping) or set(resource) != {"Id", "Version"} or resource["Version"] != VIEW_VERSION:
        raise Inexpressible("a ViewResource other than the latest version of a view")
    view_id = resource["Id"]
    if not isinstance(view_id, str) or not view_id:
        raise Inexpressible("a dynamic or empty view")
    view = A.Name(view_id) if view_id in A.MANAGED_VIEWS or view_id.startswith("arn:") else \
        cx.ref(act, "view", "ViewResource", view_id)
    timeout = act.seconds("InvocationTimeLimitSeconds") if "InvocationTimeLimitSeconds" in act.params else None
    data = act.params.get("ViewData", {})
    if not isinstance(data, Mapping) or not all(isinstance(k, str) and _KEY.match(k) for k in data):
        raise Inexpressible("ViewData that is not a mapping of plain keys")
    error, otherwise = _error(act), _otherwise(act)
    timed_out = act.errors.get("TimeLimitExceeded", otherwise)
    groups: list[tuple[str, list[A.Name]]] = []  # results in order, neighbours to one label together
    for op, operands, target in act.conditions:
        if op != "Equals" or len(operands) != 1 or not NAME_RE.match(str(operands[0])):
            raise Inexpressible(f"condition {op} {list(operands)}")
        if groups and groups[-1][0] == target:
            groups[-1][1].append(A.Name(str(operands[0])))
        else:
            groups.append((target, [A.Name(str(operands[0]))]))
    written_timeout = timed_out != otherwise
    targets = tuple(t for t, _r in groups) + ((timed_out,) if written_timeout else ()) + (error,)
    return Decoded(lambda ref: A.ShowView(
        view, timeout, tuple(data.items()), tuple(A.IntentBranch(tuple(r), ref(t)) for t, r in groups),
        ref(timed_out) if written_timeout else None, None, ref(error)), otherwise, targets, error)


VIEW_ROWS = {"ShowView": _show_view}

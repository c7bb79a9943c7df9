"""Lowering of ``show view``: the Show view block (ShowView) with its view, time limit and ViewData as the
corpus exports write them, and one condition per result the view returns (participant-actions-showview.html)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ccdsl.dsl.compact import flow_ast as ast

#: the version of a view a flow shows: the latest published one, as the designer writes for AWS managed views
VIEW_VERSION = "Latest"


def _show_view(lw: Any, s: ast.ShowView, t: dict[str, str]) -> tuple[dict, list]:
    view = s.view.value  # an AWS managed view or an ARN as written; a view of ``views:`` by its ARN (at apply time)
    view_id = view if view in ast.MANAGED_VIEWS or view.startswith("arn:") else lw.tokens("view", view)
    params: dict[str, Any] = {"ViewResource": {"Id": view_id, "Version": VIEW_VERSION}}
    if s.timeout is not None:
        params["InvocationTimeLimitSeconds"] = str(s.timeout)
    if s.data:
        params["ViewData"] = {key: value for key, value in s.data}
    conditions = [("Equals", result.value, t[f"result{k}"])
                  for k, b in enumerate(s.results) for result in b.intents]
    return params, conditions


VIEW_LOWER: dict[str, Callable[[Any, Any, dict[str, str]], tuple[dict, list]]] = {"ShowView": _show_view}

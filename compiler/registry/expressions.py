"""The one expression language of the registry: how identity, outputs, adoption and waits are read.

An expression is JMESPath over a small context, or a template with ``{jmespath}`` placeholders:
``"res.Queue.QueueArn"``, ``"in.Name"``, ``"arn:{partition}:s3:::{in.Bucket}"``. The context holds ``in``
(the resolved inputs: the keyword arguments of the type's create call), ``out`` (outputs recorded so far),
``res`` (the response of the call at hand), ``item`` (a list entry found by name), ``region``, ``account``
and ``partition``. A leading ``=`` marks plain JMESPath that contains braces or literals
(``=[in.AlarmName]``, ``='text'``). Non-string values are returned as they are.

The compiler and the planner only read which outputs exist; the aws provider evaluates expressions against
real responses and the simulator against the responses it makes up (:func:`source` tells them apart).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def evaluate(expression: Any, context: Mapping[str, Any]) -> Any:
    """The value of one expression in ``context``."""
    import jmespath

    if not isinstance(expression, str):
        return expression
    if expression.startswith("="):
        return jmespath.search(expression[1:], context)
    if "{" in expression and _PLACEHOLDER.search(expression):
        return _PLACEHOLDER.sub(lambda m: _text(jmespath.search(m.group(1), context)), expression)
    return jmespath.search(expression, context)


def evaluate_all(expressions: Mapping[str, Any], context: Mapping[str, Any]) -> dict[str, Any]:
    """Every expression that has a value (``None`` results are left out)."""
    values = {}
    for name, expression in expressions.items():
        value = evaluate(expression, context)
        if value is not None:
            values[name] = value
    return values


def source(expression: Any) -> str:
    """Where a value comes from: ``"input"`` (``in.X``), ``"response"`` (``res.X``: AWS assigns it) or
    ``"template"`` (made from inputs, outputs, region and account)."""
    if isinstance(expression, str) and not expression.startswith("=") and not _PLACEHOLDER.search(expression):
        if expression.startswith("in."):
            return "input"
        if expression.startswith("res."):
            return "response"
    return "template"


def _text(value: Any) -> str:
    return "" if value is None else str(value)

"""How one resource type maps onto boto3: the table the generic engine runs on.

Expressions (:func:`evaluate`) are JMESPath over a small context, or templates with ``{jmespath}``
placeholders: ``"res.Queue.QueueArn"``, ``"arn:{partition}:s3:::{in.Bucket}"``. The context holds
``in`` (the resolved inputs — the boto3 create call's keyword arguments), ``out`` (recorded outputs),
``res`` (the response of the call at hand), ``item`` (a list entry found by name), ``region``,
``account`` and ``partition``. A leading ``=`` marks plain JMESPath that contains braces
(``=[{name: 'BotName', values: [in.botName]}]``). Non-string values are returned as they are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True, slots=True)
class Find:
    """Adopt an existing resource by listing (AWS has no idempotency for this type)."""

    op: str  # list/search method, paginated when botocore has a paginator for it
    items: str  # JMESPath to the entries in one page
    field: str  # entry member holding the name
    name: str  # expression for the wanted name
    args: Mapping[str, Any] = field(default_factory=dict)  # list kwargs (expressions)
    outputs: Mapping[str, str] = field(default_factory=dict)  # over {in, item}


@dataclass(frozen=True, slots=True)
class Poll:
    """Call ``op`` (with the key kwargs) until ``status`` (JMESPath over the response) is ready."""

    op: str
    status: str
    ready: tuple[str, ...]
    failed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Spec:
    type: str
    service: str
    create: str
    read: str | None = None
    update: str | None = None  # None: any change replaces the resource
    delete: str | None = None
    key: Mapping[str, str] = field(default_factory=dict)  # read/update/delete kwargs, over {in, out}
    outputs: Mapping[str, str] = field(default_factory=dict)  # over {in, res: create response}
    read_outputs: Mapping[str, str] | None = None  # over {in, out, res: read response}
    update_mode: str = "put"  # put: create kwargs again; model: key + inputs the update op accepts;
    # changed: key + the changed inputs the update op accepts
    exists: frozenset[str] = frozenset()  # create error codes meaning "it is already there": adopt
    find: Find | None = None
    gone: str | None = None  # over {res: read response}: true when the resource is as good as deleted
    delete_args: Mapping[str, Any] = field(default_factory=dict)  # extra delete kwargs (expressions)
    region: str | None = None  # a fixed region (CloudFront-scoped WAF lives in us-east-1)
    create_waiter: tuple[str, Mapping[str, str]] | None = None  # botocore waiter after create
    delete_waiter: tuple[str, Mapping[str, str]] | None = None
    create_result: str | None = None  # over {res}: a non-empty value means the call partly failed
    update_by_input: Mapping[str, str] = field(default_factory=dict)  # input -> its own update call
    poll: Poll | None = None  # after create, for APIs without a waiter
    then: tuple[str, ...] = ()  # calls right after create, with the key kwargs
    local_inputs: Mapping[str, str] = field(default_factory=dict)  # inputs the provider consumes itself
    kind: str = "resource"  # resource | step (a lifecycle call) | data (a lookup)


def evaluate(expression: Any, context: Mapping[str, Any]) -> Any:
    import jmespath

    if not isinstance(expression, str):
        return expression
    if expression.startswith("="):
        return jmespath.search(expression[1:], context)
    if "{" in expression and _PLACEHOLDER.search(expression):
        return _PLACEHOLDER.sub(lambda m: _text(jmespath.search(m.group(1), context)), expression)
    return jmespath.search(expression, context)


def evaluate_all(expressions: Mapping[str, Any], context: Mapping[str, Any]) -> dict[str, Any]:
    values = {}
    for name, expression in expressions.items():
        value = evaluate(expression, context)
        if value is not None:
            values[name] = value
    return values


def _text(value: Any) -> str:
    return "" if value is None else str(value)

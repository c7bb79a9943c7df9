"""The compiler's resource catalogue, turned into the engine's :class:`~.spec.Spec` table.

The catalogue (``ccdsl.compiler.catalog``) says which boto3 calls create, read, update and delete each
type, which outputs to record and which arguments name a resource. The provider adds what only it needs
(:mod:`.table_foundation`, :mod:`.table_compute`, :mod:`.table_connect`): adoption by name where AWS
has no idempotency, error codes that mean "already there", when a read means "gone", botocore waiters.
Types the catalogue lacks are served from those tables alone.
"""
from __future__ import annotations

import dataclasses
import re

from . import table_compute, table_connect, table_foundation
from .spec import Poll, Spec

_SINGLE_LIST = re.compile(r"^=\[\{([^{}]+)\}\]$")
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_CONTEXT_NAMES = ("in.", "out.", "item.")
_BARE = {"region", "account", "partition"}
_PROVIDER_FIELDS = ("read_outputs", "exists", "find", "gone", "delete_args", "create_waiter",
                    "delete_waiter", "create_result")
# Lex's asynchronous steps wait with botocore waiters (patience via WaiterConfig), not hand-written polls.
_WAITERS = {
    "aws_lexv2models_bot": ("bot_available", {"botId": "out.id"}),
    "aws_lexv2models_bot_locale": ("bot_locale_created", {"botId": "in.botId", "botVersion": "in.botVersion",
                                                          "localeId": "in.localeId"}),
    "lex_bot_locale_build": ("bot_locale_built", {"botId": "in.botId", "botVersion": "in.botVersion",
                                                  "localeId": "in.localeId"}),
    "aws_lexv2models_bot_version": ("bot_version_available", {"botId": "in.botId", "botVersion": "out.version"}),
    "aws_lexv2models_bot_alias": ("bot_alias_available", {"botId": "in.botId", "botAliasId": "out.id"}),
    "aws_dynamodb_table": ("table_exists", {"TableName": "in.TableName"}),
    "aws_kinesis_stream": ("stream_exists", {"StreamName": "in.StreamName"}),
    "aws_lambda_function": ("function_active_v2", {"FunctionName": "in.FunctionName"}),
}


def convert(expression: str) -> str:
    """A catalogue expression in the engine's language (see :mod:`.spec`)."""
    if not isinstance(expression, str):
        return expression
    if expression.startswith("="):
        single = _SINGLE_LIST.match(expression)
        if single:
            return "=[" + convert(single.group(1)) + "]"
        text = expression[1:]
        if not _PLACEHOLDER.search(text):
            return "='" + text.replace("'", "\\'") + "'"
        return _PLACEHOLDER.sub(lambda m: "{" + _path(m.group(1)) + "}", text)
    return _path(expression)


def _path(expression: str) -> str:
    if expression in _BARE or expression.startswith(_CONTEXT_NAMES):
        return expression
    return "res." + expression


def from_catalog(entry, provider_spec: Spec | None) -> Spec:
    poll = None
    if entry.poll is not None and entry.type not in _WAITERS:
        poll = Poll(entry.poll.operation, convert(entry.poll.status), tuple(entry.poll.ready),
                    tuple(entry.poll.failed))
    spec = Spec(
        entry.type, entry.service, entry.create, read=entry.read, update=entry.update, delete=entry.delete,
        key={k: convert(v) for k, v in entry.identify.items()},
        outputs={k: convert(v) for k, v in entry.outputs.items()},
        update_mode="model", update_by_input=dict(entry.update_by_input), poll=poll,
        then=tuple(entry.then), local_inputs=dict(entry.local_inputs), kind=entry.kind,
        region=None,  # the region is chosen per resource (WAF's CLOUDFRONT scope: us-east-1)
        create_waiter=_WAITERS.get(entry.type),
    )
    if provider_spec is not None:
        extras = {name: getattr(provider_spec, name) for name in _PROVIDER_FIELDS}
        if extras["create_waiter"] is None or spec.create_waiter is not None:
            extras.pop("create_waiter")
        spec = dataclasses.replace(spec, **extras)
    return spec


def provider_specs() -> dict[str, Spec]:
    table = {}
    for module in (table_foundation, table_compute, table_connect):
        for spec in module.SPECS:
            table[spec.type] = spec
    return table


def build() -> dict[str, Spec]:
    """Every type the provider handles: the catalogue's, completed by the provider's own tables."""
    table = provider_specs()
    try:
        from ccdsl.compiler.catalog import CATALOG
    except ImportError:  # pragma: no cover - the catalogue ships with the compiler
        return table
    for name, entry in CATALOG.items():
        table[name] = from_catalog(entry, table.get(name))
    return table

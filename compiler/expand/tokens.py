"""``${kind.name.attr}`` references the user writes in strings (function environments, e-mail
addresses …) as apply-time values, and the check that each names an output its resource has.

The language's kinds map onto the address scheme: ``${log.lex.arn}`` is the ``arn`` of
``logs.lex``; ``${bot.b.alias_arn}`` / ``${bot.b.alias_id}`` are those of the bot's alias;
``${instance.id}`` / ``${instance.arn}`` are the Connect instance's.
"""
from __future__ import annotations

from typing import Any

from ccdsl.dsl import compact as C
from ccdsl.dsl.model import Text
from ccdsl.dsl.source import UNKNOWN

from .. import addresses as A
from ..registry import entry
from ..resources import Ref, Secret
from ..values import template
from .context import Context, span_of

UNKNOWN_ATTRIBUTE = "E404"

KIND_ADDRESS = {
    "table": A.table_addr, "stream": A.stream_addr, "topic": A.topic_addr, "bucket": A.bucket_addr,
    "function": A.function_addr, "queue": A.queue_addr, "key": A.key_addr, "api": A.api_addr,
    "flow": A.flow_addr, "bot": A.bot_addr, "number": A.number_addr, "log": A.log_group_addr,
    "hours": A.hours_addr, "agent": A.agent_addr, "routing": A.routing_addr,
    "quick_connect": A.quick_connect_addr, "task_template": A.task_template_addr, "view": A.view_addr,
}
BOT_ALIAS_ATTRS = {"alias_arn": "arn", "alias_id": "id"}


def reference(kind: str, name: str, attr: str) -> Ref:
    if kind == "instance":
        return Ref(A.INSTANCE, attr)
    if kind == "bot" and attr in BOT_ALIAS_ATTRS:
        return Ref(A.bot_alias_addr(name), BOT_ALIAS_ATTRS[attr])
    return Ref(KIND_ADDRESS[kind](name), attr)


def user_text(ctx: Context, value: Text) -> Any:
    """A Text value of the model as a str, Ref, Secret or Template; references are noted for
    :func:`check_attributes`."""
    parts: list[Any] = []
    for part in value.tree.parts:
        if isinstance(part, C.Reference) and (part.kind in KIND_ADDRESS or part.kind == "instance"):
            ref = reference(part.kind, part.name.value, part.attr)
            ctx.user_refs.append((ref, part.span if part.span else span_of(value)))
            parts.append(ref)
        elif isinstance(part, C.SecretRef):
            parts.append(Secret(part.source, part.name, part.default))
        elif isinstance(part, C.Reference):
            parts.append("${%s.%s.%s}" % (part.kind, part.name.value, part.attr))
        else:
            parts.append(part.text)
    return template(*parts)


def check_attributes(ctx: Context) -> None:
    """Each user reference names an output of its resource's type (E404 at the reference)."""
    for ref, span in ctx.user_refs:
        target = ctx.resources.get(ref.address)
        if target is None:
            continue  # the graph reports it (E402); validation normally stops it first
        outputs = sorted(entry(target.type).outputs)
        if ref.attr not in outputs:
            ctx.diagnostics.error(UNKNOWN_ATTRIBUTE, f"'{ref.address}' has no output '{ref.attr}'",
                                  span or target.span or UNKNOWN,
                                  hint=f"it has: {', '.join(outputs)}")

"""Flows named outside flows must be of the right type (E231 at the name): a phone number rings a
contact flow, a queue quick connect runs a queue-transfer flow, a user quick connect an
agent-transfer flow, a queue's outbound whisper an outbound-whisper flow."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostics
from . import catalog as cat
from .context import FlowContext
from .references import WRONG_FLOW_TYPE


def _uses(site: Any) -> Iterator[tuple[Any, str, str]]:
    """``(flow name with its span, the flow type it needs, who uses it)``."""
    for name, number in (getattr(site, "numbers", None) or {}).items():
        yield getattr(number, "flow", None), cat.CONTACT_FLOW, f"phone number '{name}'"
    for name, qc in (getattr(site, "quick_connects", None) or {}).items():
        if getattr(qc, "queue", None):
            yield getattr(qc, "flow", None), cat.QUEUE_TRANSFER, f"queue quick connect '{name}'"
        elif getattr(qc, "user", None):
            yield getattr(qc, "flow", None), cat.AGENT_TRANSFER, f"user quick connect '{name}'"
    for name, queue in (getattr(site, "queues", None) or {}).items():
        yield getattr(queue, "outbound_flow", None), cat.OUTBOUND_WHISPER, f"outbound whisper of queue '{name}'"


def check_flow_uses(site: Any, ctx: FlowContext, diags: Diagnostics) -> None:
    for flow, needed, user in _uses(site):
        if not flow or str(flow) not in ctx.flows:
            continue  # no flow, or an unknown one (reported with the site's references)
        have = ctx.flows[str(flow)]
        if have != needed:
            span = getattr(flow, "span", None) or site.span  # every model node carries its position
            diags.error(WRONG_FLOW_TYPE, f"flow '{flow}' is a {have.lower()} flow; the {user} needs a "
                        f"{needed.lower()} flow", span, length=len(str(flow)),
                        hint=f"give flow '{flow}' `type: {needed.lower()}`" if needed != cat.CONTACT_FLOW else None)

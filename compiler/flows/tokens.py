"""Apply-time values in flow JSON: ``${address.attr}`` tokens for the resources a flow refers to.

One place decides the address of each kind of reference, using the compiler's address scheme
(:mod:`ccdsl.compiler.addresses`):

====================  ====================================  ==========================================
kind                  token                                 flow parameter
====================  ====================================  ==========================================
queue                 ``${queue.NAME.arn}``                 QueueId
bot                   ``${bot.NAME.alias.arn}``             LexV2Bot.AliasArn
function              ``${function.NAME.alias.arn}``        LambdaFunctionARN (``${function.NAME.arn}``
                                                            for a function without an alias)
flow                  ``${flow.NAME.arn}``                  ContactFlowId, EventHooks
hours                 ``${hours.NAME.arn}``                 HoursOfOperationId
prompt                ``${prompt.NAME.arn}``                PromptId (``play``)
agent                 ``${agent.NAME.arn}``                 AgentId (``queue agent``)
view                  ``${view.NAME.arn}``                  ViewResource.Id (``show view`` of a declared view)
====================  ====================================  ==========================================
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ccdsl.compiler import addresses as addr

_ADDRESS = {
    "queue": addr.queue_addr,
    "bot": addr.bot_alias_addr,
    "function": addr.function_alias_addr,
    "flow": addr.flow_addr,
    "hours": addr.hours_addr,
    "prompt": addr.prompt_addr,
    "agent": addr.agent_addr,
    "view": addr.view_addr,
}


def ref_token(kind: str, name: str, attr: str = "arn", *, aliased: bool = True) -> str:
    """The token of the ``attr`` output of the resource a flow refers to as ``kind`` ``name``."""
    if kind == "function" and not aliased:
        return addr.token(addr.function_addr(name), attr)
    return addr.token(_ADDRESS[kind](name), attr)


def ref_address(kind: str, name: str, *, aliased: bool = True) -> str:
    """The address behind :func:`ref_token` (what the flow resource depends on)."""
    if kind == "function" and not aliased:
        return addr.function_addr(name)
    return _ADDRESS[kind](name)


@dataclass(frozen=True)
class Tokens:
    """Token factory for one site: knows which functions are invoked through an alias."""

    unaliased_functions: frozenset[str] = frozenset()

    def __call__(self, kind: str, name: str, attr: str = "arn") -> str:
        return ref_token(kind, name, attr, aliased=name not in self.unaliased_functions or kind != "function")

    def address(self, kind: str, name: str) -> str:
        return ref_address(kind, name, aliased=name not in self.unaliased_functions or kind != "function")


DEFAULT_TOKENS = Tokens()


def tokens_for_site(site: Any) -> Tokens:
    """Tokens for a site model: functions without an ``alias`` are invoked by their own ARN."""
    functions = getattr(site, "functions", None) or {}
    return Tokens(frozenset(str(n) for n, f in functions.items() if not getattr(f, "alias", None)))

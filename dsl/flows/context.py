"""What the flow checks need to know about the rest of the site: the names flows may refer to.

:class:`FlowContext` is deliberately small so the checks can be tested without a whole site;
:func:`context_from_site` builds it from the site model (any object with the usual mappings:
``queues``, ``bots`` (each with ``intents``), ``flows`` (each with ``type``), ``functions``, ``hours``).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import catalog as cat

#: intents every Lex V2 bot has
BUILTIN_INTENTS = frozenset({"FallbackIntent", "AMAZON.FallbackIntent"})


@dataclass(frozen=True)
class FlowContext:
    queues: frozenset[str] = frozenset()
    bots: Mapping[str, frozenset[str]] = field(default_factory=dict)  # bot -> its intents
    flows: Mapping[str, str] = field(default_factory=dict)  # flow -> Connect flow type
    functions: frozenset[str] = frozenset()
    hours: frozenset[str] = frozenset()
    locales: Mapping[str, frozenset[str]] = field(default_factory=dict)  # bot -> its locales (en_GB form)
    prompts: frozenset[str] = frozenset()
    agents: frozenset[str] = frozenset()
    views: Mapping[str, frozenset[str]] = field(default_factory=dict)  # declared view -> its actions


def connect_flow_type(value: Any) -> str:
    """The Connect flow type of a ``.ccd`` flow ``type:`` value (default: a contact flow)."""
    if value is None:
        return cat.CONTACT_FLOW
    text = str(getattr(value, "value", value))
    if text.upper() in cat.FLOW_TYPES:
        return text.upper()
    return cat.DSL_FLOW_TYPES.get(text.lower(), cat.CONTACT_FLOW)


def _names(mapping: Any) -> frozenset[str]:
    if not mapping:
        return frozenset()
    keys = mapping.keys() if hasattr(mapping, "keys") else mapping
    return frozenset(str(k) for k in keys)


def context_from_site(site: Any) -> FlowContext:
    bots = {}
    for name, bot in (getattr(site, "bots", None) or {}).items():
        bots[str(name)] = _names(getattr(bot, "intents", None)) | BUILTIN_INTENTS
    flows = {str(name): connect_flow_type(getattr(flow, "type", None))
             for name, flow in (getattr(site, "flows", None) or {}).items()}
    return FlowContext(
        queues=_names(getattr(site, "queues", None)),
        bots=bots,
        flows=flows,
        functions=_names(getattr(site, "functions", None)),
        hours=_names(getattr(site, "hours", None)),
        prompts=_names(getattr(site, "prompts", None)),
        agents=_names(getattr(site, "agents", None)),
        views={str(name): frozenset(str(a) for a in getattr(view, "actions", ()))
               for name, view in (getattr(site, "views", None) or {}).items()},
        locales={str(name): frozenset(str(k).replace("-", "_") for k in (getattr(bot, "locales", None) or {}))
                 for name, bot in (getattr(site, "bots", None) or {}).items()},
    )

"""The contact's language on every path, and the check at every ``ask BOT``.

Connect picks the Lex V2 locale of Get customer input from the contact's language, which is en_US until a
flow sets it (UpdateContactData ``LanguageCode``); a bot without a locale for that language fails the ask.
(AWS: https://docs.aws.amazon.com/connect/latest/adminguide/set-voice.html#set-voice-lexv2bot)

Where a contact's language comes from, per flow:

- a flow with ``language:`` sets it when it starts; so does a contact flow that contacts enter directly
  (a phone number rings it, or no flow transfers to it) when the instance has a ``language:``;
- otherwise a flow inherits every language the contact can have where another flow transfers to it
  (``transfer to flow``, ``set queue|whisper|hold flow``); a flow nothing reaches starts in the instance
  language or Connect's default (en_US);
- ``language X`` and ``voice NAME … language X`` set it on the paths through them.

The analysis is a forward dataflow over each body's control-flow graph, repeated over the site's flows until
nothing changes. Every language carries a short account of how it got there, which the E313 message names.
"""
from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from ..compact import flow_ast as ast
from ..diagnostics import Diagnostics, did_you_mean
from . import catalog as cat
from .cfg import FlowGraph, graph_of
from .context import FlowContext, connect_flow_type

#: the language of a contact no flow has set a language for (Connect's default)
CONNECT_DEFAULT = "en_US"
ASK_LANGUAGE = "E313"
UNKNOWN_LANGUAGE = "E314"

#: locale -> how a contact came to have it here (for messages)
Languages = dict[str, str]


def normal(locale: str) -> str:
    """``en-GB`` and ``en_GB`` are the same language; the analysis uses the Lex form ``en_GB``."""
    return locale.replace("-", "_")


def connect_code(locale: str) -> str:
    """The ``LanguageCode`` Connect stores for a locale (``en-GB``)."""
    return normal(locale).replace("_", "-")


@functools.cache
def known_locales() -> frozenset[str]:
    """Lex V2 locales (``dsl/data/voices.json``); empty when the table is not installed."""
    try:
        table = json.loads(resources.files("ccdsl.dsl").joinpath("data/voices.json").read_text("utf-8"))
    except (OSError, ValueError):
        return frozenset()
    return frozenset(table.get("locales", {}))


def set_language(stmt: Any) -> ast.Name | None:
    """The language a statement sets, or None."""
    if isinstance(stmt, ast.Language):
        return stmt.locale
    if isinstance(stmt, ast.Voice):
        return stmt.language
    return None


def check_locale_names(graph: FlowGraph, diags: Diagnostics) -> None:
    """E314 for ``language X`` where X is not a language Connect and Lex V2 know."""
    locales = known_locales()
    for node in graph.nodes:
        name = set_language(node.stmt)
        if isinstance(node.stmt, ast.ContactLens):  # the language Contact Lens transcribes (not the contact's)
            name = node.stmt.language
        if name is not None and locales and normal(name.value) not in locales:
            diags.error(UNKNOWN_LANGUAGE, f"'{name.value}' is not a language Connect and Lex V2 support",
                        name.span, hint=did_you_mean(normal(name.value), sorted(locales)), length=len(name.value))


# --------------------------------------------------------------------------------------------- site plan


@dataclass
class LanguagePlan:
    """What the analysis found for a site."""

    #: flow -> the language it sets when it starts (a leading UpdateContactData), when it sets one
    preamble: dict[str, str] = field(default_factory=dict)
    #: flow -> the languages a contact can have when the flow starts
    initial: dict[str, Languages] = field(default_factory=dict)
    #: (flow, ask statement, languages a contact can have there)
    asks: list[tuple[str, ast.Ask, Languages]] = field(default_factory=list)


def _bodies(site: Any) -> dict[str, tuple[str, ast.FlowBody | None]]:
    from . import flow_body  # the package's accessor (imported late: the package imports this module)

    return {str(name): (connect_flow_type(getattr(flow, "type", None)), flow_body(flow))
            for name, flow in (getattr(site, "flows", None) or {}).items()}


def _hand_offs(stmt: Any) -> Iterator[ast.Name]:
    """Flows a statement hands the contact to (with its language)."""
    if isinstance(stmt, (ast.TransferToFlow, ast.SetFlow)) and isinstance(stmt.flow, ast.Name):
        yield stmt.flow
    elif isinstance(stmt, ast.RunModule) and isinstance(stmt.module, ast.Name):
        yield stmt.module


def _flow_languages(graph: FlowGraph, initial: Languages) -> dict[int, Languages]:
    """Languages at the entry of every reachable node."""
    if not graph.nodes:
        return {}
    at: dict[int, Languages] = {0: dict(initial)}
    todo = [0]
    while todo:
        i = todo.pop()
        here = at[i]
        stmt = graph.nodes[i].stmt
        name = set_language(stmt)
        out = {normal(name.value): f"'{stmt_word(stmt)}' at line {stmt.span.line} sets it"} if name else here
        for t in graph.successors(i):
            target = at.get(t)
            if target is None:
                at[t] = dict(out)
                todo.append(t)
            elif any(k not in target for k in out):
                target.update({k: v for k, v in out.items() if k not in target})
                todo.append(t)
    return at


def stmt_word(stmt: Any) -> str:
    return "voice … language" if isinstance(stmt, ast.Voice) else "language"


def plan_languages(site: Any) -> LanguagePlan:
    """The language analysis of every ``do:`` body of a site."""
    plan = LanguagePlan()
    flows = _bodies(site)
    instance = getattr(site, "instance", None)
    site_default = getattr(instance, "language", None)
    numbered = {str(getattr(n, "flow", "")) for n in (getattr(site, "numbers", None) or {}).values()}
    reached: set[str] = set()
    graphs: dict[str, FlowGraph] = {}
    for name, (_type, body) in flows.items():
        if body is not None:
            graphs[name] = graph_of(body)
            reached |= {ref.value for n in graphs[name].nodes for ref in _hand_offs(n.stmt)}
    for name, (flow_type, _body) in flows.items():
        own = getattr(site.flows[name], "language", None)
        entry = flow_type == cat.CONTACT_FLOW and (name in numbered or name not in reached)
        if own:
            plan.preamble[name] = normal(own)
            plan.initial[name] = {normal(own): f"flow '{name}' sets it when it starts (`language: {own}`)"}
        elif entry and site_default:
            plan.preamble[name] = normal(site_default)
            plan.initial[name] = {normal(site_default): f"flow '{name}' starts in the instance's `language`"}
        elif name not in reached:
            plan.initial[name] = ({normal(site_default): f"the instance's `language`, as flow '{name}' starts"}
                                  if site_default else
                                  {CONNECT_DEFAULT: "Connect's default: nothing sets it from the start of flow "
                                                    f"'{name}'"})
        else:
            plan.initial[name] = ({CONNECT_DEFAULT: f"Connect's default: a contact that enters flow '{name}' "
                                   "directly has no language set"} if entry else {})
    states: dict[str, dict[int, Languages]] = {}
    for _round in range(len(graphs) + 2):
        changed = False
        for name, graph in graphs.items():
            states[name] = _flow_languages(graph, plan.initial[name])
            for i, here in states[name].items():
                stmt = graph.nodes[i].stmt
                for target in _hand_offs(stmt):
                    dest = target.value
                    if dest not in plan.initial or dest in plan.preamble:
                        continue
                    for locale, why in here.items():
                        if locale not in plan.initial[dest]:
                            plan.initial[dest][locale] = (f"flow '{name}' hands the contact over at line "
                                                          f"{stmt.span.line}, where {why}")
                            changed = True
        if not changed:
            break
    for name, graph in graphs.items():
        for i, here in states.get(name, {}).items():
            if isinstance(ask := graph.nodes[i].stmt, ast.Ask):
                plan.asks.append((name, ask, here))
    return plan


def check_languages(site: Any, ctx: FlowContext, diags: Diagnostics, plan: LanguagePlan | None = None) -> None:
    """E313 at every ``ask BOT`` a contact can reach in a language the bot has no locale for."""
    plan = plan or plan_languages(site)
    for _flow, ask, here in plan.asks:
        if not isinstance(ask.bot, ast.Name):
            continue  # a bot read at run time is not known here
        locales = ctx.locales.get(ask.bot.value)
        if not locales:
            continue  # an unknown bot is reported with the references
        for locale in sorted(set(here) - locales):
            diags.error(ASK_LANGUAGE, f"bot '{ask.bot.value}' has no {locale} locale, but a contact can reach this "
                        f"ask in {locale} ({here[locale]}); the bot's locales: {', '.join(sorted(locales))}",
                        ask.span, length=3, hint=_hint(sorted(locales)[0], locale))


def _hint(have: str, missing: str) -> str:
    return (f"set the language before the ask ('language {have}'), give the flow or the instance "
            f"`language: {have}`, or give the bot the {missing} locale")


def start_language(site: Any, name: str, plan: LanguagePlan | None = None) -> str | None:
    """The language flow ``name`` sets when it starts, if any (the lowering emits it first)."""
    return (plan or plan_languages(site)).preamble.get(name)


"""Flow references to the rest of the site: queues, bots, intents of that bot, flows, functions, hours.

Each unknown name is an error at the exact span of the name, with "did you mean", under the same
code as an unresolved reference of that kind anywhere else in the site: E201 queue, E202 hours,
E203 bot, E204 intent (of that bot), E206 function, E207 flow, E217 agent (``queue agent``),
E230 prompt. E231: a flow of the wrong type
(``transfer to flow`` needs a contact flow, ``set queue flow`` a customer-queue flow …).
``voice NAME [engine]`` is checked against the Amazon Polly voice table (``dsl/data/voices.json``)
under the codes the bots' voices use: E131 not a Polly voice, E133 the voice lacks that engine.
"""
from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from importlib import resources

from ..compact import flow_ast as ast
from ..diagnostics import Diagnostics, did_you_mean
from . import catalog as cat
from . import statements as stm
from .cfg import FlowGraph
from .context import FlowContext

KINDS = {"queue": "E201", "hours": "E202", "bot": "E203", "intent": "E204", "function": "E206", "flow": "E207",
         "prompt": "E230", "agent": "E217"}
WRONG_FLOW_TYPE = "E231"


def named_references(stmt: ast.Stmt) -> Iterator[tuple[str, ast.Name]]:
    """``(kind, name)`` for every site object a statement refers to (intents come with their bot
    from :func:`intent_references`)."""
    target: ast.Name | ast.AttrPath | None = None
    kind = ""
    if isinstance(stmt, ast.SetQueue) and stmt.agent:
        kind, target = "agent", stmt.queue
    elif isinstance(stmt, (ast.SetQueue, ast.Callback)):
        kind, target = "queue", stmt.queue
    elif isinstance(stmt, (ast.IfQueue, ast.LoadMetrics)) and stmt.queue is not None:
        kind, target = "queue", stmt.queue
    elif isinstance(stmt, ast.Ask):
        kind, target = "bot", stmt.bot
    elif isinstance(stmt, (ast.TransferToFlow, ast.SetFlow, ast.Task)):
        kind, target = "flow", stmt.flow
    elif isinstance(stmt, ast.RunModule):
        kind, target = "flow", stmt.module
    elif isinstance(stmt, ast.Invoke):
        kind, target = "function", stmt.function
    elif isinstance(stmt, ast.IfHours):
        kind, target = "hours", stmt.hours
    elif isinstance(stmt, ast.Play):
        kind, target = "prompt", stmt.prompt
    if isinstance(target, ast.Name):  # a contact attribute (``queue $.Attributes.q``) is only known at run time
        yield kind, target
    for audio in audio_prompts(stmt):
        if isinstance(audio, ast.Name):
            yield "prompt", audio


def audio_prompts(stmt: ast.Stmt) -> list[ast.Target]:
    """The audio prompts a statement plays in place of text (``ask/menu/store … play P``, ``loop prompts play P``)."""
    if isinstance(stmt, (ast.Ask, ast.Menu, ast.StoreInput)) and stmt.audio is not None:
        return [stmt.audio]
    if isinstance(stmt, ast.LoopPrompts):
        return [p for p in stmt.prompts if not isinstance(p, str)]
    return []


@functools.cache
def polly_voices() -> dict:
    """Polly voice -> its engines (empty when the table is not installed)."""
    try:
        table = json.loads(resources.files("ccdsl.dsl").joinpath("data/voices.json").read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {name: set(info.get("engines", ())) for name, info in table.get("voices", {}).items()}


def _check_voice(stmt: ast.Voice, diags: Diagnostics) -> None:
    voices = polly_voices()
    name = stmt.voice
    if not voices:
        return
    if name.value not in voices:
        diags.error("E131", f"'{name.value}' is not an Amazon Polly voice", name.span,
                    hint=did_you_mean(name.value, sorted(voices)), length=max(len(name.value), 1))
    elif stmt.engine and stmt.engine not in voices[name.value]:
        diags.error("E133", f"voice '{name.value}' has no {stmt.engine} engine "
                    f"(it has {', '.join(sorted(voices[name.value]))})", name.span, length=len(name.value))


def _check_view(stmt: ast.ShowView, ctx: FlowContext, diags: Diagnostics, where: str) -> None:
    """``show view NAME``: an AWS managed view, a view ARN in quotes, or a view of ``views:`` whose branches
    are actions it declares (E240, E241)."""
    name = stmt.view
    if name.value in ast.MANAGED_VIEWS or name.value.startswith("arn:"):
        return
    if name.value not in ctx.views:
        diags.error("E240", f"unknown view '{name.value}'{where}: not an AWS managed view "
                    f"({', '.join(ast.MANAGED_VIEWS)}) nor one of `views`", name.span,
                    hint=did_you_mean(name.value, sorted({*ctx.views, *ast.MANAGED_VIEWS})),
                    length=max(len(name.value), 1))
        return
    actions = ctx.views[name.value]
    for branch in stmt.results:
        for result in branch.intents:
            if result.value not in actions:
                diags.error("E241", f"view '{name.value}' has no action '{result.value}'{where} "
                            f"(its actions: {', '.join(sorted(actions))})", result.span,
                            hint=did_you_mean(result.value, sorted(actions)), length=max(len(result.value), 1))


def _expected_flow_type(stmt: ast.Stmt) -> str | None:
    if isinstance(stmt, ast.TransferToFlow):
        return cat.CONTACT_FLOW
    if isinstance(stmt, ast.RunModule):
        return cat.MODULE
    if isinstance(stmt, ast.SetFlow) and stmt.which in stm.EVENT_HOOKS:
        return stm.EVENT_HOOKS[stmt.which][1]
    return None


def _unknown(kind: str, name: ast.Name, known: Iterable[str], diags: Diagnostics, where: str,
             message: str | None = None) -> None:
    diags.error(KINDS[kind], (message or f"unknown {kind} '{name.value}'") + where, name.span,
                hint=did_you_mean(name.value, sorted(known)), length=max(len(name.value), 1))


def check_references(graph: FlowGraph, ctx: FlowContext, diags: Diagnostics, flow: str | None = None) -> None:
    where = f" (in flow '{flow}')" if flow else ""
    known = {"queue": ctx.queues, "bot": ctx.bots, "flow": ctx.flows, "function": ctx.functions,
             "hours": ctx.hours, "prompt": ctx.prompts, "agent": ctx.agents}
    for node in graph.nodes:
        stmt = node.stmt
        for kind, name in named_references(stmt):
            if name.value not in known[kind]:
                _unknown(kind, name, known[kind], diags, where)
            elif kind == "flow":
                want = _expected_flow_type(stmt)
                have = ctx.flows[name.value]
                if want and have != want:
                    word = f"set {stmt.which} flow" if isinstance(stmt, ast.SetFlow) else \
                        stm.STATEMENT_KEYWORDS[type(stmt).__name__]
                    diags.error(WRONG_FLOW_TYPE, f"flow '{name.value}' is a {have.lower()} flow; "
                                f"'{word}' needs "
                                f"{'an' if want[0] in 'AEIOU' else 'a'} {want.lower()} flow",
                                name.span, length=len(name.value))
        if isinstance(stmt, ast.Ask) and isinstance(stmt.bot, ast.Name) and stmt.bot.value in ctx.bots:
            intents = ctx.bots[stmt.bot.value]
            for branch in stmt.branches:
                for intent in branch.intents:
                    if intent.value not in intents:
                        _unknown("intent", intent, intents, diags, where,
                                 f"bot '{stmt.bot.value}' has no intent '{intent.value}'")
        if isinstance(stmt, ast.Voice):
            _check_voice(stmt, diags)
        if isinstance(stmt, ast.ShowView):
            _check_view(stmt, ctx, diags, where)

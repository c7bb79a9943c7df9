"""Channels: which flow blocks work on which channel, which channels reach each flow, and the check.

Connect runs every block on every channel, but a block that does not support the contact's channel takes
its error branch: a keypad menu on chat hangs the chat up by default. The table below says, per block a
statement becomes, the channels it supports, each row citing its page of the flow-block reference
(https://docs.aws.amazon.com/connect/latest/adminguide/ + the page). Blocks not in the table support
every channel (block-support-by-channel.html).

A flow's channels are declared (``channels: [voice, chat]``) or derived: a phone number reaches its flow on
voice, ``task … flow F`` reaches F on task, a quick connect reaches its transfer flow on every channel agents
route, and ``transfer to flow`` / ``set … flow`` / ``run module`` hand every channel of the flow on. A flow
nothing reaches that way has unknown channels and is not checked.
An action reachable on a channel it does not support is error E315 at the statement.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..compact import flow_ast as ast
from ..diagnostics import Diagnostics
from .cfg import FlowGraph, graph_of

VOICE, CHAT, TASK, EMAIL = "voice", "chat", "task", "email"
ALL = frozenset({VOICE, CHAT, TASK, EMAIL})
UNSUPPORTED_CHANNEL = "E315"
REFERENCE = "https://docs.aws.amazon.com/connect/latest/adminguide/"


@dataclass(frozen=True)
class ChannelRule:
    block: str
    channels: frozenset[str]
    source: str  # the reference page


def _rule(block: str, channels: set[str], page: str) -> ChannelRule:
    return ChannelRule(block, frozenset(channels), page)


#: block (the action Type, or Type:variant) -> the channels it supports
CHANNEL_RULES: dict[str, ChannelRule] = {r.block: r for r in [
    _rule("GetParticipantInput", {VOICE}, "get-customer-input.html"),  # DTMF menus; chat only with Lex
    _rule("GetParticipantInput:StoreInput", {VOICE}, "store-customer-input.html"),
    _rule("ConnectParticipantWithLexBot", {VOICE, CHAT}, "get-customer-input.html"),
    _rule("MessageParticipantIteratively", {VOICE}, "loop-prompts.html"),
    _rule("TransferParticipantToThirdParty", {VOICE}, "transfer-to-phone-number.html"),
    _rule("UpdateContactEventHooks:CustomerHold", {VOICE}, "set-hold-flow.html"),
    _rule("CreateCallbackContact", {VOICE}, "transfer-to-queue.html"),  # "Transfer to callback queue"
    _rule("UpdateContactCallbackNumber", {VOICE}, "set-callback-number.html"),
    # on voice only with "Keep running while waiting" / event-based wait, options ccdsl does not set
    _rule("Wait", {CHAT, TASK, EMAIL}, "wait.html"),
    _rule("CheckVoiceId", {VOICE}, "check-voice-id.html"),
    _rule("StartVoiceIdStream", {VOICE}, "set-voice-id.html"),
    _rule("UpdateContactMediaStreamingBehavior", {VOICE}, "start-media-streaming.html"),
    # show-view-block.html; participant-actions-showview.html: "only supported on the chat channel"
    _rule("ShowView", {CHAT}, "show-view-block.html"),
]}


def block_of(stmt: Any) -> str | None:
    """The table key of the block a statement becomes."""
    from .statements import STATEMENT_ACTIONS

    if isinstance(stmt, ast.SetFlow) and stmt.which == "hold":
        return "UpdateContactEventHooks:CustomerHold"
    if isinstance(stmt, ast.StoreInput):
        return "GetParticipantInput:StoreInput"
    return STATEMENT_ACTIONS.get(type(stmt).__name__)


def supported(stmt: Any) -> ChannelRule | None:
    block = block_of(stmt)
    return CHANNEL_RULES.get(block) if block else None


def _narrow(stmt: Any, branch: str, channels: frozenset[str]) -> frozenset[str]:
    """The channels a contact can be on after taking ``branch`` of a compare on ``$.Channel``."""
    if isinstance(stmt, ast.IfCompare) and stmt.subject.path == "$.Channel" and isinstance(stmt.value, ast.Str) \
            and stmt.op in ("==", "!="):
        value = stmt.value.value.lower()  # "match" is the equal branch for both (cfg lowers '!=' as Equals)
        return channels & {value} if branch == "match" else channels - {value}
    if isinstance(stmt, ast.Check) and stmt.subject.path == "$.Channel":
        values = [c.value.value.lower() for c in stmt.cases if c.op == "==" and isinstance(c.value, ast.Str)]
        if branch.startswith("case"):
            case = stmt.cases[int(branch[4:])]
            return channels & {case.value.value.lower()} if case.op == "==" and isinstance(case.value, ast.Str) \
                else channels
        if branch == "NoMatchingCondition":
            return channels - set(values)
    return channels


def channels_at(graph: FlowGraph, start: frozenset[str]) -> dict[int, frozenset[str]]:
    """The channels a contact can be on at each reachable statement (compares on ``$.Channel`` narrow them)."""
    if not graph.nodes:
        return {}
    at: dict[int, frozenset[str]] = {0: start}
    todo = [0]
    while todo:
        i = todo.pop()
        for branch, t in graph.branches(i):
            if t < 0:
                continue
            out = _narrow(graph.nodes[i].stmt, branch, at[i])
            if not out:
                continue
            merged = at.get(t, frozenset()) | out
            if merged != at.get(t):
                at[t] = merged
                todo.append(t)
    return at


def _hand_offs(stmt: Any) -> Iterator[ast.Name]:
    if isinstance(stmt, (ast.TransferToFlow, ast.SetFlow)) and isinstance(stmt.flow, ast.Name):
        yield stmt.flow
    elif isinstance(stmt, ast.RunModule) and isinstance(stmt.module, ast.Name):
        yield stmt.module


@dataclass
class ChannelPlan:
    #: flow -> channel -> why the flow is reached on it
    channels: dict[str, dict[str, str]] = field(default_factory=dict)
    declared: set[str] = field(default_factory=set)


def plan_channels(site: Any) -> ChannelPlan:
    """The channels each flow of a site is reached on (declared or derived)."""
    from . import flow_body

    plan = ChannelPlan()
    flows = getattr(site, "flows", None) or {}
    graphs: dict[str, FlowGraph] = {}
    for name, flow in flows.items():
        plan.channels[str(name)] = {}
        body = flow_body(flow)
        if body is not None:
            graphs[str(name)] = graph_of(body)
        declared = getattr(flow, "channels", None)
        if declared:
            plan.declared.add(str(name))
            plan.channels[str(name)] = {str(c): "its `channels:`" for c in declared}
    for number_name, number in (getattr(site, "numbers", None) or {}).items():
        target = str(getattr(number, "flow", "") or "")
        if target in plan.channels and target not in plan.declared:
            plan.channels[target].setdefault(VOICE, f"phone number '{number_name}' rings it")
    _quick_connect_channels(site, plan)
    for name, graph in graphs.items():
        for node in graph.nodes:
            if isinstance(node.stmt, ast.Task):
                dest = node.stmt.flow.value
                if dest in plan.channels and dest not in plan.declared:
                    plan.channels[dest].setdefault(TASK, f"flow '{name}' creates tasks for it (line "
                                                         f"{node.stmt.span.line})")
    for _round in range(len(graphs) + 2):
        changed = False
        for name, graph in graphs.items():
            at = channels_at(graph, frozenset(plan.channels[name]))
            for i in sorted(at):
                for hand_off in _hand_offs(graph.nodes[i].stmt):
                    dest = hand_off.value
                    if dest not in plan.channels or dest in plan.declared:
                        continue
                    for channel in sorted(at[i]):
                        if channel not in plan.channels[dest]:
                            plan.channels[dest][channel] = (f"flow '{name}' hands {channel} contacts to it at line "
                                                            f"{graph.nodes[i].stmt.span.line}")
                            changed = True
        if not changed:
            break
    return plan


def _quick_connect_channels(site: Any, plan: ChannelPlan) -> None:
    """A quick connect's transfer flow runs on the contact the agent transfers: any channel an agent routes
    (a routing profile's ``channels:``; quick-connects.html: queue and agent quick connects run their flow)."""
    routed: dict[str, str] = {}
    for profile_name, profile in (getattr(site, "routing", None) or {}).items():
        channels = getattr(profile, "channels", None)
        for channel, _n in (channels.concurrencies() if channels is not None else []):
            routed.setdefault(channel.lower(), str(profile_name))
    for qc_name, qc in (getattr(site, "quick_connects", None) or {}).items():
        target = str(getattr(qc, "flow", "") or "")
        if target not in plan.channels or target in plan.declared:
            continue
        for channel, profile in sorted(routed.items()):
            plan.channels[target].setdefault(channel, f"quick connect '{qc_name}' transfers {channel} contacts "
                                                      f"(agents of routing profile '{profile}' handle {channel})")


def check_channels(site: Any, diags: Diagnostics, plan: ChannelPlan | None = None) -> None:
    """E315 at every statement reachable on a channel its block does not support."""
    from . import flow_body
    from .statements import STATEMENT_KEYWORDS

    plan = plan or plan_channels(site)
    for name, flow in (getattr(site, "flows", None) or {}).items():
        body = flow_body(flow)
        reached = plan.channels.get(str(name)) or {}
        if body is None or not reached:
            continue
        graph = graph_of(body)
        for i, here in sorted(channels_at(graph, frozenset(reached)).items()):
            stmt = graph.nodes[i].stmt
            rule = supported(stmt)
            if rule is None:
                continue
            for channel in sorted(here - rule.channels):
                word = STATEMENT_KEYWORDS.get(type(stmt).__name__, type(stmt).__name__.lower())
                diags.error(UNSUPPORTED_CHANNEL, f"'{word}' does not work on {channel} (Connect takes its error "
                            f"branch), and flow '{name}' is reached on {channel}: {reached[channel]}", stmt.span,
                            length=len(word.split()[0]),
                            hint=f"route {channel} contacts around it (if $.Channel == \"{channel.upper()}\" -> "
                                 f"label), or declare the flow's `channels:`; see {REFERENCE}{rule.source}")

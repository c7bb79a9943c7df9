"""Semantic checks of flow bodies: labels, control flow, flow types and limits.

Codes (each at the exact span of the offending statement or name):

- E301 unknown label (did you mean …), E302 duplicate label, E303 loop with no blocking step,
  E304 ``transfer`` where no queue is set on some path, E305 statement not allowed in this flow
  type, E306 flow too large, E307 value out of range, E308 ``!=`` as a ``check`` case,
  E309 the same menu key or intent in two branches, E310 a ``check`` without cases,
  E311 an empty prompt, E312 a phone number not in E.164 form;
- W301 unreachable statement, W302 fall-through into a label, W303 label never used, W304 a hold
  flow that can run out of statements (and so disconnect the caller), W305 a JSONPath outside the
  contact data Connect knows, W310 ``if open|closed`` without hours where no queue is set on some path.

References to other parts of the site (E201–E207, E231) are checked in :mod:`.references`.
"""
from __future__ import annotations

import functools
import re

from ..compact import flow_ast as ast
from ..diagnostics import Diagnostics, did_you_mean
from ..model.patterns import E164
from ..source import Span
from . import catalog as cat
from . import statements as stm
from .cfg import TERMINATORS, VIRTUAL, FlowGraph, graph_of
from .check_blocks import check_block_statements
from .check_input import check_input_statements
from .context import FlowContext
from .language import check_locale_names
from .references import audio_prompts, check_references
from .ssml import report_ssml

#: statements after which a queue is set for ``transfer``
SETS_QUEUE = (ast.SetQueue,)
#: ``if open -> label`` (the working queue's hours) reachable with no working queue set
HOURS_WITHOUT_QUEUE = "W310"
#: flow types where the quick connect sets the queue before the flow runs
QUEUE_PRESET = frozenset({cat.QUEUE_TRANSFER, cat.AGENT_TRANSFER})

#: the roots of the contact data a JSONPath may name (Connect rejects a path that does not exist)
ATTRIBUTE_ROOTS = frozenset({
    "Attributes", "External", "Lex", "Channel", "ContactId", "InitialContactId", "PreviousContactId",
    "RelatedContactId", "CustomerEndpoint", "SystemEndpoint", "Queue", "InstanceARN", "LanguageCode",
    "TextToSpeechVoice", "StoredCustomerInput", "Name", "Description", "References", "MediaStreams", "Customer",
    "Case", "Tags", "SegmentAttributes", "Metrics", "QueueMetrics", "Agent", "CustomerId", "AwsRegion", "Views",
    "Campaign", "VoiceId", "Wisdom", "FlowAttributes", "CustomerCallBackPhoneNumber", "Event", "Task",
    "AuthenticationStatus", "ContactDetails", "DisconnectReason", "InitiationMethod", "Recording",
})

#: fields that may hold a contact attribute read at run time (dynamic targets)
DYNAMIC_FIELDS: dict[type, tuple[str, ...]] = {
    ast.SetQueue: ("queue",), ast.TransferToFlow: ("flow",), ast.TransferToNumber: ("number",),
    ast.Invoke: ("function",), ast.Play: ("prompt",), ast.RunModule: ("module",), ast.Ask: ("bot",),
    ast.Wait: ("seconds",), ast.LoadMetrics: ("queue",), ast.SetCustomerId: ("value",),
}

#: (statement class, field) -> (min, max) seconds, from the Connect flow language's limits
RANGES: dict[tuple[type, str], tuple[int, int]] = {
    (ast.Invoke, "timeout"): (1, 8),
    (ast.Wait, "seconds"): (1, 604800),
    (ast.Menu, "timeout"): (1, 180),
    (ast.TransferToNumber, "timeout"): (1, 600),
    (ast.LoopPrompts, "every"): (1, 3600),
    (ast.LoopPrompts, "interrupt"): (1, 3600),
    (ast.StoreInput, "timeout"): (1, 180),
}


def _kind(stmt: ast.Stmt) -> str:
    return type(stmt).__name__


def _keyword(stmt: ast.Stmt) -> str:
    return stm.STATEMENT_KEYWORDS.get(_kind(stmt), _kind(stmt).lower())


def _len(name: ast.Name) -> int:
    return max(len(name.value), 1)


def check_flow(name: str, flow_type: str, body: ast.FlowBody, ctx: FlowContext | None, diags: Diagnostics,
               span: Span | None = None) -> FlowGraph:
    """Check one flow body; ``ctx`` None skips the references to the rest of the site."""
    graph = graph_of(body)
    _check_labels(graph, diags)
    _check_flow_types(graph, flow_type, diags)
    _check_values(graph, diags)
    check_input_statements(graph, diags)
    check_block_statements(graph, diags)
    check_locale_names(graph, diags)
    reach = graph.reachable()
    _check_reachability(graph, reach, diags)
    _check_loops(graph, diags)
    if flow_type not in QUEUE_PRESET:
        _check_queue_set(graph, diags)
    if flow_type in cat.HOLDS and graph.can_fall_off_end():
        diags.warning("W304", f"hold flow '{name}' can run out of statements, which leaves the caller on hold "
                      "in silence",
                      span or body.span, hint="end it with 'loop prompts \"…\" every 30s'")
    silent = graph.unhandled_errors() if cat.CATALOG["DisconnectParticipant"].allowed_in(flow_type) else 0
    if silent and flow_type not in cat.HOLDS:
        diags.warning("W306", f"flow '{name}' has {silent} error branch{'es' if silent > 1 else ''} with no handler: "
                      "the contact hears a short apology, then is disconnected", span or body.span,
                      hint="add an 'on error:' block to the flow (or 'error -> label' on the statement), "
                           "or set the instance's `apology`")
    count = graph.action_count(flow_type)
    if count > cat.MAX_ACTIONS:
        where = span or (graph.nodes[0].stmt.span if graph.nodes else body.span)
        diags.error("E306", f"flow '{name}' needs {count} Connect actions; at most {cat.MAX_ACTIONS} are allowed",
                    where, hint="split it with 'transfer to flow'")
    if ctx is not None:
        check_references(graph, ctx, diags, name)
    return graph


def _check_labels(graph: FlowGraph, diags: Diagnostics) -> None:
    for dup in graph.duplicate_labels:
        first = graph.nodes[graph.labels[dup.name.value]].stmt.span
        diags.error("E302", f"label '{dup.name.value}' is defined twice (first at line {first.line})",
                    dup.name.span, length=_len(dup.name))
    for node in graph.nodes:
        for ref in ast.label_refs(node.stmt):
            if ref.value not in graph.labels:
                diags.error("E301", f"unknown label '{ref.value}'", ref.span,
                            hint=did_you_mean(ref.value, graph.labels), length=_len(ref))


def _check_flow_types(graph: FlowGraph, flow_type: str, diags: Diagnostics) -> None:
    for node in graph.nodes:
        action = stm.statement_action(_kind(node.stmt), flow_type)
        spec = cat.spec(action) if action else None
        if spec is not None and not spec.allowed_in(flow_type):
            allowed = sorted(k for k, v in cat.DSL_FLOW_TYPES.items() if spec.allowed_in(v) and k.count("_") == 1)
            diags.error("E305", f"'{_keyword(node.stmt)}' is not allowed in {_article(flow_type.lower())} flow",
                        node.stmt.span, hint=f"allowed in: {', '.join(allowed)}" if allowed else None,
                        length=len(_keyword(node.stmt)))


@functools.cache
def _ranges(kind: type) -> tuple[tuple[str, int, int], ...]:
    """The entries of :data:`RANGES` that apply to a statement class: (field, min, max), in their order."""
    return tuple((attr, low, high) for (cls, attr), (low, high) in RANGES.items() if issubclass(kind, cls))


def _article(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word


def _check_values(graph: FlowGraph, diags: Diagnostics) -> None:
    for node in graph.nodes:
        s = node.stmt
        kind: type = type(s)
        for attr, low, high in _ranges(kind):
            value = getattr(s, attr, None)
            if isinstance(s, ast.LoopPrompts) and attr == "every" and not value:
                continue  # no pause after the prompts
            if isinstance(value, int) and not low <= value <= high:
                diags.error("E307", f"'{_keyword(s)}' {attr} is {value}s; Connect allows {low}-{high}s", s.span)
        prompts = ([s.text] if isinstance(s, ast.Say) else
                   [s.prompt] if isinstance(s, (ast.Ask, ast.Menu)) and s.audio is None else
                   [p for p in s.prompts if isinstance(p, str)] if isinstance(s, ast.LoopPrompts) else [])
        if any(not p.strip() for p in prompts):
            diags.error("E311", f"'{_keyword(s)}' has an empty prompt; Connect needs something to say", s.span,
                        length=len(_keyword(s)))
        for path in _attribute_paths(s):
            root = path.path[2:].split(".")[0].split("[")[0] if path.path.startswith("$.") else ""
            if root not in ATTRIBUTE_ROOTS:
                diags.warning("W305", f"'{path.path}' is not contact data Connect knows", path.span,
                              hint=did_you_mean(root, sorted(ATTRIBUTE_ROOTS))
                              or "user-defined attributes are under $.Attributes.", length=len(path.path))
        if isinstance(s, ast.Say) and s.ssml:
            report_ssml(s, s.text, "say", diags)
        if isinstance(s, ast.TransferToNumber) and isinstance(s.number, str) and not re.fullmatch(E164, s.number):
            diags.error("E312", f"'{s.number}' is not a phone number in E.164 form", s.span,
                        hint="write it as +<country code><number>, e.g. +442071838750", length=len("transfer"))
        if isinstance(s, ast.Check):
            if not s.cases:
                diags.error("E310", "'check' needs at least one case ('== \"value\" -> label')", s.span,
                            length=len("check"))
            for case in s.cases:
                if case.op == "!=":
                    diags.error("E308", "'!=' cannot be a check case (cases are tried in order)", case.span,
                                hint="use 'if … != … -> label' before the check")
        seen: dict[str, Span] = {}
        keys = ([(o.key, o.span) for o in s.options] if isinstance(s, ast.Menu) else
                [(i.value, i.span) for b in s.branches for i in b.intents] if isinstance(s, ast.Ask) else [])
        for key, where in keys:
            if key in seen:
                diags.error("E309", f"'{key}' has two branches (first at line {seen[key].line}); "
                            "only the first is taken", where, length=len(key))
            seen.setdefault(key, where)


def _attribute_paths(stmt: ast.Stmt) -> list[ast.AttrPath]:
    values: list = []
    if isinstance(stmt, (ast.IfCompare, ast.Check)):
        values.append(stmt.subject)
    if isinstance(stmt, ast.IfCompare):
        values.append(stmt.value)
    if isinstance(stmt, ast.Check):
        values += [c.value for c in stmt.cases]
    if isinstance(stmt, ast.SetCallbackNumber):
        values.append(stmt.number)
    if isinstance(stmt, ast.TransferToNumber):
        values.append(stmt.caller_id)
    if isinstance(stmt, (ast.SetAttributes, ast.Invoke)):
        values += [a.value for a in (stmt.assignments if isinstance(stmt, ast.SetAttributes) else stmt.params)]
    if isinstance(stmt, ast.Ask):
        values += [a.value for a in stmt.session]
    for field in ("search", "data", "fields", "attributes"):  # profiles, cases, task attributes
        values += [a.value for a in getattr(stmt, field, ()) if isinstance(a, ast.Assignment)]
    values += [getattr(stmt, f, None) for f in DYNAMIC_FIELDS.get(type(stmt), ())]
    values += audio_prompts(stmt)
    return [v for v in values if isinstance(v, ast.AttrPath)]


def _check_reachability(graph: FlowGraph, reach: set[int], diags: Diagnostics) -> None:
    used = {ref.value for n in graph.nodes for ref in ast.label_refs(n.stmt)}
    quiet_labels: set[str] = set()
    for node in graph.nodes:
        s = node.stmt
        if isinstance(s, ast.Label):
            if s.name.value == ast.ON_ERROR and node.index not in reach:
                quiet_labels.add(s.name.value)  # nothing fails here: the handler is simply not needed
            elif s.name.value not in used and node.index not in reach:
                diags.warning("W303", f"label '{s.name.value}' is never used", s.name.span, length=_len(s.name))
                quiet_labels.add(s.name.value)
            prev = node.index - 1
            if prev >= 0 and prev in reach and not isinstance(graph.nodes[prev].stmt, (ast.Label, ast.Goto)) and \
                    ("next", node.index) in graph.branches(prev):
                diags.warning("W302", f"control falls through into label '{s.name.value}'", s.span,
                              hint="end the block above with hangup/transfer/goto, or 'goto "
                                   f"{s.name.value}' to make it explicit", length=_len(s.name) + 1)
            continue
        if node.index in reach or node.label in quiet_labels:
            continue
        prev = node.index - 1
        if prev < 0 or prev in reach or isinstance(graph.nodes[prev].stmt, ast.Label):
            before = graph.nodes[prev].stmt if prev >= 0 else None
            hint = None
            if isinstance(before, TERMINATORS):
                hint = f"'{_keyword(before)}' above ends this path"
                if any(b == "NoMatchingError" for b, _t in graph.branches(prev)):
                    hint += "; to continue here when it fails, give it 'error -> label' and a label here"
            diags.warning("W301", f"'{_keyword(s)}' can never run", s.span, hint=hint, length=len(_keyword(s)))


def _check_loops(graph: FlowGraph, diags: Diagnostics) -> None:
    for loop in graph.busy_loops():
        real = [i for i in loop if not isinstance(graph.nodes[i].stmt, VIRTUAL)] or loop
        first = graph.nodes[real[0]].stmt
        lines = sorted({graph.nodes[i].stmt.span.line for i in loop})
        diags.error("E303", "this loop never waits for the caller (no ask, menu, wait, invoke or transfer) "
                    f"and would run forever (lines {', '.join(map(str, lines))})", first.span,
                    length=len(_keyword(first)))


def _check_queue_set(graph: FlowGraph, diags: Diagnostics) -> None:
    unset = graph.reachable_without(SETS_QUEUE)
    for i in sorted(unset):
        s = graph.nodes[i].stmt
        if isinstance(s, ast.Transfer):
            diags.error("E304", "'transfer' needs a queue: on some path to here no 'queue NAME' is set", s.span,
                        hint="add 'queue NAME' before it on every path", length=len("transfer"))
        elif isinstance(s, ast.IfHours) and s.hours is None:  # check-hours-of-operation.html: the queue's hours
            diags.warning(HOURS_WITHOUT_QUEUE, f"'if {'open' if s.open else 'closed'}' without hours checks the "
                          "working queue's hours, but on some path to here no 'queue NAME' is set (Connect then "
                          "takes the Error branch)", s.span,
                          hint="name the hours ('if open OfficeHours -> label') or set a queue before it",
                          length=len("if"))

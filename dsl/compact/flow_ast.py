"""The syntax tree of a flow body (the compact ``do:`` block of a contact flow).

A body is a :class:`FlowBody` whose ``statements`` are statement nodes in source order.

Labels are **nested**: ``name:`` followed by an indented block is one :class:`Label` node whose
``body`` holds the block's statements. Labels may appear at any level (also inside another label's
block) and are referenced by name from any branch or ``goto`` of the flow. When a label's block ends
without ending the contact, control continues with the statement after the block (fall-through,
like code). A label node itself does nothing when reached in sequence; it just runs its body.

Every node is a frozen dataclass with a ``span`` (the file position of the statement, branch or name
start). Spans are excluded from equality (``compare=False``), so two trees parsed from texts at
different positions compare equal when they say the same thing.

Every name reference (queue, bot, intent, label, flow, function, hours, voice) is a :class:`Name`
whose ``span`` points at that exact name, so a later phase can report a typo at the exact column.

Durations are stored in whole seconds. Strings are stored unescaped (``\\"`` in source -> ``"``).
Numbers in comparisons keep their source text (:class:`Number`), because Connect compares text.

Branches (the indented ``pattern -> label`` lines under a statement) are typed fields of the
statement (``error``, ``at_capacity``, ``otherwise``, ``on_timeout`` …), each a :class:`Name`
of the target label or ``None`` when the branch is absent. :func:`label_refs` lists every label a
statement refers to; :func:`walk` visits all statements, descending into labels.
"""
from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any, Union

from ..source import Span
from .nodes import Name  # noqa: F401  (Name re-exported)
from .nodes import span_field as _span

# Name is re-exported from here: every name reference in a flow is a Name.

# ---------------------------------------------------------------------------------------- leaves


@dataclass(frozen=True, slots=True)
class Str:
    """A double-quoted string literal, unescaped."""

    value: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Number:
    """A numeric literal as written (``3``, ``2.5``, ``-1``)."""

    text: str
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class AttrPath:
    """A contact attribute path as written: ``$.Channel``, ``$.Attributes.language``."""

    path: str
    span: Span = _span()

    def __str__(self) -> str:
        return self.path


Value = Union[Str, Number, AttrPath]
#: what a statement targets: a site object by name, or a contact attribute holding its ARN / id at run time
Target = Union[Name, AttrPath]


@dataclass(frozen=True, slots=True)
class Assignment:
    """``key = value`` in ``set`` and ``invoke … with``."""

    key: str
    value: Value
    span: Span = _span()


# ------------------------------------------------------------------------------------ statements


class Statement:
    """Base class of every statement node (no fields of its own)."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Say(Statement):
    """``say "text"`` or ``say ssml "<speak>…</speak>"`` with an optional ``error -> label`` (without it a prompt
    that cannot be played goes on with the next statement)."""

    text: str
    ssml: bool = False
    span: Span = _span()
    error: Name | None = None
    #: ``no error``: the block has no Error branch at all (see docs/flows.md)
    no_error: bool = False
    #: where the text starts in the file (a multi-line string: its first line at the margin), for a diagnostic
    #: about a place inside it
    text_at: Span = _span()


@dataclass(frozen=True, slots=True)
class Logging(Statement):
    """``logging on|off``."""

    on: bool
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Recording(Statement):
    """``recording on|off``."""

    on: bool
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Voice(Statement):
    """``voice Amy [neural|standard|generative] [style S] [language en_GB]``; ``engine`` and ``language`` are None
    when not given (with a language it also sets the contact's language, like :class:`Language`)."""

    voice: Name
    engine: str | None = None
    language: Name | None = None
    span: Span = _span()
    #: ``style none|conversational|newscaster``: the speaking style (TextToSpeechStyle), None when not given
    style: str | None = None


@dataclass(frozen=True, slots=True)
class Language(Statement):
    """``language en_GB``: the contact's language (Connect picks the Lex bot locale and voice from it); an optional
    ``error -> label`` (without it the flow goes on with the next statement)."""

    locale: Name
    span: Span = _span()
    error: Name | None = None


@dataclass(frozen=True, slots=True)
class SetAttributes(Statement):
    """``set k = "v", k2 = $.Path`` with an optional ``error -> label`` (without it the flow goes on with the next
    statement)."""

    assignments: tuple[Assignment, ...]
    span: Span = _span()
    error: Name | None = None
    #: ``legacy``: without TargetContact, as blocks made before Connect had the option (see docs/flows.md)
    legacy: bool = False


@dataclass(frozen=True, slots=True)
class IfHours(Statement):
    """``if closed HOURS -> label`` (``open`` False) / ``if open HOURS -> label`` (``open`` True).

    Jumps to ``target`` when the hours are in that state, else continues. Without HOURS (``if open -> label``)
    Connect checks the hours of the contact's working queue."""

    open: bool
    hours: Name | None
    target: Name
    span: Span = _span()
    #: ``error -> label``: where a check Connect cannot make goes (without it: on, with the other state)
    error: Name | None = None


@dataclass(frozen=True, slots=True)
class IfCompare(Statement):
    """``if $.Attributes.x == "v" -> label``; ``op`` is one of :data:`COMPARE_OPS`."""

    subject: AttrPath
    op: str
    value: Value
    target: Name
    span: Span = _span()


COMPARE_OPS = ("==", "!=", ">", ">=", "<", "<=", "contains", "startswith")


@dataclass(frozen=True, slots=True)
class CheckCase:
    """One indented ``== "v" -> label`` / ``> 3 -> label`` line under ``check``."""

    op: str
    value: Value
    target: Name
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Check(Statement):
    """``check $.Path`` with indented cases and an optional ``otherwise -> label``."""

    subject: AttrPath
    cases: tuple[CheckCase, ...]
    otherwise: Name | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class IntentBranch:
    """``Intent[, Intent…] -> label`` under ``ask``."""

    intents: tuple[Name, ...]
    target: Name
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Ask(Statement):
    """``ask BOT [ssml] "prompt"`` with indented intent branches, ``otherwise`` and ``error``."""

    bot: Target  # a bot of the site, or a contact attribute holding a bot alias ARN at run time
    prompt: str
    branches: tuple[IntentBranch, ...] = ()
    otherwise: Name | None = None
    error: Name | None = None
    ssml: bool = False
    span: Span = _span()
    #: ``with k = v, …``: Lex session attributes passed to the bot (LexSessionAttributes)
    session: tuple[Assignment, ...] = ()
    #: ``play PROMPT`` instead of the text: an audio prompt of the site or a contact attribute holding its ARN
    audio: Target | None = None
    #: where the text starts in the file (a multi-line string: its first line at the margin), for a diagnostic
    #: about a place inside it
    text_at: Span = _span()


@dataclass(frozen=True, slots=True)
class MenuOption:
    """``1 -> label`` under ``menu``; ``key`` is one of ``0-9 * #``."""

    key: str
    target: Name
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Menu(Statement):
    """``menu [ssml] "prompt" [timeout 5s]`` with indented options, ``timeout``, ``otherwise``, ``error``."""

    prompt: str
    options: tuple[MenuOption, ...] = ()
    timeout: int | None = None
    on_timeout: Name | None = None
    otherwise: Name | None = None
    error: Name | None = None
    ssml: bool = False
    span: Span = _span()
    #: ``menu play PROMPT``: an audio prompt instead of the text (the text is then empty)
    audio: Target | None = None
    #: where the text starts in the file (a multi-line string: its first line at the margin), for a diagnostic
    #: about a place inside it
    text_at: Span = _span()


@dataclass(frozen=True, slots=True)
class Invoke(Statement):
    """``invoke FUNCTION [timeout 8s] [json] [with k = "v", …]`` with optional ``error -> label``; the function
    may be a contact attribute holding its ARN (``invoke $.Attributes.fn``); with ``json`` the function may
    return nested JSON (ResponseType JSON) instead of a flat map of strings."""

    function: Target
    timeout: int | None = None
    params: tuple[Assignment, ...] = ()
    error: Name | None = None
    span: Span = _span()
    json: bool = False
    #: ``legacy``: without ResponseValidation, as blocks made before Connect had the option (see docs/flows.md)
    legacy: bool = False


@dataclass(frozen=True, slots=True)
class SetQueue(Statement):
    """``queue QUEUE`` or ``queue $.Attributes.q`` (sets the working queue) with an optional ``error`` branch;
    ``queue agent AGENT`` (or ``queue agent $.Attributes.agentArn``) makes an agent's own queue the working queue."""

    queue: Target
    error: Name | None = None
    span: Span = _span()
    agent: bool = False


@dataclass(frozen=True, slots=True)
class Transfer(Statement):
    """``transfer`` (to the working queue) with optional ``at capacity`` and ``error`` branches."""

    at_capacity: Name | None = None
    error: Name | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class TransferToFlow(Statement):
    """``transfer to flow FLOW`` or ``transfer to flow $.Attributes.f`` with an optional ``error`` branch."""

    flow: Target
    error: Name | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class TransferToNumber(Statement):
    """``transfer to number "+44…"`` or ``transfer to number $.Attributes.n`` ``[timeout 30s] [caller id "+44…"|$.Path]
    [caller name "…"] [digits "…"] [resume]`` with an optional ``error`` branch; with ``resume`` the flow goes on after
    the third party hangs up, and ``timeout -> label`` takes a call nobody answered in time."""

    number: str | AttrPath
    timeout: int | None = None
    error: Name | None = None
    caller_id: Value | None = None
    caller_name: str | None = None
    digits: str | AttrPath | None = None
    resume: bool = False
    on_timeout: Name | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Goto(Statement):
    """``goto label``."""

    label: Name
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Label(Statement):
    """``name:`` with its indented block."""

    name: Name
    body: tuple[Stmt, ...]
    span: Span = _span()


#: the name of the ``on error:`` block's label node: every error branch not written goes there
ON_ERROR = "on error"


@dataclass(frozen=True, slots=True)
class Hangup(Statement):
    """``hangup`` (disconnect)."""

    span: Span = _span()


@dataclass(frozen=True, slots=True)
class End(Statement):
    """``end`` (end the flow / resume, as the flow type defines)."""

    span: Span = _span()


@dataclass(frozen=True, slots=True)
class LoopPrompts(Statement):
    """``loop prompts "a", play CHIME, "b" every 30s [interrupt 60s -> label]`` (queue and hold flows); each prompt
    is a text (followed by ``every`` seconds of silence; 0 without ``every``) or an audio prompt (``play NAME`` or
    ``play $.Path``, a :data:`Target`); with ``interrupt`` the prompts stop every so often and the flow goes on at
    the label (e.g. to offer a callback)."""

    prompts: tuple[str | Target, ...]
    every: int
    interrupt: int | None = None
    target: Name | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Wait(Statement):
    """``wait 60s`` (or ``wait $.External.seconds``, read when the block runs) with optional ``timeout -> label``
    and ``error -> label``; ``until customer returns -> label`` ends the wait when the customer comes back to the
    chat (the CustomerReturned event)."""

    seconds: int | AttrPath
    on_timeout: Name | None = None
    error: Name | None = None
    span: Span = _span()
    returned: Name | None = None


@dataclass(frozen=True, slots=True)
class SetFlow(Statement):
    """``set queue|whisper|hold|disconnect|customer whisper flow F``; ``which`` names the hook
    (``agent whisper`` is read as ``whisper``); an optional ``error -> label`` (without it the flow goes on with the
    next statement)."""

    which: str  # one of SET_FLOW_KINDS
    flow: Name
    span: Span = _span()
    error: Name | None = None


SET_FLOW_KINDS = ("queue", "whisper", "hold", "disconnect", "customer whisper")


@dataclass(frozen=True, slots=True)
class Callback(Statement):
    """``callback [QUEUE] [delay 5m] [attempts 3] [retry 10m]`` with an optional ``error`` branch: the caller is
    called back from QUEUE (else the working queue) after ``delay``, trying ``attempts`` times ``retry`` apart.
    ``None`` options are written with the defaults of the lowering."""

    queue: Name | None = None
    error: Name | None = None
    delay: int | None = None
    attempts: int | None = None
    retry: int | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Task(Statement):
    """``task "name" flow FLOW [description "…"] [with k = v, …]`` with an optional ``error`` branch; ``with``
    gives the new task's contact attributes."""

    name: str
    flow: Name
    error: Name | None = None
    description: str | None = None
    attributes: tuple[Assignment, ...] = ()
    span: Span = _span()


# ------------------------------------------------------- caller input, loops, queue status and routing


@dataclass(frozen=True, slots=True)
class StoreInput(Statement):
    """``store digits|phone [ssml] "prompt" [max 8] [timeout 10s] [ending "#"] [country GB] [into NAME]``:
    keys the caller types, kept in ``$.StoredCustomerInput`` (and in the attribute NAME with ``into``);
    ``phone`` checks a phone number (local to ``country``, else E.164) and takes ``invalid -> label``."""

    kind: str  # "digits" | "phone"
    prompt: str
    ssml: bool = False
    max_digits: int | None = None
    timeout: int | None = None
    ending: str | None = None
    country: Name | None = None
    into: Name | None = None
    invalid: Name | None = None
    error: Name | None = None
    span: Span = _span()
    #: ``store digits play PROMPT …``: an audio prompt instead of the text (the text is then empty)
    audio: Target | None = None
    #: ``encrypted with "KEY-ID" certificate "certs/x.pem"``: the instance's encryption key id and the X.509
    #: certificate file (relative to the site file) Connect encrypts the keys with
    key_id: str | None = None
    certificate: Str | None = None
    #: ``legacy``: without DTMFConfiguration, as blocks made before Connect had the option (see docs/flows.md)
    legacy: bool = False
    #: where the text starts in the file (a multi-line string: its first line at the margin), for a diagnostic
    #: about a place inside it
    text_at: Span = _span()


STORE_KINDS = ("digits", "phone")


@dataclass(frozen=True, slots=True)
class SetCallbackNumber(Statement):
    """``set callback number $.StoredCustomerInput`` (or ``"+44…"``) with an optional ``error`` branch."""

    number: Value
    error: Name | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class LoopTimes(Statement):
    """``loop 3 times -> label``: to ``label`` the first 3 times it runs, then on (and the count starts again)."""

    count: int
    target: Name
    span: Span = _span()


#: ``if queue`` tests: the word written -> the Connect metric
QUEUE_METRICS = {"online": "NumberOfAgentsOnline", "available": "NumberOfAgentsAvailable",
                 "staffed": "NumberOfAgentsStaffed", "contacts": "NumberOfContactsInQueue",
                 "oldest": "OldestContactInQueueAgeSeconds"}
AGENT_STATES = ("online", "available", "staffed")
METRIC_OPS = ("==", ">", ">=", "<", "<=")


@dataclass(frozen=True, slots=True)
class IfQueue(Statement):
    """``if queue [QUEUE] has agents online|available|staffed -> label``,
    ``if queue [QUEUE] contacts > 10 -> label``, ``if queue [QUEUE] oldest contact > 5m -> label``.

    ``metric`` is a key of :data:`QUEUE_METRICS`; agent tests are ``> 0``; ``value`` is a count or seconds.
    Without a queue name the working queue is checked."""

    queue: Name | None
    metric: str
    op: str
    value: int
    target: Name
    span: Span = _span()
    #: ``error -> label``: where a queue Connect cannot read goes (without it: on, like no match)
    error: Name | None = None


@dataclass(frozen=True, slots=True)
class LoadMetrics(Statement):
    """``load queue metrics [QUEUE]``: the queue's real-time figures into ``$.Metrics`` (the working queue
    without a name; a contact attribute holding a queue ARN is read when the block runs), with an optional
    ``error`` branch."""

    queue: Target | None = None
    error: Name | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class SetRouting(Statement):
    """``set routing priority 1`` / ``set routing age 5m`` (the contact's priority, or time added to its age in
    the queue); ``value`` is the priority or seconds."""

    which: str  # "priority" | "age"
    value: int
    span: Span = _span()


ROUTING_KINDS = ("priority", "age")


@dataclass(frozen=True, slots=True)
class Share:
    """``30% -> label`` under ``distribute``."""

    percent: int
    target: Name
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Distribute(Statement):
    """``distribute`` with indented ``30% -> label`` shares; the rest goes on (or to ``otherwise``)."""

    shares: tuple[Share, ...] = ()
    otherwise: Name | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Play(Statement):
    """``play PROMPT`` (a prompt of the site's ``prompts:``) or ``play $.External.promptArn``."""

    prompt: Target
    error: Name | None = None
    span: Span = _span()
    #: ``no error``: the block has no Error branch at all (see docs/flows.md)
    no_error: bool = False


@dataclass(frozen=True, slots=True)
class RunModule(Statement):
    """``run module MODULE`` (or a contact attribute holding the module's id): runs the module, then goes on."""

    module: Target
    error: Name | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class Return(Statement):
    """``return``: ends a flow module; the contact continues after the ``run module`` that ran it."""

    span: Span = _span()


@dataclass(frozen=True, slots=True)
class MediaStreaming(Statement):
    """``media streaming on|off``: start or stop streaming the customer's audio (to Kinesis Video Streams)."""

    on: bool
    error: Name | None = None
    span: Span = _span()


LENS_MODES = ("realtime", "postcall")


@dataclass(frozen=True, slots=True)
class ContactLens(Statement):
    """``contact lens realtime|postcall language en_GB [redacted [and original] | not redacted]``: record both
    sides and analyse the conversation with Contact Lens."""

    mode: str
    language: Name
    redacted: bool = False
    span: Span = _span()
    #: ``contact lens realtime and chat …``: chat contacts are analysed too (the per-channel configuration)
    chat: bool = False
    #: results "redacted and original" (``redacted and original``; with redaction off, ``not redacted``: the
    #: console's saved choice); else redacted results only, or (redaction off) no results setting
    original: bool = False


@dataclass(frozen=True, slots=True)
class SetCustomerId(Statement):
    """``set customer id "C-123"`` / ``set customer id $.CustomerEndpoint.Address``: the contact's customer id
    (Set contact data, CustomerId) with an optional ``error`` branch."""

    value: Value
    error: Name | None = None
    span: Span = _span()


#: the results a step-by-step guide view returns (show-view-block.html: the branches of the Show view block)
VIEW_RESULTS = ("Back", "Next", "Step", "ActionSelected", "NoMatchFound")
#: the AWS managed views ``show view`` names without declaring them (any other name is a view of ``views:``)
MANAGED_VIEWS = ("form", "detail", "list", "cards", "confirmation")


@dataclass(frozen=True, slots=True)
class ShowView(Statement):
    """``show view VIEW [timeout 5m] [with Key = JSON, …]``: shows a view (an AWS managed view such as
    ``form`` or a view ARN) to the agent or customer; ``with`` gives the view's ``ViewData`` (JSON values);
    ``Back -> label`` / ``Next, Step -> label`` branch on what was chosen."""

    view: Name
    timeout: int | None = None
    data: tuple[tuple[str, Any], ...] = ()
    results: tuple[IntentBranch, ...] = ()
    on_timeout: Name | None = None
    otherwise: Name | None = None
    error: Name | None = None
    span: Span = _span()


# customer profiles, cases and Voice ID (their own module; imported here, where the statements above exist)
from .flow_blocks_ast import (  # noqa: E402,F401  (re-exported: every statement node is reachable from here)
    CASE_RESULTS,
    PROFILE_RESULTS,
    VOICE_ID_CHECKS,
    CheckVoiceId,
    CreateCase,
    CreateProfile,
    GetCase,
    GetProfile,
    StartVoiceId,
    results_of,
)

Stmt = Union[
    Say, Logging, Recording, Voice, SetAttributes, IfHours, IfCompare, Check, Ask, Menu, Invoke,
    SetQueue, Transfer, TransferToFlow, TransferToNumber, Goto, Label, Hangup, End, LoopPrompts,
    Wait, SetFlow, Callback, Task, Language,
    StoreInput, SetCallbackNumber, LoopTimes, IfQueue, LoadMetrics, SetRouting, Distribute,
    Play, RunModule, Return, MediaStreaming, ContactLens, ShowView,
    SetCustomerId,
    GetProfile, CreateProfile, GetCase, CreateCase, StartVoiceId, CheckVoiceId,
]


@dataclass(frozen=True, slots=True)
class FlowBody:
    """A parsed ``do:`` body."""

    statements: tuple[Stmt, ...]
    span: Span = _span()


# ------------------------------------------------------------------------------------- helpers

#: Branch fields that hold a label reference, per statement kind, in canonical print order.
BRANCH_FIELDS = ("at_capacity", "on_timeout", "invalid", "otherwise", "error")


def label_refs(stmt: Stmt) -> list[Name]:
    """Every label a statement jumps to (branches, ``goto``, ``if``), in source order.

    Does not descend into a :class:`Label`'s body (use :func:`walk` for that)."""
    if isinstance(stmt, Goto):
        return [stmt.label]
    if isinstance(stmt, (IfHours, IfCompare, LoopTimes, IfQueue)):
        return [stmt.target]
    refs: list[Name] = []
    if isinstance(stmt, LoopPrompts) and stmt.target is not None:
        refs.append(stmt.target)
    elif isinstance(stmt, Wait) and stmt.returned is not None:
        refs.append(stmt.returned)
    elif isinstance(stmt, Distribute):
        refs += [share.target for share in stmt.shares]
    if isinstance(stmt, Check):
        refs += [c.target for c in stmt.cases]
    elif isinstance(stmt, Ask):
        refs += [b.target for b in stmt.branches]
    elif isinstance(stmt, Menu):
        refs += [o.target for o in stmt.options]
    kind: type = type(stmt)
    has_results, branches = _branch_fields(kind)
    if has_results:  # show view, profiles, cases, Voice ID: a branch per result
        refs += [b.target for b in stmt.results]  # type: ignore[union-attr]
    refs += [getattr(stmt, f) for f in branches if getattr(stmt, f) is not None]
    return refs


@functools.cache
def _branch_fields(kind: type) -> tuple[bool, tuple[str, ...]]:
    """Whether a statement class has ``results``, and which of :data:`BRANCH_FIELDS` it has (in that order)."""
    names = {f.name for f in fields(kind)}
    return "results" in names, tuple(f for f in BRANCH_FIELDS if f in names)


def walk(statements: tuple[Stmt, ...] | list[Stmt]) -> Iterator[Stmt]:
    """Every statement in source order, descending into label blocks (the label first)."""
    for stmt in statements:
        yield stmt
        if isinstance(stmt, Label):
            yield from walk(stmt.body)

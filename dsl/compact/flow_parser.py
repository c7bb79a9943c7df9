"""Parsing flow bodies (grammar ``flow.lark``) into the tree of :mod:`.flow_ast`.

After lark has parsed the text, the builder attaches each statement's indented branches to its
typed fields and checks them: a branch the statement does not take, or one given twice (the same
``otherwise``, intent or menu key), is E018 at the branch. Durations with a wrong unit are E014.
"""
from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable
from types import FunctionType, MethodType
from typing import Any

from lark import Token, Tree, v_args
from lark.exceptions import GrammarError, VisitError
from lark.tree import Meta

from ..diagnostics import Diagnostics
from ..source import UNKNOWN, Span, TextOrigin
from . import flow_ast as A
from .flow_blocks_ast import results_of
from .flow_blocks_parser import BlocksTransformer
from .flow_indenter import FlowIndenter
from .lark_support import Node, duration_value, run, token_span
from .strings import read_string, text_start


def parse_flow(text: str, origin: TextOrigin, diags: Diagnostics) -> A.FlowBody | None:
    """The statements of a ``do:`` body; None (and diagnostics) when it has errors."""
    feed = text if text.endswith("\n") else text + "\n"
    return run("flow", text, origin, diags, lambda tree: _Tx(origin, diags).transform(tree), "flow",
               postlex_factory=FlowIndenter, feed=feed)


#: Which branch kinds each statement takes (kind names as in messages).
ALLOWED = {
    A.Ask: ("intent", "otherwise", "error"),
    A.Menu: ("key", "timeout", "otherwise", "error"),
    A.Check: ("comparison", "otherwise"),
    A.Invoke: ("error",),
    A.SetQueue: ("error",),
    A.Transfer: ("at capacity", "error"),
    A.TransferToFlow: ("error",),
    A.TransferToNumber: ("timeout", "error"),
    A.Wait: ("timeout", "error"),
    A.SetCustomerId: ("error",),
    A.Callback: ("error",),
    A.Task: ("error",),
    A.StoreInput: ("invalid", "error"),
    A.SetCallbackNumber: ("error",),
    A.LoadMetrics: ("error",),
    A.Distribute: ("percentage", "otherwise"),
    A.Play: ("error",),
    A.RunModule: ("error",),
    A.MediaStreaming: ("error",),
    A.ShowView: ("result", "timeout", "otherwise", "error"),
    A.GetProfile: ("result", "error"),
    A.CreateProfile: ("error",),
    A.GetCase: ("result", "error"),
    A.CreateCase: ("result", "error"),
    A.StartVoiceId: ("error",),
    A.CheckVoiceId: ("result", "otherwise", "error"),
    # an error not written goes on with the next statement (say, set, set … flow, language)
    A.Say: ("error",),
    A.SetAttributes: ("error",),
    A.SetFlow: ("error",),
    A.Language: ("error",),
    A.IfQueue: ("error",),
    A.IfHours: ("error",),
}
FIELD = {"otherwise": "otherwise", "error": "error", "timeout": "on_timeout", "at capacity": "at_capacity",
         "invalid": "invalid"}
KEYWORD = {A.SetQueue: "queue", A.Transfer: "transfer", A.TransferToFlow: "transfer to flow",
           A.TransferToNumber: "transfer to number", A.SetAttributes: "set", A.SetFlow: "set … flow",
           A.IfHours: "if", A.IfCompare: "if", A.LoopPrompts: "loop prompts", A.StoreInput: "store",
           A.SetCallbackNumber: "set callback number", A.SetCustomerId: "set customer id", A.LoopTimes: "loop",
           A.IfQueue: "if queue",
           A.LoadMetrics: "load queue metrics", A.SetRouting: "set routing",
           A.RunModule: "run module", A.MediaStreaming: "media streaming", A.ContactLens: "contact lens",
           A.ShowView: "show view", A.GetProfile: "get profile", A.CreateProfile: "create profile",
           A.GetCase: "get case", A.CreateCase: "create case", A.StartVoiceId: "start voice id",
           A.CheckVoiceId: "check voice id"}
#: statements whose name branches are results the block returns, and what the results are called in messages
RESULT_WORDS = {A.ShowView: "a view", A.GetProfile: "get profile", A.GetCase: "get case",
                A.CreateCase: "create case", A.CheckVoiceId: "check voice id"}


def _plain(value: Any) -> Any:
    """A JSON value of a view's data: numbers as int or float."""
    if isinstance(value, A.Number):
        return float(value.text) if "." in value.text else int(value.text)
    return value


@dataclasses.dataclass(frozen=True)
class _Audio:
    """``play PROMPT`` in place of a prompt's text (ask, menu, store, loop prompts)."""

    target: A.Target


@dataclasses.dataclass
class _Branch:
    kind: str  # intent | key | comparison | percentage | otherwise | error | timeout | at capacity | invalid
    target: A.Name
    span: Span
    intents: tuple[A.Name, ...] = ()
    key: str = ""
    op: str = ""
    value: Any = None
    percent: int = 0


@functools.cache
def _callbacks(cls: type) -> dict[str, tuple[FunctionType, Callable]]:
    """A transformer class's rule callbacks that ``v_args`` wrapped: name -> (function, how it is called)."""
    found: dict[str, tuple[FunctionType, Callable]] = {}
    for name in dir(cls):
        value = inspect.getattr_static(cls, name)
        func, wrapper = getattr(value, "base_func", None), getattr(value, "visit_wrapper", None)
        if isinstance(func, FunctionType) and wrapper is not None:
            found[name] = (func, wrapper)
    return found


@v_args(meta=True)
class _Tx(BlocksTransformer):
    def __init__(self, origin: TextOrigin, diags: Diagnostics) -> None:
        super().__init__()
        self.o, self.d = origin, diags

    def _call_userfunc(self, tree: Tree, new_children: list | None = None) -> Any:
        """What lark's transformer does for a rule, without wrapping the callback anew at each lookup (a
        ``v_args`` method is wrapped every time it is read: about forty times per flow body)."""
        found = _callbacks(type(self)).get(tree.data)
        if found is None:
            return super()._call_userfunc(tree, new_children)
        func, wrapper = found
        children = new_children if new_children is not None else tree.children
        try:
            return wrapper(MethodType(func, self), tree.data, children, tree.meta)
        except GrammarError:
            raise
        except Exception as err:
            raise VisitError(tree.data, tree, err) from err

    # helpers ---------------------------------------------------------------------------------
    def sp(self, meta: Meta) -> Span:
        return self.o.span_at(meta.line - 1, meta.column - 1, 1)

    def name(self, tok: Token) -> A.Name:
        return A.Name(str(tok), token_span(self.o, tok))

    def dur(self, tok: Token | None) -> int | None:
        return None if tok is None else duration_value(tok, self.o, self.d)

    def text(self, tok: Token) -> str:
        """The content of a STRING token (a multi-line string's line problems are E345)."""
        return read_string(tok, self.o, self.d)

    def secs(self, tok: Token) -> int:
        """A required duration; 0 after an E014 (``run`` then discards the whole body)."""
        return self.dur(tok) or 0

    # values ----------------------------------------------------------------------------------
    def string(self, meta: Meta, ch: list[Node]) -> A.Str:
        return A.Str(self.text(ch[0]), self.sp(meta))

    def number(self, meta: Meta, ch: list[Node]) -> A.Number:
        return A.Number(str(ch[0]), self.sp(meta))

    def attr(self, meta: Meta, ch: list[Node]) -> A.AttrPath:
        return A.AttrPath(str(ch[0]), self.sp(meta))

    def op(self, meta: Meta, ch: list[Node]) -> str:
        return str(ch[0])

    def attr_key(self, meta: Meta, ch: list[Node]) -> str:
        tok = ch[0]
        return self.text(tok) if tok.type == "STRING" else str(tok)

    def flow_kind(self, meta: Meta, ch: list[Node]) -> str:
        kind = " ".join(str(c) for c in ch)
        return "whisper" if kind == "agent whisper" else kind

    def target(self, tok: Token) -> A.Target:
        """A statement's target: a name, or a contact attribute (``$.Attributes.q``) read at run time."""
        if tok.type == "ATTR":
            return A.AttrPath(str(tok), token_span(self.o, tok))
        return self.name(tok)

    def assignment(self, meta: Meta, ch: list[Node]) -> A.Assignment:
        return A.Assignment(ch[0], ch[1], self.sp(meta))

    # statements ------------------------------------------------------------------------------
    def say(self, meta: Meta, ch: list[Node]) -> A.Say:
        return A.Say(self.text(ch[1]), ch[0] is not None, self.sp(meta), no_error=ch[2] is not None,
                     text_at=text_start(ch[1], self.o))

    def logging(self, meta: Meta, ch: list[Node]) -> A.Logging:
        return A.Logging(str(ch[0]) == "on", self.sp(meta))

    def recording(self, meta: Meta, ch: list[Node]) -> A.Recording:
        return A.Recording(str(ch[0]) == "on", self.sp(meta))

    def voice(self, meta: Meta, ch: list[Node]) -> A.Voice:
        language = None if ch[3] is None else self.name(ch[3])
        return A.Voice(self.name(ch[0]), None if ch[1] is None else str(ch[1]), language, self.sp(meta),
                       style=None if ch[2] is None else str(ch[2]))

    def language(self, meta: Meta, ch: list[Node]) -> A.Language:
        return A.Language(self.name(ch[0]), self.sp(meta))

    def set_attrs(self, meta: Meta, ch: list[Node]) -> A.SetAttributes:
        *assignments, legacy = ch
        return A.SetAttributes(tuple(assignments), self.sp(meta), legacy=legacy is not None)

    def set_flow(self, meta: Meta, ch: list[Node]) -> A.SetFlow:
        return A.SetFlow(ch[0], self.name(ch[1]), self.sp(meta))

    def if_hours(self, meta: Meta, ch: list[Node]) -> A.IfHours:
        hours = None if ch[1] is None else self.name(ch[1])
        return A.IfHours(str(ch[0]) == "open", hours, self.name(ch[2]), self.sp(meta))

    def if_compare(self, meta: Meta, ch: list[Node]) -> A.IfCompare:
        subject = A.AttrPath(str(ch[0]), token_span(self.o, ch[0]))
        return A.IfCompare(subject, ch[1], ch[2], self.name(ch[3]), self.sp(meta))

    def check(self, meta: Meta, ch: list[Node]) -> A.Check:
        return A.Check(A.AttrPath(str(ch[0]), token_span(self.o, ch[0])), (), None, self.sp(meta))

    def prompt(self, ch: list[Node]) -> tuple[str, bool, A.Target | None, list[Node], Span]:
        """The ``_prompt`` at the head of ``ch``: (text, ssml, audio, the children after it, where the text
        starts)."""
        ssml = isinstance(ch[0], Token) and ch[0].type == "SSML"
        head = ch[1] if ssml else ch[0]
        if isinstance(head, _Audio):
            return "", False, head.target, ch[1:], UNKNOWN
        return self.text(head), ssml, None, ch[2:] if ssml else ch[1:], text_start(head, self.o)

    def audio(self, meta: Meta, ch: list[Node]) -> _Audio:
        return _Audio(self.target(ch[0]))

    def ask(self, meta: Meta, ch: list[Node]) -> A.Ask:
        text, ssml, audio, rest, at = self.prompt(ch[1:])
        session = tuple(c for c in rest if isinstance(c, A.Assignment))
        return A.Ask(self.target(ch[0]), text, ssml=ssml, span=self.sp(meta), session=session, audio=audio,
                     text_at=at)

    def menu(self, meta: Meta, ch: list[Node]) -> A.Menu:
        text, ssml, audio, rest, at = self.prompt(ch)
        return A.Menu(text, timeout=self.dur(rest[0]), ssml=ssml, span=self.sp(meta), audio=audio, text_at=at)

    def invoke(self, meta: Meta, ch: list[Node]) -> A.Invoke:
        timeout = next((c for c in ch[1:] if isinstance(c, Token) and c.type == "DURATION"), None)
        flags = {c.type for c in ch[1:] if isinstance(c, Token)}
        params = tuple(c for c in ch if isinstance(c, A.Assignment))
        return A.Invoke(self.target(ch[0]), self.dur(timeout), params, span=self.sp(meta),
                        json="JSON" in flags, legacy="LEGACY" in flags)

    def queue(self, meta: Meta, ch: list[Node]) -> A.SetQueue:
        return A.SetQueue(self.target(ch[1]), span=self.sp(meta), agent=ch[0] is not None)

    def set_customer_id(self, meta: Meta, ch: list[Node]) -> A.SetCustomerId:
        return A.SetCustomerId(ch[0], span=self.sp(meta))

    def transfer(self, meta: Meta, ch: list[Node]) -> A.Transfer:
        return A.Transfer(span=self.sp(meta))

    def transfer_flow(self, meta: Meta, ch: list[Node]) -> A.TransferToFlow:
        return A.TransferToFlow(self.target(ch[0]), span=self.sp(meta))

    def transfer_number(self, meta: Meta, ch: list[Node]) -> A.TransferToNumber:
        tok = ch[0]
        number = A.AttrPath(str(tok), token_span(self.o, tok)) if tok.type == "ATTR" else self.text(tok)
        options = self.options(ch[2:], "transfer to number")
        return A.TransferToNumber(number, self.dur(ch[1]), span=self.sp(meta), **options)

    def caller_id(self, meta: Meta, ch: list[Node]) -> tuple[str, Any, Span]:
        return ("caller_id", ch[0], self.sp(meta))

    def caller_name(self, meta: Meta, ch: list[Node]) -> tuple[str, Any, Span]:
        return ("caller_name", self.text(ch[0]), self.sp(meta))

    def dial_digits(self, meta: Meta, ch: list[Node]) -> tuple[str, Any, Span]:
        tok = ch[0]  # the keys, or a contact attribute holding them (transfer-to-phone-number.html: dynamic)
        digits = A.AttrPath(str(tok), token_span(self.o, tok)) if tok.type == "ATTR" else self.text(tok)
        return ("digits", digits, self.sp(meta))

    def resume(self, meta: Meta, ch: list[Node]) -> tuple[str, Any, Span]:
        return ("resume", True, self.sp(meta))

    def options(self, items: list[Any], keyword: str) -> dict[str, Any]:
        """``(field, value, span)`` options of a statement as keyword arguments; each may be given once (E018)."""
        out: dict[str, Any] = {}
        for field, value, span in items:
            if field in out:
                self.d.error("E018", f"'{keyword}' option '{field.replace('_', ' ')}' given twice", span)
            out[field] = value
        return out

    def goto(self, meta: Meta, ch: list[Node]) -> A.Goto:
        return A.Goto(self.name(ch[0]), self.sp(meta))

    def hangup(self, meta: Meta, ch: list[Node]) -> A.Hangup:
        return A.Hangup(self.sp(meta))

    def end(self, meta: Meta, ch: list[Node]) -> A.End:
        return A.End(self.sp(meta))

    def loop(self, meta: Meta, ch: list[Node]) -> A.LoopPrompts:
        *prompts, every, interrupt, target = ch
        items = tuple(p.target if isinstance(p, _Audio) else self.text(p) for p in prompts)
        return A.LoopPrompts(items, self.dur(every) or 0, self.dur(interrupt),
                             None if target is None else self.name(target), self.sp(meta))

    # caller input, loops, queue status and routing -------------------------------------------
    def whole(self, tok: Token, what: str) -> int:
        """A whole number written as NUMBER (or a unit-less DURATION); 0 after an E014."""
        text = str(tok)
        if not text.isdigit():
            self.d.error("E014", f"{what} must be a whole number, not '{text}'", token_span(self.o, tok))
            return 0
        return int(text)

    def store_kind(self, meta: Meta, ch: list[Node]) -> str:
        return str(ch[0])

    def store_input(self, meta: Meta, ch: list[Node]) -> A.StoreInput:
        kind = ch[0]
        text, ssml, audio, items, at = self.prompt(ch[1:])
        options = self.options(items, "store")
        ending = next((span for field, _v, span in items if field == "ending"), None)
        if options.get("legacy") and ending is not None:
            self.d.error("E341", "'store … legacy' writes the block without DTMFConfiguration, which is where the "
                         "'ending' key goes", ending, hint="drop 'legacy' to end the entry with a key")
        if "encrypted" in options:
            options["key_id"], options["certificate"] = options.pop("encrypted")
        if kind == "digits" and "country" in options:
            self.d.error("E018", "'country' is for 'store phone' (a phone number), not 'store digits'",
                         options["country"].span)
            options.pop("country")
        return A.StoreInput(kind, text, ssml, span=self.sp(meta), audio=audio, text_at=at, **options)

    def store_max(self, meta: Meta, ch: list[Node]) -> tuple[str, Any, Span]:
        return ("max_digits", self.whole(ch[0], "'max'"), self.sp(meta))

    def store_timeout(self, meta: Meta, ch: list[Node]) -> tuple[str, Any, Span]:
        return ("timeout", self.dur(ch[0]), self.sp(meta))

    def store_ending(self, meta: Meta, ch: list[Node]) -> tuple[str, Any, Span]:
        return ("ending", self.text(ch[0]), self.sp(meta))

    def store_legacy(self, meta: Meta, ch: list[Node]) -> tuple[str, Any, Span]:
        return ("legacy", True, self.sp(meta))

    def store_country(self, meta: Meta, ch: list[Node]) -> tuple[str, Any, Span]:
        return ("country", self.name(ch[0]), self.sp(meta))

    def store_into(self, meta: Meta, ch: list[Node]) -> tuple[str, Any, Span]:
        return ("into", self.name(ch[0]), self.sp(meta))

    def store_encrypted(self, meta: Meta, ch: list[Node]) -> tuple[str, Any, Span]:
        cert = ch[1]  # the span of the file name inside the quotes
        where = self.o.span_at(cert.line - 1, cert.column, max(1, len(str(cert)) - 2))
        return ("encrypted", (self.text(ch[0]), A.Str(self.text(cert), where)), self.sp(meta))

    def set_callback(self, meta: Meta, ch: list[Node]) -> A.SetCallbackNumber:
        return A.SetCallbackNumber(ch[0], span=self.sp(meta))

    def loop_times(self, meta: Meta, ch: list[Node]) -> A.LoopTimes:
        return A.LoopTimes(self.whole(ch[0], "the loop count"), self.name(ch[1]), self.sp(meta))

    def queue_staffing(self, meta: Meta, ch: list[Node]) -> tuple[str, str, int]:
        return (str(ch[0]), ">", 0)

    def queue_size(self, meta: Meta, ch: list[Node]) -> tuple[str, str, int]:
        return ("contacts", str(ch[0]), self.whole(ch[1], "the number of contacts"))

    def queue_oldest(self, meta: Meta, ch: list[Node]) -> tuple[str, str, int]:
        return ("oldest", str(ch[0]), self.dur(ch[1]) or 0)

    def if_queue(self, meta: Meta, ch: list[Node]) -> A.IfQueue:
        queue, (metric, op, value), target = ch
        return A.IfQueue(None if queue is None else self.name(queue), metric, op, value, self.name(target),
                         self.sp(meta))

    def load_metrics(self, meta: Meta, ch: list[Node]) -> A.LoadMetrics:
        return A.LoadMetrics(self.target(ch[0]) if ch and ch[0] is not None else None, span=self.sp(meta))

    def set_routing(self, meta: Meta, ch: list[Node]) -> A.SetRouting:
        which, tok = str(ch[0]), ch[1]
        value = self.whole(tok, "the routing priority") if which == "priority" else self.secs(tok)
        return A.SetRouting(which, value, self.sp(meta))

    def distribute(self, meta: Meta, ch: list[Node]) -> A.Distribute:
        return A.Distribute(span=self.sp(meta))

    def wait(self, meta: Meta, ch: list[Node]) -> A.Wait:
        tok, returned = ch
        seconds: int | A.AttrPath = A.AttrPath(str(tok), token_span(self.o, tok)) if tok.type == "ATTR" \
            else self.secs(tok)
        return A.Wait(seconds, span=self.sp(meta), returned=None if returned is None else self.name(returned))

    def play(self, meta: Meta, ch: list[Node]) -> A.Play:
        return A.Play(self.target(ch[0]), span=self.sp(meta), no_error=ch[1] is not None)

    def run_module(self, meta: Meta, ch: list[Node]) -> A.RunModule:
        return A.RunModule(self.target(ch[0]), span=self.sp(meta))

    def return_(self, meta: Meta, ch: list[Node]) -> A.Return:
        return A.Return(self.sp(meta))

    def media_streaming(self, meta: Meta, ch: list[Node]) -> A.MediaStreaming:
        return A.MediaStreaming(str(ch[0]) == "on", span=self.sp(meta))

    def contact_lens(self, meta: Meta, ch: list[Node]) -> A.ContactLens:
        redaction = " ".join(str(ch[3]).split()) if ch[3] is not None else ""
        return A.ContactLens(str(ch[0]), self.name(ch[2]), redaction.startswith("redacted"), self.sp(meta),
                             chat=ch[1] is not None, original=redaction in ("redacted and original", "not redacted"))

    def and_chat(self, meta: Meta, ch: list[Node]) -> bool:
        return True

    # step-by-step guides ---------------------------------------------------------------------
    def show_view(self, meta: Meta, ch: list[Node]) -> A.ShowView:
        view, timeout, *fields = ch
        data = tuple(f for f in fields if isinstance(f, tuple))
        seen: set[str] = set()
        for key, _value in data:
            if key in seen:
                self.d.error("E018", f"'show view' data '{key}' given twice", self.sp(meta))
            seen.add(key)
        if view.type == "STRING":  # a view ARN: the span is the text inside the quotes
            text = self.text(view)
            name = A.Name(text, self.o.span_at(view.line - 1, view.column, max(1, len(str(view)) - 2)))
        else:
            name = self.name(view)
        return A.ShowView(name, self.dur(timeout), data, span=self.sp(meta))

    def view_field(self, meta: Meta, ch: list[Node]) -> tuple[str, Any]:
        return (ch[0], _plain(ch[1]))

    def json_string(self, meta: Meta, ch: list[Node]) -> str:
        return self.text(ch[0])

    def json_object(self, meta: Meta, ch: list[Node]) -> dict[str, Any]:
        return dict(ch)

    def json_pair(self, meta: Meta, ch: list[Node]) -> tuple[str, Any]:
        return (self.text(ch[0]), _plain(ch[1]))

    def json_array(self, meta: Meta, ch: list[Node]) -> list[Any]:
        return [_plain(c) for c in ch]

    def json_word(self, meta: Meta, ch: list[Node]) -> Any:
        return {"true": True, "false": False, "null": None}[str(ch[0])]

    # branches --------------------------------------------------------------------------------
    def intents(self, meta: Meta, ch: list[Node]) -> tuple[str, dict[str, Any]]:
        return ("intent", {"intents": tuple(self.name(t) for t in ch)})

    def otherwise(self, meta: Meta, ch: list[Node]) -> tuple[str, dict[str, Any]]:
        return ("otherwise", {})

    def error(self, meta: Meta, ch: list[Node]) -> tuple[str, dict[str, Any]]:
        return ("error", {})

    def timeout(self, meta: Meta, ch: list[Node]) -> tuple[str, dict[str, Any]]:
        return ("timeout", {})

    def at_capacity(self, meta: Meta, ch: list[Node]) -> tuple[str, dict[str, Any]]:
        return ("at capacity", {})

    def invalid(self, meta: Meta, ch: list[Node]) -> tuple[str, dict[str, Any]]:
        return ("invalid", {})

    def percent(self, meta: Meta, ch: list[Node]) -> tuple[str, dict[str, Any]]:
        return ("percentage", {"percent": int(str(ch[0]).rstrip("%"))})

    def key(self, meta: Meta, ch: list[Node]) -> tuple[str, dict[str, Any]]:
        tok = ch[0]
        return ("key", {"key": self.text(tok) if tok.type == "STRING" else str(tok), "tok": tok})

    def compare(self, meta: Meta, ch: list[Node]) -> tuple[str, dict[str, Any]]:
        return ("comparison", {"op": ch[0], "value": ch[1]})

    def branch(self, meta: Meta, ch: list[Node]) -> _Branch:
        (kind, extra), target = ch
        tok = extra.pop("tok", None)
        if tok is not None and extra["key"] not in tuple("0123456789*#"):
            self.d.error("E014", f"menu key {tok} is not one of 0-9, *, \"#\"", token_span(self.o, tok))
        return _Branch(kind, self.name(target), self.sp(meta), **extra)

    def branches(self, meta: Meta, ch: list[Node]) -> Any:
        return ch

    def action(self, meta: Meta, ch: list[Node]) -> Any:
        stmt, branches = ch
        return self.attach(stmt, branches or [])

    def label(self, meta: Meta, ch: list[Node]) -> A.Label:
        tok, *body = ch
        name = str(tok).rstrip(":").rstrip()
        return A.Label(A.Name(name, token_span(self.o, tok, len(name))), tuple(body), self.sp(meta))

    def on_error(self, meta: Meta, ch: list[Node]) -> A.Label:
        tok, *body = ch
        return A.Label(A.Name(A.ON_ERROR, token_span(self.o, tok, 2)), tuple(body), self.sp(meta))

    def start(self, meta: Meta, ch: list[Node]) -> A.FlowBody:
        return A.FlowBody(tuple(ch), self.o.span)

    def view_result(self, stmt: Any, b: _Branch, seen: set, lists: dict[str, list]) -> None:
        """``Back -> label`` under ``show view`` (show-view-block.html), ``NoneFound -> label`` under ``get profile``
        …: a result the block returns. An AWS managed view's results are known here; a declared view's (its
        actions) are checked with the site."""
        known: tuple[str, ...] | None = results_of(stmt)
        if isinstance(stmt, A.ShowView):
            known = A.VIEW_RESULTS if stmt.view.value in A.MANAGED_VIEWS else None
        for result in b.intents:
            if known is not None and result.value not in known:
                returns = f"it returns {', '.join(known)}" if known else "it returns none without 'link'"
                self.d.error("E018", f"{RESULT_WORDS[type(stmt)]} returns no '{result.value}' ({returns})",
                             result.span)
            elif ("result", result.value) in seen:
                self.d.error("E018", f"result '{result.value}' already has a branch", result.span)
            seen.add(("result", result.value))
        lists["results"].append(A.IntentBranch(b.intents, b.target, b.span))

    # attaching branches ----------------------------------------------------------------------
    def attach(self, stmt: Any, branches: list[_Branch]) -> Any:
        allowed = ALLOWED.get(type(stmt), ())
        keyword = KEYWORD.get(type(stmt), type(stmt).__name__.lower())
        updates: dict[str, Any] = {}
        lists: dict[str, list] = {"branches": [], "options": [], "cases": [], "shares": [], "results": []}
        seen: set = set()
        for b in branches:
            if b.kind == "intent" and type(stmt) in RESULT_WORDS:
                b = dataclasses.replace(b, kind="result")
            if b.kind == "error" and getattr(stmt, "no_error", False):
                self.d.error("E018", f"'{keyword} … no error' has no error branch to write", b.span)
                continue
            if b.kind not in allowed:
                takes = ", ".join(allowed) if allowed else "no branches"
                self.d.error("E018", f"'{keyword}' does not take a '{b.kind}' branch (it takes {takes})", b.span)
                continue
            if b.kind == "result":
                self.view_result(stmt, b, seen, lists)
                continue
            if b.kind == "intent":
                for intent in b.intents:
                    if ("intent", intent.value) in seen:
                        self.d.error("E018", f"intent '{intent.value}' already has a branch", intent.span)
                    seen.add(("intent", intent.value))
                lists["branches"].append(A.IntentBranch(b.intents, b.target, b.span))
            elif b.kind == "key":
                if ("key", b.key) in seen:
                    self.d.error("E018", f"key '{b.key}' already has a branch", b.span)
                seen.add(("key", b.key))
                lists["options"].append(A.MenuOption(b.key, b.target, b.span))
            elif b.kind == "comparison":
                lists["cases"].append(A.CheckCase(b.op, b.value, b.target, b.span))
            elif b.kind == "percentage":
                lists["shares"].append(A.Share(b.percent, b.target, b.span))
            elif b.kind == "invalid" and isinstance(stmt, A.StoreInput) and stmt.kind != "phone":
                self.d.error("E018", "only 'store phone' takes an 'invalid' branch (a number that is not a phone "
                             "number)", b.span)
            else:
                if b.kind in seen:
                    self.d.error("E018", f"'{b.kind}' branch given twice", b.span)
                seen.add(b.kind)
                updates[FIELD[b.kind]] = b.target
        if isinstance(stmt, A.TransferToNumber) and "on_timeout" in updates and not stmt.resume:
            self.d.error("E018", "'transfer to number' takes a 'timeout' branch only with 'resume' (without it the "
                         "flow ends at the transfer)", next(b.span for b in branches if b.kind == "timeout"))
        names = {f.name for f in dataclasses.fields(stmt)}
        for field, items in lists.items():
            if field in names and items:
                updates[field] = tuple(items)
        return dataclasses.replace(stmt, **updates) if updates else stmt


#: the flow builder's methods that are not rule callbacks. ``v_args`` wrapped them with the callbacks, and
#: each read of a wrapped method makes a new wrapper (≈ 27,000 reads for the 1,230 bodies of a 100k-resource
#: site): they are plain methods again (``tests/dsl/compact/test_flow_dispatch.py`` checks none is a rule).
HELPERS = {_Tx: ("sp", "name", "dur", "text", "secs", "target", "prompt", "options", "whole", "view_result",
                 "attach"),
           BlocksTransformer: ("unique",)}


def _unwrap_helpers() -> None:
    for cls, names in HELPERS.items():
        for name in names:
            func = getattr(cls.__dict__[name], "base_func", None)
            if isinstance(func, FunctionType):
                setattr(cls, name, func)


_unwrap_helpers()

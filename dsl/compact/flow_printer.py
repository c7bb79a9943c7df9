"""Canonical text of a flow body: one statement a line, two spaces per level, branches in a fixed
order (intents / keys / comparisons first, then at capacity, timeout, otherwise, error)."""
from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Iterable

from . import flow_ast as A
from .flow_blocks_printer import block_head
from .lark_support import duration_text
from .strings import indent_lines, quote

INDENT = "  "


def flow_to_text(ast: A.FlowBody) -> str:
    lines: list[str] = []
    for stmt in ast.statements:
        _stmt(stmt, 0, lines)
    return "\n".join(lines) + ("\n" if lines else "")


def _value(v: A.Value) -> str:
    if isinstance(v, A.Str):
        return quote(v.value)
    if isinstance(v, A.Number):
        return v.text
    return v.path


@functools.cache
def _reserved() -> frozenset[str]:
    """Keywords of the flow grammar an attribute key may not be written bare as (besides those it allows)."""
    text = importlib.resources.files("ccdsl.grammar").joinpath("flow.lark").read_text("utf-8")
    allowed = re.search(r"^!attr_key:(.*)$", text, re.M)
    return frozenset(re.findall(r'"([a-z]+)"', text)) - frozenset(re.findall(r'"([a-z]+)"', allowed.group(1)
                                                                               if allowed else ""))


def _key(key: str) -> str:
    """An attribute key: bare when it is a name, quoted otherwise (``"x-amz-lex:audio:end-timeout-ms:*"``)."""
    bare = re.fullmatch(r"[A-Za-z_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?", key) and key not in _reserved()
    return key if bare else quote(key)


def _assignments(items: Iterable[A.Assignment]) -> str:
    return ", ".join(f"{_key(a.key)} = {_value(a.value)}" for a in items)


def _timeout(seconds: int | None) -> str:
    return "" if seconds is None else f" timeout {duration_text(seconds)}"


def _head(s: A.Stmt) -> str:
    match s:
        case A.Say():
            return f"say {'ssml ' if s.ssml else ''}{quote(s.text)}" + (" no error" if s.no_error else "")
        case A.Logging():
            return f"logging {'on' if s.on else 'off'}"
        case A.Recording():
            return f"recording {'on' if s.on else 'off'}"
        case A.Voice():
            return f"voice {s.voice}" + (f" {s.engine}" if s.engine else "") + (
                f" style {s.style}" if s.style else "") + (f" language {s.language}" if s.language else "")
        case A.Language():
            return f"language {s.locale}"
        case A.SetAttributes():
            return f"set {_assignments(s.assignments)}" + (" legacy" if s.legacy else "")
        case A.SetFlow():
            return f"set {s.which} flow {s.flow}"
        case A.IfHours():
            hours = "" if s.hours is None else f" {s.hours}"
            return f"if {'open' if s.open else 'closed'}{hours} -> {s.target}"
        case A.IfCompare():
            return f"if {s.subject.path} {s.op} {_value(s.value)} -> {s.target}"
        case A.Check():
            return f"check {s.subject.path}"
        case A.Ask():
            session = f" with {_assignments(s.session)}" if s.session else ""
            return f"ask {s.bot} {_prompt(s)}{session}"
        case A.Menu():
            return f"menu {_prompt(s)}{_timeout(s.timeout)}"
        case A.Invoke():
            with_ = f" with {_assignments(s.params)}" if s.params else ""
            json = " json" if s.json else ""
            return f"invoke {s.function}{_timeout(s.timeout)}{json}{with_}" + (" legacy" if s.legacy else "")
        case A.SetQueue():
            return f"queue {'agent ' if s.agent else ''}{s.queue}"
        case A.Transfer():
            return "transfer"
        case A.TransferToFlow():
            return f"transfer to flow {s.flow}"
        case A.TransferToNumber():
            number = s.number.path if isinstance(s.number, A.AttrPath) else quote(s.number)
            return f"transfer to number {number}{_timeout(s.timeout)}{_number_options(s)}"
        case A.Goto():
            return f"goto {s.label}"
        case A.Hangup():
            return "hangup"
        case A.End():
            return "end"
        case A.LoopPrompts():
            interrupt = "" if s.interrupt is None or s.target is None else \
                f" interrupt {duration_text(s.interrupt)} -> {s.target}"
            items = ", ".join(quote(p) if isinstance(p, str) else f"play {p}" for p in s.prompts)
            every = f" every {duration_text(s.every)}" if s.every else ""
            return f"loop prompts {items}{every}{interrupt}"
        case A.Wait():
            seconds = s.seconds.path if isinstance(s.seconds, A.AttrPath) else duration_text(s.seconds)
            returned = "" if s.returned is None else f" until customer returns -> {s.returned}"
            return f"wait {seconds}{returned}"
    return block_head(s, _assignments) or _input_head(s)


def _ssml(ssml: bool) -> str:
    return "ssml " if ssml else ""


def _prompt(s: A.Ask | A.Menu | A.StoreInput) -> str:
    """A prompt: ``play PROMPT`` (an audio prompt), else the text (``ssml "…"`` for SSML)."""
    return f"play {s.audio}" if s.audio is not None else f"{_ssml(s.ssml)}{quote(s.prompt)}"


def _number_options(s: A.TransferToNumber) -> str:
    out = ""
    if s.caller_id is not None:
        out += f" caller id {_value(s.caller_id)}"
    if s.caller_name is not None:
        out += f" caller name {quote(s.caller_name)}"
    if s.digits is not None:
        out += f" digits {s.digits.path if isinstance(s.digits, A.AttrPath) else quote(s.digits)}"
    return out + (" resume" if s.resume else "")


def _input_head(s: A.Stmt) -> str:
    """Caller input, loops, queue status and routing."""
    match s:
        case A.StoreInput():
            out = f"store {s.kind} {_prompt(s)}"
            out += "" if s.max_digits is None else f" max {s.max_digits}"
            out += _timeout(s.timeout)
            out += "" if s.ending is None else f" ending {quote(s.ending)}"
            out += "" if s.country is None else f" country {s.country}"
            out += "" if s.into is None else f" into {s.into}"
            if s.key_id is not None and s.certificate is not None:
                out += f" encrypted with {quote(s.key_id)} certificate {quote(s.certificate.value)}"
            return out + (" legacy" if s.legacy else "")
        case A.SetCallbackNumber():
            return f"set callback number {_value(s.number)}"
        case A.LoopTimes():
            return f"loop {s.count} times -> {s.target}"
        case A.IfQueue():
            queue = "" if s.queue is None else f" {s.queue}"
            if s.metric in A.AGENT_STATES:
                test = f"has agents {s.metric}"
            elif s.metric == "oldest":
                test = f"oldest contact {s.op} {duration_text(s.value)}"
            else:
                test = f"contacts {s.op} {s.value}"
            return f"if queue{queue} {test} -> {s.target}"
        case A.LoadMetrics():
            return "load queue metrics" + ("" if s.queue is None else f" {s.queue}")
        case A.SetRouting():
            return f"set routing {s.which} {s.value if s.which == 'priority' else duration_text(s.value)}"
        case A.Distribute():
            return "distribute"
        case A.Play():
            return f"play {s.prompt}" + (" no error" if s.no_error else "")
        case A.RunModule():
            return f"run module {s.module}"
        case A.Return():
            return "return"
        case A.MediaStreaming():
            return f"media streaming {'on' if s.on else 'off'}"
        case A.ContactLens():
            chat = " and chat" if s.chat else ""
            redaction = {(True, False): " redacted", (True, True): " redacted and original",
                         (False, True): " not redacted"}.get((s.redacted, s.original), "")
            return f"contact lens {s.mode}{chat} language {s.language}{redaction}"
        case A.SetCustomerId():
            return f"set customer id {_value(s.value)}"
        case A.ShowView():
            return _show_view(s)
    raise TypeError(f"not a flow statement: {s!r}")


def _json(value: object) -> str:
    """A view's data value as the flow language writes JSON (strings in the language's quotes)."""
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{quote(k)}: {_json(v)}" for k, v in value.items()) + "}"
    return "[" + ", ".join(_json(v) for v in value) + "]"  # type: ignore[attr-defined]


def _show_view(s: A.ShowView) -> str:
    view = s.view.value if re.fullmatch(r"[A-Za-z_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?", s.view.value) \
        and s.view.value not in _reserved() else quote(s.view.value)
    data = f" with {', '.join(f'{_key(k)} = {_json(v)}' for k, v in s.data)}" if s.data else ""
    return f"show view {view}{_timeout(s.timeout)}{data}"


def _menu_key(key: str) -> str:
    return key if key in "0123456789*" and len(key) == 1 else quote(key)


def _branches(s: A.Stmt) -> list[str]:
    out: list[str] = []
    if isinstance(s, A.Ask):
        out += [f"{', '.join(i.value for i in b.intents)} -> {b.target}" for b in s.branches]
    elif hasattr(s, "results"):  # show view, get profile, cases, check voice id
        out += [f"{', '.join(i.value for i in b.intents)} -> {b.target}" for b in s.results]  # type: ignore[union-attr]
    elif isinstance(s, A.Menu):
        out += [f"{_menu_key(o.key)} -> {o.target}" for o in s.options]
    elif isinstance(s, A.Check):
        out += [f"{c.op} {_value(c.value)} -> {c.target}" for c in s.cases]
    elif isinstance(s, A.Distribute):
        out += [f"{share.percent}% -> {share.target}" for share in s.shares]
    words = (("at_capacity", "at capacity"), ("on_timeout", "timeout"), ("invalid", "invalid"),
             ("otherwise", "otherwise"), ("error", "error"))
    for field, word in words:
        target = getattr(s, field, None)
        if target is not None:
            out.append(f"{word} -> {target}")
    return out


def _stmt(s: A.Stmt, depth: int, lines: list[str]) -> None:
    pad = INDENT * depth
    if isinstance(s, A.Label):
        lines.append(f"{pad}{s.name}:")
        for inner in s.body:
            _stmt(inner, depth + 1, lines)
        return
    # a multi-line string's lines and closing quotes are indented one step under the line it opens on
    lines.append(pad + indent_lines(_head(s), pad + INDENT))
    lines.extend(pad + INDENT + indent_lines(b, pad + INDENT * 2) for b in _branches(s))

"""Loading the lark grammars and turning lark's exceptions into positioned diagnostics.

Every compact parser goes through :func:`run`: it parses ``text`` with a cached LALR parser, converts
any lark error into one diagnostic (never raises), and hands the tree to a transformer that builds
the syntax tree and may add semantic diagnostics of its own.

Codes (E010–E019, compact syntax):

``E010`` unexpected character · ``E011`` unexpected token · ``E012`` unexpected end of text ·
``E013`` inconsistent indentation or nesting too deep · ``E014`` value out of range or malformed value ·
``E015`` unknown time zone · ``E016`` unknown ``${…}`` reference kind or secret source ·
``E017`` unknown word of a closed vocabulary (metric, statistic, access mode, option, storage class) ·
``E018`` branch not allowed under a flow statement, or given twice ·
``E019`` conflicting or out-of-order entries (overlapping hours, reversed ranges, lifecycle order).
A multi-line string of a flow body that is malformed stops the parse with E344 (:mod:`.strings`).
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError
from lark.lexer import PatternStr

from ..cache_dir import cache_folder
from ..diagnostics import Diagnostics, did_you_mean
from ..source import Span, TextOrigin
from .parser_store import ParserStore, parser_key, store_file
from .prebuilt import LARK_OPTIONS, grammar_text, load_shipped
from .regex_cache import PatternCache, cache_name
from .strings import StringFormError

# A node of a lark parse tree (a Tree or a Token): the grammars give trees their shape, not the types.
Node = Any

T = TypeVar("T")

CODES = {
    "E010": "unexpected character in compact syntax",
    "E011": "unexpected token in compact syntax",
    "E012": "unexpected end of compact syntax text",
    "E013": "inconsistent indentation in a flow body, or blocks nested too deeply",
    "E014": "value out of range or malformed",
    "E015": "unknown time zone",
    "E016": "unknown ${...} reference kind or secret source",
    "E017": "unknown word (metric, statistic, access mode, option, storage class)",
    "E018": "flow branch not allowed here or given twice",
    "E019": "conflicting or out-of-order entries",
}

#: Friendly names of terminals in "expected one of" messages.
FRIENDLY = {
    "NAME": "a name",
    "STRING": 'a "string"',
    "DURATION": "a duration (e.g. 30s)",
    "INT": "a whole number",
    "NUMBER": "a number",
    "ATTR": "an attribute path ($.…)",
    "LABEL": "a label (name:)",
    "_NL": "end of line",
    "_INDENT": "an indented block",
    "_DEDENT": "end of the indented block",
    "$END": "end of text",
    "<END-OF-FILE>": "end of text",
    "TIME": "a time (HH:MM)",
    "DAY": "a day (Mon … Sun)",
    "TZ": "a time zone (Area/City)",
    "TEXT": "text",
    "PREFIX": "a lake prefix ending in /",
    "NAMESPACE": "a metric namespace",
    "THRESHOLD": "a threshold (e.g. 50, 10%, 300s)",
    "DTMF": "a key (0-9, *, \"#\")",
    "SEGMENT": "a path segment",
    "METHOD": "an HTTP method",
    "ENVNAME": "an environment variable name",
    "SSMPATH": "a parameter path (/…)",
    "DEFAULT": "a default value",
    "SLOT_NAME": "a slot name",
    "OP": "a comparison (>, >=, <, <=)",
    "METRIC_NAME": "a metric name",
    "STAT": "a statistic (avg, sum, min, max, count, p99)",
    "VALUE": "a value",
    "SLOT_TYPE": "a slot type (AMAZON.X or a custom type)",
}


class IndentMismatch(LarkError):
    """A dedent to a column that no enclosing block uses (raised by the flow indenter)."""

    def __init__(self, line: int, column: int, width: int):
        super().__init__("inconsistent indentation")
        self.line, self.column, self.width = line, column, width


def _cache_file(grammar: str, start: tuple[str, ...], text: str) -> str | bool:
    """Where lark keeps the analysed tables of a grammar: the user's cache folder (the file is named for
    the grammar's text, so installs of different versions keep their own), or no cache when it cannot be
    created."""
    folder = cache_folder()
    if folder is None:
        return False
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return os.path.join(folder, f"lark-{grammar}-{'-'.join(start)}-{digest}.cache")


@functools.cache
def _patterns() -> PatternCache:
    """The lexers' compiled patterns, shared by every grammar (:mod:`.regex_cache`)."""
    folder = cache_folder()
    return PatternCache(os.path.join(folder, cache_name()) if folder else None)


class _Lark(Lark):
    """A parser loaded from lark's cache whose lexers take their compiled patterns from :func:`_patterns`."""

    def _deserialize_lexer_conf(self, data: Any, memo: Any, options: Any) -> Any:
        conf = super()._deserialize_lexer_conf(data, memo, options)
        conf.re_module = _patterns()  # type: ignore[assignment]  # stands in for the re module
        return conf


@functools.cache
def _store() -> ParserStore:
    """The parsers kept fully built between runs (:mod:`.parser_store`)."""
    return ParserStore(store_file(), _patterns())


@functools.cache
def parser(grammar: str, start: tuple[str, ...] = ("start",), postlex_factory: Callable | None = None) -> Lark:
    """The LALR parser of ``grammar/<grammar>.lark`` (cached per process, and kept built between runs);
    a parser not yet kept is loaded from the tables shipped with the package (:mod:`.prebuilt`), else built."""
    text = grammar_text(grammar)
    key = parser_key(grammar, start, postlex_factory, text)
    stored = _store().get(key)
    if stored is not None:
        return stored
    postlex = postlex_factory() if postlex_factory else None
    built = load_shipped(key, _Lark, postlex)
    if built is None:
        built = _Lark(text, start=list(start), postlex=postlex, cache=_cache_file(grammar, start, text),
                      **LARK_OPTIONS)
    _store().add(key, built)
    return built


def token_span(origin: TextOrigin, tok: Token, length: int | None = None) -> Span:
    """File span of a token (lark lines/columns are 1-based)."""
    line = getattr(tok, "line", None) or 1
    col = getattr(tok, "column", None) or 1
    return origin.span_at(line - 1, col - 1, len(str(tok)) if length is None else length)


def meta_span(origin: TextOrigin, tree: Tree) -> Span:
    meta = tree.meta
    if getattr(meta, "empty", True):
        return origin.span
    width = (meta.end_pos - meta.start_pos) if meta.line == meta.end_line else 1
    return origin.span_at(meta.line - 1, meta.column - 1, max(1, width))


def end_position(text: str) -> tuple[int, int]:
    """0-based (line, col) just after the last non-blank character of ``text``."""
    stripped = text.rstrip()
    line = stripped.count("\n")
    col = len(stripped) - (stripped.rfind("\n") + 1)
    return line, col


def _alternatives(regexp: str) -> list[str]:
    """The words of a terminal that is a plain alternation of words (``"on" | "off"``), else []."""
    plain = re.sub(r"\(\?i:([A-Za-z0-9_/]+)\)", r"\1", regexp)
    if re.fullmatch(r"\(\?:[A-Za-z0-9_/|]*\)", plain):
        return plain[3:-1].split("|")
    return []


def _literals(lark: Lark, names: Iterable[str] | None) -> list[str]:
    """The fixed words among the expected terminals (keywords), for a did-you-mean."""
    by_name = {t.name: t for t in lark.terminals}
    words: list[str] = []
    for name in names or ():
        term = by_name.get(name)
        if term is None:
            continue
        if isinstance(term.pattern, PatternStr):
            words.append(term.pattern.value)
        else:
            words.extend(_alternatives(term.pattern.to_regexp()))
    return [w for w in words if w[:1].isalpha()]


def _describe(lark: Lark, names: Iterable[str] | None) -> str:
    by_name = {t.name: t for t in lark.terminals}
    out = set()
    for name in names or ():
        if name in FRIENDLY:
            out.add(FRIENDLY[name])
            continue
        term = by_name.get(name)
        if term is not None and isinstance(term.pattern, PatternStr):
            out.add(f"'{term.pattern.value}'")
        elif term is not None and _alternatives(term.pattern.to_regexp()):
            out.update(f"'{alt}'" for alt in _alternatives(term.pattern.to_regexp()))
        else:
            out.add(name.lower().strip("_"))
    items = sorted(out)
    if len(items) > 26:
        items = items[:26] + ["…"]
    if not items:
        return ""
    return ("; expected one of " if len(items) > 1 else "; expected ") + ", ".join(items)


def _parser_choices(err: LarkError) -> set[str] | None:
    """The terminals the LALR parser could take where it stopped (the lexer's own list also has the
    terminals it always accepts, such as end of line)."""
    state: Any = getattr(err, "state", None)
    try:
        actions = state.parse_conf.states[state.position]
    except Exception:  # no parser state (e.g. an error raised by a postlexer)
        return None
    return {name for name in actions if name.upper() == name} or None


def _token_text(tok: Token) -> str:
    if tok.type == "_NL":
        return "end of line"
    if tok.type == "_INDENT":
        return "indentation"
    if tok.type == "_DEDENT":
        return "end of the indented block"
    return f"'{tok}'"


def report(lark: Lark, err: LarkError, text: str, origin: TextOrigin, diags: Diagnostics, what: str) -> None:
    """One diagnostic for a lark error, at its exact position."""
    if isinstance(err, IndentMismatch):
        diags.error("E013", f"{what}: this line's indentation matches no enclosing block",
                    origin.span_at(err.line - 1, err.column - 1, err.width or 1), length=err.width or 1)
        return
    if isinstance(err, StringFormError):
        diags.error("E344", f"{what}: {err.message}", origin.span_at(err.line - 1, err.column - 1, err.width),
                    hint=err.hint, length=err.width)
        return
    if isinstance(err, UnexpectedCharacters):
        pos = err.pos_in_stream if err.pos_in_stream is not None else -1
        ch = text[pos] if 0 <= pos < len(text) else err.char
        allowed = _parser_choices(err) or err.allowed
        expected = _describe(lark, allowed)
        msg = f"{what}: unexpected character {ch!r}" + expected
        word = re.match(r"[A-Za-z_][A-Za-z0-9_]*", text[pos:]) if 0 <= pos < len(text) else None
        hint = did_you_mean(word.group(0), _literals(lark, allowed)) if word else None
        diags.error("E010", msg, origin.span_at(err.line - 1, err.column - 1), hint=hint)
        return
    if isinstance(err, (UnexpectedToken, UnexpectedEOF)):
        tok: Any = getattr(err, "token", None)
        names = _parser_choices(err) or getattr(err, "expected", None) or ()
        expected = _describe(lark, names)
        at_end = tok is None or tok.type == "$END" or (tok.type == "_DEDENT" and not getattr(tok, "line", None))
        if at_end or not getattr(tok, "line", None):
            line0, col0 = end_position(text)
            msg = f"{what}: unexpected end of text" + expected
            diags.error("E012", msg, origin.span_at(line0, col0))
            return
        length = max(1, len(str(tok))) if tok.type not in ("_NL", "_INDENT", "_DEDENT") else 1
        msg = f"{what}: unexpected {_token_text(tok)}" + expected
        hint = did_you_mean(str(tok), _literals(lark, names)) if str(tok)[:1].isalpha() else None
        if hint:
            pass
        elif "'->'" in expected and text.split("\n")[tok.line - 1][:1] in (" ", "\t"):
            hint = "a line indented under a statement is a branch: PATTERN -> label"
        elif tok.type == "_INDENT":
            hint = "only branches (PATTERN -> label) and the block of a label (name:) are indented"
        diags.error("E011", msg, origin.span_at(tok.line - 1, tok.column - 1, length), hint=hint, length=length)
        return
    if isinstance(err, UnexpectedInput):  # any other positioned lark error
        diags.error("E011", f"{what}: {type(err).__name__}", origin.span_at((err.line or 1) - 1, (err.column or 1) - 1))
        return
    diags.error("E011", f"{what}: cannot parse ({err})", origin.span)


#: lark's trees of short texts parsed before (positions in a tree are relative to its text, and the builders
#: never change a tree): sites repeat short values — a 100k-resource site has 12,600 durations of three texts
_TREES: dict[tuple[Any, ...], Tree] = {}
_TREES_MAX = 4096
_TREE_TEXT_MAX = 200


def run(grammar: str, text: str, origin: TextOrigin, diags: Diagnostics, build: Callable[[Tree], T],
        what: str, start: str = "start", starts: tuple[str, ...] = ("start",),
        postlex_factory: Callable | None = None, feed: str | None = None,
        quick: Callable[[str], Tree | None] | None = None) -> T | None:
    """Parse ``text`` (or ``feed``, a variant of it with the same positions) and build its syntax
    tree with ``build``. None if lark reported an error or ``build`` added errors. ``quick`` may give
    the tree lark would give for the text (None: ask lark), for a syntax simple enough to match directly."""
    lark = parser(grammar, starts, postlex_factory)
    before = sum(1 for d in diags if d.is_error)
    source = text if feed is None else feed
    key = (grammar, starts, postlex_factory, start, source)
    try:
        tree = _TREES.get(key) if len(source) <= _TREE_TEXT_MAX else None
        if tree is None and quick is not None:
            tree = quick(source)
        if tree is None:
            try:
                tree = lark.parse(source, start=start)
            except LarkError as err:
                report(lark, err, text, origin, diags, what)
                return None
            if len(source) <= _TREE_TEXT_MAX:
                if len(_TREES) >= _TREES_MAX:
                    _TREES.clear()
                _TREES[key] = tree
        try:
            result = build(tree)
        except VisitError as err:  # a transformer callback failed: re-raise what it raised
            raise err.orig_exc from err
    except RecursionError:
        diags.error("E013", f"{what}: blocks nested too deeply", origin.span)
        return None
    if sum(1 for d in diags if d.is_error) > before:
        return None
    return result


# ------------------------------------------------------------------------- shared value helpers

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def duration_value(tok: Token, origin: TextOrigin, diags: Diagnostics) -> int | None:
    """Seconds of a DURATION token (``/[0-9]+[a-z]*/``); E014 for a missing or unknown unit."""
    m = re.fullmatch(r"([0-9]+)([A-Za-z]*)", str(tok))
    if m is None:  # pragma: no cover - the terminal guarantees the shape
        diags.error("E014", f"malformed duration '{tok}'", token_span(origin, tok))
        return None
    number, unit = m.groups()
    if unit not in UNITS:
        at = token_span(origin, tok)
        where = Span(at.file, at.line, at.col + len(number), at.line, at.col + len(number) + max(1, len(unit)))
        what = f"unknown duration unit '{unit}'" if unit else f"duration '{tok}' has no unit"
        diags.error("E014", f"{what}; use s, m, h or d (e.g. 30s, 5m, 168h, 7d)", where)
        return None
    return int(number) * UNITS[unit]


def duration_text(seconds: int) -> str:
    """Canonical text of a duration: the largest unit that divides it."""
    for unit in ("d", "h", "m"):
        if seconds and seconds % UNITS[unit] == 0:
            return f"{seconds // UNITS[unit]}{unit}"
    return f"{seconds}s"

"""The compact syntaxes' parse tables, shipped with the package so that a first run does not analyse grammars.

Building an LALR parser from its grammar (lark's grammar analysis and parse-table construction, in Python)
took about a third of a second for the ten grammars on the first run after an install. ``grammar/tables.pickle``
holds each parser in lark's own saved form (``Lark.save``: rules, terminals, the parse table), keyed like
:mod:`.parser_store` by grammar, start symbols, post-lexer and the digest of the grammar's text, under the
lark and Python versions that made it. A parser is loaded from it only when all of these match the running
ones, and only after the file's seal (a BLAKE2 digest of its content, :func:`~ccdsl.dsl.cache_dir.read_sealed`)
is checked; anything else — another lark, an edited grammar, a damaged file — builds the parser as before.

The file is generated, never edited: ``python -m ccdsl.grammar`` writes it from ``grammar/``,
and ``tests/dsl/compact/test_prebuilt.py`` checks that doing so gives the shipped bytes.
"""
from __future__ import annotations

import functools
import importlib.resources
import io
import pickle
import sys
from collections import deque
from collections.abc import Callable
from typing import Any

import lark
from lark import Lark

from ..cache_dir import read_sealed, write_sealed
from .parser_store import ParserKey, parser_key

TABLES = "tables.pickle"

#: lark's options of every compact parser, besides the grammar, its start symbols and post-lexer
LARK_OPTIONS: dict[str, Any] = {"parser": "lalr", "lexer": "contextual", "propagate_positions": True,
                                "maybe_placeholders": True}
#: the options a saved parser is given again when loaded, besides its post-lexer
LOAD_OPTIONS: dict[str, Any] = {"propagate_positions": True}
#: the options lark leaves out of a saved parser, as its own cache does (they are given when it is loaded)
LOADED_AGAIN: frozenset[str] = frozenset(getattr(lark.lark, "_LOAD_ALLOWED_OPTIONS", {"postlex", *LOAD_OPTIONS}))


def grammars() -> list[tuple[str, tuple[str, ...], Callable | None]]:
    """Every parser the compact syntaxes use: (grammar, start symbols, post-lexer factory)."""
    from .flow_indenter import FlowIndenter

    return [("access", ("access", "route"), None), ("alarm", ("metric", "alarm"), None),
            ("composite", ("rule",), None), ("duration", ("duration", "rate"), None),
            ("flow", ("start",), FlowIndenter), ("hours", ("start",), None), ("interpolation", ("start",), None),
            ("lifecycle", ("start",), None), ("pipeline", ("start",), None), ("utterance", ("start",), None)]


def grammar_text(grammar: str) -> str:
    return importlib.resources.files("ccdsl.grammar").joinpath(f"{grammar}.lark").read_text("utf-8")


def versions() -> tuple[str, tuple[int, int]]:
    """What a saved parser depends on besides its grammar: lark's version and Python's (major, minor)."""
    return lark.__version__, (sys.version_info[0], sys.version_info[1])


def canonical_table(table: dict[str, Any]) -> dict[str, Any]:
    """A saved LALR table renumbered the same way whatever order lark's analysis found things in (it walks
    sets of objects hashed by identity): tokens by name, states breadth first from the start states (sorted),
    each state's actions in token order. The parser it gives is the same up to these numbers."""
    names: dict[int, str] = table["tokens"]
    token = {old: new for new, (old, _) in enumerate(sorted(names.items(), key=lambda item: item[1]))}
    states: dict[int, dict[int, tuple[int, Any]]] = table["states"]
    order: list[int] = []
    seen: set[int] = set()
    queue = deque(table["start_states"][start] for start in sorted(table["start_states"]))
    while queue:
        state = queue.popleft()
        if state in seen:
            continue
        seen.add(state)
        order.append(state)
        queue.extend(arg for tok, (action, arg) in sorted(states[state].items(), key=lambda item: names[item[0]])
                     if action == 0)  # 0: shift to the state ``arg``; 1: reduce by the rule ``arg``
    order.extend(state for state in states if state not in seen)
    number = {old: new for new, old in enumerate(order)}
    return {
        "tokens": {token[old]: name for old, name in sorted(names.items(), key=lambda item: token[item[0]])},
        "states": {number[old]: {token[tok]: (action, number[arg] if action == 0 else arg)
                                 for tok, (action, arg) in sorted(states[old].items(), key=lambda i: token[i[0]])}
                   for old in order},
        "start_states": {start: number[table["start_states"][start]] for start in sorted(table["start_states"])},
        "end_states": {end: number[table["end_states"][end]] for end in sorted(table["end_states"])},
    }


def _plain(value: Any, strings: dict[str, str]) -> Any:
    """``value`` rebuilt so that pickle writes the same bytes for equal data: containers new (never shared),
    equal strings one object, dictionaries in key order."""
    if isinstance(value, str):
        return strings.setdefault(value, value)
    if isinstance(value, dict):
        return {_plain(k, strings): _plain(v, strings)
                for k, v in sorted(value.items(), key=lambda item: (type(item[0]).__name__, item[0]))}
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(item, strings) for item in value)
    return value


def saved_form(built: Lark) -> bytes:
    """A parser as lark saves it (``Lark.save``), with its table numbered canonically, in reproducible bytes."""
    buffer = io.BytesIO()
    built.save(buffer, exclude_options=LOADED_AGAIN)
    saved = pickle.loads(buffer.getvalue())
    frontend = saved["data"]["parser"]
    frontend["parser"] = canonical_table(frontend["parser"])
    return pickle.dumps(_plain(saved, {}), protocol=4)


def build_tables() -> bytes:
    """The content of ``grammar/tables.pickle`` for the grammars and the lark and Python running now."""
    parsers: dict[ParserKey, bytes] = {}
    for grammar, start, postlex in grammars():
        text = grammar_text(grammar)
        built = Lark(text, start=list(start), postlex=postlex() if postlex else None, **LARK_OPTIONS)
        parsers[parser_key(grammar, start, postlex, text)] = saved_form(built)
    return pickle.dumps(_plain({"versions": versions(), "parsers": parsers}, {}), protocol=4)


def tables_path() -> str:
    return str(importlib.resources.files("ccdsl.grammar").joinpath(TABLES))


@functools.cache
def _shipped() -> dict[ParserKey, bytes]:
    """The saved parsers of the shipped file made by this lark and Python ({} when none can be used)."""
    payload = read_sealed(tables_path())
    if payload is None:
        return {}
    try:
        content = pickle.loads(payload)
        if content["versions"] != versions():
            return {}
        return dict(content["parsers"])
    except Exception:  # noqa: BLE001 - not the layout this version writes: parsers are built
        return {}


def load_shipped(key: ParserKey, cls: type[Lark], postlex: Any) -> Lark | None:
    """The parser of ``key`` from the shipped tables (an instance of ``cls``), or None when it is not there."""
    saved = _shipped().get(key)
    if saved is None:
        return None
    try:
        return cls.__new__(cls)._load(io.BytesIO(saved), postlex=postlex, **LOAD_OPTIONS)
    except Exception:  # noqa: BLE001 - a saved form this lark cannot read: the parser is built
        return None


def main() -> None:
    """Write ``grammar/tables.pickle`` from the grammars."""
    path = tables_path()
    if not write_sealed(path, build_tables()):
        sys.exit(f"cannot write {path}")
    print(path)

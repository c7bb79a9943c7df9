"""The compact syntaxes' parsers kept fully built on disk, so that a run loads each in one step.

Loading a grammar from lark's own cache still rebuilds its parse table, rules and terminals from a
serialised form in Python, and each lexer state compiles its scanner the first time it is used: together
about a tenth of ``ccdsl validate``. Here the parsers of a run, lexers and the scanners it used included,
are pickled into one file of the cache folder when the process ends (only when the run built a parser or
a scanner the file did not hold), and the next run unpickles them. A compiled pattern is stored as its
compiled form (the code list CPython's regex compiler produced; ``_sre.compile`` rebuilds it) and the
lexers' shared pattern source (:mod:`.regex_cache`) by reference. The file is keyed by the versions of
Python and lark and by the language's source files (:func:`~ccdsl.dsl.cache_dir.source_stamp`: the
indenter and everything else of ccdsl a parser holds); each parser inside it by its grammar's text, start
symbols and post-lexer. Anything that cannot be read or stored means parsers are loaded the usual way.
"""
from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import atexit
import hashlib
import io
import os
import pickle
import re
import sys
from typing import Any

import lark
from lark import Lark
from lark.parsers import lalr_analysis

from ..cache_dir import cache_folder, read_sealed, source_stamp, write_sealed
from ..re_cache import compile_parts
from .regex_cache import PatternCache

ParserKey = tuple[str, tuple[str, ...], str, str]  # (grammar, start symbols, post-lexer, digest of the text)


def parser_key(grammar: str, start: tuple[str, ...], postlex: Any, text: str) -> ParserKey:
    """The key of one parser: what it was built from."""
    name = f"{postlex.__module__}.{postlex.__qualname__}" if postlex is not None else ""
    return grammar, tuple(start), name, hashlib.sha256(text.encode("utf-8")).hexdigest()


def _reduce_pattern(pattern: re.Pattern) -> tuple[Any, tuple[Any, ...]]:
    return _sre.compile, (pattern.pattern, *compile_parts(pattern.pattern, pattern.flags))


#: objects a parser refers to that must stay the very same object: the lexers' pattern source, and the
#: parse table's Shift/Reduce markers (the LALR parser tells actions apart by identity)
SHARED_ACTIONS = {"Shift": lalr_analysis.Shift, "Reduce": lalr_analysis.Reduce}


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, patterns: PatternCache):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.patterns = patterns
        self.dispatch_table = {re.Pattern: _reduce_pattern}
        # a parser built from its grammar (not from lark's cache) holds the re module itself: stored as the
        # pattern source that stands in for it, as in parsers loaded from lark's cache
        self.shared = {id(patterns): "patterns", id(re): "patterns",
                       **{id(obj): name for name, obj in SHARED_ACTIONS.items()}}

    def persistent_id(self, obj: Any) -> Any:
        return self.shared.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, patterns: PatternCache):
        super().__init__(file)
        self.shared = {"patterns": patterns, **SHARED_ACTIONS}

    def persistent_load(self, pid: Any) -> Any:
        try:
            return self.shared[pid]
        except (KeyError, TypeError):
            raise pickle.UnpicklingError(f"unknown reference {pid!r}") from None


def built_scanners(parser: Lark) -> int:
    """How many lexer states of ``parser`` have compiled their scanner (0 when lark's layout is unknown)."""
    lexer = getattr(getattr(parser, "parser", None), "lexer", None)
    lexer = getattr(lexer, "lexer", lexer)  # through the post-lexer's connector
    lexers = list(getattr(lexer, "lexers", {}).values()) + [getattr(lexer, "root_lexer", None)]
    return sum(1 for each in {id(x): x for x in lexers if x is not None}.values()
               if getattr(each, "_scanner", None) is not None)


class ParserStore:
    """The built parsers of the file at ``path`` (None: nothing kept), loaded on first use, saved at exit."""

    def __init__(self, path: str | None, patterns: PatternCache):
        self.path = path
        self.patterns = patterns
        self._parsers: dict[ParserKey, Lark] | None = None
        self._stored: tuple[set[ParserKey], int] = (set(), 0)  # what the file holds: parsers, built scanners

    def _load(self) -> dict[ParserKey, Lark]:
        parsers: dict[ParserKey, Lark] = {}
        if self.path:
            try:
                payload = read_sealed(self.path)
                loaded = _Unpickler(io.BytesIO(payload), self.patterns).load() if payload is not None else None
                if isinstance(loaded, dict) and all(isinstance(p, Lark) for p in loaded.values()):
                    parsers = loaded
            except Exception:  # noqa: BLE001 - missing, stale or damaged: parsers are loaded the usual way
                parsers = {}
            atexit.register(self.save)
        self._parsers = parsers
        self._stored = set(parsers), sum(built_scanners(p) for p in parsers.values())
        return parsers

    def get(self, key: ParserKey) -> Lark | None:
        parsers = self._parsers if self._parsers is not None else self._load()
        return parsers.get(key)

    def add(self, key: ParserKey, parser: Lark) -> None:
        parsers = self._parsers if self._parsers is not None else self._load()
        parsers[key] = parser

    def save(self) -> None:
        """Store the parsers when this run built one or compiled a scanner the file did not hold; never raises."""
        if not self.path or not self._parsers:
            return
        keys, scanners = set(self._parsers), sum(built_scanners(p) for p in self._parsers.values())
        if keys <= self._stored[0] and scanners <= self._stored[1]:
            return
        buffer = io.BytesIO()
        try:
            _Pickler(buffer, self.patterns).dump(self._parsers)
        except Exception:  # noqa: BLE001 - something of a parser pickle cannot store: keep no file
            return
        if write_sealed(self.path, buffer.getvalue()):
            self._stored = keys, scanners


def store_file() -> str | None:
    """The file of built parsers for this Python, lark and ccdsl, or None without a cache folder."""
    folder = cache_folder()
    if folder is None:
        return None
    version = "-".join(str(part) for part in sys.version_info[:3])
    stamp = hashlib.sha256(f"{version}|{lark.__version__}|{source_stamp()}".encode()).hexdigest()[:20]
    return os.path.join(folder, f"parsers-{stamp}.pickle")

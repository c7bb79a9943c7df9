"""Compiled lexer patterns kept on disk between runs, so that a compact-syntax lexer costs no regex compilation.

lark's cache keeps a grammar's parse tables, but its lexers compile their terminals' regular expressions
(one large alternation per parser state) anew in every process: about a quarter of ``ccdsl validate``'s
start-up. :class:`PatternCache` stands in for the ``re`` module where lark compiles them (``compile``,
``match``, ``error``): a pattern it has seen before is rebuilt from its stored compiled form (the code
list CPython's regex compiler produces), which takes microseconds; a new one is compiled as ``re``
would and stored when the process ends. The file is keyed by the interpreter's version and the regex
engine's magic number, so an upgraded Python starts a new one; anything unreadable is ignored.
"""
from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import re
import sys
from typing import Any

from ..cache_dir import MarshalTable
from ..re_cache import compile_parts

#: How many patterns the file keeps at most (grammars change rarely; a stale pattern is dropped past this).
MAX_ENTRIES = 4096

Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


class PatternCache(MarshalTable):
    """A stand-in for the ``re`` module as lark's lexers use it, backed by a file of compiled patterns."""

    error = re.error
    max_entries = MAX_ENTRIES

    def compile(self, pattern: Any, flags: int = 0) -> re.Pattern:
        """``re.compile(pattern, flags)``, from the stored compiled form when there is one."""
        if not isinstance(pattern, str) or not isinstance(flags, int):
            return re.compile(pattern, flags)
        flags = int(flags)
        entries = self._entries if self._entries is not None else self._load()
        key = (pattern, flags)
        entry = entries.get(key)
        self._used.add(key)
        if entry is not None:
            try:
                return _sre.compile(pattern, *entry)
            except (TypeError, ValueError, RuntimeError):  # a damaged entry: compile it again below
                pass
        entry = compile_parts(pattern, flags)
        entries[key] = entry
        self._dirty = True
        return _sre.compile(pattern, *entry)

    def match(self, pattern: Any, string: Any, flags: int = 0) -> re.Match | None:
        return self.compile(pattern, flags).match(string)


def cache_name() -> str:
    """The file name for this interpreter: compiled patterns are valid only for the regex engine that made them."""
    version = "-".join(str(part) for part in sys.version_info[:3])
    return f"regex-{sys.implementation.name}-{version}-{_sre.MAGIC}.marshal"

"""Regular expressions compiled through ``re`` at start-up, kept compiled between runs.

Importing the libraries ``ccdsl validate`` needs compiles about a hundred regular expressions through ``re``
(PyYAML's reader and resolver, ruamel.yaml, pydantic's field patterns, ``platform``, ``logging``, ``argparse``,
ccdsl's own checks): CPython's regex compiler is written in Python, and that was a tenth of the command's time.
:func:`install` fills ``re``'s own cache of compiled patterns (``re._cache``, which every ``re.compile``,
``re.match`` … consults first) with the patterns an earlier run compiled, each rebuilt from the code list
CPython's compiler produced for it (``_sre.compile``, microseconds); at exit, the patterns of this run that
were not stored yet are added to the file. The file is keyed by the program (:func:`program`), the
interpreter's version and the regex engine's magic number (a code list is valid only for the engine that
produced it, and ``_sre`` checks it when a pattern is rebuilt); an entry that cannot be rebuilt is skipped,
so that pattern compiles the usual way. Without a cache folder, or with a ``re`` module whose cache is not a
plain dictionary, nothing is done.
"""
from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import atexit
import marshal
import os
import re
import sys
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

from .cache_dir import cache_folder, read_sealed, write_sealed

#: How many patterns the file keeps at most (past this, only those in ``re``'s cache at exit are kept).
MAX_ENTRIES = 1024

Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
Key = tuple[Any, int]  # (pattern: str or bytes, flags)

#: the seeded patterns of this process (None before :func:`install`)
installed: SeededPatterns | None = None


def compile_parts(pattern: str | bytes, flags: int) -> Entry:
    """What CPython's ``re._compiler.compile`` hands to ``_sre.compile`` for ``pattern`` (3.11+)."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses: stored as ints
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def program() -> str:
    """The running program, as far as the patterns it compiles depend on it: its script's name and its first
    argument when that is a word (``ccdsl validate``, ``ccdsl lsp``, ``pytest``)."""
    argv = sys.argv or [""]
    words = [os.path.basename(argv[0])]
    if len(argv) > 1 and argv[1].isidentifier():
        words.append(argv[1])
    return " ".join(words)


def cache_name() -> str:
    """The file name for this interpreter, regex engine and program: each program seeds only the patterns it
    compiled itself (a test run compiles hundreds a ``validate`` never needs)."""
    version = "-".join(str(part) for part in sys.version_info[:3])
    name = "".join(c if c.isalnum() else "_" for c in program())[:60]
    return f"re-{sys.implementation.name}-{version}-{_sre.MAGIC}-{name}.marshal"


class SeededPatterns:
    """The patterns of the file at ``path``, put into ``re``'s cache; new ones written back at exit."""

    def __init__(self, path: str, cache: dict):
        self.path = path
        self.cache = cache
        self.entries: dict[Key, Entry] = {}
        self.seeded: set[Key] = set()

    def seed(self) -> None:
        try:
            payload = read_sealed(self.path)
            loaded = marshal.loads(payload) if payload is not None else None
        except (EOFError, ValueError, TypeError):
            loaded = None
        if isinstance(loaded, dict):
            self.entries = loaded
        for key, entry in self.entries.items():
            try:
                pattern, flags = key
                compiled = _sre.compile(pattern, *entry)
            except (TypeError, ValueError, RuntimeError):  # damaged or foreign: that pattern compiles as usual
                continue
            self.cache.setdefault((type(pattern), pattern, flags), compiled)
            self.seeded.add(key)

    def save(self) -> None:
        """Add the patterns this run compiled through ``re`` to the file; never raises."""
        try:
            fresh = [(key[1], key[2]) for key in list(self.cache)
                     if len(key) == 3 and isinstance(key[1], (str, bytes)) and type(key[2]) is int
                     and (key[1], key[2]) not in self.seeded]
            added = {key: compile_parts(*key) for key in fresh if key not in self.entries}
        except Exception:  # noqa: BLE001 - a pattern this interpreter's parser reads differently: keep the file
            return
        if not added:
            return
        entries = {**self.entries, **added}
        if len(entries) > MAX_ENTRIES:
            current = {(key[1], key[2]) for key in list(self.cache) if len(key) == 3}
            entries = {key: entry for key, entry in entries.items() if key in current}
        try:
            write_sealed(self.path, marshal.dumps(entries))
        except ValueError:  # something marshal cannot store: keep the file as it is
            pass


def install() -> None:
    """Seed ``re``'s cache from the file (once per process) and store this run's new patterns at exit."""
    global installed
    cache = getattr(re, "_cache", None)
    if installed is not None or type(cache) is not dict:
        return
    folder = cache_folder()
    if folder is None:
        return
    installed = SeededPatterns(os.path.join(folder, cache_name()), cache)
    installed.seed()
    atexit.register(installed.save)

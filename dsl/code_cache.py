"""Python source that libraries generate at import, compiled once and kept on disk, so that start-up compiles none.

Two standard-library modules compile text in every process: ``dataclasses`` writes the source of each class's
``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__`` … and ``exec``-utes it (some 700 small
functions for the ~120 frozen dataclasses of the compact syntaxes and the diagnostics), and ``typing`` compiles
every forward reference — each string annotation pydantic reads from a model class and each field of the
``TypedDict``\\s pydantic-core declares (about 1,100 expressions). Together about a third of importing the
language. :func:`install` gives each of the two modules its own ``exec`` / ``compile`` (a module global, which
shadows the builtin of that name for that module only) that takes the code object compiled from the same
text the first time it was seen: the code the builtin would compile (file name ``<string>``, no inherited
``__future__`` flags, the interpreter's optimisation level), so classes and references are exactly what they
were. The compiled forms live in the cache folder (:mod:`ccdsl.dsl.cache_dir`), in a file keyed by the
interpreter's version and bytecode tag (a code object is valid only for the interpreter that made it); a text
seen for the first time is compiled as the builtin would and stored when the process ends. A missing,
damaged or foreign file is ignored; without a cache folder nothing is kept.
"""
from __future__ import annotations

import builtins
import dataclasses
import os
import sys
import types
import typing
from collections.abc import Callable
from typing import Any

from .cache_dir import MarshalTable, cache_folder

#: How many compiled texts the file keeps at most (past this, those this run did not use are dropped).
MAX_ENTRIES = 16384

Key = tuple[str, str]  # (source text, compile mode)

#: the cache :func:`install` lent ``dataclasses`` and ``typing`` in this process (None before)
installed: CodeCache | None = None


def cache_name() -> str:
    """The file name for this interpreter (marshalled code objects load only into the version that wrote them)."""
    return f"code-{sys.implementation.cache_tag}-{sys.hexversion:x}-O{sys.flags.optimize}.marshal"


class CodeCache(MarshalTable):
    """Compiled forms of source texts, read from ``path`` on first use and written back at exit."""

    max_entries = MAX_ENTRIES

    def code(self, text: str, mode: str) -> types.CodeType:
        """What ``compile(text, "<string>", mode)`` gives in a module without ``__future__`` imports."""
        entries = self._entries if self._entries is not None else self._load()
        key = (text, mode)
        code = entries.get(key)
        self._used.add(key)
        if type(code) is not types.CodeType:
            code = builtins.compile(text, "<string>", mode, dont_inherit=True)
            entries[key] = code
            self._dirty = True
        return code


def cached_exec(cache: CodeCache) -> Callable[..., None]:
    """An ``exec`` that runs a source text from its stored compiled form (anything else: the builtin)."""

    def exec(source: Any, /, *args: Any, **kwargs: Any) -> None:  # noqa: A001 - stands in for the builtin
        if isinstance(source, str):
            source = cache.code(source, "exec")
        builtins.exec(source, *args, **kwargs)

    return exec


def cached_compile(cache: CodeCache) -> Callable[..., Any]:
    """A ``compile`` that answers ``compile(text, "<string>", mode)`` from the cache (anything else: the builtin)."""

    def compile(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:  # noqa: A001
        if not args and not kwargs and filename == "<string>" and isinstance(source, str):
            try:
                return cache.code(source, mode)
            except SyntaxError:
                pass  # raised again below, as the builtin raises it
        return builtins.compile(source, filename, mode, *args, **kwargs)

    return compile


def install() -> None:
    """Let ``dataclasses`` and ``typing`` take the code they generate from the cache (once per process)."""
    global installed
    if "exec" in vars(dataclasses):
        return
    folder = cache_folder()
    installed = cache = CodeCache(os.path.join(folder, cache_name()) if folder else None)
    dataclasses.exec = cached_exec(cache)  # type: ignore[attr-defined]
    if "compile" not in vars(typing):
        typing.compile = cached_compile(cache)  # type: ignore[attr-defined]

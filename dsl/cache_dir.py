"""The user's cache folder for what ccdsl derives once and reuses between runs (grammar tables, compiled
lexer patterns, model validators): ``$XDG_CACHE_HOME/ccdsl`` or ``~/.cache/ccdsl``. Everything kept there
is checked or keyed on load, so deleting the folder is always safe; without a writable folder, nothing is kept.
"""
from __future__ import annotations

import atexit
import functools
import hashlib
import marshal
import os
from typing import Any


@functools.cache
def cache_folder() -> str | None:
    """The cache folder (created when missing), or None when it cannot be created."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "ccdsl")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return folder


@functools.cache
def source_stamp() -> str:
    """A digest of the size and modification time of every source file of ``ccdsl.dsl``: what is stored from
    the language's own classes (model schemas, built parsers) is keyed by it, so any edit or upgrade stores anew."""
    root = os.path.dirname(os.path.abspath(__file__))
    found: list[tuple[str, int, int]] = []
    pending = [""]
    while pending:
        relative = pending.pop()
        try:
            with os.scandir(os.path.join(root, relative)) as entries:
                for entry in entries:
                    name = f"{relative}/{entry.name}" if relative else entry.name
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name != "__pycache__":
                            pending.append(name)
                    elif entry.name.endswith(".py"):
                        stat = entry.stat()
                        found.append((name, stat.st_size, stat.st_mtime_ns))
        except OSError:
            continue
    digest = hashlib.sha256()
    for name, size, mtime in sorted(found):
        digest.update(f"{name}|{size}|{mtime}\n".encode())
    return digest.hexdigest()


#: What every stored file starts with: a format mark, then a digest of the rest. ``marshal`` and ``pickle``
#: trust their input (a damaged code object can crash the interpreter), so a file whose digest does not match
#: — a half-written file, a flipped bit, a full disk — is ignored and rebuilt, never loaded.
_MARK = b"ccdsl-cache-1\n"
_DIGEST = 32


def read_sealed(path: str) -> bytes | None:
    """The payload of a file :func:`write_sealed` wrote, or None when it is missing, unreadable or damaged."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    head = len(_MARK) + _DIGEST
    if len(data) < head or not data.startswith(_MARK):
        return None
    payload = data[head:]
    if hashlib.blake2b(payload, digest_size=_DIGEST).digest() != data[len(_MARK):head]:
        return None
    return payload


def write_sealed(path: str, payload: bytes) -> bool:
    """Store ``payload`` at ``path`` whole or not at all (written aside, then renamed); never raises."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(_MARK + hashlib.blake2b(payload, digest_size=_DIGEST).digest() + payload)
        os.replace(tmp, path)
        return True
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False


class MarshalTable:
    """A table of values ``marshal`` can store (compiled code, regex code lists), kept in a sealed file: read on
    first use, written back at exit when this run added an entry. Past ``max_entries``, only the entries this
    run used are kept. Without a path nothing is read or written."""

    max_entries = 4096

    def __init__(self, path: str | None):
        self.path = path
        self._entries: dict[Any, Any] | None = None
        self._used: set[Any] = set()
        self._dirty = False

    def _load(self) -> dict[Any, Any]:
        entries: dict[Any, Any] = {}
        if self.path:
            try:
                payload = read_sealed(self.path)
                loaded = marshal.loads(payload) if payload is not None else None
                if isinstance(loaded, dict):
                    entries = loaded
            except (EOFError, ValueError, TypeError):
                entries = {}
            atexit.register(self.save)
        self._entries = entries
        return entries

    def save(self) -> None:
        """Write the table back when this run added an entry; never raises."""
        if not (self._dirty and self.path and self._entries is not None):
            return
        entries = self._entries
        if len(entries) > self.max_entries:
            entries = {k: v for k, v in entries.items() if k in self._used}
        try:
            payload = marshal.dumps(entries)
        except ValueError:  # something marshal cannot store: keep the file as it is
            return
        if write_sealed(self.path, payload):
            self._dirty = False

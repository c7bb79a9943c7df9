"""The user's cache folder for what ccdsl derives once and reuses between runs (grammar tables, compiled
lexer patterns, model validators): ``$XDG_CACHE_HOME/ccdsl`` or ``~/.cache/ccdsl``. Everything kept there
is checked or keyed on load, so deleting the folder is always safe; without a writable folder, nothing is kept.
"""
from __future__ import annotations

import functools
import hashlib
import os


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

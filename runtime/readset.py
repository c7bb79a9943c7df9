"""What a compile reads, and a fingerprint of it, so that an apply can tell nothing changed since the last one.

While :func:`recording` is active on a thread, every file that thread opens for reading and every folder it
lists is noted, through Python's audit hooks (``open``, ``os.scandir``, ``os.listdir``): the site file, and
whatever the compiler reads beside it (function code folders, prompts, flow templates, agent-site files …),
without each reader having to report itself. :func:`fingerprint` turns those reads into a record: the
SHA-256 of each file's bytes, the names in each folder, the ccdsl code (the size and modification time of
every file of the installed package) and the versions of the libraries the compile uses. The Python
installation and ccdsl's own files (covered by the code digest) are left out.

A successful apply stores the record with the state it left (:mod:`ccdsl.runtime.noop`); the next apply
checks it with :func:`unchanged` before compiling.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import sysconfig
import threading
from collections.abc import Iterator
from typing import Any

#: bump when the record's layout or meaning changes: an older record then never matches
FORMAT = 1
#: the libraries whose behaviour decides what the compile makes
LIBRARIES = ("ruamel.yaml", "lark", "pydantic", "pydantic_core", "networkx", "jinja2")

_local = threading.local()
_hooked = False
_hook_lock = threading.Lock()


class Reads:
    """Paths (absolute) a compile opened for reading and folders it listed, in the order first seen."""

    def __init__(self) -> None:
        self.files: dict[str, None] = {}
        self.folders: dict[str, None] = {}


def _audit(event: str, args: tuple) -> None:
    reads = getattr(_local, "reads", None)
    if reads is None:
        return
    if event == "open":
        path, mode, flags = args
        if isinstance(mode, str):
            if any(c in mode for c in "wax+"):
                return
        elif isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR):
            return
        if isinstance(path, (str, bytes, os.PathLike)):
            reads.files.setdefault(os.path.abspath(os.fsdecode(path)), None)
    elif event in ("os.scandir", "os.listdir"):
        path = args[0] if args else "."
        if path is None:
            path = "."
        if isinstance(path, (str, bytes, os.PathLike)):
            reads.folders.setdefault(os.path.abspath(os.fsdecode(path)), None)


@contextlib.contextmanager
def recording() -> Iterator[Reads]:
    """Note what this thread reads inside the block (other threads are not affected)."""
    global _hooked
    with _hook_lock:
        if not _hooked:  # an audit hook cannot be removed: one, installed once, idle outside a block
            sys.addaudithook(_audit)
            _hooked = True
    outer = getattr(_local, "reads", None)
    reads = Reads()
    _local.reads = reads
    try:
        yield reads
    finally:
        _local.reads = outer
        if outer is not None:  # a nested block's reads are the outer block's reads too
            outer.files.update(reads.files)
            outer.folders.update(reads.folders)


def _ccdsl_roots() -> list[str]:
    """The folders of ccdsl's packages, found without importing them."""
    from importlib.util import find_spec

    import ccdsl

    roots = list(ccdsl.__path__)
    for name in ("dsl", "compiler", "runtime", "tui", "grammar"):
        try:
            spec = find_spec(f"ccdsl.{name}")
        except (ImportError, ValueError):
            continue
        if spec is not None and spec.submodule_search_locations:
            roots.extend(spec.submodule_search_locations)
    return sorted({os.path.realpath(r) for r in roots})


def _skipped_roots() -> tuple[str, ...]:
    """Folders whose files are not inputs of a site: the Python installation, its libraries, ccdsl itself
    (the code digest covers it) and the grammar cache (made from ccdsl's grammars)."""
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    roots.update(p for p in sysconfig.get_paths().values() if p)
    roots.update(p for p in sys.path if p and os.path.isdir(p) and "site-packages" in p)
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    roots.add(os.path.join(cache, "ccdsl"))
    roots.update(_ccdsl_roots())
    return tuple(sorted({os.path.join(os.path.realpath(r), "") for r in roots}))


def _skipped(path: str, roots: tuple[str, ...]) -> bool:
    real = os.path.realpath(path)
    return real.startswith(roots) or real.startswith(("/proc/", "/dev/", "/sys/"))


def file_digest(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return "missing"


def folder_digest(path: str) -> str:
    try:
        names = sorted(os.listdir(path))
    except OSError:
        return "missing"
    return hashlib.sha256("\0".join(names).encode("utf-8", "surrogateescape")).hexdigest()


def code_digest() -> str:
    """The installed ccdsl: every file's path, size and modification time, and the library versions."""
    from importlib import metadata

    h = hashlib.sha256(f"{sys.version}\0".encode())
    for root in _ccdsl_roots():
        for current, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                path = os.path.join(current, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    for lib in LIBRARIES:
        try:
            version = metadata.version(lib)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{lib}={version}\n".encode())
    return h.hexdigest()


def fingerprint(reads: Reads, site_file: str | os.PathLike) -> dict[str, Any]:
    """The record of the compile of ``site_file``: the code digest and a digest of every input file and
    folder it read."""
    roots = _skipped_roots()
    return {
        "format": FORMAT,
        "site_file": os.path.realpath(site_file),
        "code": code_digest(),
        "files": {p: file_digest(p) for p in reads.files if not _skipped(p, roots)},
        "folders": {p: folder_digest(p) for p in reads.folders if not _skipped(p, roots)},
    }


def unchanged(record: Any) -> bool:
    """Whether every input ``record`` (a :func:`fingerprint`) noted still reads the same, with the same code."""
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        return False
    files, folders = record.get("files"), record.get("folders")
    if not isinstance(files, dict) or not isinstance(folders, dict) or not files:
        return False
    if record.get("code") != code_digest():
        return False
    return (all(folder_digest(p) == d for p, d in folders.items())
            and all(file_digest(p) == d for p, d in files.items()))

"""Confinement of the files a site names: every path resolves inside the folder of the .ccd file.

A site is often untrusted input (a pull request that CI validates and applies), and the files it names
are read by ``compile`` and uploaded by ``apply`` (agent-site objects behind CloudFront, Lambda zips).
So a path must be relative, must not climb out with ``..``, and must not reach outside through a
symlink: the check is made on the fully resolved path. Files inside a function's source folder are
walked without following symlinks; a symlink whose target leaves the site folder is refused.

Used by the validator (diagnostic E225), the compiler's content hashes and the aws provider's readers,
so the rule lives here once.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath

#: most files a function source folder may hold (a folder of node_modules is a mistake, not a function)
MAX_FOLDER_FILES = 10_000


class Escape(ValueError):
    """A path that is absolute, climbs out with ``..`` or resolves (through a symlink) outside the base."""


def why_outside(base: str | Path, relative: str) -> str | None:
    """Why ``relative`` is not a path inside ``base`` (in words), or None when it is confined."""
    text = str(relative)
    if not text.strip():
        return "the path is empty"
    if "\0" in text:
        return "the path contains a NUL character"
    if PurePosixPath(text).is_absolute() or PureWindowsPath(text).is_absolute() or text.startswith("~"):
        return "an absolute path is not allowed: write it relative to the folder of the .ccd file"
    if ".." in PurePosixPath(text.replace("\\", "/")).parts:
        return "`..` is not allowed: the path must stay inside the folder of the .ccd file"
    root = Path(base).resolve()
    try:
        target = (root / text).resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return "the path cannot be resolved (a symlink loop?)"
    if not target.is_relative_to(root):
        return f"the path leads outside the site folder through a symlink (to {target})"
    return None


def confined(base: str | Path, relative: str) -> Path:
    """``base / relative`` resolved, or :class:`Escape` when it leaves ``base``."""
    reason = why_outside(base, relative)
    if reason is not None:
        raise Escape(f"{relative}: {reason}")
    return (Path(base).resolve() / relative).resolve()


def walk_files(folder: str | Path, root: str | Path | None = None) -> Iterator[tuple[str, Path]]:
    """``(relative posix name, path)`` of every regular file under ``folder``, sorted, without following
    symlinked folders; a symlinked file is yielded only when it resolves inside ``root`` (default
    ``folder``). ``__pycache__`` folders are skipped."""
    top = Path(folder)
    limit = Path(root if root is not None else folder).resolve()
    found: list[tuple[str, Path]] = []
    for current, dirs, files in os.walk(top, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in files:
            path = Path(current, name)
            if path.is_symlink():
                try:
                    if not path.resolve().is_relative_to(limit):
                        continue
                except (OSError, RuntimeError):
                    continue
            if path.is_file():
                found.append((path.relative_to(top).as_posix(), path))
    yield from sorted(found)


def escaping_links(folder: str | Path, root: str | Path) -> list[str]:
    """Names (relative to ``folder``) of symlinks under ``folder`` that resolve outside ``root``."""
    top, limit = Path(folder), Path(root).resolve()
    bad: list[str] = []
    seen = 0
    for current, dirs, files in os.walk(top, followlinks=False):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in list(dirs) + files:
            seen += 1
            if seen > MAX_FOLDER_FILES:
                return bad
            path = Path(current, name)
            if not path.is_symlink():
                continue
            try:
                inside = path.resolve().is_relative_to(limit)
            except (OSError, RuntimeError):
                inside = False
            if not inside:
                bad.append(path.relative_to(top).as_posix())
    return sorted(bad)

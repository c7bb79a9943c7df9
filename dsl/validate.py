"""Validation of a .ccd file: load, build the model, parse compact syntaxes, run every check.

``validate_file(path)`` and ``validate_text(text, filename)`` return ``(site, diagnostics)``; the site
is None when the file could not be read as a mapping at all. All problems of a file are collected in
one run; nothing raises for bad input.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .build import build_site
from .checks import run_checks
from .compact_bind import ParseMemo, bind_compact
from .diagnostics import Diagnostics
from .flows import check_flows
from .gc_pause import collector_paused
from .limits import MAX_FILE_BYTES
from .loader import decode, load_text, too_large
from .model import Site
from .source import Span


def validate_text(text: str, filename: str = "<text>", *, path: str | None = None,
                  load: Callable[[str, str, Diagnostics], Any] = load_text,
                  parses: ParseMemo | None = None) -> tuple[Site | None, Diagnostics]:
    """Validate the text of a .ccd file; ``path`` (default ``filename``) locates relative folders. ``load``
    composes the located tree and ``parses`` keeps compact-string parses between runs (the language server
    passes both, so that an edit reads again only what it changed)."""
    diags = Diagnostics()
    tree = load(text, filename, diags)
    if tree is None:
        return None, diags
    site, broken = build_site(tree, filename, diags)
    site.path = path if path is not None else filename
    compacts = bind_compact(site, diags, parses)
    run_checks(site, broken, diags, compacts)
    _check_flows(site, broken, diags)
    return site, diags


UNKNOWN_NAME = re.compile(r"unknown (\w+) '([^']*)'")
SECTIONS = {"queue": "queues", "hours": "hours", "bot": "bots", "function": "functions", "flow": "flows"}


def _check_flows(site: Site, broken: dict[str, set[str]], diags: Diagnostics) -> None:
    """Flow bodies (:mod:`ccdsl.dsl.flows`); a reference to an entry that failed to build was reported already."""
    found = Diagnostics()
    check_flows(site, found)
    for d in found:
        match = UNKNOWN_NAME.match(d.message)
        if match and match.group(2) in broken.get(SECTIONS.get(match.group(1), ""), ()):
            continue
        diags.add(d)


def validate_file(path: str | Path, load: Callable[[str, str, Diagnostics], Any] = load_text,
                  ) -> tuple[Site | None, Diagnostics]:
    """Validate a .ccd file on disk (an unreadable file is a diagnostic too); ``load`` as for :func:`validate_text`."""
    name = str(path)
    diags = Diagnostics()
    try:
        size = Path(path).stat().st_size
        if size > MAX_FILE_BYTES:  # refused before reading: a huge file must not cost its size in memory
            too_large(size, name, diags)
            return None, diags
        data = Path(path).read_bytes()
    except OSError as exc:
        diags.error("E000", f"cannot read the file: {exc.strerror or exc}", Span(name, 1, 1))
        return None, diags
    text = decode(data, name, diags)
    # Validation builds a large acyclic tree and frees little: the cyclic collector would only rescan it.
    with collector_paused():
        site, more = validate_text(text, name, load=load)
    diags.extend(more)
    return site, diags

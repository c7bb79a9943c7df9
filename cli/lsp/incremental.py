"""Incremental analysis: unchanged top-level sections are not composed again, unchanged compact strings
not parsed again.

YAML composition is most of the cost of validating a file, and an edit touches one section. The text
is cut at every line that starts a top-level key; each section is loaded by the validator's own loader
(:func:`ccdsl.dsl.loader.load_text`) from a text padded with the blank lines above it, so every position
is the one in the whole file, and the located trees are merged into the document's mapping. A section
whose text and first line are unchanged is not composed again. Whatever the per-section route cannot
judge alone — anchors and aliases, tabs, directives or several documents, a section that does not load,
a key written twice — is loaded whole, exactly as ``ccdsl validate`` does.

:class:`ParseCache` keeps the trees of compact strings (``do:`` bodies, access rules …) by syntax, text and
position, for :func:`ccdsl.dsl.validate.validate_text`'s ``parses``: an edit parses only the strings it
changed or moved.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any

from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.loader import load_text
from ccdsl.dsl.located import LDict
from ccdsl.dsl.source import Span

SECTION_START = re.compile(r"^[A-Za-z_][\w-]*\s*:")
#: documents, directives, anchors, aliases, tags and tabs: loaded whole (a false alarm only costs time)
WHOLE_FILE_ONLY = re.compile(r"^(?:---|\.\.\.|%)|(?:^|[\s\[{,:])[&*!][\w<!-]|\t", re.MULTILINE)
CACHE_SIZE = 256
PARSE_CACHE_SIZE = 8192


class ParseCache(OrderedDict):
    """A bounded mapping: the oldest parses are dropped first."""

    def __init__(self, size: int = PARSE_CACHE_SIZE):
        super().__init__()
        self.size = size

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, value)
        while len(self) > self.size:
            self.popitem(last=False)


class SectionCache:
    """Located trees of sections by (path, first line, text), least recently used dropped first."""

    def __init__(self, size: int = CACHE_SIZE):
        self.size = size
        self.trees: OrderedDict[tuple[str, int, str], tuple[LDict, list]] = OrderedDict()
        self.hits = self.misses = 0

    def load(self, text: str, path: str, diags: Diagnostics) -> Any:
        """The located tree of ``text`` with the diagnostics :func:`load_text` would give."""
        sections = split_sections(text)
        if sections is None:
            return load_text(text, path, diags)
        merged: LDict | None = None
        for first, chunk in sections:
            found = self._section(path, first, chunk)
            if found is None or (merged is not None and set(found[0]) & set(merged)):
                return load_text(text, path, diags)  # a section that needs the whole file's view
            tree, problems = found
            if merged is None:
                merged = LDict(span=tree.span)
            merged.update(tree)
            merged.key_spans.update(tree.key_spans)
            merged.value_spans.update(tree.value_spans)
            merged.span = Span(path, merged.span.line, merged.span.col, tree.span.end_line, tree.span.end_col)
            diags.extend(problems)
        return merged

    def _section(self, path: str, first: int, chunk: str) -> tuple[LDict, list] | None:
        key = (path, first, chunk)
        if key in self.trees:
            self.trees.move_to_end(key)
            self.hits += 1
            return self.trees[key]
        self.misses += 1
        problems = Diagnostics()
        tree = load_text("\n" * first + chunk, path, problems)
        if not isinstance(tree, LDict) or problems.has_errors or len(tree) != 1:
            return None
        self.trees[key] = (tree, list(problems))
        while len(self.trees) > self.size:
            self.trees.popitem(last=False)
        return self.trees[key]


def split_sections(text: str) -> list[tuple[int, str]] | None:
    """``(first line (0-based), text)`` of each top-level section; None when the file must be loaded whole.

    A section runs from its key to the next top-level key, so comment lines above a key belong to the section
    before it — as they do for the YAML loader, whose span of the previous value ends after them."""
    if WHOLE_FILE_ONLY.search(text):
        return None
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if SECTION_START.match(line)]
    if not starts:
        return None
    bounds = [0, *starts[1:]]
    out = []
    for n, begin in enumerate(bounds):
        end = bounds[n + 1] if n + 1 < len(bounds) else len(lines)
        out.append((begin, "\n".join(lines[begin:end]) + ("\n" if end < len(lines) else "")))
    return out

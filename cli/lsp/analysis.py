"""One analysed document: its text, the validator's site and diagnostics, and the symbol index.

``analyse(text, path)`` runs :func:`ccdsl.dsl.validate.validate_text` (the same checks, codes,
positions and hints as ``ccdsl validate``) and indexes the names. An identical text is not analysed
twice, and with the server's caches (:mod:`ccdsl.lsp.incremental`) an edit composes again only the
top-level sections it touched and parses again only the compact strings it changed. The compiled
resource graph (deploy estimates and the critical path, for hover) is computed on first use and kept with
the analysis.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp

from ccdsl.dsl.diagnostics import Diagnostic, Diagnostics, Severity
from ccdsl.dsl.model import Site
from ccdsl.dsl.validate import validate_text

from .incremental import ParseCache, SectionCache
from .index import SymbolIndex, build_index

SEVERITIES = {Severity.ERROR: lsp.DiagnosticSeverity.Error, Severity.WARNING: lsp.DiagnosticSeverity.Warning,
              Severity.NOTE: lsp.DiagnosticSeverity.Information}
SUGGESTION = re.compile(r"did you mean '([^']+)'\?")
FIRST_AT = re.compile(r"\(first (?:written )?at line (\d+)\)")
SOURCE = "ccdsl"


@dataclass
class Analysis:
    """What the server knows about one version of a document."""

    uri: str
    path: str
    text: str
    site: Site | None
    diagnostics: Diagnostics
    index: SymbolIndex
    lines: list[str] = field(init=False)
    _compiled: Any = field(default=None, init=False, repr=False)
    _compiled_done: bool = field(default=False, init=False, repr=False)

    def __post_init__(self) -> None:
        self.lines = self.text.split("\n")

    def line(self, line0: int) -> str:
        """The text of a 0-based line (empty past the end)."""
        return self.lines[line0] if 0 <= line0 < len(self.lines) else ""

    def compiled(self) -> Any:
        """The compiled site (None when the file has errors or cannot compile); computed once."""
        if not self._compiled_done:
            self._compiled_done = True
            if self.site is not None and not self.diagnostics.has_errors:
                from ccdsl.compiler.pipeline import compile_model

                self._compiled = compile_model(self.site, Diagnostics(), source_dir=str(Path(self.path).parent))
        return self._compiled


def analyse(uri: str, path: str, text: str, previous: Analysis | None = None,
            sections: SectionCache | None = None, parses: ParseCache | None = None) -> Analysis:
    """Validate and index ``text``; reuses ``previous`` when the text has not changed, and the unchanged
    sections and compact strings the server's caches hold when given."""
    if previous is not None and previous.text == text and previous.path == path:
        return previous
    if sections is not None:
        site, diags = validate_text(text, path, path=path, load=sections.load, parses=parses)
    else:
        site, diags = validate_text(text, path, path=path, parses=parses)
    index = build_index(site)
    index.fit(text.split("\n"))
    return Analysis(uri, path, text, site, diags, index)


def span_range(line: int, col: int, length: int, end_line: int | None = None, end_col: int | None = None) -> lsp.Range:
    """An LSP range (0-based) from a 1-based line/column and a length or an end."""
    start = lsp.Position(line=max(line - 1, 0), character=max(col - 1, 0))
    if end_line is not None and end_col is not None and (end_line, end_col) > (line, col):
        end = lsp.Position(line=end_line - 1, character=end_col - 1)
    else:
        end = lsp.Position(line=start.line, character=start.character + max(length, 1))
    return lsp.Range(start=start, end=end)


def diagnostic_range(d: Diagnostic) -> lsp.Range:
    span = d.span
    if d.length > 1 or span.end_line is None:
        return span_range(span.line, span.col, d.length)
    return span_range(span.line, span.col, d.length, span.end_line, span.end_col)


def to_lsp(analysis: Analysis) -> list[lsp.Diagnostic]:
    """The validator's diagnostics as LSP diagnostics; a "did you mean" links the suggested name's definition."""
    out = []
    for d in analysis.diagnostics.sorted():
        message = d.message + (f"\n{d.hint}" if d.hint else "")
        out.append(lsp.Diagnostic(
            range=diagnostic_range(d), message=message, severity=SEVERITIES.get(d.severity),
            code=d.code, source=SOURCE, related_information=_related(analysis, d) or None,
            data={"hint": d.hint} if d.hint else None))
    return out


def suggested_name(d: Diagnostic) -> str | None:
    match = SUGGESTION.search(d.hint or "")
    return match.group(1) if match else None


def _related(analysis: Analysis, d: Diagnostic) -> list[lsp.DiagnosticRelatedInformation]:
    """Where the suggested name is declared; where the first of two of something is."""
    first = FIRST_AT.search(d.message)
    if first is not None:
        line = int(first.group(1))
        text = analysis.line(line - 1)
        col = len(text) - len(text.lstrip()) + 1
        location = lsp.Location(uri=analysis.uri, range=span_range(line, col, len(text.strip())))
        return [lsp.DiagnosticRelatedInformation(location=location, message="first written here")]
    suggestion = suggested_name(d)
    if suggestion is None:
        return []
    out = []
    for occ in analysis.index.occurrences:
        if occ.is_definition and occ.name == suggestion:
            location = lsp.Location(uri=analysis.uri, range=span_range(occ.line, occ.col, occ.length))
            out.append(lsp.DiagnosticRelatedInformation(location=location, message=f"'{suggestion}' is declared here"))
    return out[:3]

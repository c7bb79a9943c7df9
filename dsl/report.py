"""Rendering diagnostics: text with a snippet and caret, JSON, and SARIF 2.1.0 for code scanning."""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

from .diagnostics import Diagnostic, Severity
from .source import SourceFile


class Sources:
    """Source files by path, read once, for snippets."""

    def __init__(self, texts: dict[str, str] | None = None):
        self._files: dict[str, SourceFile | None] = {p: SourceFile(p, t) for p, t in (texts or {}).items()}

    def get(self, path: str) -> SourceFile | None:
        if path not in self._files:
            try:
                self._files[path] = SourceFile(path, Path(path).read_bytes().decode("utf-8", "replace"))
            except OSError:
                self._files[path] = None
        return self._files[path]


def caret_width(d: Diagnostic, line_text: str) -> int:
    span = d.span
    width = d.length
    if width <= 1 and span.end_line == span.line and span.end_col and span.end_col > span.col:
        width = span.end_col - span.col
    return max(1, min(width, max(len(line_text) - span.col + 1, 1)))


def text_parts(d: Diagnostic, sources: Sources) -> list[tuple[str, str]]:
    """The lines of a diagnostic as ``(kind, text)``: head, gutter, source, caret, help."""
    parts = [("head", f"{d.span.file}:{d.span.line}:{d.span.col}: {d.severity.value}[{d.code}]: {d.message}")]
    source = sources.get(d.span.file)
    text = source.line_text(d.span.line) if source else ""
    if text:
        number = str(d.span.line)
        pad = " " * len(number)
        parts += [("gutter", f"{pad} |"), ("source", f"{number} | {text}"),
                  ("caret", f"{pad} | " + " " * (d.span.col - 1) + "^" * caret_width(d, text))]
    if d.hint:
        parts.append(("help", f"  = help: {d.hint}"))
    return parts


def render_text(d: Diagnostic, sources: Sources, color: bool = False) -> str:
    """Plain text: ``file:line:col: error[CODE]: message``, the source line, a caret, the hint
    (``color``: head and caret in ANSI colour, for callers that print to a terminal themselves)."""
    lines = []
    for kind, text in text_parts(d, sources):
        lines.append(_paint(text, d.severity) if color and kind in ("head", "caret") else text)
    return "\n".join(lines)


def _paint(text: str, severity: Severity) -> str:
    code = {Severity.ERROR: "31", Severity.WARNING: "33"}.get(severity, "36")
    return f"\x1b[1;{code}m{text}\x1b[0m"


def render_rich(d: Diagnostic, sources: Sources) -> Text:
    """The same as :func:`render_text`, coloured, as a ``rich.text.Text`` (for terminals)."""
    from rich.text import Text

    colour = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow"}.get(d.severity, "bold cyan")
    styles = {"head": "bold", "gutter": "blue", "source": "", "caret": colour, "help": "cyan"}
    out = Text()
    for i, (kind, text) in enumerate(text_parts(d, sources)):
        if i:
            out.append("\n")
        if kind == "head":
            location, _, rest = text.partition(f" {d.severity.value}[")
            out.append(location + " ", style="bold")
            out.append(f"{d.severity.value}[{d.code}]", style=colour)
            out.append(rest[len(d.code) + 1:], style="bold")
        else:
            out.append(text, style=styles[kind])
    return out


def summary_line(diagnostics: list[Diagnostic], files: int) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    if not errors and not warnings:
        return f"{files} file{'s' * (files != 1)} valid"
    return (f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
            f"in {files} file{'s' * (files != 1)}")


def render_json(diagnostics: Iterable[Diagnostic], files: list[str]) -> str:
    items = [d.to_dict() | {"end_line": d.span.end_line, "end_col": d.span.end_col} for d in diagnostics]
    errors = sum(1 for d in items if d["severity"] == "error")
    warnings = sum(1 for d in items if d["severity"] == "warning")
    return json.dumps({"files": files, "errors": errors, "warnings": warnings, "diagnostics": items}, indent=2)


def render_sarif(diagnostics: list[Diagnostic], version: str, root: Path | None = None) -> str:
    from .codes import summary

    root = (root or Path.cwd()).resolve()
    rules = sorted({d.code for d in diagnostics})
    index = {code: i for i, code in enumerate(rules)}
    results = []
    for d in diagnostics:
        region = {"startLine": max(d.span.line, 1), "startColumn": max(d.span.col, 1)}
        if d.span.end_line and d.span.end_col and (d.span.end_line, d.span.end_col) > (d.span.line, d.span.col):
            region.update(endLine=d.span.end_line, endColumn=d.span.end_col)
        elif d.length > 1:
            region.update(endLine=region["startLine"], endColumn=region["startColumn"] + d.length)
        message = d.message + (f" ({d.hint})" if d.hint else "")
        results.append({
            "ruleId": d.code, "ruleIndex": index[d.code],
            "level": {"error": "error", "warning": "warning"}.get(d.severity.value, "note"),
            "message": {"text": message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(d.span.file, root)},
                                                "region": region}}],
        })
    driver = {"name": "ccdsl", "version": version,
              "rules": [{"id": code, "name": code, "shortDescription": {"text": summary(code)}} for code in rules]}
    sarif = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
             "runs": [{"tool": {"driver": driver}, "results": results,
                       "originalUriBaseIds": {"SRCROOT": {"uri": root.as_uri() + "/"}}}]}
    return json.dumps(sarif, indent=2)


def _uri(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        return Path(path).as_posix()

"""Code actions (quick fixes) for the validator's diagnostics.

- a "did you mean 'X'?" hint becomes "Change to 'X'";
- an unknown queue (E201) or flow (E207) gets "Create queue/flow 'N'": a stub entry at the end of its
  section (the section is added when the file has none);
- an unknown label (E301) gets "Create label 'N'": a stub block at the end of the flow's ``do:`` body.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types as lsp

from .analysis import SUGGESTION, Analysis
from .context import flow_body_at, indent

UNKNOWN = re.compile(r"unknown (queue|flow|label) '([^']+)'")
TOP_KEY = re.compile(r"^([A-Za-z_]\w*)\s*:")


def code_actions(analysis: Analysis, rng: lsp.Range, diagnostics: Sequence[lsp.Diagnostic]) -> list[lsp.CodeAction]:
    out: list[lsp.CodeAction] = []
    for diagnostic in diagnostics:
        if diagnostic.source not in (None, "ccdsl"):
            continue
        match = SUGGESTION.search(diagnostic.message)
        if match:
            out.append(_action(analysis, f"Change to '{match.group(1)}'", diagnostic,
                               [lsp.TextEdit(range=diagnostic.range, new_text=match.group(1))], preferred=True))
        missing = UNKNOWN.search(diagnostic.message)
        if missing:
            kind, name = missing.groups()
            edit = _label_stub(analysis, diagnostic, name) if kind == "label" else _entry_stub(analysis, kind, name)
            if edit is not None:
                out.append(_action(analysis, f"Create {kind} '{name}'", diagnostic, [edit]))
    return out


def _action(analysis: Analysis, title: str, diagnostic: lsp.Diagnostic, edits: list[lsp.TextEdit],
            preferred: bool = False) -> lsp.CodeAction:
    return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                          is_preferred=preferred or None, edit=lsp.WorkspaceEdit(changes={analysis.uri: edits}))


def _insert(line0: int, text: str) -> lsp.TextEdit:
    point = lsp.Position(line=line0, character=0)
    return lsp.TextEdit(range=lsp.Range(start=point, end=point), new_text=text)


def _section_end(lines: list[str], section: str) -> tuple[int, int] | None:
    """(first line of the section's entries, line after its last non-empty line), 0-based."""
    start = next((i for i, text in enumerate(lines) if (m := TOP_KEY.match(text)) and m.group(1) == section), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if TOP_KEY.match(lines[i])), len(lines))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return start, end


def _entry_stub(analysis: Analysis, kind: str, name: str) -> lsp.TextEdit | None:
    lines = analysis.lines
    section = {"queue": "queues", "flow": "flows"}[kind]
    hours = analysis.index.names("hours")
    if kind == "queue":
        body = [f"{name}: {{hours: {hours[0] if hours else 'always'}}}"]
    else:
        body = [f"{name}:", "  do: |", "    hangup"]
    found = _section_end(lines, section)
    if found is None:
        at = len(lines) - 1 if lines and not lines[-1] else len(lines)
        text = f"{section}:\n" + "".join(f"  {line}\n" for line in body)
        return _insert(at, ("\n" if at and lines[at - 1].strip() else "") + text)
    start, end = found
    entry_indent = next((indent(lines[i]) for i in range(start + 1, end) if lines[i].strip()), 2)
    pad = " " * entry_indent
    return _insert(end, "".join(f"{pad}{line}\n" for line in body))


def _label_stub(analysis: Analysis, diagnostic: lsp.Diagnostic, name: str) -> lsp.TextEdit | None:
    line0 = diagnostic.range.start.line
    place = flow_body_at(analysis.lines, line0)
    if place is None:
        return None
    end = line0 + 1
    while end < len(analysis.lines) and (not analysis.lines[end].strip()
                                         or indent(analysis.lines[end]) >= place.block_indent):
        end += 1
    while end > line0 + 1 and not analysis.lines[end - 1].strip():
        end -= 1
    pad = " " * place.block_indent
    return _insert(end, f"{pad}{name}:\n{pad}  hangup\n")

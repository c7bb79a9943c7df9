"""Formatting through ``ccdsl fmt``'s formatter: one edit replacing the document when it changes.

A file that is not valid YAML is left alone (the diagnostics say why), as ``ccdsl fmt`` does.
"""
from __future__ import annotations

from lsprotocol import types as lsp

from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.fmt import format_text
from ccdsl.dsl.loader import load_text

from .analysis import Analysis


def format_edits(analysis: Analysis) -> list[lsp.TextEdit]:
    diags = Diagnostics()
    load_text(analysis.text, analysis.path, diags)
    if diags.has_errors:
        return []
    formatted = format_text(analysis.text)
    if formatted == analysis.text:
        return []
    end = lsp.Position(line=len(analysis.lines), character=0)
    return [lsp.TextEdit(range=lsp.Range(start=lsp.Position(line=0, character=0), end=end), new_text=formatted)]

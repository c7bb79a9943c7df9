"""Navigation over the symbol index: definition, references, highlights, rename and the outline."""
from __future__ import annotations

import re

from lsprotocol import types as lsp

from ccdsl.dsl.checks.names import ENTRY_RULES, LEX_RULE
from ccdsl.dsl.model.site import NAMED_SECTIONS
from ccdsl.dsl.validate import validate_text

from .analysis import Analysis, span_range
from .index import Occurrence

#: kind -> the section of the site that declares it
SECTION_OF = {kind: section for section, kind in NAMED_SECTIONS.items()}
LABEL_RULE = (r"^[A-Za-z_][A-Za-z0-9_]*$", "letters, digits and '_', not starting with a digit")
STREAM_RULE = (r"^[A-Za-z0-9_.-]{1,128}$", "letters, digits, '_', '.' and '-', at most 128")
SYMBOL_KINDS = {
    "queue": lsp.SymbolKind.Object, "hours": lsp.SymbolKind.Event, "bot": lsp.SymbolKind.Class,
    "intent": lsp.SymbolKind.Method, "slot_type": lsp.SymbolKind.Enum, "function": lsp.SymbolKind.Function,
    "flow": lsp.SymbolKind.Module, "label": lsp.SymbolKind.Key, "table": lsp.SymbolKind.Struct,
    "lake_table": lsp.SymbolKind.Struct, "stream": lsp.SymbolKind.Event,
}


class RenameRefused(Exception):
    """A rename that would break the file; the message says why."""


def occurrence_at(analysis: Analysis, position: lsp.Position) -> Occurrence | None:
    return analysis.index.at(position.line + 1, position.character + 1)


def location(analysis: Analysis, occ: Occurrence) -> lsp.Location:
    return lsp.Location(uri=analysis.uri, range=occ_range(occ))


def occ_range(occ: Occurrence) -> lsp.Range:
    return span_range(occ.line, occ.col, occ.length)


def definition(analysis: Analysis, position: lsp.Position) -> lsp.Location | None:
    occ = occurrence_at(analysis, position)
    if occ is None:
        return None
    target = analysis.index.definition(occ.key)
    return location(analysis, target) if target is not None else None


def references(analysis: Analysis, position: lsp.Position, include_declaration: bool = True) -> list[lsp.Location]:
    occ = occurrence_at(analysis, position)
    if occ is None:
        return []
    return [location(analysis, o) for o in analysis.index.of(occ.key) if include_declaration or not o.is_definition]


def highlights(analysis: Analysis, position: lsp.Position) -> list[lsp.DocumentHighlight]:
    occ = occurrence_at(analysis, position)
    if occ is None:
        return []
    return [lsp.DocumentHighlight(range=occ_range(o), kind=lsp.DocumentHighlightKind.Write if o.is_definition
                                  else lsp.DocumentHighlightKind.Read) for o in analysis.index.of(occ.key)]


def prepare_rename(analysis: Analysis, position: lsp.Position) -> lsp.PrepareRenameResult | None:
    occ = occurrence_at(analysis, position)
    if occ is None or analysis.index.definition(occ.key) is None:
        return None
    return lsp.PrepareRenamePlaceholder(range=occ_range(occ), placeholder=occ.name)


def _rule(kind: str) -> tuple[str, str]:
    if kind in ("intent", "slot_type"):
        return LEX_RULE
    if kind == "label":
        return LABEL_RULE
    if kind in ("stream", "lake_table"):
        return STREAM_RULE
    return ENTRY_RULES.get(SECTION_OF.get(kind, ""), LABEL_RULE)


def rename(analysis: Analysis, position: lsp.Position, new_name: str) -> lsp.WorkspaceEdit:
    """Every occurrence of the symbol under the cursor renamed in one edit; refused (:class:`RenameRefused`)
    when the cursor is on no declared name, the new name is not allowed or is taken, or the renamed file
    would no longer validate as well as before."""
    occ = occurrence_at(analysis, position)
    if occ is None:
        raise RenameRefused("there is no name to rename here")
    kind, container, old = occ.key
    if analysis.index.definition(occ.key) is None:
        raise RenameRefused(f"'{old}' is not declared in this file")
    if new_name == old:
        return lsp.WorkspaceEdit(changes={analysis.uri: []})
    pattern, rule = _rule(kind)
    if not re.match(pattern, new_name):
        raise RenameRefused(f"'{new_name}' is not a valid {kind.replace('_', ' ')} name: {rule}")
    if new_name in analysis.index.names(kind, container):
        raise RenameRefused(f"a {kind.replace('_', ' ')} named '{new_name}' already exists")
    edits = [lsp.TextEdit(range=occ_range(o), new_text=new_name) for o in analysis.index.of(occ.key)]
    _check_still_valid(analysis, edits, new_name)
    return lsp.WorkspaceEdit(changes={analysis.uri: edits})


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    """The text with single-line edits applied (the edits rename names, which never span lines)."""
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = edit.range.start, edit.range.end
        line = lines[start.line]
        lines[start.line] = line[:start.character] + edit.new_text + line[end.character:]
    return "\n".join(lines)


def _check_still_valid(analysis: Analysis, edits: list[lsp.TextEdit], new_name: str) -> None:
    before = {(d.code, d.message) for d in analysis.diagnostics if d.is_error}
    _, after = validate_text(apply_edits(analysis.text, edits), analysis.path, path=analysis.path)
    for d in after.sorted():
        if d.is_error and (d.code, d.message) not in before and new_name in d.message:
            raise RenameRefused(f"renaming to '{new_name}' would break the file: {d.message} [{d.code}]")
        if d.is_error and d.code.startswith("E0"):
            raise RenameRefused(f"renaming to '{new_name}' would break the file: {d.message} [{d.code}]")


def document_symbols(analysis: Analysis) -> list[lsp.DocumentSymbol]:
    """The outline: top-level sections, their entries, a bot's intents, a flow's labels."""
    starts = [(i, m.group(1)) for i, text in enumerate(analysis.lines) if (m := re.match(r"([A-Za-z_]\w*)\s*:", text))]
    out = []
    for n, (line0, key) in enumerate(starts):
        end0 = starts[n + 1][0] - 1 if n + 1 < len(starts) else len(analysis.lines) - 1
        while end0 > line0 and not analysis.line(end0).strip():
            end0 -= 1
        full = lsp.Range(start=lsp.Position(line=line0, character=0),
                         end=lsp.Position(line=end0, character=len(analysis.line(end0))))
        pick = lsp.Range(start=lsp.Position(line=line0, character=0), end=lsp.Position(line=line0, character=len(key)))
        kind = NAMED_SECTIONS.get(key, "lake_table" if key == "lake" else None)
        children = _entries(analysis, kind, line0 + 1, end0 + 1) if kind else []
        out.append(lsp.DocumentSymbol(name=key, kind=lsp.SymbolKind.Namespace, range=full, selection_range=pick,
                                      children=children or None))
    return out


def _entries(analysis: Analysis, kind: str, first: int, last: int) -> list[lsp.DocumentSymbol]:
    defs = [o for o in analysis.index.occurrences
            if o.is_definition and o.kind == kind and not o.key[1] and first <= o.line <= last]
    out = []
    for n, occ in enumerate(defs):
        end = defs[n + 1].line - 1 if n + 1 < len(defs) else last
        while end > occ.line and not analysis.line(end - 1).strip():
            end -= 1
        inner = {"bot": "intent", "flow": "label"}.get(kind)
        children = []
        if inner:
            children = [_leaf(o) for o in analysis.index.occurrences
                        if o.is_definition and o.kind == inner and o.key[1] == occ.name and occ.line <= o.line <= end]
        full = lsp.Range(start=lsp.Position(line=occ.line - 1, character=occ.col - 1),
                         end=lsp.Position(line=end - 1, character=len(analysis.line(end - 1))))
        out.append(lsp.DocumentSymbol(name=occ.name, detail=kind.replace("_", " "),
                                      kind=SYMBOL_KINDS.get(kind, lsp.SymbolKind.Variable), range=full,
                                      selection_range=occ_range(occ), children=children or None))
    return out


def _leaf(occ: Occurrence) -> lsp.DocumentSymbol:
    return lsp.DocumentSymbol(name=occ.name, detail=occ.kind.replace("_", " "),
                              kind=SYMBOL_KINDS.get(occ.kind, lsp.SymbolKind.Variable),
                              range=occ_range(occ), selection_range=occ_range(occ))

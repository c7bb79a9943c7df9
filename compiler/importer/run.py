"""``ccdsl import FLOW.json…``: read the files, decompile each flow, and report what the user must do.

:func:`import_files` returns an :class:`ImportRun`: the imported flows, the ``.ccd`` text and template files
to write, and diagnostics — E501 for a file that is not a flow, W501 for each action that keeps its flow a
template (at the action's Identifier in the file), W502 for actions the start never reaches, W511/W512 for each
target a body names although the export left it empty / gave only placeholder text, W503 for each name the flows
refer to, which the site must declare.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.source import Span

from .decompile import ImportedFlow, decompile, infer_flow_type
from .documents import FlowDocument, read_document, unique_names
from .names import SECTIONS, NameBook
from .site_text import flows_section, unset_words


@dataclass
class ImportRun:
    flows: list[ImportedFlow] = field(default_factory=list)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    text: str = ""
    templates: dict[str, str] = field(default_factory=dict)
    unnamed: int = 0  # names given where the export names no target (empty, or placeholder text)

    @property
    def bodies(self) -> int:
        return sum(1 for f in self.flows if f.body is not None)


def import_files(paths: Sequence[str], mapping: Mapping[str, str] | None = None, flow_type: str | None = None,
                 template_dir: str = "flows") -> ImportRun:
    """Import every flow file in ``paths``; ``flow_type`` (a Connect type) overrides what the files say."""
    run = ImportRun()
    documents: list[FlowDocument] = []
    for path in paths:
        doc = read_document(path)
        if isinstance(doc, str):
            run.diagnostics.error("E501", f"cannot import {path}: {doc}", Span(path, 1, 1))
        else:
            documents.append(doc)
    return import_documents(documents, mapping, flow_type, template_dir, run)


def import_documents(documents: Sequence[FlowDocument], mapping: Mapping[str, str] | None = None,
                     flow_type: str | None = None, template_dir: str = "flows", run: ImportRun | None = None,
                     name_unset: bool = True) -> ImportRun:
    """Import flow documents already read (from files, or from an instance). ``name_unset``: name the targets an
    export leaves empty or gives as placeholder text (W511/W512) — an instance import, whose names must all be
    the instance's, keeps such flows templates."""
    run = run or ImportRun()
    book = NameBook(dict(mapping or {}))
    for document, name in zip(documents, unique_names(list(documents))):
        kind = flow_type or document.flow_type or infer_flow_type(document.doc, document.name)
        flow = decompile(document.doc, name, kind, book, document.path, name_unset)
        run.flows.append(flow)
        for reason in flow.reasons:
            span = document.span_of(reason.ident) if reason.ident else Span(document.path, 1, 1)
            run.diagnostics.warning("W501", f"flow '{name}' stays a template: {reason}", span)
        for stand_in in flow.stand_ins:
            run.diagnostics.warning("W511" if stand_in.empty else "W512",
                                    f"flow '{name}': {stand_in.type} '{stand_in.ident}': {stand_in.describe()}",
                                    document.span_of(stand_in.ident))
        for ident, action_type in flow.unreachable:
            run.diagnostics.warning("W502", f"flow '{name}': {action_type} '{ident}' is never reached from the start",
                                    document.span_of(ident))
    run.text, run.templates = flows_section(run.flows, book, template_dir)
    imported = {f.name for f in run.flows}
    for kind, name, value, source in book.declared():
        if kind == "flow" and name in imported:
            continue
        where = next((f.source for f in run.flows if f.name == source), source)
        stands = f"it stands for {value}" if (kind, name) not in book.unset else unset_words(value)
        run.unnamed += (kind, name) in book.unset
        run.diagnostics.warning("W503", f"declare {kind} '{name}' in {SECTIONS.get(kind, kind)}: ({stands})",
                                Span(where, 1, 1))
    return run

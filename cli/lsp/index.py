"""The symbol index of one site: every definition and every use of a name, with its exact span.

A symbol is ``(kind, container, name)``: ``container`` is empty for the site's own sections (queues,
hours, flows …), the bot for its intents and slot types, the flow for the labels of its ``do:`` body.
References between sections and inside compact strings (``${kind.name.attr}``, access rules, pipeline
chains, dashboard metrics, alarms) are collected by running the validator's own reference checks with
a scope that records each name instead of judging it, so the index sees exactly what ``validate``
checks. Flow bodies are read from their syntax trees (queues, bots, intents of that bot, flows,
functions, hours and labels).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ccdsl.dsl.checks.compact_refs import check_compact_references
from ccdsl.dsl.checks.refs import check_references
from ccdsl.dsl.checks.scope import Scope
from ccdsl.dsl.compact import flow_ast
from ccdsl.dsl.compact.pipelines import StreamStage, TableStage
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows import flow_body
from ccdsl.dsl.flows.references import named_references
from ccdsl.dsl.model import Site
from ccdsl.dsl.model.site import NAMED_SECTIONS
from ccdsl.dsl.source import Span

#: kinds whose names live inside a container (the bot, the flow)
CONTAINED = {"intent": "bot", "slot_type": "bot", "label": "flow"}
#: pipeline sources whose `table` stage declares the lake table itself
DECLARING_FEEDS = ("contact_records", "agent_events")

Key = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place a symbol is written: its definition or a use."""

    key: Key
    line: int  # 1-based
    col: int  # 1-based, first character of the name
    length: int
    is_definition: bool

    @property
    def kind(self) -> str:
        return self.key[0]

    @property
    def name(self) -> str:
        return self.key[2]

    def contains(self, line: int, col: int) -> bool:
        return self.line == line and self.col <= col <= self.col + self.length


@dataclass
class SymbolIndex:
    """Definitions and uses of every symbol of one site."""

    occurrences: list[Occurrence] = field(default_factory=list)
    nodes: dict[Key, Any] = field(default_factory=dict)  # model node (or tree node) of each definition

    def add(self, kind: str, container: str, name: str, span: Span | None, *, definition: bool = False,
            node: Any = None) -> None:
        if span is None or span.line < 1 or not name:
            return
        key = (kind, container, name)
        self.occurrences.append(Occurrence(key, span.line, span.col, len(name), definition))
        if definition and node is not None:
            self.nodes.setdefault(key, node)

    def at(self, line: int, col: int) -> Occurrence | None:
        """The occurrence under a 1-based position (the cursor may sit just after the name)."""
        for occ in self.occurrences:
            if occ.contains(line, col):
                return occ
        return None

    def fit(self, lines: list[str]) -> None:
        """Keep only occurrences whose text is exactly the name (a quoted name moves past its quote)."""
        kept = []
        for occ in self.occurrences:
            text = lines[occ.line - 1] if occ.line <= len(lines) else ""
            start = occ.col - 1
            if text[start:start + occ.length] != occ.name and text[start:start + 1] in "\"'" \
                    and text[start + 1:start + 1 + occ.length] == occ.name:
                occ = Occurrence(occ.key, occ.line, occ.col + 1, occ.length, occ.is_definition)
            if text[occ.col - 1:occ.col - 1 + occ.length] == occ.name:
                kept.append(occ)
        self.occurrences = kept

    def of(self, key: Key) -> list[Occurrence]:
        return [occ for occ in self.occurrences if occ.key == key]

    def definition(self, key: Key) -> Occurrence | None:
        return next((occ for occ in self.occurrences if occ.key == key and occ.is_definition), None)

    def names(self, kind: str, container: str = "") -> list[str]:
        """Declared names of a kind, in file order."""
        seen: dict[str, None] = {}
        for occ in self.occurrences:
            if occ.is_definition and occ.key[0] == kind and occ.key[1] == container:
                seen.setdefault(occ.key[2])
        return list(seen)

    def containers(self, kind: str) -> set[str]:
        return {occ.key[1] for occ in self.occurrences if occ.key[0] == kind}


class _RecordingScope(Scope):
    """A scope that accepts every name and records it as a use (the validator reports the problems)."""

    def __init__(self, site: Site, index: SymbolIndex):
        super().__init__(site)
        self.index = index

    def check(self, kind: str, name: str, span: Span, diags: Diagnostics, context: str = "",
              candidates: Iterable[str] | None = None) -> bool:
        if kind not in CONTAINED and kind not in ("slot", "security_profile"):
            self.index.add(kind, "", name, span)
        return True


def build_index(site: Site | None) -> SymbolIndex:
    """The index of a built site (an empty one when the file could not be read as a site)."""
    index = SymbolIndex()
    if site is None:
        return index
    _definitions(site, index)
    scope = _RecordingScope(site, index)
    scratch = Diagnostics()
    check_references(site, scope, scratch)
    check_compact_references(site, scope, scratch)
    _bot_uses(site, index)
    _flow_uses(site, index)
    _pipeline_uses(site, index)
    index.occurrences.sort(key=lambda o: (o.line, o.col))
    return index


def _definitions(site: Site, index: SymbolIndex) -> None:
    for section, name, node in site.entries():
        index.add(NAMED_SECTIONS[section], "", name, node.span, definition=True, node=node)
    for bot_name, bot in site.bots.items():
        for name, intent in bot.intents.items():
            index.add("intent", bot_name, name, intent.span, definition=True, node=intent)
        for name, slot_type in bot.slot_types.items():
            index.add("slot_type", bot_name, name, slot_type.span, definition=True, node=slot_type)
    if site.lake is not None:
        for name, table in site.lake.tables.items():
            index.add("lake_table", "", name, table.span, definition=True, node=table)
    for flow_name, flow in site.flows.items():
        body = flow_body(flow)
        if body is None:
            continue
        for stmt in flow_ast.walk(body.statements):
            if isinstance(stmt, flow_ast.Label):
                index.add("label", flow_name, stmt.name.value, stmt.name.span, definition=True,
                          node=stmt)


def _bot_uses(site: Site, index: SymbolIndex) -> None:
    for bot_name, bot in site.bots.items():
        for intent in bot.intents.values():
            for slot in intent.slots.values():
                if slot.type is not None:
                    index.add("slot_type", bot_name, str(slot.type), slot.type.span)
            for utterance in intent.utterances:
                for part in getattr(utterance.ast, "slots", ()):
                    if part.type is not None and part.type.value in bot.slot_types:
                        index.add("slot_type", bot_name, part.type.value, part.type.span)


def _flow_uses(site: Site, index: SymbolIndex) -> None:
    for flow_name, flow in site.flows.items():
        body = flow_body(flow)
        if body is None:
            continue
        for stmt in flow_ast.walk(body.statements):
            for kind, name in named_references(stmt):
                index.add(kind, "", name.value, name.span)
            if isinstance(stmt, flow_ast.Ask) and isinstance(stmt.bot, flow_ast.Name):
                for branch in stmt.branches:
                    for intent in branch.intents:
                        index.add("intent", stmt.bot.value, intent.value, intent.span)
            for target in flow_ast.label_refs(stmt):
                index.add("label", flow_name, target.value, target.span)


def _pipeline_uses(site: Site, index: SymbolIndex) -> None:
    """A stream is declared by the first stage that gives its options (else the first that names it); a lake
    table by the `table` stage of a feed whose records ccdsl knows."""
    streams: dict[str, list[StreamStage]] = {}
    for pipeline in site.pipelines.values():
        chain = pipeline.chain.ast
        if chain is None:
            continue
        for stage in chain.stages:
            if isinstance(stage, StreamStage):
                streams.setdefault(stage.name.value, []).append(stage)
            elif isinstance(stage, TableStage) and chain.source is not None and chain.source.kind in DECLARING_FEEDS:
                index.add("lake_table", "", stage.name.value, stage.name.span, definition=True, node=stage)
    for name, stages in streams.items():
        declaring = next((s for s in stages if s.shards is not None or s.retention is not None), stages[0])
        for stage in stages:
            index.add("stream", "", name, stage.name.span, definition=stage is declaring, node=stage)

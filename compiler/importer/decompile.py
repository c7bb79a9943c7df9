"""One exported flow document → a ``do:`` body, or the reasons it stays a template.

``decompile(doc, name, flow_type, book)`` decodes every action reachable from the start through the
row table (:mod:`.flows`), lays the statements out with labels and gotos (:mod:`.structure`), prints
the body with the canonical printer, parses that text back and lowers it, and keeps the body only
when the lowered flow is equivalent to the original (:mod:`.equivalence`). Otherwise the flow is
imported as a template and every reason is kept (the action's Identifier and Type, and what could
not be said). Actions not reachable from the start are listed: a body cannot hold them.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ccdsl.compiler.flows.lower import lower_flow
from ccdsl.dsl.compact.flow_parser import parse_flow
from ccdsl.dsl.compact.flow_printer import flow_to_text
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows import catalog as cat
from ccdsl.dsl.source import TextOrigin

from .actions import Action, Inexpressible
from .equivalence import difference
from .flows import Context, Decoded, decode
from .input_rows import fold_copies
from .names import NameBook
from .option_rows import fold_voice_id
from .rowkit import StandIn
from .structure import lay_out


@dataclass
class Reason:
    """Why a flow stays a template: ``ident``/``type`` name the action ('' for the flow as a whole)."""

    ident: str
    type: str
    text: str

    def __str__(self) -> str:
        return f"{self.type} '{self.ident}': {self.text}" if self.ident else self.text


@dataclass
class ImportedFlow:
    name: str
    source: str
    flow_type: str
    content: dict
    body: str | None = None  # the ``do:`` text when the flow round-trips
    reasons: list[Reason] = field(default_factory=list)
    unreachable: list[tuple[str, str]] = field(default_factory=list)  # (Identifier, Type)
    #: targets the export leaves empty or gives as placeholder text, read as names to declare (bodies only)
    stand_ins: list[StandIn] = field(default_factory=list)

    @property
    def substituted(self) -> frozenset[tuple[str, str, str]]:
        """(Identifier, key, value) of every stand-in: where the round trip accepts a reference for that value."""
        return frozenset((s.ident, s.key, s.value) for s in self.stand_ins)

    @property
    def actions(self) -> int:
        return len(self.content.get("Actions") or [])


def infer_flow_type(doc: Mapping[str, Any], hint: str = "") -> str:
    """The flow type of an export: a module's return makes it a module; then the designer's ``Metadata.type``
    (``outboundWhisper``); then the flow's name and actions."""
    types = {str(a.get("Type")) for a in doc.get("Actions") or []}
    if "EndFlowModuleExecution" in types or "Settings" in doc:  # modules carry their Settings (inputs, outputs)
        return cat.MODULE
    designer = (doc.get("Metadata") or {}).get("type")
    upper = re.sub(r"([a-z])([A-Z])", r"\1_\2", designer).upper() if isinstance(designer, str) else ""
    if upper in cat.FLOW_TYPES:
        return upper
    words = re.sub(r"[^a-z]+", " ", re.sub(r"([a-z])([A-Z])", r"\1 \2", hint).lower()).split()
    if "module" in words:
        return cat.MODULE
    if "whisper" in words:
        return cat.OUTBOUND_WHISPER if "outbound" in words else (
            cat.AGENT_WHISPER if "agent" in words else cat.CUSTOMER_WHISPER)
    if "hold" in words or "holds" in words:
        return cat.AGENT_HOLD if "agent" in words else cat.CUSTOMER_HOLD
    if "EndFlowExecution" in types or "MessageParticipantIteratively" in types:
        return cat.CUSTOMER_QUEUE
    return cat.CONTACT_FLOW


def reachable(doc: Mapping[str, Any]) -> list[str]:
    """Identifiers reachable from the StartAction, in the order a depth-first walk meets them."""
    by_id = {a.get("Identifier"): a for a in doc.get("Actions") or []}
    start = doc.get("StartAction")
    order: list[str] = []
    seen: set[str] = set()
    todo = [str(start)]
    while todo:
        ident = todo.pop()
        if ident in seen or ident not in by_id:
            continue
        seen.add(ident)
        order.append(ident)
        act = Action.of(by_id[ident], {})
        todo.extend(reversed(act.targets()))
    return order


def decompile(doc: Mapping[str, Any], name: str, flow_type: str, book: NameBook, source: str = "",
              name_unset: bool = True) -> ImportedFlow:
    """``name_unset``: a target the export leaves empty or gives as placeholder text becomes a name to declare
    (:class:`~.rowkit.StandIn`); without it the flow stays a template."""
    result = _decompile(doc, name, flow_type, book, source, name_unset)
    if result.body is None:  # a template keeps the export's values: the names given in their place are not used
        book.release(name)
        result.stand_ins.clear()
    return result


def _decompile(doc: Mapping[str, Any], name: str, flow_type: str, book: NameBook, source: str,
               name_unset: bool) -> ImportedFlow:
    result = ImportedFlow(name, source, flow_type, dict(doc))
    metadata = (doc.get("Metadata") or {}).get("ActionMetadata") or {}
    actions = {str(a.get("Identifier")): a for a in doc.get("Actions") or [] if isinstance(a, Mapping)}
    start = doc.get("StartAction")
    if not isinstance(start, str) or start not in actions:
        result.reasons.append(Reason("", "", "the StartAction is not one of the flow's actions"))
        return result
    order = reachable(doc)
    result.unreachable = [(i, str(a.get("Type"))) for i, a in actions.items() if i not in set(order)]
    cx = Context(flow_type, book, name, result.stand_ins, name_unset)
    decoded: dict[str, Decoded] = {}
    acts: dict[str, Action] = {}
    for ident in order:
        act = acts[ident] = Action.of(actions[ident], metadata)
        missing = [t for t in act.targets() if t not in actions]
        try:
            if missing:
                raise Inexpressible(f"a branch to {missing[0]!r}, which is not an action of the flow")
            decoded[ident] = decode(act, cx)
        except Inexpressible as exc:
            result.reasons.append(Reason(ident, act.type, str(exc)))
    if result.reasons:
        return result
    fold_copies(start, acts, decoded)
    for ident in fold_voice_id(start, acts, decoded, cx):
        result.reasons.append(Reason(ident, acts[ident].type, "a Voice ID stream without its settings right before it"))
    if result.reasons:
        return result
    text = flow_to_text(lay_out(start, decoded))
    diags = Diagnostics()
    body = parse_flow(text, TextOrigin(name, 1, 1, 0), diags)
    if body is None:
        first = next(iter(diags.sorted()), None)
        result.reasons.append(Reason("", "", f"the body does not read back: {first.message if first else '?'}"))
        return result
    differs = difference(doc, lower_flow(name, body, flow_type), result.substituted)
    if differs:
        result.reasons.append(Reason("", "", f"the body would compile to a different flow: {differs}"))
        return result
    result.body = text
    return result

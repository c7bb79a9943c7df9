"""Utterances with slots: ``transfer {amount:AMAZON.Number} pounds to {account:AccountType}``.

Grammar ``utterance.lark``. The tree is a tuple of :class:`Text` and :class:`Slot` parts in order;
adjacent text is one part. ``{name}`` (no type) refers to a slot declared elsewhere (the intent's
slots, or a slot type of that name, as the language core decides).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from lark import Token

from ..diagnostics import Diagnostics
from ..source import Span, TextOrigin
from .lark_support import Node, meta_span, run, token_span
from .nodes import Name, Text, span_field


@dataclass(frozen=True, slots=True)
class Slot:
    """``{name}`` or ``{name:Type}``; ``type`` is None when not given."""

    name: Name
    type: Name | None = None
    span: Span = span_field()


Part = Union[Text, Slot]


@dataclass(frozen=True, slots=True)
class Utterance:
    parts: tuple[Part, ...]
    span: Span = span_field()

    @property
    def slots(self) -> tuple[Slot, ...]:
        return tuple(p for p in self.parts if isinstance(p, Slot))


def parse_utterance(text: str, origin: TextOrigin, diags: Diagnostics) -> Utterance | None:
    def build(tree: Node) -> Utterance:
        parts: list[Part] = []
        for child in tree.children:
            if isinstance(child, Token):
                parts.append(Text(str(child), token_span(origin, child)))
            else:
                name_tok, type_tok = child.children
                slot_type = None if type_tok is None else Name(str(type_tok), token_span(origin, type_tok))
                slot_name = Name(str(name_tok), token_span(origin, name_tok))
                parts.append(Slot(slot_name, slot_type, meta_span(origin, child)))
        return Utterance(tuple(parts), origin.span)

    return run("utterance", text, origin, diags, build, "utterance")


def utterance_to_text(ast: Utterance) -> str:
    out = []
    for part in ast.parts:
        if isinstance(part, Text):
            out.append(part.text)
        else:
            out.append("{" + part.name.value + (f":{part.type.value}" if part.type else "") + "}")
    return "".join(out)

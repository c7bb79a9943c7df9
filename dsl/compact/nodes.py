"""Nodes shared by every compact syntax tree: names with their own spans."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..source import UNKNOWN, Span


def span_field() -> Span:
    """A ``span`` field: defaults to UNKNOWN and is left out of equality and repr."""
    return field(default=UNKNOWN, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Name:
    """A reference by name (queue, bot, intent, label, flow, function, hours, table …)."""

    value: str
    span: Span = span_field()

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Text:
    """Literal text between the structured parts of a string (utterances, interpolations)."""

    text: str
    span: Span = span_field()

"""Diagnostics: every problem has a stable code, a severity, a position and a message.

Phases collect diagnostics into a :class:`Diagnostics` bag and go on; nothing raises for bad input.
Codes: ``E0xx`` syntax (YAML and compact grammars), ``E1xx`` schema and types, ``E2xx`` references,
``E3xx`` flows, ``E4xx`` resource graph, ``W…`` warnings. The registry in :mod:`ccdsl.dsl.codes`
lists every code with a one-line summary; a code, once published, keeps its meaning.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum

from .source import Span


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    message: str
    span: Span
    severity: Severity = Severity.ERROR
    hint: str | None = None  # e.g. "did you mean 'GeneralAgentQueue'?"
    length: int = 1  # how many columns the caret underlines

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.span.file,
            "line": self.span.line,
            "col": self.span.col,
            "hint": self.hint,
        }


@dataclass
class Diagnostics:
    """An ordered bag of diagnostics that a phase appends to and the CLI renders."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def error(self, code: str, message: str, span: Span, hint: str | None = None, length: int = 1) -> None:
        self.items.append(Diagnostic(code, message, span, Severity.ERROR, hint, length))

    def warning(self, code: str, message: str, span: Span, hint: str | None = None, length: int = 1) -> None:
        self.items.append(Diagnostic(code, message, span, Severity.WARNING, hint, length))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=lambda d: (d.span.file, d.span.line, d.span.col, d.code))

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A "did you mean" hint for a misspelt name, or None when nothing is close."""
    matches = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None

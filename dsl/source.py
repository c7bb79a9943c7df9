"""Source files and spans: every node of the model knows where it came from.

Lines and columns are 1-based, as editors and ``file:line:col`` messages show them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source file. ``end_*`` may equal the start for a point."""

    file: str
    line: int
    col: int
    end_line: int | None = None
    end_col: int | None = None

    def __init__(self, file: str, line: int, col: int, end_line: int | None = None, end_col: int | None = None):
        # What the frozen dataclass's own __init__ does, at half the cost (a site makes hundreds of thousands):
        # its slots are set through their descriptors rather than object.__setattr__ looked up per field.
        set_file(self, file)
        set_line(self, line)
        set_col(self, col)
        set_end_line(self, end_line)
        set_end_col(self, end_col)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """Model fields of this type take a Span as it is: no per-model dataclass schema to build."""
        from pydantic_core import core_schema

        return core_schema.is_instance_schema(cls)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict:
        return {"type": "object"}

    def shifted(self, lines: int = 0, cols: int = 0) -> Span:
        return Span(self.file, self.line + lines, self.col + cols, self.end_line, self.end_col)


#: the setters of a Span's slots (a loader making spans by the hundred thousand sets them itself)
set_file, set_line, set_col, set_end_line, set_end_col = (
    getattr(Span, name).__set__ for name in ("file", "line", "col", "end_line", "end_col"))
UNKNOWN = Span("<unknown>", 1, 1)


@dataclass(slots=True)
class SourceFile:
    """The text of one file, kept so that diagnostics can show a snippet."""

    path: str
    text: str
    lines: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = self.text.splitlines()

    @classmethod
    def read(cls, path: str | Path) -> SourceFile:
        """Read bytes and decode strictly; callers handle UnicodeDecodeError as a diagnostic."""
        data = Path(path).read_bytes()
        return cls(str(path), data.decode("utf-8"))

    def line_text(self, line: int) -> str:
        if 1 <= line <= len(self.lines):
            return self.lines[line - 1]
        return ""


@dataclass(frozen=True, slots=True)
class TextOrigin:
    """Where the content of a YAML string value starts, so that a compact-syntax parser can report
    positions inside the string as positions in the .ccd file.

    ``line``/``col`` are those of the first content character (after any quote). For block scalars
    (``|``, ``>``) ``block_indent`` is the indentation (0-based column) of the content lines, and
    ``line`` is the first content line.
    """

    file: str
    line: int
    col: int
    block_indent: int | None = None

    def span_at(self, line0: int, col0: int, length: int = 1) -> Span:
        """Span of the character at 0-based (line, column) inside the string's content."""
        if self.block_indent is not None:
            line, col = self.line + line0, self.block_indent + 1 + col0
        elif line0 == 0:
            line, col = self.line, self.col + col0
        else:
            line, col = self.line + line0, 1 + col0
        return Span(self.file, line, col, line, col + max(length, 1))

    @property
    def span(self) -> Span:
        return self.span_at(0, 0)

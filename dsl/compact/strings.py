"""Strings of the flow language: the one-line form ``"…"`` and the multi-line form ``\"\"\"…\"\"\"``, read and
written.

A one-line string holds no line break; ``\\"`` and ``\\\\`` are its escapes and every other backslash stays as
written (so ``\\n`` is a backslash and an ``n``).

A multi-line string opens with ``\"\"\"`` at the end of a line and closes with ``\"\"\"`` on a line of its own; the
text is the lines between them. The indentation of the closing ``\"\"\"`` is taken off every line, so the text can
be indented with the body around it; the line break before the closing ``\"\"\"`` is not part of the text (an
empty line there makes the text end in a line break). Escapes are those of one-line strings, plus ``\\s`` (a
space), ``\\t`` (a tab) and ``\\r`` (a carriage return), so that a line can end in spaces that editors and YAML
tools would otherwise drop unseen; any other backslash stays as written. ``\\"\"\"`` keeps a line that starts with
three quotes from closing the string.

Problems with the form itself stop the parse (:class:`StringFormError`, E344: text after the opening quotes, a
string never closed); problems of its lines are collected (E345: a line indented less than the closing quotes,
or ending in spaces or tabs). Both codes are listed with the flow codes (:data:`ccdsl.dsl.flows.CODES`).
"""
from __future__ import annotations

import re

from lark import Token
from lark.exceptions import LarkError

from ..diagnostics import Diagnostics
from ..source import Span, TextOrigin

TRIPLE = '"""'

_ESCAPE = re.compile(r"\\(.)", re.S)
_BLOCK_ESCAPES = {'"': '"', "\\": "\\", "s": " ", "t": "\t", "r": "\r"}
_CLOSING = re.compile(r'[ \t]*"""')


class StringFormError(LarkError):
    """A multi-line string whose form is wrong (raised while lexing, so the lines after it are not read as
    statements); reported as E344 at ``line``/``column`` (1-based, of the flow text)."""

    def __init__(self, line: int, column: int, width: int, message: str, hint: str):
        super().__init__(message)
        self.line, self.column, self.width, self.message, self.hint = line, column, width, message, hint


def is_block(tok: str) -> bool:
    """Whether a STRING token is written in the multi-line form."""
    return tok.startswith(TRIPLE)


def check_form(tok: Token) -> None:
    """Raise :class:`StringFormError` for a ``\"\"\"`` token the grammar matched only up to the end of its line:
    text after the opening quotes, or no line that closes the string."""
    text = str(tok)
    if not is_block(text) or "\n" in text:
        return
    line, column = tok.line or 1, tok.column or 1
    rest = text[len(TRIPLE):]
    if rest.strip(" \t"):
        at = len(TRIPLE) + len(rest) - len(rest.lstrip(" \t"))
        raise StringFormError(line, column + at, len(rest.strip(" \t")),
                              'text after the opening """ of a multi-line string',
                              'the text starts on the next line; a text on one line is written "…"')
    raise StringFormError(line, column, len(TRIPLE), 'this multi-line string is never closed',
                          'end it with """ on a line of its own, indented as its lines are')


def unquote(tok: str) -> str:
    """Content of a STRING token, either form (a multi-line string's line problems are not reported here:
    see :func:`read_string`)."""
    if is_block(tok):
        return _block(tok, None, None, 1)
    return _ESCAPE.sub(lambda m: m.group(1) if m.group(1) in '"\\' else m.group(0), tok[1:-1])


def read_string(tok: Token, origin: TextOrigin, diags: Diagnostics) -> str:
    """Content of a STRING token; E345 for each line of a multi-line string indented less than its closing
    quotes or ending in spaces or tabs; W312 at its first ``\\n`` (which is not a line break)."""
    text = str(tok)
    line0, col0 = (tok.line or 1) - 1, (tok.column or 1) - 1
    if not is_block(text):
        _newline_escapes(text[1:-1], origin, diags, line0, col0 + 1)
        return unquote(text)
    return _block(text, origin, diags, line0 + 1)


def text_start(tok: Token, origin: TextOrigin) -> Span:
    """Where a STRING token's text starts in the file: its first character (a multi-line string: its first line,
    at the margin its closing quotes set)."""
    text = str(tok)
    line0, col0 = (tok.line or 1) - 1, (tok.column or 1) - 1
    if not is_block(text):
        return origin.span_at(line0, col0 + 1)
    last = text.rsplit("\n", 1)[-1]
    return origin.span_at(line0 + 1, len(last) - len(last.lstrip(" \t")))


def span_in_text(start: Span, line0: int, col0: int, length: int = 1) -> Span:
    """The file span of the character at 0-based ``line0``/``col0`` of a text that starts at ``start``
    (:func:`text_start`); an escape earlier on its line, written with a backslash, shifts it by one."""
    line, col = start.line + line0, start.col + col0
    return Span(start.file, line, col, line, col + max(length, 1))


def _block(tok: str, origin: TextOrigin | None, diags: Diagnostics | None, line: int) -> str:
    """The text of a multi-line STRING token that starts on ``line`` (1-based) of the flow text."""
    rows = [row[:-1] if row.endswith("\r") else row for row in tok.split("\n")]
    if len(rows) < 2 or not _CLOSING.fullmatch(rows[-1].rstrip()):  # pragma: no cover - checked while lexing
        return tok
    margin = rows[-1][: len(rows[-1]) - len(rows[-1].lstrip(" \t"))]
    out, warned = [], False
    for n, row in enumerate(rows[1:-1], start=1):
        where = (line - 1 + n, 0)
        warned = warned or _newline_escapes(row, origin, diags, *where)
        if not row.strip(" \t"):
            if len(row) > len(margin) and row.startswith(margin):
                _problem(origin, diags, where, len(margin), len(row) - len(margin),
                         "this line of a multi-line string holds only spaces or tabs after its indentation",
                         r"write \s for a space and \t for a tab: editors and YAML tools drop them unseen")
            out.append("")
            continue
        if not row.startswith(margin):
            indent = len(row) - len(row.lstrip(" \t"))
            which = "less than" if indent < len(margin) else "with other spaces or tabs than"
            _problem(origin, diags, where, 0, max(1, indent),
                     f'this line of a multi-line string is indented {which} its closing """',
                     'the closing """ sets the indentation every line loses: indent each line at least as far, '
                     "with the same spaces or tabs")
            out.append(_unescape(row.lstrip(" \t")))
            continue
        body = row[len(margin):]
        stripped = body.rstrip(" \t")
        if len(stripped) < len(body):
            _problem(origin, diags, where, len(margin) + len(stripped), len(body) - len(stripped),
                     "this line of a multi-line string ends in spaces or tabs",
                     r"write \s for a space and \t for a tab at the end of a line: editors and YAML tools drop "
                     "them unseen")
        out.append(_unescape(body))
    return "\n".join(out)


def _newline_escapes(text: str, origin: TextOrigin | None, diags: Diagnostics | None, line0: int, col0: int) -> bool:
    """W312 at the first ``\\n`` of ``text`` (a string's content as written, starting at ``line0``/``col0``);
    whether there was one."""
    if origin is None or diags is None:
        return False
    for match in _ESCAPE.finditer(text):
        if match.group(1) == "n":
            diags.warning("W312", "\\n in a string is a backslash and an n, not a line break",
                          origin.span_at(line0, col0 + match.start(), 2),
                          hint='write a text of several lines between """ and """ (docs/flows.md, '
                               '"Multi-line strings"); write \\\\n to mean the backslash', length=2)
            return True
    return False


def _problem(origin: TextOrigin | None, diags: Diagnostics | None, where: tuple[int, int], col0: int, width: int,
             message: str, hint: str) -> None:
    if origin is None or diags is None:
        return
    diags.error("E345", message, origin.span_at(where[0], where[1] + col0, width), hint=hint, length=width)


def _unescape(line: str) -> str:
    return _ESCAPE.sub(lambda m: _BLOCK_ESCAPES.get(m.group(1), m.group(0)), line)


def quote(value: str) -> str:
    """The canonical string of ``value``: one line when it holds no line break, else the multi-line form with
    its lines starting at the left margin and the closing quotes on a line of their own (the printer indents
    them with the statement, :func:`indent_lines`)."""
    if "\n" not in value:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines = [_block_line(line) for line in value.split("\n")]
    return TRIPLE + "\n" + "\n".join(lines) + "\n" + TRIPLE


def _block_line(line: str) -> str:
    out = line.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r")
    body = out.rstrip(" ")
    out = body + "\\s" * (len(out) - len(body))
    lead = len(out) - len(out.lstrip(" "))
    if out[lead:].startswith(TRIPLE):
        out = out[:lead] + "\\" + out[lead:]
    return out


def indent_lines(text: str, indent: str) -> str:
    """``text`` (a line that may hold multi-line strings) with ``indent`` before each line after its first that is
    not empty: the lines of its multi-line strings and their closing quotes."""
    return "\n".join(line if n == 0 or not line else indent + line for n, line in enumerate(text.split("\n")))

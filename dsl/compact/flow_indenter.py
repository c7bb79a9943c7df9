"""The indenter of flow bodies: turns line indentation into _INDENT/_DEDENT tokens.

Unlike lark's stock :class:`~lark.indenter.Indenter`, the tokens it makes sit at the first character
of the indented line (so "unexpected indentation" points there), a dedent to a column no enclosing
block uses raises :class:`~ccdsl.dsl.compact.lark_support.IndentMismatch` with its position, and the
dedents closing the text at its end carry no position (reported as "unexpected end of text"). A multi-line
string whose form is wrong raises :class:`~ccdsl.dsl.compact.strings.StringFormError` as it passes, before the
lines it failed to take in are read as statements.
"""
from __future__ import annotations

from collections.abc import Iterator

from lark import Token
from lark.indenter import Indenter

from .lark_support import IndentMismatch
from .strings import check_form


class FlowIndenter(Indenter):
    NL_type = "_NL"
    # a view's JSON data may span lines inside its brackets
    OPEN_PAREN_types: list[str] = ["LBRACE", "LSQB"]
    CLOSE_PAREN_types: list[str] = ["RBRACE", "RSQB"]
    INDENT_type = "_INDENT"
    DEDENT_type = "_DEDENT"
    tab_len = 8

    def handle_NL(self, token: Token) -> Iterator[Token]:
        if self.paren_level > 0:
            return
        yield token
        if "\n" not in token:
            return
        indent_str = token.rsplit("\n", 1)[1]
        indent = indent_str.count(" ") + indent_str.count("\t") * self.tab_len

        def at(kind: str) -> Token:
            return Token(kind, indent_str, token.end_pos, token.end_line, token.end_column,
                         token.end_line, token.end_column, token.end_pos)

        if indent > self.indent_level[-1]:
            self.indent_level.append(indent)
            yield at(self.INDENT_type)
            return
        while indent < self.indent_level[-1]:
            self.indent_level.pop()
            yield at(self.DEDENT_type)
        if indent != self.indent_level[-1]:
            raise IndentMismatch(token.end_line or token.line or 1, 1, len(indent_str))

    def _process(self, stream: Iterator[Token]) -> Iterator[Token]:
        for token in stream:
            if token.type == self.NL_type:
                yield from self.handle_NL(token)
            else:
                if token.type == "STRING":
                    check_form(token)
                yield token
                if token.type in self.OPEN_PAREN_types:
                    self.paren_level += 1
                elif token.type in self.CLOSE_PAREN_types:
                    self.paren_level = max(0, self.paren_level - 1)
        while len(self.indent_level) > 1:
            self.indent_level.pop()
            yield Token(self.DEDENT_type, "")

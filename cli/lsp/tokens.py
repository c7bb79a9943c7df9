"""Semantic tokens: every name reference (also inside compact strings) and the words of ``do:`` bodies.

Names are typed by what they refer to (a function, a bot, an intent, a label …) and marked
``declaration`` where they are declared; in a flow body, statement and branch keywords, strings,
numbers and durations, ``$.`` attribute paths and ``->`` are tokens too. Every line of a multi-line string
(between triple quotes) is one string token, whatever words it holds.
"""
from __future__ import annotations

import re

from lsprotocol import types as lsp

from .analysis import Analysis

TOKEN_TYPES = ["keyword", "variable", "function", "class", "method", "namespace", "enumMember", "type",
               "string", "number", "property", "operator", "event"]
TOKEN_MODIFIERS = ["declaration"]
LEGEND = lsp.SemanticTokensLegend(token_types=TOKEN_TYPES, token_modifiers=TOKEN_MODIFIERS)
KIND_TYPES = {"function": "function", "bot": "class", "intent": "method", "flow": "namespace", "label": "enumMember",
              "slot_type": "type", "hours": "event", "stream": "event"}
WORDS = {"say", "ssml", "logging", "recording", "on", "off", "voice", "neural", "standard", "generative", "set",
         "if", "open", "closed", "check", "ask", "menu", "invoke", "with", "timeout", "queue", "transfer", "to",
         "flow", "number", "goto", "hangup", "end", "loop", "prompts", "every", "wait", "whisper", "hold",
         "callback", "task", "at", "capacity", "otherwise", "error", "contains", "startswith"}
LEXEME = re.compile(r'(?P<opening>"""[ \t]*$)|(?P<string>"(?:[^"\\]|\\.)*")|(?P<property>\$\.[\w.\[\]]+)'
                    r"|(?P<operator>->|==|!=|>=|<=|[<>])|(?P<number>\b\d+(?:\.\d+)?[smhd]?\b)"
                    r"|(?P<word>[A-Za-z_][\w-]*)|(?P<comment>#.*)")


#: the line that closes a multi-line string: its indentation and the quotes
CLOSING = re.compile(r'[ \t]*"""')


def semantic_tokens(analysis: Analysis) -> lsp.SemanticTokens:
    found: dict[tuple[int, int], tuple[int, str, int]] = {}
    kind: str | None  # (line0, col0) -> (length, type, modifiers)
    for occ in analysis.index.occurrences:
        found[(occ.line - 1, occ.col - 1)] = (occ.length, KIND_TYPES.get(occ.kind, "variable"),
                                              1 if occ.is_definition else 0)
    names: dict[int, list[tuple[int, int]]] = {}
    for line0, col0 in found:
        names.setdefault(line0, []).append((col0, found[(line0, col0)][0]))
    for body in _bodies(analysis):
        inside = False  # on the lines of a multi-line string
        for line0 in body:
            text, start = analysis.line(line0), 0
            if inside:
                closing = CLOSING.match(text)
                start = closing.end() if closing else len(text)
                content = len(text) - len(text.lstrip(" \t"))
                if start > content:
                    found[(line0, content)] = (start - content, "string", 0)
                inside = closing is None
                if inside:
                    continue
            for match in LEXEME.finditer(text, start):
                group = match.lastgroup or ""
                if group == "comment" or (group == "word" and match.group() not in WORDS):
                    continue
                inside = inside or group == "opening"
                if not any(col <= match.start() < col + length for col, length in names.get(line0, ())):
                    token = "keyword" if group == "word" else "string" if group == "opening" else group
                    found[(line0, match.start())] = (len(match.group().rstrip(" \t")), token, 0)
    data: list[int] = []
    last_line = last_col = 0
    for (line, col), (length, kind, modifiers) in sorted(found.items()):
        data += [line - last_line, col - last_col if line == last_line else col, length,
                 TOKEN_TYPES.index(kind), modifiers]
        last_line, last_col = line, col
    return lsp.SemanticTokens(data=data)


def _bodies(analysis: Analysis) -> list[range]:
    """0-based lines of each ``do:`` block (from the model's origins of the bodies)."""
    site = analysis.site
    out: list[range] = []
    if site is None:
        return out
    for flow in site.flows.values():
        code = getattr(flow, "do", None)
        origin = getattr(code, "origin", None)
        if code is None or origin is None or origin.block_indent is None:
            continue
        first = origin.line - 1
        out.append(range(first, first + len(code.text.rstrip("\n").split("\n"))))
    return out

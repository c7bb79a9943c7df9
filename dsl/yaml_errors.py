"""YAML syntax errors in plain words: the parser's message turned into what the user did wrong, where, and how
to fix it.

:func:`explain` takes the parser's ``problem``/``context`` text and marks (ruamel.yaml and libyaml word them the
same) and the file's lines, and recognises the mistakes people make when writing YAML by hand:

- E025 a quoted value never closed (reported at the opening quote);
- E026 ``key:value`` with no space after the ``:`` (at the ``:``);
- E027 list items (``- x``) and keys (``name: x``) mixed in one block;
- E028 a key indented deeper (or shallower) than the keys beside it;
- a value holding ``": "`` unquoted (E001, with a hint to quote it).

Anything else stays E001 with the parser's own words. Every explanation comes with a one-line hint.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: ``key:value`` at the start of a line (after indentation and an optional ``- ``), not a URL or a time
GLUED_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w.-]*):(?=[^\s/:])(\S.*)$")


@dataclass(frozen=True, slots=True)
class Explained:
    code: str
    message: str
    line: int  # 1-based
    col: int  # 1-based
    hint: str | None = None


def _mark(mark: Any) -> tuple[int, int] | None:
    return (mark.line, mark.column) if mark is not None else None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _previous_line(lines: list[str], index: int) -> int | None:
    """Index of the nearest line above ``index`` that holds something other than a comment."""
    for i in range(index - 1, -1, -1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return i
    return None


def explain(problem: str, context: str, problem_mark: Any, context_mark: Any, lines: list[str]) -> Explained:
    """The plain-words diagnostic for one YAML syntax error."""
    at = _mark(problem_mark) or _mark(context_mark) or (0, 0)
    start = _mark(context_mark) or at

    def line(i: int) -> str:
        return lines[i] if 0 <= i < len(lines) else ""

    if "quoted scalar" in context:
        row, col = start
        quote = line(row)[col:col + 1] if line(row)[col:col + 1] in ("'", '"') else '"'
        return Explained("E025", f"the quoted value starting here never ends: there is no closing {quote}",
                         row + 1, col + 1, hint=f"add the closing {quote} at the end of the value on line {row + 1}")

    if ("flow mapping" in context or "flow sequence" in context) and "<stream end>" in problem:
        row, col = start
        opening = line(row)[col:col + 1] or "{"
        closing = {"{": "}", "[": "]"}.get(opening, "}")
        return Explained("E001", f"the '{opening}' opened here is never closed", row + 1, col + 1,
                         hint=f"add the '{closing}' that ends it (check the lines below for a missing one)")

    for row in sorted({start[0], at[0]} | set(range(start[0], at[0] + 1))):
        glued = GLUED_KEY.match(line(row))
        if glued and ("simple key" in context or "could not find expected ':'" in problem
                      or "mapping values are not allowed" in problem or "block" in context):
            lead, key, value = glued.groups()
            col = len(lead) + len(key) + 1
            return Explained("E026", f"'{key}:{value}' has no space after the ':', so YAML reads it as one word, "
                             "not a key and its value", row + 1, col, hint=f"write '{key}: {value}'")

    row, col = at
    here = line(row)
    ruamel_words = "expected <block end>" in problem and any(
        w in problem for w in ("found '-'", "<block sequence start>", "found '?'", "<block mapping start>"))
    libyaml_words = "did not find expected key" in problem or "did not find expected '-'" in problem
    if ruamel_words or libyaml_words:
        stripped = here.lstrip(" ")
        item = stripped.startswith("- ") or stripped == "-"
        above = _previous_line(lines, row)
        above_text = line(above).lstrip(" ") if above is not None else ""
        above_item = above_text.startswith("- ") or above_text == "-"
        if item != above_item and above is not None and _indent(line(above)) == _indent(here):
            what = "a list item ('- …')" if item else "a key ('name: …')"
            other = "keys ('name: …')" if item else "list items ('- …')"
            return Explained("E027", f"{what} in a block of {other}: a block is either a list or a mapping, "
                             "not both", row + 1, _indent(here) + 1,
                             hint="write every entry of the block as '- item', or every entry as 'name: value'")
        if above is not None and _indent(here) < _indent(line(above)) and not item:
            return Explained("E028", "this line is indented less than the block above it but does not line up "
                             "with any key before it", row + 1, _indent(here) + 1,
                             hint="indent it exactly like the key it belongs beside")

    if "mapping values are not allowed" in problem:
        above = _previous_line(lines, row)
        if above is not None and _indent(here) > _indent(line(above)) and not line(above).rstrip().endswith(":"):
            key = here.strip().split(":")[0]
            above_key = line(above).strip().split(":")[0].lstrip("- ")
            return Explained("E028", f"'{key}:' is indented deeper than '{above_key}:' above it, so YAML reads "
                             "it as part of that value", row + 1, _indent(here) + 1,
                             hint=f"indent '{key}:' by {_indent(line(above))} spaces, like '{above_key}:'")
        text = here.strip()
        if text.count(": ") >= 2 or (": " in text and text.endswith(":")):
            key, _, value = text.partition(": ")
            return Explained("E001", f"the value of '{key.lstrip('- ')}' holds ': ', which YAML reads as the start "
                             "of another key", row + 1, col + 1, hint=f"quote the value: {key}: \"{value}\"")

    message = f"{context}: {problem}" if context and problem else (problem or context or "syntax error")
    return Explained("E001", f"YAML syntax error: {message}", row + 1, col + 1,
                     hint="check the line above too: YAML often notices a mistake one line late")

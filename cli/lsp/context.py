"""Where the cursor is, read from the text itself (so that it works while the file is half-typed).

:func:`yaml_path` gives the mapping keys that enclose a line (by indentation, and through an inline
``{…}`` mapping on the line); :func:`flow_body_at` tells whether a line is inside a flow's ``do:``
block and of which flow, :func:`in_string` whether a line of it is text of a multi-line string.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

KEY = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z0-9_.@/-]+)\s*:(?:\s|$)")
DO_BLOCK = re.compile(r"^(\s*)do\s*:\s*[|>][-+0-9]*\s*$")


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def yaml_path(lines: list[str], line0: int, col: int = 0) -> list[str]:
    """Keys of the block mappings that enclose 0-based line ``line0`` (outermost first); a blank line
    counts as indented to the cursor's column ``col``."""
    path: list[str] = []
    limit = indent(lines[line0]) if line0 < len(lines) and lines[line0].strip() else col
    for i in range(min(line0, len(lines)) - 1, -1, -1):
        text = lines[i]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        ind = indent(text)
        if ind < limit:
            match = KEY.match(text)
            if match:
                path.insert(0, match.group(2))
            limit = ind
            if ind == 0:
                break
    return path


def inline_path(prefix: str) -> tuple[list[str], str | None, str]:
    """Inside an inline mapping on this line: the keys opened on the line, the key being given a value
    (or None while a key is typed) and the partial word. ``prefix`` is the line up to the cursor."""
    keys: list[str] = []
    depth_text = prefix
    match = KEY.match(prefix)
    if match and "{" in prefix[match.end():]:
        keys.append(match.group(2))
        depth_text = prefix[match.end():]
    segment = re.split(r"[{,]", depth_text)[-1] if "{" in depth_text else depth_text
    kv = re.match(r"^\s*([A-Za-z0-9_]+)\s*:\s*(.*)$", segment)
    if kv is not None:
        return keys, kv.group(1), kv.group(2).strip().strip("\"'[")
    return keys, None, segment.strip().lstrip("-").strip()


@dataclass(frozen=True)
class BodyPlace:
    """A line inside a ``do:`` block: the flow it belongs to and the line's text relative to the block."""

    flow: str
    first_line0: int  # first line of the block's content
    block_indent: int


def flow_body_at(lines: list[str], line0: int, col: int = 0) -> BodyPlace | None:
    """The ``do:`` block holding 0-based line ``line0`` (an empty line counts as indented to ``col``)."""
    text = lines[line0] if line0 < len(lines) else ""
    lowest = indent(text) if text.strip() else col
    for i in range(min(line0, len(lines)) - 1, -1, -1):
        text = lines[i]
        if not text.strip():
            continue
        ind = indent(text)
        match = DO_BLOCK.match(text)
        if match and ind < lowest:
            flow = _enclosing_key(lines, i, ind)
            content = next((indent(lines[j]) for j in range(i + 1, len(lines)) if lines[j].strip()), ind + 2)
            return BodyPlace(flow, i + 1, content) if flow else None
        if ind == 0:
            return None
        lowest = min(lowest, ind)
    return None


def _enclosing_key(lines: list[str], i: int, ind: int) -> str | None:
    for j in range(i - 1, -1, -1):
        text = lines[j]
        if text.strip() and indent(text) < ind:
            match = KEY.match(text)
            return match.group(2) if match else None
    return None


def enclosing_statement(lines: list[str], line0: int, place: BodyPlace) -> str | None:
    """The statement line that a branch line (``Intent -> label``) is indented under."""
    own = indent(lines[line0]) if lines[line0].strip() else 10**6
    for i in range(line0 - 1, place.first_line0 - 1, -1):
        text = lines[i]
        if text.strip() and indent(text) < own:
            return text.strip()
    return None


#: a line (outside a string) that opens a multi-line string: one-line strings and other text, then the quotes
OPENS_STRING = re.compile(r'^(?:"(?:[^"\\]|\\.)*"|[^"#])*"""[ \t]*$')
#: the line that closes a multi-line string
CLOSES_STRING = re.compile(r'^[ \t]*"""')


def in_string(lines: list[str], line0: int, place: BodyPlace) -> bool:
    """Whether 0-based line ``line0`` of a ``do:`` block is a line of text of a multi-line string."""
    inside = False
    for i in range(place.first_line0, min(line0, len(lines))):
        text = lines[i]
        if inside:
            closing = CLOSES_STRING.match(text)
            inside = closing is None or bool(OPENS_STRING.match(text[closing.end():]))
        else:
            inside = bool(OPENS_STRING.match(text))
    return inside and not (line0 < len(lines) and CLOSES_STRING.match(lines[line0]))


"""Canonical layout of a .ccd file (``ccdsl fmt``): comments kept, idempotent.

Canonical means: top-level sections in :data:`~ccdsl.dsl.model.site.SECTION_ORDER` (unknown ones
after, in their order), each moving with the comment lines written just above it; one blank line
before a section of several lines (none between one-line sections); then a ruamel.yaml round trip
for 2-space indentation with list dashes indented under their key. Quotes, flow style (``{…}``,
``[…]``), block scalars and comments stay as written.
"""
from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from .model.site import SECTION_ORDER

if TYPE_CHECKING:
    from ruamel.yaml import YAML

TOP_KEY = re.compile(r"""^(?:"[^"]*"|'[^']*'|[^\s#'"\-?:][^:#]*?|-[^\s:][^:#]*?)\s*:(\s|$)""")


def _yaml() -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def _key_of(line: str) -> str | None:
    match = TOP_KEY.match(line)
    return match.group(0).rstrip().rstrip(":").strip("'\"").strip() if match else None


def split_sections(text: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The header lines and ``(key, lines)`` per top-level section (leading comments included)."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if _key_of(line) is not None]
    if not starts:
        return lines, []
    header = lines[: starts[0]]
    sections = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        body = lines[start:end]
        # comment and blank lines at the end of a section lead into the next one
        cut = len(body)
        while cut > 1 and (not body[cut - 1].strip() or body[cut - 1].lstrip().startswith("#") and
                           not body[cut - 1].startswith(" ")):
            cut -= 1
        sections.append((_key_of(lines[start]) or "", body[:cut]))
        sections.append(("\0lead", body[cut:]))  # leads into the next section, or ends the file
    return header, _attach_leads(sections)


def _attach_leads(items: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Comment lines between sections go with the section after them; those after the last section
    stay at the end of the file (as a section of their own, key ``"\\0end"``)."""
    out: list[tuple[str, list[str]]] = []
    pending: list[str] = []
    for key, lines in items:
        if key == "\0lead":
            pending = [line for line in lines if line.strip()]  # comments only; blank lines are canonical
            continue
        out.append((key, pending + lines))
        pending = []
    if pending:
        out.append(("\0end", pending))
    return out


def reorder(text: str) -> str:
    header, sections = split_sections(text)
    while header and not header[-1].strip():
        header.pop()
    rank = {name: i for i, name in enumerate(SECTION_ORDER)}
    rank["\0end"] = len(rank) + 1  # trailing comments stay last
    ordered = sorted(enumerate(sections), key=lambda item: (rank.get(item[1][0], len(rank)), item[0]))
    out: list[str] = list(header)
    previous_multi = False
    for index, (_, (_, lines)) in enumerate(ordered):
        while lines and not lines[-1].strip():
            lines = lines[:-1]
        content = [line for line in lines if not line.lstrip().startswith("#")]
        commented = len(content) < len(lines)
        multi = len(content) > 1
        if out and index > 0 and (multi or previous_multi or commented):
            out.append("")
        out.extend(lines)
        previous_multi = multi
    return "\n".join(out) + "\n"


def format_text(text: str) -> str:
    """The canonical text of a .ccd document; ruamel's errors propagate for text that is not YAML."""
    text = reorder(text.replace("\r\n", "\n"))
    yaml = _yaml()
    data = yaml.load(text)
    if data is None:
        return text
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return _indent_comments(buffer.getvalue()).rstrip("\n") + "\n"


def _indent_comments(text: str) -> str:
    """A comment on a line of its own takes the indentation of the line it precedes."""
    lines = text.split("\n")
    block = _block_scalar_lines(lines)
    indent = 0
    for i in range(len(lines) - 1, -1, -1):
        stripped = lines[i].lstrip(" ")
        if not stripped or i in block:
            continue
        if stripped.startswith("#"):
            lines[i] = " " * indent + stripped
        else:
            indent = len(lines[i]) - len(stripped)
    return "\n".join(lines)


BLOCK_START = re.compile(r"(:|^\s*-)\s+[|>][-+0-9]*\s*(#.*)?$")


def _block_scalar_lines(lines: list[str]) -> set[int]:
    """Indices of the content lines of ``|``/``>`` block scalars (a '#' there is text, not a comment)."""
    inside: set[int] = set()
    i = 0
    while i < len(lines):
        if BLOCK_START.search(lines[i]):
            own = len(lines[i]) - len(lines[i].lstrip(" "))
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip(" ")) > own):
                inside.add(j)
                j += 1
            i = j
        else:
            i += 1
    return inside

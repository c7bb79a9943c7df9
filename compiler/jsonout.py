"""Indented JSON — ``json.dumps(data, indent=…, sort_keys=…, ensure_ascii=…)``, byte for byte — several
times faster: the standard library encodes indented JSON in pure Python, one generator step per token and
the whole text joined at the end, which made writing ``graph.json`` a third of a large compile (and a saved
plan of 100k changes 200 MB of small strings). Strings are escaped by the standard library's C routine;
containers are joined in one pass. :func:`dump` streams the outer levels to a file (a resource at a time for
``graph.json``, a change at a time for a plan), so the whole text is never in memory. A :class:`Presorted`
value (graph.json's resources) is encoded by pydantic-core's serializer in Rust, whose text is the standard
library's except for floats of magnitude below 1e-4, which a Presorted does not hold (whoever makes one sees
to it: :func:`float_written_alike`); :func:`dump` hands it a run of a list's Presorted elements at a time.
"""
from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from json.encoder import encode_basestring, encode_basestring_ascii  # json's C escapers
from typing import Any, BinaryIO, TextIO, cast

from pydantic_core import PydanticSerializationError, to_json

INDENT = "  "
_PADS: dict[int, list[str]] = {}  # indent width -> the line break and indent of each level


def _pad(level: int, indent: int = 2) -> str:
    pads = _PADS.get(indent)
    if pads is None:
        pads = _PADS[indent] = ["\n" + " " * (indent * n) for n in range(64)]
    while level >= len(pads):
        pads.append("\n" + " " * (indent * len(pads)))
    return pads[level]


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == float("inf"):
        return "Infinity"
    if o == -float("inf"):
        return "-Infinity"
    return float.__repr__(o)


class Presorted(dict):
    """A dict whose keys, and those of every dict inside it, are strings in sorted order, and whose values are
    only ``dict``, ``list``, ``tuple``, ``str``, ``int``, ``float``, ``bool`` and None (exact types), every float
    one that pydantic-core writes as json does (:func:`float_written_alike`): what pydantic-core writes as the
    standard library does, so its text is not searched for a difference. Whoever makes one vouches for that."""

    __slots__ = ()


def float_written_alike(x: float) -> bool:
    """Whether pydantic-core writes the float ``x`` as json does: all but those of magnitude below 1e-4 other
    than zero, which json writes with a negative exponent (``1e-05``, ``2.5e-07``) and pydantic-core not
    always (``0.00001``, ``2.5e-7``); NaN and the infinities as ``NaN``, ``Infinity``, ``-Infinity`` both."""
    return not (-1e-4 < x < 1e-4) or x == 0.0


class NotPlain(TypeError):
    """A value that cannot be a :class:`Presorted` (a key that is not a string, a type that is not plain JSON)."""


# where pydantic-core's text may differ from json's: a float with a negative exponent (json: 1e-05, 2e-07;
# pydantic-core: 0.00001, 2e-7); a match inside a string only costs the Python way for that value
# (written "e-" then a look back for the digit: a pattern that starts with a literal is searched for that
# literal in C, eight times as fast over a long text as one that starts with a class of characters)
_NEGATIVE_EXPONENT = re.compile(r"e-(?<=[0-9]e-)")


def may_differ(text: str) -> bool:
    """Whether pydantic-core's JSON ``text`` may differ from what the standard library writes for the same data."""
    return "0.0000" in text or _NEGATIVE_EXPONENT.search(text) is not None


def _presorted(o: Presorted, level: int, esc: Callable[[str], str]) -> str:
    text = ""
    if esc is encode_basestring:  # (pydantic-core's ASCII escaping differs: it leaves DEL as it is)
        try:
            text = to_json(o, indent=2, inf_nan_mode="constants").decode()
        except (PydanticSerializationError, UnicodeError, ValueError):  # e.g. a lone surrogate
            text = ""
    if not text:  # (a Presorted's text is the standard library's when pydantic-core writes one)
        return _encode(dict(o), level, True, esc)
    return text.replace("\n", _pad(level)) if level else text


def _key(k: Any, esc: Callable[[str], str]) -> str:
    if isinstance(k, str):
        return esc(k)
    if k is True:
        return '"true"'
    if k is False:
        return '"false"'
    if k is None:
        return '"null"'
    if isinstance(k, int):
        return '"' + int.__repr__(k) + '"'
    if isinstance(k, float):
        return '"' + _float(k) + '"'
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")


def _encode(o: Any, level: int, sort: bool, esc: Callable[[str], str], indent: int = 2) -> str:
    t = type(o)
    if t is str:
        return esc(o)
    if t is Presorted:
        if indent == 2:
            return _presorted(o, level, esc)
        o, t = dict(o), dict
    if t is dict:
        if not o:
            return "{}"
        pad = _pad(level + 1, indent)
        items = sorted(o.items()) if sort else o.items()
        return "{" + pad + ("," + pad).join(
            [_key(k, esc) + ": " + _encode(v, level + 1, sort, esc, indent) for k, v in items]
        ) + _pad(level, indent) + "}"
    if t is list or t is tuple:
        if not o:
            return "[]"
        pad = _pad(level + 1, indent)
        return "[" + pad + ("," + pad).join([_encode(v, level + 1, sort, esc, indent) for v in o]) + \
            _pad(level, indent) + "]"
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if t is int:
        return int.__repr__(o)
    if t is float:
        return _float(o)
    # subclasses and anything else: exactly as the standard library does it
    text = json.dumps(o, indent=indent, sort_keys=sort, ensure_ascii=esc is encode_basestring_ascii)
    return text.replace("\n", _pad(level, indent))


def dumps(data: Any, *, sort_keys: bool = True, ensure_ascii: bool = False, indent: int = 2) -> str:
    """``json.dumps(data, indent=indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii)``."""
    return _encode(data, 0, sort_keys, encode_basestring_ascii if ensure_ascii else encode_basestring, indent)


def dump(data: Any, fh: TextIO | BinaryIO, *, sort_keys: bool = True, ensure_ascii: bool = False, indent: int = 2,
         depth: int = 2) -> None:
    """:func:`dumps` into ``fh``, an element of the outer ``depth`` levels at a time. ``fh`` is a text file or a
    binary one (which receives the text's UTF-8 bytes: pydantic-core's bytes go to it as they are, not decoded
    and encoded again)."""
    if isinstance(fh, io.TextIOBase):
        text_fh = fh

        def write_text(text: str) -> None:
            text_fh.write(text)

        def write_run(run: memoryview) -> None:
            text_fh.write(str(run, "utf-8"))
    else:
        binary_fh = cast(BinaryIO, fh)

        def write_text(text: str) -> None:
            binary_fh.write(text.encode("utf-8"))

        def write_run(run: memoryview) -> None:
            binary_fh.write(run)
    esc = encode_basestring_ascii if ensure_ascii else encode_basestring
    _Stream(write_text, write_run, sort_keys, esc, indent, depth).value(data, 0)


class _Stream:
    """What :func:`dump` writes with, and how."""

    def __init__(self, write: Callable[[str], Any], write_run: Callable[[memoryview], Any], sort: bool,
                 esc: Callable[[str], str], indent: int, depth: int) -> None:
        self.write, self.write_run = write, write_run
        self.sort, self.esc, self.indent, self.depth = sort, esc, indent, depth
        # a run of Presorted elements goes to pydantic-core, which writes indent 2 without ASCII escapes
        self.runs = indent == 2 and esc is encode_basestring

    def value(self, o: Any, level: int) -> None:
        write = self.write
        if level >= self.depth or type(o) not in (dict, list, tuple) or not o:
            write(_encode(o, level, self.sort, self.esc, self.indent))
            return
        pad = _pad(level + 1, self.indent)
        if type(o) is dict:
            write("{")
            for i, (k, v) in enumerate(sorted(o.items()) if self.sort else o.items()):
                write(("," if i else "") + pad + _key(k, self.esc) + ": ")
                self.value(v, level + 1)
            write(_pad(level, self.indent) + "}")
            return
        write("[")
        i, n = 0, len(o)
        while i < n:
            if self.runs and type(o[i]) is Presorted:  # a run of them (graph.json's resources): one call into Rust
                j = i + 1
                while j < n and j - i < _RUN and type(o[j]) is Presorted:
                    j += 1
                if i:
                    write(",")
                _write_presorted_run(o[i:j], level + 1, write, self.write_run)
                i = j
                continue
            write(("," if i else "") + pad)
            self.value(o[i], level + 1)
            i += 1
        write(_pad(level, self.indent) + "]")


_RUN = 256  # Presorted elements of a list written together


def _run_frame(level: int) -> tuple[int, int]:
    """How many bytes open and close ``to_json(nested, indent=2)`` around the elements of the innermost list,
    ``nested`` being a list at ``level`` - 1 lists deep (``[[items]]`` for ``level`` 2): its text is
    ``[`` + (line break, indent, ``[``) per level above the elements, the elements each after its line break
    and indent (at ``level``), then (line break, indent, ``]``) back out to the top."""
    head = 1 + sum(len(_pad(k)) + 1 for k in range(1, level))
    tail = sum(len(_pad(k)) + 1 for k in range(level))
    return head, tail


def _write_presorted_run(items: list[Presorted] | tuple[Presorted, ...], level: int,
                         write: Callable[[str], Any], write_run: Callable[[memoryview], Any]) -> None:
    """List elements at ``level`` (``level`` ≥ 1), each after its line break and indent, joined by commas: what
    :func:`_presorted` gives for each, from one pydantic-core call when none of them needs the Python way.
    The call is given the run ``level`` - 1 lists deep, so pydantic-core indents the elements as the file
    has them (no line break of the text is replaced afterwards), and its UTF-8 bytes go to ``write_run``."""
    nested: list[Any] = list(items)
    for _ in range(level - 1):
        nested = [nested]
    try:
        data = to_json(nested, indent=2, inf_nan_mode="constants")
    except (PydanticSerializationError, UnicodeError, ValueError):
        data = b""
    if not data:  # each element on its own: only those that must go the Python way
        pad = _pad(level)
        write(pad + ("," + pad).join([_presorted(v, level, encode_basestring) for v in items]))
        return
    head, tail = _run_frame(level)
    write_run(memoryview(data)[head:len(data) - tail])

"""``json.dumps(value, indent=1)`` written to a file in pieces: the same text, without the whole of it in memory.

The standard library encodes an indented document with its pure-Python encoder, which makes one small string
per token and joins them all at the end: for a saved plan of 100k changes (a 26 MB file) that list and the
joined text cost ≈ 200 MB and ≈ 1.5 s. :func:`write_indented` writes the same characters (``ensure_ascii``,
``allow_nan``, the ``(",", ": ")`` separators an indent implies, keys in their order) a batch at a time.
It handles the plain JSON types exactly (str, int, float, bool, None, list, tuple, dict with str keys);
any other value (a subclass, a non-str key) is written by ``json.dumps`` itself, so the text never differs.
"""
from __future__ import annotations

import json
from json.encoder import encode_basestring_ascii
from typing import IO, Any

_INF = float("inf")
_FLUSH_AT = 1 << 14  # pieces kept before they are written out


class _NotPlain(Exception):
    """A value the fast writer leaves to ``json.dumps``."""


def _float(value: float) -> str:
    """json's text of a float (its ``floatstr`` with ``allow_nan``)."""
    if value != value:
        return "NaN"
    if value == _INF:
        return "Infinity"
    if value == -_INF:
        return "-Infinity"
    return float.__repr__(value)


def _scalar(value: Any) -> str:
    t = type(value)
    if t is str:
        return encode_basestring_ascii(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if t is int:
        return int.__repr__(value)
    if t is float:
        return _float(value)
    raise _NotPlain


class _Writer:
    def __init__(self, fh: IO[str], indent: int) -> None:
        self.fh = fh
        self.indent = indent
        self.out: list[str] = []
        self.flushed = False  # whether a batch was written
        # a dict's keys and nesting level -> what precedes each of its values (a plan repeats a few key sets)
        self.leads: dict[tuple[tuple, int], tuple[str, ...]] = {}

    def flush(self) -> None:
        self.fh.write("".join(self.out))
        self.out.clear()
        self.flushed = True

    def value(self, value: Any, level: int) -> None:
        t = type(value)
        if t is dict:
            self.mapping(value, level)
        elif t is list or t is tuple:
            self.sequence(value, level)
        else:
            self.out.append(_scalar(value))

    def mapping(self, value: dict, level: int) -> None:
        out = self.out
        if not value:
            out.append("{}")
            return
        keys = tuple(value)
        leads = self.leads.get((keys, level))
        if leads is None:
            leads = self.leads[keys, level] = self._leads(keys, level)
        for lead, item in zip(leads, value.values()):
            t = type(item)
            if t is str:
                out.append(lead + encode_basestring_ascii(item))
            elif t is dict or t is list or t is tuple:
                out.append(lead)
                self.value(item, level + 1)
            else:
                out.append(lead + _scalar(item))
        out.append("\n" + " " * (self.indent * level) + "}")

    def _leads(self, keys: tuple, level: int) -> tuple[str, ...]:
        """What comes before each value of a dict with these keys: the separator, the indent and the key."""
        if any(type(key) is not str for key in keys):
            raise _NotPlain
        inner = "\n" + " " * (self.indent * (level + 1))
        return tuple(("{" if i == 0 else ",") + inner + encode_basestring_ascii(key) + ": "
                     for i, key in enumerate(keys))

    def sequence(self, value: list | tuple, level: int) -> None:
        out = self.out
        if not value:
            out.append("[]")
            return
        inner = "\n" + " " * (self.indent * (level + 1))
        if all(type(v) is str for v in value):  # addresses, reasons: one join
            out.append("[" + inner + ("," + inner).join(map(encode_basestring_ascii, value)))
        else:
            lead = "[" + inner
            for item in value:
                out.append(lead)
                self.value(item, level + 1)
                lead = "," + inner
                if len(out) > _FLUSH_AT:
                    self.flush()
        out.append("\n" + " " * (self.indent * level) + "]")


def write_indented(value: Any, fh: IO[str], indent: int = 1) -> None:
    """Write ``json.dumps(value, indent=indent)`` to ``fh``.

    A value outside the plain types met after a batch was written starts the text again: ``fh`` must then be
    seekable (a file opened with ``"w"``), else :class:`TypeError` (never for plain JSON, such as a plan's)."""
    start = fh.tell() if fh.seekable() else None
    writer = _Writer(fh, indent)
    try:
        writer.value(value, 0)
    except _NotPlain:
        if writer.flushed:
            if start is None:
                raise TypeError("a value json writes its own way, in a stream that cannot be rewound") from None
            fh.seek(start)
            fh.truncate()
        writer.out.clear()
        fh.write(json.dumps(value, indent=indent))
        return
    writer.flush()

"""Durations (``30s``, ``5m``, ``168h``, ``7d``) and rates (``2000 per 5m``); grammar ``duration.lark``."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Diagnostics
from ..source import Span, TextOrigin
from .lark_support import UNITS, Node, duration_text, duration_value, run
from .nodes import span_field


@dataclass(frozen=True, slots=True)
class Duration:
    seconds: int
    span: Span = span_field()


@dataclass(frozen=True, slots=True)
class Rate:
    """``count`` events per ``window`` seconds."""

    count: int
    window: int
    span: Span = span_field()


#: a duration as most are written (a whole number and a known unit, nothing around them): what the grammar's
#: ``duration`` reads as one DURATION token that :func:`duration_value` accepts
_PLAIN = re.compile(r"([0-9]+)([smhd])")


def parse_duration(text: str, origin: TextOrigin, diags: Diagnostics) -> Duration | None:
    """The duration of ``text``; one written plainly is read from its match (sites repeat a few thousands of
    times), any other through its parse tree (:func:`duration_from_tree`), which reports what is wrong."""
    plain = _PLAIN.fullmatch(text)
    if plain is not None:
        return Duration(int(plain.group(1)) * UNITS[plain.group(2)], origin.span)
    return duration_from_tree(text, origin, diags)


def duration_from_tree(text: str, origin: TextOrigin, diags: Diagnostics) -> Duration | None:
    """The duration of ``text`` from its parse tree, with every diagnostic."""
    def build(tree: Node) -> Any:
        seconds = duration_value(tree.children[0], origin, diags)
        return None if seconds is None else Duration(seconds, origin.span)

    return run("duration", text, origin, diags, build, "duration", start="duration", starts=("duration", "rate"))


def parse_rate(text: str, origin: TextOrigin, diags: Diagnostics) -> Rate | None:
    def build(tree: Node) -> Any:
        count, window = tree.children
        seconds = duration_value(window, origin, diags)
        return None if seconds is None else Rate(int(count), seconds, origin.span)

    return run("duration", text, origin, diags, build, "rate", start="rate", starts=("duration", "rate"))


def duration_to_text(ast: Duration) -> str:
    return duration_text(ast.seconds)


def rate_to_text(ast: Rate) -> str:
    return f"{ast.count} per {duration_text(ast.window)}"

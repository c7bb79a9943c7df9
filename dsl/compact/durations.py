"""Durations (``30s``, ``5m``, ``168h``, ``7d``) and rates (``2000 per 5m``); grammar ``duration.lark``."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..diagnostics import Diagnostics
from ..source import Span, TextOrigin
from .lark_support import Node, duration_text, duration_value, run
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


def parse_duration(text: str, origin: TextOrigin, diags: Diagnostics) -> Duration | None:
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

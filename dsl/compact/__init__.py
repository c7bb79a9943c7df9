"""Compact syntaxes inside .ccd string values, parsed with lark (grammars in ``ccdsl.grammar``).

Each syntax ``X`` has ``parse_X(text, origin, diags) -> AST | None`` (None plus diagnostics on error;
never raises) and ``X_to_text(ast) -> str`` printing canonical text that parses back to an equal tree
(spans are not part of equality). Diagnostic codes E010–E019 are listed in
:data:`ccdsl.dsl.compact.lark_support.CODES`.
"""
from collections.abc import Callable
from typing import Any

from . import flow_ast
from .access import Access, PathParam, Route, access_to_text, parse_access, parse_route, route_to_text
from .alarms import METRICS, Alarm, Metric, alarm_to_text, metric_to_text, parse_alarm, parse_metric
from .composites import AlarmRule, composite_to_text, parse_composite
from .durations import Duration, Rate, duration_to_text, parse_duration, parse_rate, rate_to_text
from .flow_ast import FlowBody
from .flow_parser import parse_flow
from .flow_printer import flow_to_text
from .hours import Hours, HoursEntry, hours_to_text, parse_hours
from .interpolations import Interpolated, Reference, SecretRef, interpolations_to_text, parse_interpolations
from .lark_support import CODES
from .lifecycles import STORAGE_CLASSES, Lifecycle, Transition, lifecycle_to_text, parse_lifecycle
from .nodes import Name, Text
from .pipelines import (
    FirehoseStage,
    LakeStage,
    Pipeline,
    Source,
    StreamStage,
    TableStage,
    parse_pipeline,
    pipeline_to_text,
)
from .utterances import Slot, Utterance, parse_utterance, utterance_to_text

_PRINTERS: dict[type, Callable[[Any], str]] = {
    Duration: duration_to_text, Rate: rate_to_text, Hours: hours_to_text, Utterance: utterance_to_text,
    Interpolated: interpolations_to_text, Access: access_to_text, Route: route_to_text,
    Lifecycle: lifecycle_to_text, Metric: metric_to_text, Alarm: alarm_to_text,
    AlarmRule: composite_to_text,
    Pipeline: pipeline_to_text, FlowBody: flow_to_text,
}


def to_text(ast: object) -> str:
    """Canonical text of the tree of any compact syntax (the root node a ``parse_X`` returns)."""
    try:
        printer = _PRINTERS[type(ast)]
    except KeyError:
        raise TypeError(f"not the root of a compact syntax tree: {type(ast).__name__}") from None
    return printer(ast)


__all__ = [
    "CODES", "to_text", "Name", "Text",
    "flow_ast", "FlowBody", "parse_flow", "flow_to_text",
    "Duration", "Rate", "parse_duration", "parse_rate", "duration_to_text", "rate_to_text",
    "Hours", "HoursEntry", "parse_hours", "hours_to_text",
    "Interpolated", "Reference", "SecretRef", "parse_interpolations", "interpolations_to_text",
    "Slot", "Utterance", "parse_utterance", "utterance_to_text",
    "Access", "Route", "PathParam", "parse_access", "parse_route", "access_to_text", "route_to_text",
    "METRICS", "Metric", "Alarm", "parse_metric", "parse_alarm", "metric_to_text", "alarm_to_text",
    "AlarmRule", "parse_composite", "composite_to_text",
    "STORAGE_CLASSES", "Lifecycle", "Transition", "parse_lifecycle", "lifecycle_to_text",
    "Pipeline", "Source", "StreamStage", "FirehoseStage", "LakeStage", "TableStage", "parse_pipeline",
    "pipeline_to_text",
]

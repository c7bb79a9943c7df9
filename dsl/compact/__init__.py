"""Compact syntaxes inside .ccd string values, parsed with lark (grammars in ``ccdsl.grammar``).

Each syntax ``X`` has ``parse_X(text, origin, diags) -> AST | None`` (None plus diagnostics on error;
never raises) and ``X_to_text(ast) -> str`` printing canonical text that parses back to an equal tree
(spans are not part of equality). Diagnostic codes E010–E019 are listed in
:data:`ccdsl.dsl.compact.lark_support.CODES`.
"""
from .durations import Duration, Rate, duration_to_text, parse_duration, parse_rate, rate_to_text
from . import flow_ast
from .flow_ast import FlowBody
from .flow_parser import parse_flow
from .flow_printer import flow_to_text
from .hours import Hours, HoursEntry, hours_to_text, parse_hours
from .interpolations import Interpolated, Reference, SecretRef, interpolations_to_text, parse_interpolations
from .lark_support import CODES
from .nodes import Name, Text
from .utterances import Slot, Utterance, parse_utterance, utterance_to_text

__all__ = [
    "CODES", "Name", "Text",
    "flow_ast", "FlowBody", "parse_flow", "flow_to_text",
    "Duration", "Rate", "parse_duration", "parse_rate", "duration_to_text", "rate_to_text",
    "Hours", "HoursEntry", "parse_hours", "hours_to_text",
    "Interpolated", "Reference", "SecretRef", "parse_interpolations", "interpolations_to_text",
    "Slot", "Utterance", "parse_utterance", "utterance_to_text",
]

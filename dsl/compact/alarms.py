"""Metric expressions (dashboard widgets) and alarm conditions; grammar ``alarm.lark``.

``queue(Q).m``, ``function(F).m``, ``bot(B).m`` name a metric of a declared resource (names in
:data:`METRICS`, E017 with did-you-mean otherwise), optionally with a statistic (``.p99``);
``metric(NS, Name).stat`` is any CloudWatch
metric with a statistic (:data:`STATS` or ``pNN``), ``metric(NS, Name, Dim=value, …).stat`` the same with
its dimensions (each name once). An alarm is ``METRIC OP THRESHOLD for DURATION``;
a threshold with ``%`` is a percentage, with ``s``/``m``/``h`` a time (stored in seconds, unit "s").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from lark import Tree

from ..diagnostics import Diagnostics, did_you_mean
from ..source import Span, TextOrigin
from .lark_support import UNITS, Node, duration_text, duration_value, meta_span, run, token_span
from .nodes import Name, span_field

#: Metric names per resource kind, with the CloudWatch namespace and metric each stands for
#: (None where it is derived from several metrics, e.g. a rate).
METRICS: dict[str, dict[str, tuple[str, str | None]]] = {
    "queue": {
        "contacts_in_queue": ("AWS/Connect", "QueueSize"),
        "longest_wait": ("AWS/Connect", "LongestQueueWaitTime"),
        "abandon_rate": ("AWS/Connect", None),
        "abandoned": ("AWS/Connect", "ContactsAbandoned"),
        "handled": ("AWS/Connect", "ContactsHandled"),
        "queued": ("AWS/Connect", "ContactsQueued"),
        "missed": ("AWS/Connect", "MissedCalls"),
        "capacity_exceeded": ("AWS/Connect", "QueueCapacityExceededError"),
        "service_level": ("AWS/Connect", None),
        "average_wait": ("AWS/Connect", None),
        "agents_online": ("AWS/Connect", "AgentsOnline"),
        "agents_available": ("AWS/Connect", "AgentsAvailable"),
        "agents_on_contact": ("AWS/Connect", "AgentsOnContact"),
    },
    "function": {
        "errors": ("AWS/Lambda", "Errors"),
        "error_rate": ("AWS/Lambda", None),
        "duration": ("AWS/Lambda", "Duration"),
        "throttles": ("AWS/Lambda", "Throttles"),
        "invocations": ("AWS/Lambda", "Invocations"),
        "concurrent_executions": ("AWS/Lambda", "ConcurrentExecutions"),
        "provisioned_spillover": ("AWS/Lambda", "ProvisionedConcurrencySpilloverInvocations"),
    },
    "bot": {
        "missed_utterances": ("AWS/Lex", "RuntimeMissedUtteranceCount"),
        "requests": ("AWS/Lex", "RuntimeRequestCount"),
        "errors": ("AWS/Lex", "RuntimeSystemErrors"),
        "throttles": ("AWS/Lex", "RuntimeThrottledEvents"),
        "latency": ("AWS/Lex", "RuntimeRequestLatency"),
        "sessions": ("AWS/Lex", "RuntimeSessionCount"),
    },
}
STATS = ("avg", "sum", "min", "max", "count")
OPS = (">", ">=", "<", "<=")


@dataclass(frozen=True, slots=True)
class Metric:
    """``kind`` is queue / function / bot (``target`` the resource, ``name`` from :data:`METRICS`,
    ``stat`` None for the metric's usual statistic) or ``metric`` (``namespace``, ``name`` the
    CloudWatch metric, ``stat``, ``dimensions`` as written: (name, value) pairs)."""

    kind: str
    name: Name
    target: Name | None = None
    namespace: str | None = None
    stat: str | None = None
    dimensions: tuple[tuple[str, str], ...] = ()
    span: Span = span_field()


@dataclass(frozen=True, slots=True)
class Alarm:
    metric: Metric
    op: str
    threshold: float
    unit: str | None  # None, "%" or "s"
    period: int  # seconds
    span: Span = span_field()


def _stat_ok(stat: str) -> bool:
    if stat in STATS:
        return True
    m = re.fullmatch(r"p([0-9]{1,2}(?:\.[0-9]+)?|100)", stat)
    return m is not None and 0 < float(m.group(1)) <= 100


def _metric(tree: Node, origin: TextOrigin, diags: Diagnostics) -> Metric:
    span = meta_span(origin, tree)
    if not isinstance(tree.children[0], Tree):
        ns, mname, *dims, stat = tree.children
        if not _stat_ok(str(stat)):
            diags.error("E017", f"unknown statistic '{stat}' (avg, sum, min, max, count or pNN such as p99)",
                        token_span(origin, stat), hint=did_you_mean(str(stat), STATS), length=len(stat))
        dimensions: list[tuple[str, str]] = []
        for dim in dims:
            dname, value = dim.children
            if any(str(dname) == seen for seen, _ in dimensions):
                diags.error("E017", f"dimension '{dname}' is written twice", token_span(origin, dname),
                            length=len(dname))
            dimensions.append((str(dname), str(value)))
        return Metric("metric", Name(str(mname), token_span(origin, mname)), None, str(ns), str(stat),
                      tuple(dimensions), span)
    kind_tree, target, mname, stat = tree.children
    kind = str(kind_tree.children[0])
    if stat is not None and not _stat_ok(str(stat)):
        diags.error("E017", f"unknown statistic '{stat}' (avg, sum, min, max, count or pNN such as p99)",
                    token_span(origin, stat), hint=did_you_mean(str(stat), STATS), length=len(stat))
    known = METRICS[kind]
    if str(mname) not in known:
        diags.error("E017", f"unknown {kind} metric '{mname}' (one of {', '.join(known)})", token_span(origin, mname),
                    hint=did_you_mean(str(mname), known), length=len(mname))
    return Metric(kind, Name(str(mname), token_span(origin, mname)), Name(str(target), token_span(origin, target)),
                  stat=None if stat is None else str(stat), span=span)


def parse_metric(text: str, origin: TextOrigin, diags: Diagnostics) -> Metric | None:
    return run("alarm", text, origin, diags, lambda t: _metric(t, origin, diags), "metric",
               start="metric", starts=("metric", "alarm"))


def parse_alarm(text: str, origin: TextOrigin, diags: Diagnostics) -> Alarm | None:
    def build(tree: Node) -> Alarm | None:
        mtree, op, thr, period_tok = tree.children
        metric = _metric(mtree, origin, diags)
        m = re.fullmatch(r"(-?[0-9]+(?:\.[0-9]+)?)(.*)", str(thr))
        assert m is not None, "the grammar's threshold terminal starts with a number"
        number, unit = float(m.group(1)), m.group(2)
        if unit in UNITS and unit != "d":
            number, unit = number * UNITS[unit], "s"
        elif unit not in ("", "%"):
            at = token_span(origin, thr)
            col = at.col + len(m.group(1))
            diags.error("E014", f"unknown threshold unit '{unit}' (use %, s, m or h)",
                        Span(at.file, at.line, col, at.line, col + len(unit)))
        period = duration_value(period_tok, origin, diags)
        if period is None:
            return None
        return Alarm(metric, str(op), number, unit or None, period, origin.span)

    return run("alarm", text, origin, diags, build, "alarm", start="alarm", starts=("metric", "alarm"))


def number_text(value: float) -> str:
    """A float as plain decimal text that parses back to the same float (no exponent)."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return format(Decimal(repr(value)), "f")


def metric_to_text(ast: Metric) -> str:
    if ast.kind == "metric":
        dims = "".join(f", {name}={value}" for name, value in ast.dimensions)
        return f"metric({ast.namespace}, {ast.name}{dims}).{ast.stat}"
    return f"{ast.kind}({ast.target}).{ast.name}" + (f".{ast.stat}" if ast.stat else "")


def alarm_to_text(ast: Alarm) -> str:
    unit = ast.unit or ""
    return f"{metric_to_text(ast.metric)} {ast.op} {number_text(ast.threshold)}{unit} for {duration_text(ast.period)}"

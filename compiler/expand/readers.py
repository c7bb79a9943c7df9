"""Readers for the compact syntaxes' values: the shapes the expansion needs.

The language layer parsed and checked these strings (with positions) and left each tree in the
node's ``ast``; the readers translate that tree. A value without a tree (a model built in Python)
is read from its text, which is assumed valid.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "": 1}
_DUR = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?")


def ast_of(value: Any) -> Any:
    return getattr(value, "ast", None)


def _name(value: Any) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


def text_of(value: Any) -> str:
    return str(getattr(value, "text", value) if value is not None else "")


def seconds(value: Any, default: float = 0.0) -> float:
    """Seconds of a Duration node or text (``30s``, ``5m``, ``168h``, ``7d``, ``1h 30m``)."""
    if value is None:
        return default
    known = getattr(value, "seconds", None)
    if isinstance(known, (int, float)) and not isinstance(known, bool):
        return float(known)
    total, found = 0.0, False
    for number, unit in _DUR.findall(text_of(value)):
        total += float(number) * _UNITS[unit or ""]
        found = True
    return total if found else default


def days(value: Any, default: int = 0) -> int:
    return int(round(seconds(value, default * 86400.0) / 86400))


# --- lifecycle --------------------------------------------------------------------------------------
_STORAGE_CLASSES = {
    "infrequent": "STANDARD_IA", "ia": "STANDARD_IA", "standard_ia": "STANDARD_IA",
    "onezone": "ONEZONE_IA", "intelligent": "INTELLIGENT_TIERING", "glacier": "GLACIER",
    "glacier_ir": "GLACIER_IR", "instant": "GLACIER_IR", "deep_archive": "DEEP_ARCHIVE", "deep": "DEEP_ARCHIVE",
}


def lifecycle_rules(value: Any) -> list[dict[str, Any]]:
    """``infrequent after 30d, glacier after 90d, expire after 2555d`` → one S3 lifecycle rule."""
    transitions, expiration = [], None
    tree = ast_of(value)
    if tree is not None:
        transitions = [{"Days": t.days, "StorageClass": _STORAGE_CLASSES.get(t.storage_class, t.storage_class.upper())}
                       for t in tree.transitions]
        expiration = tree.expire_days
    for part in (text_of(value).split(",") if tree is None else ()):
        words = part.strip().lower().split()
        if len(words) < 3 or words[-2] != "after":
            continue
        action, when = "_".join(words[:-2]), days(words[-1])
        if action in ("expire", "delete"):
            expiration = when
        else:
            transitions.append({"Days": when, "StorageClass": _STORAGE_CLASSES.get(action, action.upper())})
    rule: dict[str, Any] = {"ID": "ccdsl", "Status": "Enabled", "Filter": {"Prefix": ""},
                            "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}
    if transitions:
        rule["Transitions"] = sorted(transitions, key=lambda t: t["Days"])
    if expiration is not None:
        rule["Expiration"] = {"Days": expiration}
        rule["NoncurrentVersionExpiration"] = {"NoncurrentDays": expiration}
    return [rule]


# --- hours ------------------------------------------------------------------------------------------
DAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]
_DAY_ABBR = {d[:3].title(): d for d in DAYS}


def hours_config(value: Any) -> tuple[str, list[dict[str, Any]]]:
    """(TimeZone, Config) of ``24/7`` or ``Mon-Fri 08:00-20:00, Sat 09:00-17:00 @ Europe/London``."""
    tree = ast_of(value)
    if tree is not None:
        return _hours_from_tree(tree)
    text = text_of(value).strip()
    tz = "UTC"
    if "@" in text:
        text, tz = (p.strip() for p in text.rsplit("@", 1))
    if text in ("24/7", "always"):
        return tz, [{"Day": d, "StartTime": {"Hours": 0, "Minutes": 0}, "EndTime": {"Hours": 0, "Minutes": 0}}
                    for d in DAYS]
    config: list[dict[str, Any]] = []
    for part in text.split(","):
        m = re.match(r"\s*([A-Za-z]{3})(?:\s*-\s*([A-Za-z]{3}))?\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})", part)
        if not m:
            continue
        first, last = DAYS.index(_DAY_ABBR[m.group(1).title()]), DAYS.index(_DAY_ABBR[(m.group(2) or m.group(1)).title()])
        span = range(first, last + 1) if first <= last else [*range(first, 7), *range(0, last + 1)]
        for i in span:
            config.append({"Day": DAYS[i],
                           "StartTime": {"Hours": int(m.group(3)), "Minutes": int(m.group(4))},
                           "EndTime": {"Hours": int(m.group(5)), "Minutes": int(m.group(6))}})
    return tz, config


def _clock(minutes: int) -> dict[str, int]:
    minutes %= 1440  # 24:00 is midnight, as Connect writes the end of a full day
    return {"Hours": minutes // 60, "Minutes": minutes % 60}


def _hours_from_tree(tree: Any) -> tuple[str, list[dict[str, Any]]]:
    tz = _name(tree.tz) or "UTC"
    if tree.always:
        return tz, [{"Day": d, "StartTime": _clock(0), "EndTime": _clock(0)} for d in DAYS]
    config = []
    for entry in tree.entries:
        for day in entry.days:
            config.append({"Day": _DAY_ABBR[day[:3].title()], "StartTime": _clock(entry.start),
                           "EndTime": _clock(entry.end)})
    config.sort(key=lambda c: (DAYS.index(c["Day"]), c["StartTime"]["Hours"], c["StartTime"]["Minutes"]))
    return tz, config


# --- access, routes, rates, utterances -------------------------------------------------------------
@dataclass(frozen=True)
class AccessRule:
    kind: str  # table, stream, topic, bucket, bedrock, connect, queue, function …
    target: str | None
    mode: str  # rw, read, write, publish, invoke, outbound …


def access_rule(value: Any) -> AccessRule:
    tree = ast_of(value)
    if tree is not None:
        return AccessRule(tree.kind, _name(tree.name), tree.mode)
    words = text_of(value).split()
    if len(words) >= 3:
        return AccessRule(words[0], words[1], words[2])
    if len(words) == 2:
        return AccessRule(words[0], None, words[1])
    return AccessRule(words[0] if words else "", None, "")


def route(value: Any) -> tuple[str, str]:
    tree = ast_of(value)
    if tree is not None:
        parts = [seg if isinstance(seg, str) else "{%s%s}" % (seg.name, "+" if seg.greedy else "")
                 for seg in tree.segments]
        return tree.method.upper(), "/" + "/".join(parts)
    method, _, path = text_of(value).strip().partition(" ")
    return method.upper(), path.strip() or "/"


def rate(value: Any) -> tuple[int, int]:
    """``2000 per 5m`` → (2000, 300)."""
    tree = ast_of(value)
    if tree is not None:
        return int(tree.count), int(tree.window)
    m = re.match(r"\s*(\d+)\s*(?:per|/)\s*(.+)", text_of(value))
    if not m:
        return 0, 300
    return int(m.group(1)), int(seconds(m.group(2), 300))


_SLOT = re.compile(r"\{\s*([A-Za-z][A-Za-z0-9_]*)\s*(?::\s*([A-Za-z0-9_.]+)\s*)?\}")


def utterance(value: Any) -> tuple[str, list[tuple[str, str | None]]]:
    """(Lex utterance text with ``{slot}``, [(slot, inline type or None)])."""
    tree = ast_of(value)
    if tree is not None:
        text, slots = "", []
        for part in tree.parts:
            if hasattr(part, "text"):
                text += part.text
            else:
                text += "{" + _name(part.name) + "}"
                slots.append((_name(part.name), _name(part.type)))
        return text, slots
    text = text_of(value)
    slots = [(m.group(1), m.group(2)) for m in _SLOT.finditer(text)]
    return _SLOT.sub(lambda m: "{" + m.group(1) + "}", text), slots


# --- pipelines --------------------------------------------------------------------------------------
@dataclass
class Stage:
    kind: str  # contact_records, agent_events, connect_events, logs, metrics, stream, firehose, lake, table
    name: str | None = None
    args: dict[str, str] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)


def pipeline(value: Any) -> list[Stage]:
    tree = ast_of(value)
    if tree is not None:
        return _pipeline_from_tree(tree)
    stages = []
    for part in text_of(value).split("->"):
        part = part.strip()
        m = re.match(r"([a-z_]+)\s*(.*)", part)
        if not m:
            continue
        kind, rest = m.group(1), m.group(2).strip()
        stage = Stage(kind)
        am = re.search(r"\((.*)\)\s*$", rest)
        if am:
            for item in am.group(1).split(","):
                if "=" in item:
                    k, v = item.split("=", 1)
                    stage.args[k.strip()] = v.strip()
            rest = rest[: am.start()].strip()
        if kind in ("logs", "metrics"):
            stage.names = [n.strip() for n in rest.split(",") if n.strip()]
        elif rest:
            stage.name = rest
        stages.append(stage)
    return stages


def _pipeline_from_tree(tree: Any) -> list[Stage]:
    stages = []
    if tree.source is not None:
        stages.append(Stage(tree.source.kind, names=[_name(n) for n in tree.source.names]))
    for st in tree.stages:
        kind = type(st).__name__
        if kind == "StreamStage":
            args = {}
            if st.shards is not None:
                args["shards"] = str(st.shards)
            if st.retention is not None:
                args["retention"] = f"{st.retention}s"
            stages.append(Stage("stream", _name(st.name), args))
        elif kind == "FirehoseStage":
            stages.append(Stage("firehose", args={"buffer": f"{st.buffer}s"} if st.buffer else {}))
        elif kind == "LakeStage":
            stages.append(Stage("lake", st.prefix))
        elif kind == "TableStage":
            stages.append(Stage("table", _name(st.name)))
    return stages


# --- metrics and alarms -----------------------------------------------------------------------------
@dataclass
class MetricRef:
    subject: str  # queue, function, bot, metric, instance
    args: list[str]
    measure: str  # contacts_in_queue, errors, sum, avg …


@dataclass
class Condition:
    metric: MetricRef
    op: str
    threshold: float
    percent: bool
    period_s: int


_METRIC = re.compile(r"\s*([a-z_]+)\s*\(([^)]*)\)\s*\.\s*([A-Za-z_]+)")
_COND = re.compile(r"(>=|<=|>|<|==)\s*(-?\d+(?:\.\d+)?)\s*(%|s|m|h)?\s*(?:for\s+(.+))?$")


def _metric_from_tree(tree: Any) -> MetricRef:
    if tree.kind == "metric":
        return MetricRef("metric", [tree.namespace or "", _name(tree.name) or ""], tree.stat or "sum")
    return MetricRef(tree.kind, [_name(tree.target)] if tree.target is not None else [], _name(tree.name) or "")


def metric(value: Any) -> MetricRef:
    tree = ast_of(value)
    if tree is not None:
        return _metric_from_tree(tree)
    m = _METRIC.match(text_of(value))
    if not m:
        return MetricRef("metric", [], text_of(value))
    return MetricRef(m.group(1), [a.strip() for a in m.group(2).split(",") if a.strip()], m.group(3))


def condition(value: Any) -> Condition:
    tree = ast_of(value)
    if tree is not None:
        threshold = float(tree.threshold) * _UNITS.get(tree.unit, 1) if tree.unit in ("m", "h") else float(tree.threshold)
        return Condition(_metric_from_tree(tree.metric), tree.op, threshold, tree.unit == "%", int(tree.period or 300))
    text = text_of(value)
    met = metric(text)
    m = _COND.search(text)
    if not m:
        return Condition(met, ">", 0.0, False, 300)
    threshold = float(m.group(2))
    unit = m.group(3) or ""
    if unit in ("m", "h"):
        threshold *= _UNITS[unit]
    period = int(seconds(m.group(4), 300)) if m.group(4) else 300
    return Condition(met, m.group(1), threshold, unit == "%", period)

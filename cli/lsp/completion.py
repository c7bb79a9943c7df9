"""Completion: schema keys and values, names valid at the cursor, flow statement keywords.

Inside ``${kind.``: the names of that kind; in an access rule the names of its kind and then its modes; in a
metric (``queue(``) the names of its kind and then the metrics it has. In a ``do:`` body: queues after
``queue``/``callback``, bots after ``ask``, flows after ``transfer to flow``/``set … flow``/``task … flow``,
functions after ``invoke``, hours after ``if open|closed``, the
flow's labels after ``->``, the intents of the bot on an ``ask``'s branch lines, Polly voices after
``voice``, statement keywords at the start of a statement. Elsewhere: the keys the JSON Schema allows
at the cursor, enum values, and names of the section a reference field points at (``hours: ``).
"""
from __future__ import annotations

import functools
import re
from typing import Any

from lsprotocol import types as lsp

from ccdsl.dsl.checks.bots import voice_table
from ccdsl.dsl.compact.access import NAMED
from ccdsl.dsl.compact.alarms import METRICS
from ccdsl.dsl.compact.flow_ast import ON_ERROR
from ccdsl.dsl.flows.statements import STATEMENT_ACTIONS
from ccdsl.dsl.model.site import NAMED_SECTIONS
from ccdsl.dsl.schema import json_schema

from .analysis import Analysis
from .context import BodyPlace, enclosing_statement, flow_body_at, in_string, inline_path, yaml_path

#: statement keywords of a ``do:`` body -> the syntax-tree class of the statement they start
KEYWORDS = {
    "say": "Say", "logging on": "Logging", "logging off": "Logging", "recording on": "Recording",
    "recording off": "Recording", "voice": "Voice", "set": "SetAttributes", "if open": "IfHours",
    "if closed": "IfHours", "if": "IfCompare", "check": "Check", "ask": "Ask", "menu": "Menu", "invoke": "Invoke",
    "queue": "SetQueue", "transfer": "Transfer", "transfer to flow": "TransferToFlow",
    "transfer to number": "TransferToNumber", "goto": "Goto", "hangup": "Hangup", "end": "End",
    "loop prompts": "LoopPrompts", "wait": "Wait", "set queue flow": "SetFlow", "set whisper flow": "SetFlow",
    "set hold flow": "SetFlow", "callback": "Callback", "task": "Task",
    "store digits": "StoreInput", "store phone": "StoreInput", "set callback number": "SetCallbackNumber",
    "loop": "LoopTimes", "if queue": "IfQueue", "load queue metrics": "LoadMetrics",
    "set routing priority": "SetRouting", "set routing age": "SetRouting", "distribute": "Distribute",
    "get profile by": "GetProfile", "create profile with": "CreateProfile", "get case by": "GetCase",
    "create case template": "CreateCase", "start voice id": "StartVoiceId", "check voice id": "CheckVoiceId",
}
#: the text before the cursor in a body line -> the kind of name that goes there
NAME_SLOTS = [
    (re.compile(r"^(?:queue|callback|if queue|load queue metrics)\s+(\S*)$"), "queue"),
    (re.compile(r"^ask\s+(\S*)$"), "bot"),
    (re.compile(r"^(?:transfer to flow|set (?:queue|whisper|hold) flow|task\s+\"[^\"]*\"\s+flow)\s+(\S*)$"), "flow"),
    (re.compile(r"^invoke\s+(\S*)$"), "function"),
    (re.compile(r"^if\s+(?:open|closed)\s+(\S*)$"), "hours"),
    (re.compile(r"->\s*(\S*)$"), "label"),
    (re.compile(r"^goto\s+(\S*)$"), "label"),
    (re.compile(r"^voice\s+(\S*)$"), "voice"),
]
FROM_SECTION = re.compile(r"\(from `(\w+)`\)")
INTERPOLATION = re.compile(r"\$\{(\w+)\.([\w-]*)$")
ACCESS_NAME = re.compile(r"(?:^|[\[,:-])\s*(\w+)\s+([\w.-]*)$")
ACCESS_MODE = re.compile(r"(?:^|[\[,:-])\s*(\w+)\s+[\w.-]+\s+(\w*)$")
METRIC_TARGET = re.compile(r"\b(queue|function|bot)\(([\w-]*)$")
METRIC_NAME = re.compile(r"\b(queue|function|bot)\([\w-]+\)\.(\w*)$")
ITEM_KINDS = {"label": lsp.CompletionItemKind.Reference, "voice": lsp.CompletionItemKind.Value,
              "intent": lsp.CompletionItemKind.Method, "keyword": lsp.CompletionItemKind.Keyword}


@functools.cache
def schema() -> dict:
    return json_schema()


def complete(analysis: Analysis, position: lsp.Position) -> lsp.CompletionList:
    line = analysis.line(position.line)
    prefix = line[: position.character]
    interpolation = INTERPOLATION.search(prefix)
    if interpolation:  # ${kind.name.attr}
        kind = interpolation.group(1)
        return lsp.CompletionList(is_incomplete=False, items=[_item(n, kind) for n in _names(analysis, kind)])
    place = flow_body_at(analysis.lines, position.line, position.character)
    if place is not None and in_string(analysis.lines, position.line, place):
        return lsp.CompletionList(is_incomplete=False, items=[])  # the text of a multi-line string
    items = _in_body(analysis, place, position, prefix) if place is not None else _in_yaml(analysis, position, prefix)
    return lsp.CompletionList(is_incomplete=False, items=items)


def _item(label: str, kind: str, detail: str | None = None) -> lsp.CompletionItem:
    return lsp.CompletionItem(label=label, kind=ITEM_KINDS.get(kind, lsp.CompletionItemKind.Variable),
                              detail=detail or kind.replace("_", " "))


def _names(analysis: Analysis, kind: str, container: str = "") -> list[str]:
    names = analysis.index.names(kind, container)
    if not names and analysis.site is not None and kind in NAMED_SECTIONS.values():
        section = next(s for s, k in NAMED_SECTIONS.items() if k == kind)
        names = list(getattr(analysis.site, section))
    return names


def _in_body(analysis: Analysis, place: BodyPlace, position: lsp.Position, prefix: str) -> list[lsp.CompletionItem]:
    stripped = prefix.lstrip()
    for pattern, kind in NAME_SLOTS:
        if pattern.search(stripped):
            if kind == "voice":
                return [_item(v, "voice", ", ".join(info.get("engines", ())))
                        for v, info in sorted(voice_table().get("voices", {}).items())]
            container = place.flow if kind == "label" else ""
            # the `on error:` block is entered by errors only: no branch or goto names it
            return [_item(name, kind) for name in _names(analysis, kind, container) if name != ON_ERROR]
    statement = enclosing_statement(analysis.lines, position.line, place) or ""
    ask = re.match(r"^ask\s+(\S+)", statement)
    intents = []
    if ask and re.fullmatch(r"[\w, ]*", stripped):
        intents = [_item(name, "intent", f"intent of bot '{ask.group(1)}'")
                   for name in _names(analysis, "intent", ask.group(1))]
        if stripped.strip():
            return intents
    if re.fullmatch(r"[a-z ]*", stripped):
        return intents + [_item(k, "keyword", f"→ {STATEMENT_ACTIONS.get(kind, 'no action (control flow)')}")
                          for k, kind in KEYWORDS.items()]
    return []


def _in_yaml(analysis: Analysis, position: lsp.Position, prefix: str) -> list[lsp.CompletionItem]:
    path = yaml_path(analysis.lines, position.line, position.character)
    inline_keys, key, _partial = inline_path(prefix)
    full = path + inline_keys
    compact = _in_compact(analysis, full, prefix)
    if compact is not None:
        return compact
    if key is None:
        return _keys(_resolve(schema(), full))
    if full and full[-1] == "locales":
        return _voices(key)
    if key == "voice":
        return _voices(None)
    return _values(_resolve(schema(), [*full, key]), analysis)


def _in_compact(analysis: Analysis, path: list[str], prefix: str) -> list[lsp.CompletionItem] | None:
    """Names and words inside an access rule (``table NAME rw``) or a metric (``queue(NAME).longest_wait``)."""
    if "access" in path or "access:" in prefix:
        mode = ACCESS_MODE.search(prefix)
        if mode and mode.group(1) in NAMED:
            return [lsp.CompletionItem(label=m, kind=lsp.CompletionItemKind.EnumMember) for m in NAMED[mode.group(1)]]
        named = ACCESS_NAME.search(prefix)
        if named and named.group(1) in NAMED:
            return [_item(n, named.group(1)) for n in _names(analysis, named.group(1))]
    metric = METRIC_NAME.search(prefix)
    if metric:
        return [lsp.CompletionItem(label=m, kind=lsp.CompletionItemKind.Field) for m in METRICS[metric.group(1)]]
    target = METRIC_TARGET.search(prefix)
    if target:
        return [_item(n, target.group(1)) for n in _names(analysis, target.group(1))]
    return None


def _resolve(node: dict, path: list[str]) -> dict:
    root = schema()
    node = _deref(node, root)
    for part in path:
        props = node.get("properties", {})
        if part in props:
            node = _deref(props[part], root)
        elif isinstance(node.get("additionalProperties"), dict):
            node = _deref(node["additionalProperties"], root)
        else:
            return {}
    return node


def _deref(node: Any, root: dict) -> dict:
    if not isinstance(node, dict):
        return {}
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        merged = dict(root["$defs"].get(name, {}))
        merged.update({k: v for k, v in node.items() if k != "$ref"})
        return _deref(merged, root)
    for alt in node.get("anyOf", ()):
        alt = _deref(alt, root)
        if alt.get("type") == "object" or "properties" in alt or "enum" in alt:
            return {**alt, "description": node.get("description", alt.get("description"))}
    return node


def _keys(node: dict) -> list[lsp.CompletionItem]:
    items = []
    for name, sub in node.get("properties", {}).items():
        description = (sub.get("description") or "").strip() or None
        items.append(lsp.CompletionItem(label=name, kind=lsp.CompletionItemKind.Property, detail=description,
                                        insert_text=f"{name}: "))
    return items


def _values(node: dict, analysis: Analysis) -> list[lsp.CompletionItem]:
    if "enum" in node:
        return [lsp.CompletionItem(label=str(v), kind=lsp.CompletionItemKind.EnumMember) for v in node["enum"]]
    if node.get("type") == "boolean":
        return [lsp.CompletionItem(label=v, kind=lsp.CompletionItemKind.Value) for v in ("true", "false")]
    match = FROM_SECTION.search(node.get("description") or "")
    if match and match.group(1) in NAMED_SECTIONS:
        kind = NAMED_SECTIONS[match.group(1)]
        return [_item(name, kind) for name in _names(analysis, kind)]
    return []


def _voices(locale: str | None) -> list[lsp.CompletionItem]:
    table = voice_table()
    want = locale.replace("_", "-") if locale else None
    out = []
    for name, info in sorted(table.get("voices", {}).items()):
        if want is None or want in info.get("polly", ()):
            out.append(_item(name, "voice", f"Polly voice ({', '.join(info.get('engines', ()))})"))
    return out

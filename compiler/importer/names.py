"""References in imported flow JSON → names in the site (queues, bots, functions, flows, hours).

A flow exported from Connect names what it uses by ARN or id (``arn:aws:connect:…:queue/…``), by a
placeholder of the tool that exported it (``{{contactFlows.Main.arn}}``) or by a ccdsl token
(``${queue.Sales.arn}``). :class:`NameBook` turns each into a name: first from the ``--map`` file
(ARN → name), then from the token or placeholder, then from the name the flow designer stored in the
flow's metadata, and last from the ARN itself (a Lambda function's name, ``queue_1a2b3c4d`` for an id).
The same value always gets the same name, and two different values never share one. Every name
given is remembered with the value it stands for, so the importer can list the names to declare.
A JSONPath (``$.Attributes.x``) is a dynamic target, which has no name: :meth:`NameBook.name` returns None.

A block the export left unconfigured (an empty ARN) or configured with a sample's placeholder text
(``ENTER LAMBDA HERE``) names nothing; :meth:`NameBook.stand_in` gives such a target a name the user must
declare (or change), remembered as "the export has none" so the list of names says so.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

NAME_RE = re.compile(r"^[A-Za-z_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?$")
_TOKEN = re.compile(r"^\$\{(queue|bot|function|flow|hours|prompt|module|view|agent)\.([A-Za-z0-9_-]+)"
                    r"\.[A-Za-z0-9_.-]+\}$")
_PLACEHOLDER = re.compile(r"^\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}$")
_LAMBDA = re.compile(r"^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$")
_LEX = re.compile(r"^arn:aws[\w-]*:lex:[^:]*:[^:]*:bot-alias/([^/]+)/([^/]+)$")
_CONNECT = re.compile(r"^arn:aws[\w-]*:connect:[^:]*:[^:]*:instance/[^/]+/([a-z-]+)/([^/]+)$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_ATTRS = {"arn", "id", "alias", "name"}

#: the site section each kind of reference is declared in
SECTIONS: Mapping[str, str] = {"queue": "queues", "bot": "bots", "function": "functions", "flow": "flows",
                               "hours": "hours", "prompt": "prompts", "view": "views",
                               "agent": "agents"}


def sanitize(text: str, fallback: str = "x") -> str:
    """``text`` as a name the language accepts (``[A-Za-z_][A-Za-z0-9_-]*``, not ending in ``-``)."""
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", text.strip()).strip("_-")
    name = re.sub(r"[_-]*_[_-]*", "_", name)  # 'SEB - Journey' -> SEB_Journey
    if not name:
        name = fallback
    if not (name[0].isalpha() or name[0] == "_"):
        name = f"{fallback}_{name}"
    return name.rstrip("-") or fallback


def is_dynamic(value: str) -> bool:
    """A JSONPath: the target is read from contact data when the flow runs."""
    return value.startswith("$.")


def looks_like_reference(value: Any) -> bool:
    """An ARN, an id, a token or a placeholder: a value that names something (compared as 'a reference')."""
    return isinstance(value, str) and bool(
        value.startswith("arn:") or _TOKEN.match(value) or _PLACEHOLDER.match(value) or _UUID.match(value))


def _from_value(kind: str, value: str) -> str | None:
    """A name the value itself carries (token, placeholder, Lambda ARN), or None."""
    if m := _TOKEN.match(value):
        return m.group(2)
    if m := _PLACEHOLDER.match(value):
        parts = [p for p in m.group(1).split(".") if p]
        while len(parts) > 1 and parts[-1].lower() in _ATTRS:
            parts.pop()
        return parts[-1] if parts else None
    if kind == "function" and (m := _LAMBDA.match(value)):
        return m.group(1)
    return None


def _from_id(kind: str, value: str) -> str:
    """A last-resort name from an ARN or id: ``queue_1a2b3c4d``."""
    if m := _LEX.match(value):
        ident = m.group(1)
    elif m := _CONNECT.match(value):
        ident = m.group(2)
    else:
        ident = value.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return sanitize(f"{kind}_{ident[:8]}", kind)


@dataclass
class NameBook:
    """Names given to the references of one import (shared by every flow imported together)."""

    mapping: Mapping[str, str] = field(default_factory=dict)
    names: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, value) -> name
    used: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, name) -> value
    sources: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, name) -> first flow using it
    #: names given to targets the export does not name: (kind, name) -> the value the export has ('' or placeholder)
    unset: dict[tuple[str, str], str] = field(default_factory=dict)
    _stand_ins: dict[tuple[str, str, str, str], str] = field(default_factory=dict)  # (kind, value, hint, …) -> name
    _users: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (kind, name) -> flows using a stand-in

    def name(self, kind: str, value: Any, hint: str | None = None, flow: str = "") -> str | None:
        """The name of the ``kind`` that ``value`` refers to; ``hint`` is the designer's display name."""
        if not isinstance(value, str) or not value or is_dynamic(value):
            return None
        key = (kind, value)
        if key in self.names:
            return self.names[key]
        mapped = self.mapping.get(value)
        base = sanitize(mapped or _from_value(kind, value) or hint or _from_id(kind, value), kind)
        name, n = base, 1
        while (kind, name) in self.used and self.used[(kind, name)] != value:
            n += 1
            name = f"{base}_{n}"
        self.names[key] = name
        self.used[(kind, name)] = value
        self.sources.setdefault((kind, name), flow)
        return name

    def stand_in(self, kind: str, value: str, hint: str, flow: str = "", distinct: str = "") -> str:
        """The name for a target the export leaves empty or gives only as placeholder text (``value``): the same
        ``(value, hint)`` gets the same name in every flow (unless ``distinct`` tells the blocks apart); ``hint`` is
        the designer's name or the block's label."""
        key = (kind, value, hint, distinct)
        name = self._stand_ins.get(key)
        if name is None:
            base = sanitize(self.mapping.get(value) or hint, kind) if value.strip() else sanitize(hint, kind)
            name, n = base, 1
            while (kind, name) in self.used:
                n += 1
                name = f"{base}_{n}"
            self._stand_ins[key] = name
            self.used[(kind, name)] = value
            self.unset[(kind, name)] = value
            self.sources.setdefault((kind, name), flow)
        self._users.setdefault((kind, name), set()).add(flow)
        return name

    def release(self, flow: str) -> None:
        """Forget the stand-in names only ``flow`` used (it stays a template: its JSON keeps the export's value)."""
        for key, flows in list(self._users.items()):
            flows.discard(flow)
            if flows:
                continue
            del self._users[key]
            self.used.pop(key, None)
            self.unset.pop(key, None)
            self.sources.pop(key, None)
            self._stand_ins = {k: v for k, v in self._stand_ins.items() if (k[0], v) != key}

    def declared(self) -> list[tuple[str, str, str, str]]:
        """Every name given: ``(kind, name, value it stands for, first flow using it)``, sorted."""
        return sorted((kind, name, value, self.sources.get((kind, name), ""))
                      for (kind, name), value in self.used.items())


def display_name(metadata: Mapping[str, Any], param: str) -> str | None:
    """The name the flow designer shows for a parameter of one action (``parameters.X.displayName``, or the
    ``text`` of the queue, flow, hours or bot it picked), if the export kept it."""
    params = metadata.get("parameters")
    if isinstance(params, Mapping):
        entry = params.get(param)
        if isinstance(entry, Mapping) and isinstance(entry.get("displayName"), str):
            return str(entry["displayName"])
    keys = {"QueueId": ("queue",), "ContactFlowId": ("ContactFlow", "contactFlow"), "HoursOfOperationId": ("hours",
            "Hours"), "LexV2Bot": ("lexV2BotName",), "LambdaFunctionARN": ("lambdaFunctionARNDisplayName",)}
    for key in keys.get(param, ()):
        value = metadata.get(key)
        if isinstance(value, Mapping) and isinstance(value.get("text"), str):
            return str(value["text"])
        if isinstance(value, str):
            return value
    return None


def load_map(data: Any) -> tuple[dict[str, str], list[str]]:
    """An ARN map (``{ARN or id: name}``, as read from YAML) and the problems with it."""
    if data is None:
        return {}, []
    if not isinstance(data, Mapping):
        return {}, ["the ARN map must be a mapping of ARN (or id) to name"]
    out, problems = {}, []
    for key, value in data.items():
        if not isinstance(value, str) or not NAME_RE.match(value):
            problems.append(f"'{key}': '{value}' is not a name ([A-Za-z_][A-Za-z0-9_-]*)")
            continue
        out[str(key)] = value
    return out, problems

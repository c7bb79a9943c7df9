"""What a conversation needs from a compiled site: flow documents with the ``.ccd`` line of each action,
bot locales, hours, queues, numbers and functions.

Everything is read from the compiler's output (``compile_model``): the flow JSON that deploys, the Lex
bot definitions, the resources' inputs, and the compiler's map of each flow's action Identifiers to the
statements they came from (``CompiledSite.flow_sources``).
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.source import Span

TOKEN = re.compile(r"^\$\{([a-z_]+)\.([^.}]+)(?:\.[^}]*)?\}$")


@dataclass
class Flow:
    """One compiled flow: its Connect type, actions by identifier and where each came from."""

    name: str
    flow_type: str
    start: str
    actions: dict[str, dict]
    span: Span | None = None
    sources: dict[str, Span] = field(default_factory=dict)

    def where(self, ident: str) -> Span | None:
        """The ``.ccd`` position of an action: its statement's; for an action the compiler adds after a
        statement (``<id> language`` after a voice, ``<id> into`` after a store), that statement's; else the
        flow's own (shared disconnect, a flow-wide language, template flows)."""
        if ident in self.sources:
            return self.sources[ident]
        base = ident.rsplit(" ", 1)[0] if ident.endswith((" language", " into")) else None
        return self.sources.get(base or "") or self.span


@dataclass
class Hours:
    name: str
    time_zone: str
    config: list[dict]


@dataclass
class Queue:
    name: str
    hours: str | None
    max_contacts: int | None


@dataclass
class Function:
    name: str
    source: str | None  # absolute folder of the handler
    runtime: str
    handler: str
    timeout_s: int
    env: dict[str, str]


@dataclass
class ConversationSite:
    """Everything the interpreter reads, by the site's own names."""

    path: str
    name: str
    flows: dict[str, Flow]
    bots: dict[str, dict[str, dict]]  # bot -> locale (en_GB) -> compiled definition
    hours: dict[str, Hours]
    queues: dict[str, Queue]
    numbers: dict[str, dict]  # name -> {"flow", "number"}
    functions: dict[str, Function]
    bot_spans: dict[str, Span] = field(default_factory=dict)


def token_name(value: Any, kind: str | None = None) -> str | None:
    """The site name behind an apply-time token: ``${queue.Support.arn}`` -> ``Support``."""
    if not isinstance(value, str):
        return None
    m = TOKEN.match(value)
    if not m or (kind and m.group(1) != kind):
        return None
    return m.group(2)


def token_kind(value: Any) -> str | None:
    m = TOKEN.match(value) if isinstance(value, str) else None
    return m.group(1) if m else None


def load_site(path: str | Path) -> tuple[ConversationSite | None, Diagnostics]:
    """Validate and compile a site; None (with the diagnostics) when it does not compile."""
    from ccdsl.compiler.pipeline import compile_model
    from ccdsl.dsl.validate import validate_file

    site, diags = validate_file(str(path))
    if not isinstance(diags, Diagnostics):
        bag = Diagnostics()
        bag.extend(diags)
        diags = bag
    if site is None or diags.has_errors:
        return None, diags
    source_dir = str(Path(path).resolve().parent)
    compiled = compile_model(site, diags, source_dir=source_dir)
    if compiled is None:
        return None, diags
    return from_compiled(str(path), site, compiled), diags


def from_compiled(path: str, site: Any, compiled: Any) -> ConversationSite:
    resources = compiled.resources
    flows: dict[str, Flow] = {}
    for rel, text in compiled.artefacts.items():
        if rel.startswith("flows/") and rel.endswith(".json"):
            name = rel[len("flows/"):-len(".json")]
            doc = json.loads(text)
            res = resources.get(f"flow.{name}")
            flow_type = (res.inputs.get("Type") if res else None) or "CONTACT_FLOW"
            model = (getattr(site, "flows", None) or {}).get(name)
            flows[name] = Flow(name, str(flow_type), doc["StartAction"],
                               {a["Identifier"]: a for a in doc.get("Actions", [])},
                               getattr(model, "span", None), dict(compiled.flow_sources.get(name, {})))
    bots: dict[str, dict[str, dict]] = {}
    for rel, text in compiled.artefacts.items():
        parts = rel.split("/")
        if len(parts) == 3 and parts[0] == "bots" and parts[2].endswith(".json"):
            bots.setdefault(parts[1], {})[parts[2][:-5]] = json.loads(text)
    hours: dict[str, Hours] = {}
    queues: dict[str, Queue] = {}
    numbers: dict[str, dict] = {}
    for address, res in resources.items():
        if res.type == "aws_connect_hours_of_operation":
            name = address.split(".", 1)[1]
            hours[name] = Hours(name, str(res.inputs.get("TimeZone", "UTC")), list(res.inputs.get("Config", [])))
        elif res.type == "aws_connect_queue":
            name = address.split(".", 1)[1]
            queues[name] = Queue(name, token_name(str(res.inputs.get("HoursOfOperationId", "")), "hours"),
                                 res.inputs.get("MaxContacts"))
    for name, number in (getattr(site, "numbers", None) or {}).items():
        numbers[str(name)] = {"flow": str(getattr(number, "flow", "") or ""),
                              "number": getattr(number, "number", None) or getattr(number, "prefix", None)}
    functions: dict[str, Function] = {}
    for name, fn in (getattr(site, "functions", None) or {}).items():
        src = getattr(fn, "source", None)
        res = resources.get(f"function.{name}")
        inputs = res.inputs if res else {}
        functions[str(name)] = Function(
            str(name), os.path.join(compiled.source_dir, str(src)) if src else None,
            str(inputs.get("Runtime") or getattr(fn, "runtime", "") or ""),
            str(inputs.get("Handler") or "handler.handler"), int(inputs.get("Timeout") or 3),
            {k: str(v) for k, v in ((inputs.get("Environment") or {}).get("Variables") or {}).items()})
    bot_spans = {str(n): b.span for n, b in (getattr(site, "bots", None) or {}).items() if getattr(b, "span", None)}
    return ConversationSite(path, compiled.site, flows, bots, hours, queues, numbers, functions, bot_spans)

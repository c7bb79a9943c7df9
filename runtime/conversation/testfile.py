"""Conversation test files (``<site dir>/tests/*.yaml``), read with their positions.

A file is a list of entries. A **test** has ``test`` (its name), ``call`` (how the contact arrives),
optional ``given`` (clock is ``call.at``; attributes, function/queue/bot mocks, forced errors) and
``steps``. A **partial** (``partial: NAME`` with ``steps``) is a shared piece of conversation that any
test of the suite pulls in with ``- include: NAME``. Every problem is a diagnostic (codes in :data:`CODES`)
at its file, line and column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ccdsl.dsl.diagnostics import Diagnostics, did_you_mean
from ccdsl.dsl.source import Span

from .contact import BotMock, FunctionMock, Given, QueueState

CODES = {
    "T001": "test file cannot be read or is not YAML",
    "T002": "test file entry is not a test or a partial",
    "T003": "unknown key in a test, step or mock",
    "T004": "missing key in a test",
    "T005": "wrong value in a test",
    "T006": "unknown step",
    "T007": "include of an unknown partial, or an include cycle",
    "T008": "call of an unknown number or flow",
    "T009": "two tests or partials with the same name",
}
DEFAULT_AT = "2026-12-01T12:00 UTC"  # a Tuesday at noon, so a test without a clock is reproducible
STEP_KINDS = ("hears", "says", "presses", "waits", "queued", "transferred", "attributes", "invoked", "intent",
              "hangs up", "ends", "include", "not hears", "agent hangs up", "chooses")
#: ``agent hangs up``: the agent ends the call after being connected; the caller stays on the line, so the
#: contact's disconnect flow (``set disconnect flow``) runs
#: ``chooses: Back``: the result the agent (or customer) picks in the view ``show view`` shows
BARE_STEPS = ("waits", "hangs up", "ends", "agent hangs up")
TEST_KEYS = {"test", "call", "given", "steps", "description"}
CALL_KEYS = {"number", "flow", "chat", "task", "at", "language", "from", "queue"}
GIVEN_KEYS = {"attributes", "functions", "queues", "bots", "fail", "language", "draw", "profile", "case", "voice_id"}


@dataclass
class Step:
    kind: str
    value: Any
    span: Span

    def describe(self) -> str:
        if self.kind in BARE_STEPS:
            return self.kind
        return f"{self.kind}: {self.value}" if not isinstance(self.value, dict) else f"{self.kind}: {dict(self.value)}"


@dataclass
class Case:
    name: str
    span: Span
    channel: str
    entry: str  # flow name
    number: str | None
    given: Given
    steps: list[Step] = field(default_factory=list)


@dataclass
class Suite:
    cases: list[Case] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def _span(file: str, node: Any, key: Any = None, index: int | None = None, value: bool = False) -> Span:
    lc = getattr(node, "lc", None)
    try:
        if lc is not None and key is not None:
            line, col = (lc.value(key) if value else lc.key(key)) if index is None else lc.item(index)
        elif lc is not None and index is not None:
            line, col = lc.item(index)
        elif lc is not None:
            line, col = lc.line, lc.col
        else:
            return Span(file, 1, 1)
    except (KeyError, IndexError, TypeError):
        return Span(file, 1, 1)
    return Span(file, int(line) + 1, int(col) + 1)


def parse_at(text: str) -> datetime:
    """``2026-12-01T10:00 Europe/London`` (or an ISO time with an offset; no zone means UTC)."""
    text = str(text).strip()
    zone = "UTC"
    if " " in text:
        text, zone = text.split(None, 1)
    at = datetime.fromisoformat(text)
    if at.tzinfo is None:
        at = at.replace(tzinfo=ZoneInfo(zone))
    return at


def load_suite(site: Any, paths: list[Path], diags: Diagnostics) -> Suite:
    """Read test files (each a YAML list). ``site`` is the ConversationSite that calls are checked against."""
    suite = Suite(files=[str(p) for p in paths])
    raw: list[tuple[str, CommentedMap]] = []
    partials: dict[str, tuple[str, CommentedMap]] = {}
    names: dict[tuple[str, str], Span] = {}
    yaml = YAML(typ="rt")
    for path in paths:
        file = str(path)
        try:
            doc = yaml.load(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            diags.error("T001", f"cannot read the test file: {exc}", Span(file, 1, 1))
            continue
        except YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            diags.error("T001", f"not YAML: {getattr(exc, 'problem', exc)}",
                        Span(file, mark.line + 1, mark.column + 1) if mark else Span(file, 1, 1))
            continue
        if doc is None:
            continue
        if not isinstance(doc, CommentedSeq):
            diags.error("T002", "a test file is a list of tests (- test: …) and partials (- partial: …)",
                        _span(file, doc))
            continue
        for i, entry in enumerate(doc):
            if not isinstance(entry, CommentedMap) or not ({"test", "partial"} & set(entry)):
                diags.error("T002", "expected '- test: NAME' or '- partial: NAME'", _span(file, doc, index=i))
                continue
            key = "test" if "test" in entry else "partial"
            name = str(entry[key])
            span = _span(file, entry, key)
            if (key, name) in names:
                diags.error("T009", f"a {key} named '{name}' is already defined at {names[(key, name)]}", span)
                continue
            names[(key, name)] = span
            if key == "partial":
                partials[name] = (file, entry)
            else:
                raw.append((file, entry))
    for file, entry in raw:
        case = _case(site, file, entry, partials, diags)
        if case is not None:
            suite.cases.append(case)
    return suite


def _case(site: Any, file: str, entry: CommentedMap, partials: dict, diags: Diagnostics) -> Case | None:
    name = str(entry["test"])
    span = _span(file, entry, "test")
    ok = True
    for key in entry:
        if key not in TEST_KEYS:
            diags.error("T003", f"unknown key '{key}' in a test (keys: {', '.join(sorted(TEST_KEYS))})",
                        _span(file, entry, key))
            ok = False
    call = entry.get("call")
    if not isinstance(call, dict):
        diags.error("T004", "a test needs 'call: {number: NAME}' (or flow:, chat:, task:)", span)
        return None
    for key in call:
        if key not in CALL_KEYS:
            diags.error("T003", f"unknown key '{key}' in call (keys: {', '.join(sorted(CALL_KEYS))})",
                        _span(file, call, key))
            ok = False
    channel, entry_flow, number = "VOICE", None, None
    if "chat" in call:
        channel, entry_flow = "CHAT", str(call["chat"])
    elif "task" in call:
        channel, entry_flow = "TASK", str(call["task"])
    elif "number" in call:
        number = str(call["number"])
        if number not in site.numbers:
            diags.error("T008", f"no number '{number}' in the site (numbers: {', '.join(sorted(site.numbers))})",
                        _span(file, call, "number", value=True))
            return None
        entry_flow = site.numbers[number]["flow"]
    elif "flow" in call:
        entry_flow = str(call["flow"])
    if entry_flow is None or entry_flow not in site.flows:
        key = next((k for k in ("chat", "task", "flow") if k in call), None)
        diags.error("T008", f"no flow '{entry_flow}' in the site (flows: {', '.join(sorted(site.flows))})",
                    _span(file, call, key, value=True) if key else span)
        return None
    try:
        at = parse_at(str(call.get("at", DEFAULT_AT)))
    except (ValueError, ZoneInfoNotFoundError) as exc:
        diags.error("T005", f"'at' is not a time like \"2026-12-01T10:00 Europe/London\": {exc}",
                    _span(file, call, "at", value=True))
        return None
    given = _given(file, entry.get("given"), at, entry, diags)
    if given is None:
        return None
    if "language" in call:
        given.language = str(call["language"])
    if "queue" in call:
        given.queue = str(call["queue"])
    if "from" in call:
        given.customer_number = str(call["from"])
    steps = _steps(file, entry, "steps", partials, diags, set())
    if steps is None or not ok:
        return None
    return Case(name, span, channel, entry_flow, number, given, steps)


def _given(file: str, node: Any, at: datetime, parent: Any, diags: Diagnostics) -> Given | None:
    given = Given(at=at)
    if node is None:
        return given
    if not isinstance(node, dict):
        diags.error("T005", "'given' is a mapping (attributes, functions, queues, bots, fail)",
                    _span(file, parent, "given"))
        return None
    ok = True
    for key in node:
        if key not in GIVEN_KEYS:
            diags.error("T003", f"unknown key '{key}' in given (keys: {', '.join(sorted(GIVEN_KEYS))})",
                        _span(file, node, key))
            ok = False
    given.attributes = {str(k): str(v) for k, v in (node.get("attributes") or {}).items()}
    for name, spec in (node.get("functions") or {}).items():
        spec = spec or {}
        unknown = set(spec) - {"returns", "error", "timeout"}
        if unknown:
            diags.error("T003", f"unknown key '{sorted(unknown)[0]}' in a function mock (returns, error, timeout)",
                        _span(file, spec, sorted(unknown)[0]))
            ok = False
        given.functions[str(name)] = FunctionMock(
            returns=dict(spec["returns"]) if isinstance(spec.get("returns"), dict) else None,
            error=(str(spec["error"]) if spec.get("error") is not True else "the function failed")
            if spec.get("error") else None, timeout=bool(spec.get("timeout")))
    for name, spec in (node.get("queues") or {}).items():
        spec = spec or {}
        allowed = {"at_capacity", "in_queue", "agents_online", "agents_available", "agents_staffed", "error",
                   "oldest_contact"}
        unknown = set(spec) - allowed
        if unknown:
            diags.error("T003", f"unknown key '{sorted(unknown)[0]}' in a queue ({', '.join(sorted(allowed))})",
                        _span(file, spec, sorted(unknown)[0]))
            ok = False
            continue
        given.queues[str(name)] = QueueState(**{k: spec[k] for k in spec})
    for name, spec in (node.get("bots") or {}).items():
        spec = spec or {}
        unknown = set(spec) - {"error", "intent", "slots"}
        if unknown:
            diags.error("T003", f"unknown key '{sorted(unknown)[0]}' in a bot mock (error, intent, slots)",
                        _span(file, spec, sorted(unknown)[0]))
            ok = False
            continue
        given.bots[str(name)] = BotMock(bool(spec.get("error")), spec.get("intent"),
                                        {str(k): str(v) for k, v in (spec.get("slots") or {}).items()})
    fail = node.get("fail") or []
    given.fail = {str(f) for f in (fail if isinstance(fail, list) else [fail])}
    if node.get("language"):
        given.language = str(node["language"])
    if "draw" in node:
        draw = node["draw"]
        if not isinstance(draw, int) or isinstance(draw, bool) or not 1 <= draw <= 100:
            diags.error("T005", "'draw' is the number 1-100 that 'distribute' draws", _span(file, node, "draw"))
            ok = False
        else:
            given.draw = draw
    for key in ("profile", "case"):  # what Customer profiles / Cases find: fields, "none" or "multiple"
        found = node.get(key)
        if found is None:
            continue
        if isinstance(found, dict):
            setattr(given, key, {str(k): str(v) for k, v in found.items()})
        elif str(found) in ("none", "multiple"):
            setattr(given, key, str(found))
        else:
            diags.error("T005", f"'{key}' is the {key}'s fields ({{FirstName: Ann}}), 'none' or 'multiple'",
                        _span(file, node, key))
            ok = False
    if node.get("voice_id") is not None:
        given.voice_id = str(node["voice_id"])
    return given if ok else None


def _steps(file: str, entry: Any, key: str, partials: dict, diags: Diagnostics, seen: set[str]) -> list[Step] | None:
    node = entry.get(key)
    if not isinstance(node, list):
        diags.error("T004", "a test needs 'steps:' (a list)", _span(file, entry, key if key in entry else None))
        return None
    out: list[Step] = []
    ok = True
    for i, item in enumerate(node):
        span = _span(file, node, index=i)
        if isinstance(item, str) and item in BARE_STEPS:
            out.append(Step(item, True, span))
            continue
        if not isinstance(item, dict) or len(item) != 1:
            diags.error("T006", f"a step is one of: {', '.join(STEP_KINDS)}", span)
            ok = False
            continue
        kind, value = next(iter(item.items()))
        if kind not in STEP_KINDS:
            close = did_you_mean(str(kind), STEP_KINDS)
            diags.error("T006", f"unknown step '{kind}'", span, hint=close or f"steps are: {', '.join(STEP_KINDS)}")
            ok = False
            continue
        if kind == "include":
            name = str(value)
            if name not in partials or name in seen:
                diags.error("T007", f"no partial named '{name}'" if name not in partials else
                            f"partial '{name}' includes itself", span)
                ok = False
                continue
            pfile, pentry = partials[name]
            sub = _steps(pfile, pentry, "steps", partials, diags, seen | {name})
            if sub is None:
                ok = False
                continue
            out.extend(sub)
            continue
        if kind == "hears" or kind == "not hears":
            if not isinstance(value, str) or not value:
                diags.error("T005", f"'{kind}' takes text (or /regex/)", span)
                ok = False
                continue
            if value.startswith("/") and value.endswith("/") and len(value) > 1:
                try:
                    re.compile(value[1:-1])
                except re.error as exc:
                    diags.error("T005", f"not a regular expression: {exc}", span)
                    ok = False
                    continue
        if kind == "presses" and not re.fullmatch(r"[0-9*#]+", str(value)):
            diags.error("T005", "'presses' takes keys 0-9, * and # (quote them: presses: \"1\")", span)
            ok = False
            continue
        if kind == "attributes" and not isinstance(value, dict):
            diags.error("T005", "'attributes' takes a mapping of attribute: value", span)
            ok = False
            continue
        out.append(Step(str(kind), value, span))
    return out if ok else None

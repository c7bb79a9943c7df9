"""Running one conversation test: the test's caller turns feed the interpreter, then its expectations are
matched in order against what happened. A failure names the test-file line, the step, what was
expected, what happened instead and the flow action (with its ``.ccd`` line) where the conversation went
another way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .contact import Event, Input
from .functions import FunctionRunner
from .interpreter import Interpreter
from .site import ConversationSite
from .testfile import Case, Step

INPUT_STEPS = {"says", "presses", "waits", "agent hangs up", "chooses"}
SHOWN = ("prompt", "input", "queued", "transferred", "invoked", "intent", "disconnect", "end", "stop", "callback",
         "task", "note", "language")


@dataclass
class Result:
    name: str
    file: str
    line: int
    status: str  # passed | failed
    message: str = ""
    taken: list[tuple[str, str, str]] = field(default_factory=list)
    actions: int = 0
    events: list[Event] = field(default_factory=list)
    case: Case | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "file": self.file, "line": self.line, "status": self.status,
                "message": self.message}


class StepCaller:
    """Hands the test's caller steps to the interpreter, in order."""

    def __init__(self, steps: list[Step]):
        self.queue = [(i, s) for i, s in enumerate(steps) if s.kind in INPUT_STEPS]

    def next_input(self, want: str) -> Input | None:
        if not self.queue:
            return None
        index, step = self.queue.pop(0)
        return Input(step.kind, "" if step.kind in ("waits", "agent hangs up") else str(step.value), index)

    def next_kind(self) -> str | None:
        """The kind of the next caller turn, without taking it."""
        return self.queue[0][1].kind if self.queue else None


def run_case(site: ConversationSite, case: Case, cache: dict | None = None) -> Result:
    ix = Interpreter(site, case.given, StepCaller(case.steps))
    ix.functions = FunctionRunner(site.functions, case.given.functions, cache)
    number = site.numbers.get(case.number or "", {}).get("number") or ""
    events = ix.run(case.entry, case.channel, system_number=str(number))
    message = Matcher(site, case, events, ix.trace).check()
    return Result(case.name, case.span.file, case.span.line, "failed" if message else "passed", message or "",
                  ix.taken, ix.actions_run, events, case)


def _matches_text(expected: str, heard: str) -> bool:
    """A ``/regex/`` searched in the prompt as it is; else the text, ignoring case and how the words are spaced
    (a prompt on several lines is heard as one run of words)."""
    if len(expected) > 1 and expected.startswith("/") and expected.endswith("/"):
        return re.search(expected[1:-1], heard) is not None
    return _words(expected).lower() in _words(heard).lower()


def _words(text: str) -> str:
    return " ".join(text.split())


def describe(event: Event) -> str:
    kind, text = event.kind, event.text
    return {
        "prompt": f'heard "{_words(text)}"', "input": f"the caller's turn \"{text}\"" if text else "the caller waited",
        "queued": f"queued in {text}", "transferred": f"transferred to {text}", "invoked": f"invoked {text}",
        "intent": f"the bot matched {text}", "disconnect": "the flow hung up", "end": text,
        "stop": "the flow waited for the caller, who had nothing more to say", "callback": f"callback in {text}",
        "task": f"task {text}", "note": text, "language": f"language set to {text}",
    }.get(kind, f"{kind} {text}")


class Matcher:
    def __init__(self, site: ConversationSite, case: Case, events: list[Event], trace: list):
        self.site, self.case, self.events, self.trace = site, case, events, trace

    def window_end(self, cursor: int) -> int:
        """Expectations before a caller turn must happen before the flow takes that turn."""
        for j in range(cursor, len(self.events)):
            if self.events[j].kind == "input":
                return j
        return len(self.events)

    def check(self) -> str | None:
        cursor = 0
        for index, step in enumerate(self.case.steps):
            end = self.window_end(cursor)
            found = self.find(step, index, cursor, end)
            if isinstance(found, str):
                return self.failure(index, step, found, cursor, end)
            cursor = found
        return None

    # returns the new cursor, or the text of what was expected
    def find(self, step: Step, index: int, cursor: int, end: int) -> int | str:
        ev, kind, value = self.events, step.kind, step.value
        if kind in INPUT_STEPS:
            for j in range(cursor, len(ev)):
                if ev[j].kind == "input" and ev[j].step == index:
                    return j + 1
            if kind == "agent hangs up":
                return "the caller to be with an agent, with a disconnect flow set"
            if kind == "chooses":
                return "the flow to show a view ('show view')"
            return "the flow to wait for the caller's " + ("keys" if kind == "presses" else "turn")
        if kind == "hears":
            for j in range(cursor, end):
                if ev[j].kind == "prompt" and _matches_text(str(value), ev[j].text):
                    return j + 1
            return f'to hear "{value}"'
        if kind == "not hears":
            for j in range(cursor, end):
                if ev[j].kind == "prompt" and _matches_text(str(value), ev[j].text):
                    return f'not to hear "{value}" (heard "{ev[j].text}")'
            return cursor
        simple = {"queued": "queued", "transferred": "transferred", "invoked": "invoked", "intent": "intent"}
        if kind in simple:
            for j in range(cursor, end):
                if ev[j].kind == simple[kind] and ev[j].text == str(value):
                    return j + 1
            return {"queued": f"to be queued in {value}", "transferred": f"a transfer to {value}",
                    "invoked": f"function {value} to be invoked", "intent": f"the bot to match {value}"}[kind]
        if kind == "attributes":
            want = {str(k): str(v) for k, v in dict(value).items()}
            for j in range(max(cursor - 1, 0), max(end, 1)):
                if j < len(ev) and all(ev[j].data.get("_attributes", {}).get(k) == v for k, v in want.items()):
                    return max(cursor, j)
            return f"attributes {want}"
        if kind == "hangs up":
            for j in range(cursor, end):
                if ev[j].kind == "disconnect":
                    return j + 1
            return "the flow to hang up"
        if kind == "ends":
            rest = [e for e in ev[cursor:] if e.kind not in ("note", "end", "disconnect")]
            if rest:
                return "the conversation to end here"
            return len(ev)
        return f"a known step ({kind})"

    def failure(self, index: int, step: Step, expected: str, cursor: int, end: int) -> str:
        ev = self.events
        stop = min(len(ev), max(end, cursor + 1) + (1 if step.kind in INPUT_STEPS or step.kind == "ends" else 0))
        happened = [describe(e) for e in ev[cursor:stop] if e.kind in SHOWN]
        if not happened:
            happened = ["nothing more happened"]
        where = self.where(stop)
        lines = [f"{step.span.file}:{step.span.line}: step {index + 1} `{step.describe()}`",
                 f"  expected: {expected}",
                 f"  actual:   {'; '.join(happened)}"]
        if where:
            lines.append(f"  where:    {where}")
        return "\n".join(lines)

    def where(self, event_index: int) -> str | None:
        """The last branch the flow took before ``event_index``, preferring a decision or an error branch."""
        before = [t for t in self.trace if t[0] <= event_index]
        if not before:
            return None
        pick = before[-1]
        for t in reversed(before):
            if t[3] != "next":
                pick = t
                break
        _n, flow_name, ident, branch = pick
        flow = self.site.flows[flow_name]
        action = flow.actions[ident]
        from .coverage import branch_label, branch_target

        span = flow.where(ident)
        at = f" ({span.file}:{span.line})" if span else ""
        return (f"flow {flow_name}, action '{ident}'{at} took {branch_label(action, branch)} → "
                f"{branch_target(action, branch)}")

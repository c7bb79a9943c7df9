"""The flow interpreter: runs a contact through the compiled flow JSON of a site, action by action, with
Connect's run-time semantics (one handler per action Type in :mod:`.actions`).

``Interpreter(site, given, caller).run(flow, channel)`` returns the events of the conversation; the
branches it took are in ``taken`` as ``(flow, action, branch)`` for coverage. The caller is asked for
input only when an action waits for it; when it has nothing left to say the conversation stops there.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .contact import Contact, Event, Given, Input
from .site import ConversationSite, Flow

MAX_ACTIONS = 5000  # a conversation that runs this many actions is looping without the caller


class Caller(Protocol):
    def next_input(self, want: str) -> Input | None:
        """The caller's next turn; ``want`` is ``speech``, ``dtmf`` or ``wait``. None: nothing more."""


@dataclass
class Go:
    """Where an action sends the contact: a branch of the action (``next``, ``cond:<i>`` or an error type),
    or away from this flow (``end``: the contact leaves; ``flow``: continue at another flow's start)."""

    branch: str = "next"
    end: bool = False
    flow: str | None = None
    module_return: bool = False


@dataclass
class Frame:
    flow: Flow
    return_action: dict | None = None  # the InvokeFlowModule action to resume after a module ends


class Stop(Exception):
    """The caller has nothing more to say: the conversation ends where it is."""


@dataclass
class Interpreter:
    site: ConversationSite
    given: Given
    caller: Caller
    events: list[Event] = field(default_factory=list)
    taken: list[tuple[str, str, str]] = field(default_factory=list)
    trace: list[tuple[int, str, str, str]] = field(default_factory=list)  # (events so far, flow, action, branch)
    actions_run: int = 0
    stack: list[Frame] = field(default_factory=list)
    current: tuple[str, str] = ("", "")
    functions: Any = None  # a FunctionRunner (set by the test runner)
    _contact: Contact | None = field(default=None, init=False, repr=False)

    @property
    def contact(self) -> Contact:
        """The contact being run; it exists from the start of :meth:`run`, before any handler runs."""
        assert self._contact is not None, "the contact exists only once run() has started"
        return self._contact

    # -- events -----------------------------------------------------------------------------------------
    def emit(self, kind: str, text: str = "", step: int | None = None, **data: Any) -> Event:
        event = Event(kind, text, data, self.current[0], self.current[1], step)
        event.data["_attributes"] = dict(self._contact.attributes) if self._contact else {}
        self.events.append(event)
        return event

    def ask(self, want: str) -> Input:
        turn = self.caller.next_input(want)
        if turn is None:
            raise Stop
        self.emit("input", turn.value, step=turn.step, input=turn.kind)
        return turn

    # -- running ------------------------------------------------------------------------------------------
    def run(self, flow_name: str, channel: str = "VOICE", system_number: str = "") -> list[Event]:
        from .actions import HANDLERS, refuse_channel, unsupported

        given = self.given
        self._contact = Contact(channel=channel, clock=given.at, attributes=dict(given.attributes),
                                customer_number=given.customer_number, system_number=system_number)
        if given.language:
            self.contact.language = given.language
        self.contact.queue = given.queue
        flow = self.site.flows.get(flow_name)
        if flow is None:
            self.emit("end", f"no flow '{flow_name}'", reason="no-flow")
            return self.events
        self.stack = [Frame(flow)]
        action: dict | None = flow.actions.get(flow.start)
        try:
            while action is not None:
                frame = self.stack[-1]
                self.current = (frame.flow.name, action["Identifier"])
                self.actions_run += 1
                if self.actions_run > MAX_ACTIONS:
                    self.emit("end", f"stopped after {MAX_ACTIONS} actions without the caller: a loop",
                              reason="loop")
                    break
                handler: Callable[..., Go] = HANDLERS.get(action["Type"], unsupported)
                if given.fail and {action["Identifier"], action["Type"],
                                   f"{frame.flow.name}/{action['Identifier']}"} & given.fail:
                    go = Go(forced_error(action))
                    self.emit("note", f"forced down its {go.branch} branch by the test", forced=True)
                else:
                    go = refuse_channel(self, action) or handler(self, frame.flow, action)
                action = self.follow(frame, action, go)
        except Stop:
            self.emit("stop", "the caller has nothing more to say", reason="caller")
        return self.events

    def follow(self, frame: Frame, action: dict, go: Go) -> dict | None:
        """The next action after ``go``; records the branch taken."""
        if go.flow is not None:
            target = self.site.flows[go.flow]
            if go.module_return:
                self.stack.append(Frame(target, action))
            else:
                self.stack = [Frame(target)]
            self.record(frame.flow, action, "next")
            return target.actions.get(target.start)
        if go.module_return:  # EndFlowModuleExecution: back to the invoking flow
            self.stack.pop()
            invoke = frame.return_action
            if not self.stack or invoke is None:
                self.emit("end", "the module returns", reason="module-end")
                return None
            caller = self.stack[-1]
            self.current = (caller.flow.name, invoke["Identifier"])
            return self.follow(caller, invoke, Go("next"))
        if go.end:
            if (action.get("Transitions") or {}).get("NextAction") and action.get("Type") in (
                    "TransferContactToQueue", "TransferParticipantToThirdParty"):
                self.record(frame.flow, action, "next")  # the success branch: the contact leaves the flow
            return None
        branch, next_id = self.target(action, go.branch)
        if next_id is None:
            self.emit("end", f"no {go.branch} branch: Connect ends the contact", reason="no-branch")
            return None
        self.record(frame.flow, action, branch)
        return frame.flow.actions.get(next_id)

    def target(self, action: dict, branch: str) -> tuple[str, str | None]:
        tr = action.get("Transitions") or {}
        if branch.startswith("cond:"):
            conditions = tr.get("Conditions") or []
            k = int(branch[5:])
            return branch, conditions[k]["NextAction"] if k < len(conditions) else tr.get("NextAction")
        if branch != "next":
            for error in tr.get("Errors") or []:
                if error.get("ErrorType") == branch:
                    return branch, error["NextAction"]
            for error in tr.get("Errors") or []:  # an error type the block lacks takes its general Error branch
                if error.get("ErrorType") == "NoMatchingError":
                    return "NoMatchingError", error["NextAction"]
        return "next", tr.get("NextAction")

    def record(self, flow: Flow, action: dict, branch: str) -> None:
        self.taken.append((flow.name, action["Identifier"], branch))
        self.trace.append((len(self.events), flow.name, action["Identifier"], branch))


def forced_error(action: dict) -> str:
    """The error a test's ``fail:`` forces: the general Error branch, or the block's first error type when it has
    no general one (Set callback number has only InvalidCallbackNumber and CallbackNumberNotDialable)."""
    errors = [e.get("ErrorType") for e in (action.get("Transitions") or {}).get("Errors") or []]
    return "NoMatchingError" if "NoMatchingError" in errors or not errors else str(errors[0])

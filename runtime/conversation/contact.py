"""The state of one contact while the interpreter runs it, the events it produces, and what a test
gives the world (clock, attributes, mocks of functions, queues and bots).

Contact attributes and ``$.`` paths follow "List of available contact attributes and their JSONPath
reference" (https://docs.aws.amazon.com/connect/latest/adminguide/connect-attrib-list.html).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

DEFAULT_LANGUAGE = "en-US"  # a contact's language until a flow sets it (set-voice.html#set-voice-lexv2bot)
CHANNELS = ("VOICE", "CHAT", "TASK")
PATH = re.compile(r"\$\.[A-Za-z_][\w]*(?:\.(?:[A-Za-z_][\w-]*|\['[^']*'\]|\[\"[^\"]*\"\]))*")


@dataclass
class Event:
    """One thing that happened: a prompt heard, an input taken, a queue, a transfer, an invocation, the end.

    ``flow`` and ``action`` name the flow action that produced it; ``step`` is the index of the test
    step an input consumed."""

    kind: str
    text: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    flow: str = ""
    action: str = ""
    step: int | None = None


@dataclass
class Input:
    """A caller turn: ``says`` (speech or chat text), ``presses`` (DTMF), ``waits`` (stays silent)."""

    kind: str
    value: str = ""
    step: int | None = None


@dataclass
class FunctionMock:
    returns: dict[str, Any] | None = None
    error: str | None = None  # an error message: the Lambda fails
    timeout: bool = False


@dataclass
class QueueState:
    at_capacity: bool = False
    in_queue: int | None = None
    agents_online: int = 1
    agents_available: int = 1
    agents_staffed: int = 1
    error: bool = False
    oldest_contact: int = 0  # seconds the longest-waiting contact has been in the queue


@dataclass
class BotMock:
    error: bool = False  # the bot fails (Lex error): the block's Error branch
    intent: str | None = None  # force the recognised intent of every turn
    slots: dict[str, str] = field(default_factory=dict)


@dataclass
class Given:
    """What a test sets up before the contact arrives."""

    at: datetime
    attributes: dict[str, str] = field(default_factory=dict)
    functions: dict[str, FunctionMock] = field(default_factory=dict)
    queues: dict[str, QueueState] = field(default_factory=dict)
    bots: dict[str, BotMock] = field(default_factory=dict)
    fail: set[str] = field(default_factory=set)  # action identifiers (or Types) forced down their Error branch
    customer_number: str = "+447700900123"
    language: str | None = None
    queue: str | None = None  # the working queue a quick connect or transfer already set
    draw: int | None = None  # the number 1-100 Distribute by percentage draws (None: the first share is taken)
    #: what Customer profiles, Cases and Check Voice ID answer: a profile / case (its fields), "none" or "multiple"
    #: (None: none found), and the Voice ID result
    profile: dict[str, str] | str | None = None
    case: dict[str, str] | str | None = None
    voice_id: str | None = None


@dataclass
class Contact:
    channel: str
    clock: datetime
    language: str = DEFAULT_LANGUAGE
    voice: str = "Joanna"
    engine: str = "Standard"
    attributes: dict[str, str] = field(default_factory=dict)
    external: dict[str, Any] = field(default_factory=dict)
    lex: dict[str, Any] = field(default_factory=dict)
    queue: str | None = None
    hooks: dict[str, str] = field(default_factory=dict)
    stored_input: str | None = None
    loops: dict[str, int] = field(default_factory=dict)
    customer_number: str = ""
    system_number: str = ""
    contact_id: str = "11111111-2222-3333-4444-555555555555"
    recording: bool = False
    logging: bool = False
    callback_number: str | None = None
    metrics: dict[str, Any] = field(default_factory=dict)
    customer_id: str = ""
    customer: dict[str, str] = field(default_factory=dict)  # $.Customer: profile fields a block returned
    case: dict[str, str] = field(default_factory=dict)  # $.Case: case fields a block returned

    def data(self) -> dict[str, Any]:
        """The contact as the flow data object that ``$.`` paths address."""
        return {
            "Channel": self.channel, "LanguageCode": self.language, "ContactId": self.contact_id,
            "InitialContactId": self.contact_id, "Attributes": self.attributes, "External": self.external,
            "Lex": self.lex, "Queue": {"Name": self.queue or "", "ARN": self.queue or ""},
            "CustomerEndpoint": {"Address": self.customer_number, "Type": "TELEPHONE_NUMBER"},
            "SystemEndpoint": {"Address": self.system_number, "Type": "TELEPHONE_NUMBER"},
            "StoredCustomerInput": self.stored_input or "", "TextToSpeechVoiceId": self.voice,
            "CustomerCallbackNumber": self.callback_number or self.customer_number, "Metrics": self.metrics,
            "CustomerId": self.customer_id,
            "Customer": self.customer, "Case": self.case,
        }

    def resolve(self, value: Any) -> Any:
        """A parameter value: a whole ``$.`` path is looked up (missing -> empty), anything else is literal."""
        if isinstance(value, str) and PATH.fullmatch(value.strip()):
            return lookup(self.data(), value.strip())
        return value

    def interpolate(self, text: str) -> str:
        """``$.`` references inside a prompt's text, replaced by their values (Connect reads them at run time)."""
        return PATH.sub(lambda m: str(lookup(self.data(), m.group(0))), text)


def lookup(data: dict[str, Any], path: str) -> str:
    parts = re.findall(r"\.([A-Za-z_][\w-]*)|\['([^']*)'\]|\[\"([^\"]*)\"\]", path[1:])
    cur: Any = data
    for a, b, c in parts:
        key = a or b or c
        if isinstance(cur, dict) and key in cur:
            cur = cur[key]
        else:
            return ""
    if isinstance(cur, dict):
        return ""
    return "" if cur is None else str(cur)

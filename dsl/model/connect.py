"""Amazon Connect: the instance, hours, queues, routing profiles, agents, numbers, quick connects, flows."""
from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ..located import LDict, span_of
from .base import Name, Node, kind_of
from .compact_types import Duration, FlowCode, HoursSpec, Secret, Text
from .enums import STORAGE_TYPES, Channel, Feature, FlowType, Identity, NumberType, PhoneType
from .patterns import E164, INSTANCE_ALIAS, LOCALE

_DEFAULT_FEATURES: list[Feature] = ["inbound", "outbound"]


class StorageTarget(Node):
    """Where Connect stores one kind of data."""

    bucket: Name
    """bucket (from `buckets`)"""
    prefix: str | None = None
    """key prefix inside the bucket"""
    key: Name | None = None
    """KMS key (from `keys`) that encrypts the objects"""


class Storage(Node):
    call_recordings: StorageTarget | None = None
    chat_transcripts: StorageTarget | None = None
    scheduled_reports: StorageTarget | None = None
    attachments: StorageTarget | None = None
    contact_evaluations: StorageTarget | None = None
    screen_recordings: StorageTarget | None = None

    def targets(self) -> list[tuple[str, str, StorageTarget]]:
        """(kind, Connect storage resource type, target) of each kind of data given a place, in field order."""
        found = ((kind, resource_type, getattr(self, kind)) for kind, resource_type in STORAGE_TYPES.items())
        return [(kind, resource_type, target) for kind, resource_type, target in found if target is not None]


class Instance(Node):
    """The Amazon Connect instance."""

    alias: str = Field(min_length=1, max_length=45, pattern=INSTANCE_ALIAS)
    """instance alias (also the access URL's first label)"""
    identity: Identity = "CONNECT_MANAGED"
    """how agents sign in"""
    directory_id: str | None = None
    """directory for EXISTING_DIRECTORY identity"""
    features: list[Feature] = Field(default_factory=lambda: list(_DEFAULT_FEATURES))
    """instance attributes switched on"""
    storage: Storage | None = None
    """where recordings, transcripts and reports go"""
    language: str | None = Field(None, pattern=LOCALE)
    """the language contacts start in when they enter a contact flow (Lex locale form, e.g. en_GB);
    Connect's own default is en_US"""
    apology: str | None = Field(None, min_length=1, max_length=1000)
    """what a contact hears before an error branch no flow handles hangs up (a short default otherwise)"""
    domains: list[Literal["customer_profiles", "cases", "voice_id"]] = Field(default_factory=list)
    """Customer Profiles, Cases and Voice ID domains associated with the instance (outside ccdsl); flows whose
    blocks use them need them"""


DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
TIME_RANGE = r"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9]$"


class HoursOverride(Node):
    """A holiday or special day: the hours are closed, or open at other times, from ``date`` to ``until``."""

    date: str = Field(pattern=DATE)
    """first day (YYYY-MM-DD, in the hours' time zone)"""
    until: str | None = Field(None, pattern=DATE)
    """last day (YYYY-MM-DD); left out, the override lasts one day"""
    closed: bool = False
    """closed all day"""
    open: str | None = Field(None, pattern=TIME_RANGE)
    """open at these times instead, e.g. 10:00-14:00"""
    description: str | None = Field(None, max_length=250)

    @property
    def last(self) -> str:
        return self.until or self.date


class Hours(Node):
    """Hours of operation: a schedule in the compact hours syntax, and its holidays and special days."""

    schedule: HoursSpec
    description: str | None = None
    overrides: dict[str, HoursOverride] = Field(default_factory=dict)
    """name -> a holiday or special day"""

    shorthand_schema: ClassVar[dict | None] = {"type": "string"}

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        return {"schedule": value}


class Selection(Node):
    """``all``, or a list of names."""

    all: bool = False
    names: list[Name] = Field(default_factory=list)

    shorthand_schema: ClassVar[dict | None] = {
        "anyOf": [{"const": "all"}, {"type": "array", "items": {"type": "string"}, "uniqueItems": True}]}
    schema_mapping: ClassVar[bool] = False

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        if value == "all":
            return {"all": True}
        if isinstance(value, list):
            return {"names": value}
        raise PydanticCustomError("E103", "expected 'all' or a list of names, got {kind}", {"kind": kind_of(value)})


class Queue(Node):
    """A queue."""

    hours: Name
    """hours of operation (from `hours`)"""
    max_contacts: int | None = Field(None, ge=0)
    """most contacts waiting in the queue"""
    caller_id: Name | None = None
    """number (from `numbers`) shown on outbound calls"""
    caller_name: str | None = None
    outbound_flow: Name | None = None
    """outbound whisper flow (from `flows`)"""
    quick_connects: Selection | None = None
    """quick connects agents see in this queue: `all` or a list"""
    description: str | None = Field(None, max_length=250)


class RoutingQueue(Node):
    priority: int = Field(1, ge=1, le=99)
    delay: int = Field(0, ge=0, le=9999)
    """seconds a contact waits before agents of this profile get it"""
    channels: list[Channel] | None = None
    """the channels this queue is routed on for the profile (left out: every channel the profile handles)"""


class RoutingQueues(Node):
    """``all``, a list of queue names, or ``{queue: {priority, delay}}``."""

    all: bool = False
    queues: dict[str, RoutingQueue] = Field(default_factory=dict)

    shorthand_schema: ClassVar[dict | None] = {"anyOf": [
        {"const": "all"}, {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
        {"type": "object", "additionalProperties": {"$ref": "#/$defs/RoutingQueue"}}]}
    schema_mapping: ClassVar[bool] = False

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        if value == "all":
            return {"all": True}
        if isinstance(value, list):
            out = LDict(span=span_of(value))
            for item in value:
                if not isinstance(item, str):
                    raise PydanticCustomError("E103", "expected a queue name, got {kind}", {"kind": kind_of(item)})
                out[str(item)] = LDict(span=span_of(item))
                out.key_spans[str(item)] = span_of(item)
            return {"queues": out}
        raise PydanticCustomError("E103", "expected 'all', a list or a mapping of queues, got {kind}",
                                  {"kind": kind_of(value)})

    @model_validator(mode="before")
    @classmethod
    def _mapping_form(cls, data: Any) -> Any:
        if isinstance(data, dict) and "__value" in data and isinstance(data["__value"], dict):
            data = dict(data)
            data["__value"] = {"queues": data["__value"]}
        elif isinstance(data, LDict):
            data = {"__value": {"queues": data}, "__name": "", "__span": data.span}
        return data


class Channels(Node):
    """Contacts an agent handles at once, per channel; a channel left out is not routed."""

    voice: int | None = Field(None, ge=1, le=1)
    chat: int | None = Field(None, ge=1, le=10)
    task: int | None = Field(None, ge=1, le=10)
    email: int | None = Field(None, ge=1, le=10)

    def concurrencies(self) -> list[tuple[str, int]]:
        """(Connect channel, contacts at once) of each routed channel: VOICE, CHAT, TASK, EMAIL order."""
        given = (("VOICE", self.voice), ("CHAT", self.chat), ("TASK", self.task), ("EMAIL", self.email))
        return [(channel, n) for channel, n in given if n]


class Routing(Node):
    """A routing profile."""

    queues: RoutingQueues
    channels: Channels = Field(default_factory=lambda: Channels(voice=1))
    outbound: Name
    """default outbound queue (from `queues`)"""
    description: str | None = Field(None, max_length=250)
    manual: list[Name] = Field(default_factory=list)
    """manual-assignment queues (from `queues`): agents of this profile pick their tasks from them in the
    Worklist app instead of being routed them"""


class SecurityProfile(Node):
    """A custom security profile: what its users may do and see."""

    permissions: list[Name] = Field(min_length=1, max_length=500)
    """Connect permission names, e.g. BasicAgentAccess, OutboundCallAccess, AccessMetrics"""
    description: str | None = Field(None, max_length=250)
    access_tags: dict[str, str] = Field(default_factory=dict)
    """only resources with these tags are visible to the profile's users"""

    shorthand_schema: ClassVar[dict | None] = {"type": "array", "items": {"type": "string"}, "minItems": 1}

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        if isinstance(value, list):
            return {"permissions": value}
        return super().shorthand(value)


class HierarchyGroup(Node):
    """A group of the agent hierarchy (a region, a site, a team)."""

    parent: Name | None = None
    """the group this one belongs to (from `hierarchy.groups`); left out, a group of the first level"""


class Hierarchy(Node):
    """The agent hierarchy: its level names, top first, and its groups."""

    levels: list[str] = Field(min_length=1, max_length=5)
    """names of the levels, top first (at most five), e.g. [Region, Site, Team]"""
    groups: dict[str, HierarchyGroup] = Field(default_factory=dict)

    def depth(self, group: str) -> int:
        """Level of ``group`` (1 for a group without parent); 0 when its parents form a cycle or are unknown."""
        seen: list[str] = []
        while group in self.groups and group not in seen:
            seen.append(group)
            parent = self.groups[group].parent
            if parent is None:
                return len(seen)
            group = str(parent)
        return 0


class AgentStatus(Node):
    """A custom agent status (Training, Meeting …) agents can set in the agent workspace."""

    description: str | None = Field(None, max_length=250)
    enabled: bool = True
    """shown to agents (a status cannot be deleted in Connect, only disabled)"""
    order: int | None = Field(None, ge=1, le=50)
    """position in the agents' status list"""


class Attribute(Node):
    """A predefined attribute: a name and the values agents are proficient in and contacts route on."""

    values: list[str] = Field(min_length=1, max_length=128)

    shorthand_schema: ClassVar[dict | None] = {"type": "array", "items": {"type": "string"}, "minItems": 1}

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        if isinstance(value, list):
            return {"values": value}
        return super().shorthand(value)


class AgentPhone(Node):
    type: PhoneType = "soft"
    number: str | None = Field(None, pattern=E164)
    """desk phone number (E.164), for `type: desk`"""
    auto_accept: bool = False
    acw_timeout: Duration | None = None
    """after-contact work time"""


class Agent(Node):
    """A user of the instance (an agent, supervisor or admin)."""

    email: Text | None = None
    first_name: str | None = Field(None, max_length=100)
    last_name: str | None = Field(None, max_length=100)
    routing: Name
    """routing profile (from `routing`)"""
    security: list[Name] = Field(min_length=1)
    """security profiles: Admin, Agent, CallCenterManager, QualityAnalyst, or one of `security_profiles`"""
    phone: AgentPhone = Field(default_factory=AgentPhone)
    password: Secret | None = None
    """initial password, as ${env:…} or ${ssm:…}; left out, a generated one is kept in AWS Secrets Manager as
    ccdsl/<site>/agents/<agent>"""
    hierarchy: Name | None = None
    """hierarchy group (from `hierarchy.groups`)"""
    proficiencies: dict[Name, dict[Name, float]] = Field(default_factory=dict)
    """attribute (from `attributes`) -> value -> level from 1 to 5, e.g. {language: {Spanish: 5}}"""


class PhoneNumber(Node):
    """A claimed phone number and the flow it rings."""

    type: NumberType = "DID"
    country: str = Field(pattern=r"^[A-Z]{2}$")
    """ISO 3166-1 alpha-2 country code"""
    prefix: str | None = Field(None, pattern=r"^\+[0-9]{1,15}$")
    """number prefix to claim from, e.g. +4420"""
    number: str | None = Field(None, pattern=E164)
    """the very number to claim, in E.164 (`+441234567890`), instead of any number of the country"""
    flow: Name
    """contact flow (from `flows`)"""
    description: str | None = None


class QuickConnect(Node):
    """A quick connect: to a queue, a user or an external number."""

    queue: Name | None = None
    user: Name | None = None
    """agent (from `agents`)"""
    number: str | None = Field(None, pattern=E164)
    flow: Name | None = None
    """transfer flow (from `flows`); required for queue and user quick connects"""
    description: str | None = None


#: an existing prompt's ARN (DescribePrompt's PromptARN;
#: https://docs.aws.amazon.com/connect/latest/APIReference/API_Prompt.html)
PROMPT_ARN = (r"^arn:aws[a-z-]*:connect:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1}:\d{12}:instance/[a-zA-Z0-9-]{1,100}"
              r"/prompt/[a-zA-Z0-9-]{1,256}$")


class AudioPrompt(Node):
    """An audio prompt: a .wav file under the site folder, uploaded to a bucket and created with CreatePrompt, or
    an existing prompt of the instance named by its ARN (nothing uploaded or created); flows play it with
    ``play NAME``."""

    file: str | None = None
    """the audio file (.wav), relative to the site file (inside its folder)"""
    bucket: Name | None = None
    """the bucket (from `buckets`) the file is uploaded to; Connect reads the prompt from there"""
    arn: str | None = Field(None, pattern=PROMPT_ARN)
    """an existing prompt's ARN instead of `file` and `bucket`: nothing is uploaded or created"""
    description: str | None = Field(None, max_length=250)


class Flow(Node):
    """A contact flow: a compact `do:` body or a Jinja2 template of flow JSON."""

    type: FlowType = "contact_flow"
    description: str | None = Field(None, max_length=500)
    do: FlowCode | None = None
    template: str | None = None
    """path of a Jinja2 template of Connect flow JSON, relative to the site file"""
    vars: dict[str, Any] = Field(default_factory=dict)
    """variables passed to the template"""
    language: str | None = Field(None, pattern=LOCALE)
    """the language this flow sets when it starts (overrides the instance's `language`)"""
    channels: list[Channel] | None = None
    """the channels contacts reach this flow on (derived from numbers, chat and transfers when not given)"""

    shorthand_schema: ClassVar[dict | None] = {"type": "string", "description": "a flow body"}

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        if isinstance(value, str):
            return {"do": value}
        return super().shorthand(value)

"""Typed events of a run. The runtime emits them; sinks (plain lines, rich, TUI, JSON lines) consume them.

``t`` is deployment time in seconds since the run started: simulated seconds on the ``sim`` provider
(so a 25-minute deploy reads as 25 minutes even when it plays in seconds), wall seconds on ``aws``.

Both directions of serialisation live here: :meth:`Event.to_dict` and :func:`event_from_dict`. An events
file (``apply --events FILE``) opens with :func:`header`, which names :data:`SCHEMA_VERSION`; records of
kinds or fields this version does not know are skipped, so older files and additive changes both load.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, ClassVar

from ccdsl.dsl.source import UNKNOWN, Span

# Version of the event records. Bump it when a field changes meaning or is removed (adding one is not a break).
SCHEMA_VERSION = 1
HEADER_KIND = "ccdsl_events"


class EventSchemaError(ValueError):
    """Event records of a schema this version cannot read."""


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """Where in the .ccd file a resource is declared: shown as ``file:line:col``."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"

    @classmethod
    def of(cls, span: Span | None) -> SourceSpan | None:
        return None if span is None or span == UNKNOWN else cls(span.file, span.line, span.col)

    @classmethod
    def from_dict(cls, data: Any) -> SourceSpan | None:
        """The span of a recorded event (a mapping), or None when the record has none."""
        if isinstance(data, dict) and {"file", "line", "col"} <= set(data):
            return cls(str(data["file"]), int(data["line"]), int(data["col"]))
        return None


def _plain(value: Any) -> Any:
    return {f.name: _plain(getattr(value, f.name)) for f in fields(value)} if is_dataclass(value) else value


@dataclass(frozen=True, slots=True)
class Event:
    kind: ClassVar[str] = "event"
    t: float

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, tuple) and value and hasattr(value[0], "__dataclass_fields__"):
                value = [_plain(v) for v in value]
            elif isinstance(value, dict):
                value = dict(value)
            elif is_dataclass(value):
                value = _plain(value)
            out[name] = value
        return out


@dataclass(frozen=True, slots=True)
class PlannedResource:
    address: str
    type: str
    phase: int
    action: str  # create | update | replace | delete | noop
    estimate_s: float
    depends_on: tuple[str, ...]
    critical: bool
    slack_s: float
    source: SourceSpan | None = None  # where the resource is declared (None for a resource being deleted)


@dataclass(frozen=True, slots=True)
class PlanReady(Event):
    kind: ClassVar[str] = "plan_ready"
    site: str
    provider: str
    resources: tuple[PlannedResource, ...]
    critical_path: tuple[str, ...]
    critical_length_s: float
    region: str = ""  # where the run acts (the site's region)
    destroy: bool = False
    kept: tuple[str, ...] = ()  # deletes that only forget the resource and keep it (phone numbers)
    estimated_s: float = 0.0  # the schedule under the service limits (0: not computed; use critical_length_s)


@dataclass(frozen=True, slots=True)
class ResourceQueued(Event):
    kind: ClassVar[str] = "resource_queued"
    address: str


@dataclass(frozen=True, slots=True)
class ResourceStarted(Event):
    kind: ClassVar[str] = "resource_started"
    address: str
    action: str


@dataclass(frozen=True, slots=True)
class ResourceProgress(Event):
    kind: ClassVar[str] = "resource_progress"
    address: str
    message: str


@dataclass(frozen=True, slots=True)
class ResourceRetrying(Event):
    kind: ClassVar[str] = "resource_retrying"
    address: str
    attempt: int
    reason: str
    delay_s: float


@dataclass(frozen=True, slots=True)
class ResourceDone(Event):
    kind: ClassVar[str] = "resource_done"
    address: str
    action: str
    duration_s: float
    outputs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ResourceFailed(Event):
    kind: ClassVar[str] = "resource_failed"
    address: str
    action: str
    error: str
    attempts: int
    source: SourceSpan | None = None  # where the resource is declared (None for a resource being deleted)


@dataclass(frozen=True, slots=True)
class ResourceSkipped(Event):
    kind: ClassVar[str] = "resource_skipped"
    address: str
    because: str  # the failed ancestor's address


@dataclass(frozen=True, slots=True)
class PhaseDone(Event):
    kind: ClassVar[str] = "phase_done"
    phase: int
    elapsed_s: float


@dataclass(frozen=True, slots=True)
class RunPaused(Event):
    kind: ClassVar[str] = "run_paused"


@dataclass(frozen=True, slots=True)
class RunResumed(Event):
    kind: ClassVar[str] = "run_resumed"


@dataclass(frozen=True, slots=True)
class StopRequested(Event):
    kind: ClassVar[str] = "stop_requested"
    hard: bool = False


TICK_S = 5.0  # deployment seconds between two Tick events


@dataclass(frozen=True, slots=True)
class Tick(Event):
    """Deployment time passed while work was in flight (every few seconds of it): views move their clocks
    and print their "still creating" lines on it. Not recorded in state or event files."""
    kind: ClassVar[str] = "tick"


@dataclass(frozen=True, slots=True)
class ApplyDone(Event):
    kind: ClassVar[str] = "apply_done"
    ok: bool
    elapsed_s: float
    estimated_s: float
    counts: dict[str, int]  # done / failed / skipped / pending / noop
    critical_path: tuple[str, ...]  # as it really ran


EventSink = Callable[[Event], None]

KINDS: dict[str, type[Event]] = {
    cls.kind: cls for cls in list(globals().values())
    if isinstance(cls, type) and issubclass(cls, Event) and cls is not Event
}


def header() -> dict[str, Any]:
    """The first record of an events file."""
    return {"kind": HEADER_KIND, "schema_version": SCHEMA_VERSION}


def check_header(data: dict[str, Any], source: str) -> None:
    """Refuse event records newer than this version; a file without a header is a version-0 file (the
    same records), read as it is."""
    version = data.get("schema_version")
    if not isinstance(version, int) or version < 0:
        raise EventSchemaError(f"{source}: the events header has no valid schema_version ({version!r})")
    if version > SCHEMA_VERSION:
        raise EventSchemaError(f"{source}: events of schema version {version} were written by a newer ccdsl "
                               f"(this one reads up to {SCHEMA_VERSION}); upgrade ccdsl to read them")


def event_from_dict(data: dict[str, Any]) -> Event | None:
    """The event of a record, or None for a header, an unknown kind or a record missing a required field."""
    cls = KINDS.get(data.get("kind", ""))
    if cls is None:
        return None
    names = {f.name for f in dataclasses.fields(cls)}
    values = {k: v for k, v in data.items() if k in names}
    if cls is PlanReady:
        pnames = {f.name for f in dataclasses.fields(PlannedResource)}
        values["resources"] = tuple(
            PlannedResource(**{**{k: v for k, v in r.items() if k in pnames},
                               "depends_on": tuple(r.get("depends_on", ())),
                               "source": SourceSpan.from_dict(r.get("source"))})
            for r in values.get("resources", ())
        )
    if "source" in values:
        values["source"] = SourceSpan.from_dict(values["source"])
    if "kept" in values:
        values["kept"] = tuple(values["kept"])
    if "critical_path" in values:
        values["critical_path"] = tuple(values["critical_path"])
    try:
        return cls(**values)
    except TypeError:  # a required field is missing: not an event this version understands
        return None


def events_from_dicts(rows: Iterable[dict[str, Any]], source: str = "events") -> list[Event]:
    """Events of records in order; a header among them is checked (see :func:`check_header`)."""
    out = []
    for row in rows:
        if row.get("kind") == HEADER_KIND:
            check_header(row, source)
            continue
        event = event_from_dict(row)
        if event is not None:
            out.append(event)
    return out

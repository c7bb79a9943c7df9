"""The typed registry entry: everything ccdsl knows about one resource type.

One :class:`ResourceType` per type, declared in the module of its AWS service area (``connect.py``,
``lex.py`` …). The compiler reads its outputs, ``replace_on``, display group and latency; the planner and
executor its kind, rate bucket and whether it updates in place; the simulator its outputs, rules and
latency; the aws provider its calls, identity, adoption and waits. Expressions are in the one language of
:mod:`.expressions`.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

# Display groups: what a run's progress is grouped by. They name kinds of resources, never one site's
# resources, so they describe any site. The "phased" baseline schedule runs them in this order.
GROUPS: dict[int, str] = {
    1: "Foundation",
    2: "Connect & streaming",
    3: "Lambda & APIs",
    4: "Bots & locale builds",
    5: "Bot versions & aliases",
    6: "Queues & routing",
    7: "Contact flows",
    8: "Monitoring",
    9: "Agent web site",
    10: "Glue catalogue",
}


@dataclass(frozen=True, slots=True)
class Find:
    """Adopt an existing resource by listing (AWS has no idempotency for this type)."""

    op: str  # list/search method, paginated when botocore has a paginator for it
    items: str  # JMESPath to the entries in one page
    field: str  # entry member holding the name
    name: str  # expression for the wanted name
    args: Mapping[str, object] = dataclasses.field(default_factory=dict)  # list kwargs (expressions)
    outputs: Mapping[str, str] = dataclasses.field(default_factory=dict)  # over {in, item}


@dataclass(frozen=True, slots=True)
class Call:
    """A further AWS call of a type's procedural steps, named in :attr:`ResourceType.procedure` by its role
    (``"associate_queues"``) so the handler that makes it names no operation itself."""

    op: str  # boto3 method (snake_case), or the botocore waiter's name when ``waiter``
    items: str | None = None  # list calls: JMESPath to the entries of one page (paginated like Find)
    args: Mapping[str, object] = field(default_factory=dict)  # kwargs (expressions over {in, out})
    outputs: Mapping[str, str] = field(default_factory=dict)  # read from one entry: over {in, out, item}
    service: str | None = None  # another boto3 client than the type's own
    waiter: bool = False


@dataclass(frozen=True, slots=True)
class Poll:
    """Call ``op`` (with the key kwargs) until ``status`` (an expression over the response) is ready."""

    op: str
    status: str
    ready: tuple[str, ...]
    failed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Latency:
    """Seconds AWS takes, (low, high), including the wait until the result is usable."""

    create: tuple[float, float]
    delete: tuple[float, float]

    @property
    def estimate(self) -> float:
        """The midpoint of the create range: the duration the critical path is computed with."""
        return (self.create[0] + self.create[1]) / 2.0

    @property
    def delete_estimate(self) -> float:
        return (self.delete[0] + self.delete[1]) / 2.0


@dataclass(frozen=True, slots=True)
class ResourceType:
    """One resource type. ``Resource.inputs`` are the keyword arguments of :attr:`create` on the boto3
    client :attr:`service` (Refs resolved at apply time), except :attr:`local_inputs`."""

    type: str
    service: str  # boto3 client name; "local" for steps the provider does itself
    create: str  # boto3 method (snake_case)
    group: int  # display group (see GROUPS)
    bucket: str  # rate-limit bucket: connect, lex, lex-build, lambda, iam, s3, …
    latency: Latency
    outputs: Mapping[str, str]  # over {in, res: create response, out: outputs computed first}
    read: str | None = None
    update: str | None = None  # None (and no update_by_input): any change replaces the resource
    delete: str | None = None
    kind: str = "resource"  # resource | step (a lifecycle call, nothing to delete) | data (a lookup)
    key: Mapping[str, str] = field(default_factory=dict)  # read/update/delete kwargs, over {in, out}
    replace_on: frozenset[str] = frozenset()  # inputs AWS cannot change in place
    update_by_input: Mapping[str, str] = field(default_factory=dict)  # input -> its own update call
    # put: create kwargs again; model: key + the inputs the update call accepts; changed: only changed ones
    update_mode: str = "model"
    read_outputs: Mapping[str, str] | None = None  # over {in, out, res: read response}
    exists: frozenset[str] = frozenset()  # create error codes meaning "it is already there": adopt it
    find: Find | None = None  # adoption by name, before creating
    gone: str | None = None  # over {res: read response}: true when the resource is as good as deleted
    delete_args: Mapping[str, object] = field(default_factory=dict)  # extra delete kwargs (expressions)
    create_waiter: tuple[str, Mapping[str, str]] | None = None  # botocore waiter after create
    delete_waiter: tuple[str, Mapping[str, str]] | None = None
    poll: Poll | None = None  # after create, for APIs without a waiter
    create_result: str | None = None  # over {res}: a non-empty value means the call partly failed
    then: tuple[str, ...] = ()  # calls right after create, with the key kwargs
    # Inputs the provider consumes itself: "file:<Param>" reads the named local file (relative to the
    # site's folder) into boto3 parameter <Param>; "search" feeds a preliminary lookup; "hash" is a content
    # hash used only for change detection; "folder" is zipped by the provider.
    local_inputs: Mapping[str, str] = field(default_factory=dict)
    region: str | None = None  # a fixed region (the handler may choose per resource)
    # replaced whenever anything it depends on changed, not only its own inputs (a numbered bot version)
    rebuilt_on_any_change: bool = False
    # the ARN in AWS's documented format (a template over {partition, region, account, in, out}) where AWS
    # returns it (the arn output reads the response): the simulator makes its ARNs from it. An arn output
    # that is itself a template needs none (see :attr:`arn_template`).
    arn: str | None = None
    # the further calls a procedural handler makes (chunked associations, lookups, clean-up), by role
    procedure: Mapping[str, Call] = field(default_factory=dict)
    note: str = ""

    @property
    def updatable(self) -> bool:
        """Whether any change can be made in place (else every change replaces)."""
        return bool(self.update or self.update_by_input or self.kind == "step")

    def calls(self) -> list[str]:
        """Every boto3 method of the type's own service its lifecycle uses (waiters aside)."""
        found = [self.create, self.read, self.update, self.delete, *self.update_by_input.values(), *self.then,
                 self.poll.op if self.poll else None, self.find.op if self.find else None,
                 *(c.op for c in self.procedure.values() if c.service is None and not c.waiter)]
        return [c for c in dict.fromkeys(found) if c]

    @property
    def arn_template(self) -> str | None:
        """How the type's ARN is made: :attr:`arn`, or the ``arn`` output when that is a template."""
        output = self.outputs.get("arn")
        if self.arn is not None or not isinstance(output, str) or not output.startswith("arn:"):
            return self.arn
        return output

    def step(self, role: str) -> Call:
        """The procedural call named ``role`` (KeyError naming the type and role when there is none)."""
        try:
            return self.procedure[role]
        except KeyError:
            raise KeyError(f"{self.type} has no procedural call {role!r} in its registry entry") from None

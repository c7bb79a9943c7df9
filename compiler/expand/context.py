"""The expansion context: collects resources, IAM grants and artefacts while the area modules walk
the site model."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.model import Bucket, Compact, Function, Node, Table
from ccdsl.dsl.source import UNKNOWN, Span

from .. import addresses as A
from ..registry import entry
from ..resources import Ref, Resource

DUPLICATE_ADDRESS = "E403"
_NONE: frozenset[str] = frozenset()
_UNSAFE_NAME = re.compile(r"[^0-9A-Za-z_.-]")  # what a physical name may not hold
_UNSAFE_BUCKET = re.compile(r"[^0-9a-z.-]")  # what a bucket name may not hold


@dataclass
class Grant:
    actions: tuple[str, ...]
    resources: tuple[Any, ...]  # ARNs: str, Ref or Template
    sid: str = ""
    condition: dict | None = None


@dataclass
class RoleInfo:
    name: str  # logical name: function_banking, bot_gateway, firehose …
    principal: str  # service principal that assumes it
    span: Span | None
    grants: list[Grant] = field(default_factory=list)


@dataclass
class Context:
    site: str
    region: str
    tags: dict[str, str]
    diagnostics: Diagnostics
    source_dir: str = "."
    resources: dict[str, Resource] = field(default_factory=dict)
    artefacts: dict[str, str] = field(default_factory=dict)
    flow_sources: dict[str, dict[str, Span]] = field(default_factory=dict)  # flow -> action Identifier -> span
    roles: dict[str, RoleInfo] = field(default_factory=dict)
    # what the area modules read of each other's sections and learn from each other
    buckets: dict[str, Bucket] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    functions: dict[str, Function] = field(default_factory=dict)
    #: lake tables that pipelines route records into: name -> (S3 prefix, span)
    lake_tables: dict[str, tuple[str, Span | None]] = field(default_factory=dict)
    #: statements other areas need in a bucket's policy (CloudTrail writes, CloudFront reads)
    bucket_statements: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: the bucket that serves the agent site (its policy shows with the site's phase)
    site_bucket: str | None = None
    identity: str = "CONNECT_MANAGED"  # the instance's IdentityManagementType
    #: the key that encrypts streams, topics and log groups naming none (``keys.*.default``, or the only key)
    site_key: str | None = None
    #: the KMS key of each Kinesis stream and SNS topic (None: not encrypted with a customer key)
    stream_keys: dict[str, str | None] = field(default_factory=dict)
    topic_keys: dict[str, str | None] = field(default_factory=dict)
    #: ``${kind.name.attr}`` references written by the user, checked once every resource exists
    user_refs: list[tuple[Ref, Span | None]] = field(default_factory=list)
    #: per resource type: its registry group, create estimate and replace-on keys
    _types: dict[str, tuple[int, float, frozenset[str]]] = field(default_factory=dict, repr=False)

    # -- resources --------------------------------------------------------------------------------
    def add(self, address: str, type_: str, inputs: dict[str, Any], *, name: str = "",
            span: Span | None = None, extra_deps: Iterable[str] = (), phase: int | None = None,
            replace_on: Iterable[str] | None = None, create_only: Iterable[str] = ()) -> Resource:
        known = self._types.get(type_)
        if known is None:  # what the registry says of a type, looked up once per compile
            spec = entry(type_)
            known = self._types[type_] = (spec.group, spec.latency.estimate, spec.replace_on)
        if address in self.resources:
            self.diagnostics.error(DUPLICATE_ADDRESS, f"two resources would have the address '{address}'",
                                   span or UNKNOWN)
        # positional: a class called with keywords builds a dict of them first (≈ 0.5 µs a resource)
        r = Resource(address, type_, known[0] if phase is None else phase, inputs, known[1], name, span,
                     set(extra_deps), known[2] if replace_on is None else frozenset(replace_on),
                     frozenset(create_only) if create_only else _NONE)
        self.resources[address] = r
        return r

    def has(self, address: str) -> bool:
        return address in self.resources

    # -- naming ------------------------------------------------------------------------------------
    def physical(self, *parts: str, sep: str = "-", limit: int = 64) -> str:
        """A physical AWS name: ``<site>-<parts>`` with characters AWS names commonly accept."""
        text = _UNSAFE_NAME.sub(sep, sep.join([self.site, *parts]))
        if len(text) > limit:  # shortened names keep a digest of the full one, so they stay distinct
            text = text[: limit - 9] + "-" + hashlib.sha1(text.encode()).hexdigest()[:8]
        return text

    def bucket_name(self, name: str) -> str:
        """The bucket name before the account id suffix (``-123456789012``): at most 50 characters."""
        text = _UNSAFE_BUCKET.sub("-", f"{self.site}-{name}".lower())
        if len(text) > 50:
            text = text[:41].strip("-.") + "-" + hashlib.sha1(text.encode()).hexdigest()[:8]
        return text

    def tag_map(self, **extra: str) -> dict[str, str]:
        return dict(sorted({"ccdsl:site": self.site, **self.tags, **extra}.items()))

    def tag_list(self, key: str = "Key", value: str = "Value", **extra: str) -> list[dict[str, str]]:
        return [{key: k, value: v} for k, v in self.tag_map(**extra).items()]

    # -- IAM ---------------------------------------------------------------------------------------
    def role(self, name: str, principal: str, span: Span | None = None) -> str:
        """Declare an execution role assumed by ``principal``; returns its address."""
        if name not in self.roles:
            self.roles[name] = RoleInfo(name, principal, span)
        return A.role_addr(name)

    def grant(self, role: str, actions: Iterable[str], resources: Iterable[Any], sid: str = "",
              condition: dict | None = None) -> None:
        grant = Grant(tuple(actions), tuple(resources), sid, condition)
        if grant not in self.roles[role].grants:  # several pipelines may need the same access
            self.roles[role].grants.append(grant)

    def role_arn(self, name: str) -> Ref:
        return Ref(A.role_addr(name), "arn")

    def encryption_key(self, written: str | None) -> str | None:
        """The key a stream, topic or log group is encrypted with: the one it names, none for ``none``,
        else the site's key."""
        if written == "none":
            return None
        return str(written) if written else self.site_key

    def bucket_key(self, bucket: str) -> str | None:
        """The KMS key a declared bucket is encrypted with (None: S3-managed, or not declared)."""
        declared = self.buckets.get(bucket)
        return str(declared.key) if declared is not None and declared.key else None

    # -- shorthands --------------------------------------------------------------------------------
    @property
    def instance_id(self) -> Ref:
        return Ref(A.INSTANCE, "id")

    @property
    def instance_arn(self) -> Ref:
        return Ref(A.INSTANCE, "arn")


def span_of(node: Node | Compact | None, *fields: str) -> Span | None:
    """The span of a model node, or of the first of ``fields`` written in it (None for no node)."""
    if node is None:
        return None
    if isinstance(node, Node):
        for f in fields:
            if f in node.field_spans:
                return node.field_spans[f]
    return node.span

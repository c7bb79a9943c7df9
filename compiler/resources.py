"""The resource contract between compiler, runtime and providers.

A :class:`Resource` is one thing the runtime creates, updates or deletes: an AWS resource named by its
Terraform AWS provider type (``aws_connect_queue``) or an explicit lifecycle step that Terraform users
hand-roll with ``null_resource`` (``lex_bot_locale_build``, ``connect_bot_association`` …).

Inputs are JSON-like values. Anywhere inside them a :class:`Ref` stands for another resource's output,
known only at apply time, and a :class:`Secret` for a value resolved at apply time and never stored.
Dependencies are exactly the addresses of the Refs in the inputs plus ``extra_deps`` (ordering that is
real but carries no value, e.g. "build the locale after every intent exists").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ccdsl.dsl.source import Span

from .jsonout import NotPlain, float_written_alike
from .registry.base import GROUPS

# Display groups come from the registry (by resource kind); ``PHASES`` is their historical name.
PHASES: dict[int, str] = GROUPS


@dataclass(frozen=True, slots=True)
class Ref:
    """The output ``attr`` of the resource at ``address``; rendered as ``${address.attr}``."""

    address: str
    attr: str

    @property
    def token(self) -> str:
        return "${%s.%s}" % (self.address, self.attr)


@dataclass(frozen=True, slots=True)
class Secret:
    """``${env:NAME}`` / ``${env:NAME:-default}`` / ``${ssm:/path}``: resolved at apply time only."""

    source: str  # "env" | "ssm"
    name: str
    default: str | None = None

    @property
    def token(self) -> str:
        tail = f":-{self.default}" if self.default is not None else ""
        return "${%s:%s%s}" % (self.source, self.name, tail)


@dataclass(frozen=True, slots=True)
class Template:
    """A string with embedded Refs/Secrets, e.g. ``arn:aws:s3:::${bucket.x.name}/*``.

    ``parts`` alternate literal strings and Ref/Secret objects.
    """

    parts: tuple[Any, ...]

    @property
    def token(self) -> str:
        return "".join(p if isinstance(p, str) else p.token for p in self.parts)


@dataclass(slots=True)
class Resource:
    address: str
    type: str
    phase: int
    inputs: dict[str, Any]
    estimate_s: float
    name: str = ""  # the physical name at AWS, where it has one
    span: Span | None = None  # where in the .ccd file it comes from
    extra_deps: set[str] = field(default_factory=set)
    replace_on: frozenset[str] = frozenset()  # input keys AWS cannot change in place
    create_only: frozenset[str] = frozenset()  # inputs sent on create, ignored for diffing (e.g. passwords)

    def refs(self) -> list[Ref]:
        return iter_refs(self.inputs)

    @property
    def depends_on(self) -> set[str]:
        """The addresses of the Refs in the inputs and the ``extra_deps``."""
        found = set(self.extra_deps)
        _add_ref_addresses(self.inputs, found)
        return found


def iter_refs(value: Any) -> list[Ref]:
    """Every Ref in ``value`` (inside Templates, dicts, lists and tuples), in order."""
    found: list[Ref] = []
    _collect_refs(value, found)
    return found


_SCALARS = (str, int, float, bool, type(None))


def _collect_refs(value: Any, found: list[Ref]) -> None:
    t = type(value)
    if t in _SCALARS:
        return
    if t is dict:
        for v in value.values():
            if type(v) not in _SCALARS:
                _collect_refs(v, found)
    elif t is list or t is tuple:
        for v in value:
            if type(v) not in _SCALARS:
                _collect_refs(v, found)
    elif isinstance(value, Ref):
        found.append(value)
    elif isinstance(value, Template):
        for part in value.parts:
            _collect_refs(part, found)
    elif isinstance(value, dict):
        for v in value.values():
            _collect_refs(v, found)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _collect_refs(v, found)


def _add_ref_addresses(value: Any, found: set[str]) -> None:
    """Add the address of every Ref in ``value`` to ``found``: :func:`iter_refs` without the list of Refs
    (the graph asks each resource once; most inputs are a few strings)."""
    t = type(value)
    if t is dict:
        for v in value.values():
            if type(v) not in _SCALARS:
                _add_ref_addresses(v, found)
    elif t is list or t is tuple:
        for v in value:
            if type(v) not in _SCALARS:
                _add_ref_addresses(v, found)
    elif t is Ref:
        found.add(value.address)
    elif t is Template:
        for part in value.parts:
            if type(part) is not str:
                _add_ref_addresses(part, found)
    elif t in _SCALARS:
        return
    else:  # subclasses, as iter_refs reads them
        for ref in iter_refs(value):
            found.add(ref.address)


def to_jsonable(value: Any) -> Any:
    """Inputs as plain JSON: Refs, Secrets and Templates become their ``${…}`` tokens."""
    t = type(value)
    if t in _SCALARS:
        return value
    if t is dict:
        return {k: v if type(v) in _SCALARS else to_jsonable(v) for k, v in value.items()}
    if t is list or t is tuple:
        return [v if type(v) in _SCALARS else to_jsonable(v) for v in value]
    if isinstance(value, (Ref, Secret, Template)):
        return value.token
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value


# a dict's keys as they come -> the same keys in sorted order (None: they already are); sites repeat a few
# dozen key sets (one per resource type and block), so each set is sorted once
_KEY_ORDER: dict[tuple[Any, ...], tuple[str, ...] | None] = {}
_KEY_ORDER_MAX = 4096
_STR_ONLY = frozenset({str})


# what to_sorted_jsonable returns as it is without a look: a float is looked at (pydantic-core writes a few
# otherwise than json does)
_PLAIN_SCALARS = (str, int, bool, type(None))


def to_sorted_jsonable(value: Any) -> Any:
    """:func:`to_jsonable` with every dict's keys in sorted order, for a :class:`~.jsonout.Presorted`;
    :class:`~.jsonout.NotPlain` when a key is not a string, a value is not plain JSON or a float is one that
    pydantic-core writes otherwise than json (:func:`~.jsonout.float_written_alike`). A dict or list that
    already is sorted plain JSON throughout is returned as it is (not copied)."""
    t = type(value)
    if t in _PLAIN_SCALARS:
        return value
    if t is dict:
        keys = tuple(value)
        if not _STR_ONLY.issuperset(map(type, keys)):
            raise NotPlain("a key that is not a string")
        order = _KEY_ORDER.get(keys, keys)
        if order is keys:  # a key set not seen yet
            ordered = tuple(sorted(keys))
            order = None if ordered == keys else ordered
            if len(_KEY_ORDER) < _KEY_ORDER_MAX:
                _KEY_ORDER[keys] = order
        if order is None:
            for v in value.values():
                if type(v) not in _PLAIN_SCALARS:
                    return {k: v if type(v) in _PLAIN_SCALARS else to_sorted_jsonable(v) for k, v in value.items()}
            return value
        return {k: v if type(v) in _PLAIN_SCALARS else to_sorted_jsonable(v) for k in order for v in (value[k],)}
    if t is list:
        for v in value:
            if type(v) not in _PLAIN_SCALARS:
                return [v if type(v) in _PLAIN_SCALARS else to_sorted_jsonable(v) for v in value]
        return value
    if t is tuple:
        return [v if type(v) in _PLAIN_SCALARS else to_sorted_jsonable(v) for v in value]
    if t is float:
        if float_written_alike(value):
            return value
        raise NotPlain("a float pydantic-core writes otherwise than json")
    if t is Ref or t is Secret or t is Template:
        return value.token
    if isinstance(value, str):  # a located string of the site: json writes its text
        return str.__str__(value)
    raise NotPlain(f"not plain JSON: {t.__name__}")


class Timing(NamedTuple):
    """CPM figures of one resource, in seconds from the start of the run (a named tuple: a site has one per
    resource, and a tuple is several times cheaper to make than a frozen dataclass)."""

    earliest_start: float
    earliest_finish: float
    latest_start: float
    latest_finish: float

    @property
    def slack(self) -> float:
        return self.latest_start - self.earliest_start


CriticalPath = tuple[dict[str, Timing], list[str], float]


@dataclass(slots=True, init=False)
class CompiledSite:
    """What the compiler hands the runtime (and writes out as ``build/``).

    ``graph`` is a networkx DiGraph whose nodes are addresses and whose edges run from a dependency to
    its dependant. ``artefacts`` holds rendered outputs by relative path (``flows/main.json`` …).
    ``timings``, ``critical_path`` and ``critical_length_s`` (the critical path method over the graph with
    the resources' estimates) are computed on first read when they were not given: a plan works out its own.
    """

    site: str
    region: str
    resources: dict[str, Resource]
    graph: Any  # networkx.DiGraph
    artefacts: dict[str, str]
    source_dir: str
    # per flow with a do: body, where each action of its Connect JSON came from: Identifier -> statement span
    flow_sources: dict[str, dict[str, Span]]
    # the channels each flow is reached on (declared or derived; empty when unknown)
    flow_channels: dict[str, frozenset[str]]
    # what the compile read (files, folders, code), when the runtime recorded it: an apply stores it so the
    # next apply can tell nothing changed without compiling (ccdsl.runtime.readset, ccdsl.runtime.noop)
    inputs: dict[str, Any] | None
    # the graph's nodes in ``nx.topological_sort(graph)`` order, as the compile found them (None: not known)
    order: list[str] | None
    # (timings, critical path, its length) once given or computed
    critical: CriticalPath | None
    # the graph numbered as the compile made it (``cpm.Numbered``), for the critical path and the estimate;
    # read only while ``resources`` and ``graph`` are the ones it was made from
    numbered: Any = field(default=None, compare=False, repr=False)

    def __init__(self, site: str, region: str, resources: dict[str, Resource], graph: Any,
                 timings: dict[str, Timing] | None = None, critical_path: list[str] | None = None,
                 critical_length_s: float | None = None, artefacts: dict[str, str] | None = None,
                 source_dir: str = ".", flow_sources: dict[str, dict[str, Span]] | None = None,
                 flow_channels: dict[str, frozenset[str]] | None = None, inputs: dict[str, Any] | None = None,
                 order: list[str] | None = None) -> None:
        self.site = site
        self.region = region
        self.resources = resources
        self.graph = graph
        self.artefacts = {} if artefacts is None else artefacts
        self.source_dir = source_dir
        self.flow_sources = {} if flow_sources is None else flow_sources
        self.flow_channels = {} if flow_channels is None else flow_channels
        self.inputs = inputs
        self.order = order
        self.critical = None if timings is None else (timings, critical_path or [], critical_length_s or 0.0)
        self.numbered = None

    def numbering(self) -> Any:
        """The graph numbered (``cpm.Numbered``) when the compile made it for these resources and this graph."""
        numbered = self.numbered
        if numbered is not None and numbered.resources is self.resources and numbered.graph is self.graph:
            return numbered
        return None

    def _critical(self) -> CriticalPath:
        if self.critical is None:
            from .cpm import critical_path, numbered_critical_path

            numbered = self.numbering()
            if numbered is not None and numbered.order is not None:
                self.critical = numbered_critical_path(numbered)
            else:
                self.critical = critical_path(self.graph, {a: r.estimate_s for a, r in self.resources.items()},
                                              self.order)
        return self.critical

    @property
    def timings(self) -> dict[str, Timing]:
        return self._critical()[0]

    @property
    def critical_path(self) -> list[str]:
        return self._critical()[1]

    @property
    def critical_length_s(self) -> float:
        return self._critical()[2]

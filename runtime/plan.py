"""Plan: the desired graph (a CompiledSite) against recorded state.

Each address gets one action: ``create``, ``update`` (in place), ``replace`` (an input AWS cannot change
in place changed, or the type cannot be updated at all), ``delete`` (it left the file, or destroy), or
``noop``. Comparison is by per-input digest of the desired form (see :mod:`ccdsl.runtime.inputs`), so a
change touches only what truly depends on it:

* a dependant whose Ref points at a resource that gets a new identity (created again or replaced) is
  updated (replaced if that input is one AWS cannot change in place);
* a lifecycle step (``kind == "step"``: a locale build, a flow content update …) runs again when a
  dependency it is ordered after (``extra_deps``) changed;
* a numbered bot version is cut again when anything it depends on changed.

Execution order: changes wait for the changes they depend on; deletes run in reverse dependency order.
The plan's critical path is computed (CPM) over the changes only, with the latency model's estimates; the
estimate (:attr:`Plan.estimated_s`) plays the executor's policy on them under the service limits
(:mod:`ccdsl.compiler.estimate`), and :attr:`Plan.estimated_chain` is the chain that ends it, waits included.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ccdsl.compiler.cpm import critical_path_of
from ccdsl.compiler.estimate import Link, estimate
from ccdsl.compiler.resources import PHASES, CompiledSite, Resource, iter_refs
from ccdsl.dsl.gc_pause import collector_paused
from ccdsl.runtime import typeinfo
from ccdsl.runtime.events import PlannedResource, SourceSpan
from ccdsl.runtime.inputs import desired_hashes
from ccdsl.runtime.state.base import ResourceRecord

# Version of `ccdsl plan --json`. Bump it when a field changes meaning or is removed (adding one is not a break).
PLAN_SCHEMA_VERSION = 1

NEW_IDENTITY = frozenset({"create", "replace"})


@dataclass(slots=True)
class Change:
    address: str
    type: str
    phase: int
    action: str  # create | update | replace | delete | noop
    estimate_s: float
    resource: Resource | None = None  # desired (None for delete)
    record: ResourceRecord | None = None  # recorded (None for create)
    reasons: list[str] = field(default_factory=list)
    after: tuple[str, ...] = ()  # addresses of changes this one waits for
    depends_on: tuple[str, ...] = ()  # every dependency of the desired resource (recorded in state)
    changed: tuple[str, ...] = ()  # the top-level inputs that differ from the record
    forces: tuple[str, ...] = ()  # of those, the ones AWS cannot change in place (they force the replacement)
    # the desired inputs' digests (see :attr:`hashes`): a create needs none to be planned, so they are worked out
    # when first read (recording the created resource, a saved plan's site digest) and kept
    _digests: tuple[str, dict[str, str]] | None = field(default=None, repr=False, compare=False)

    @property
    def inputs_hash(self) -> str:
        """The digest of all the desired inputs ("" for a delete)."""
        return self.digests()[0]

    @property
    def hashes(self) -> dict[str, str]:
        """Each desired top-level input's digest, and each dotted replacement trigger's ({} for a delete)."""
        return self.digests()[1]

    def digests(self) -> tuple[str, dict[str, str]]:
        """(:attr:`inputs_hash`, :attr:`hashes`), computed once."""
        if self._digests is None:
            self._digests = ("", {}) if self.resource is None else _desired_hashes(self.resource)
        return self._digests

    @property
    def source(self) -> SourceSpan | None:
        """Where the desired resource is declared in the .ccd file (None for a delete)."""
        return SourceSpan.of(self.resource.span) if self.resource is not None else None


@dataclass(slots=True)
class Plan:
    site: str
    region: str
    destroy: bool
    changes: dict[str, Change]
    critical_path: list[str] = field(default_factory=list)
    critical_length_s: float = 0.0
    remaining_s: dict[str, float] = field(default_factory=dict)  # longest path from a change to the end
    earliest_start_s: dict[str, float] = field(default_factory=dict)
    records_digest: str = ""  # of the state it was made against (see :func:`records_digest`)
    estimated_s: float = 0.0  # the executor's schedule under the service limits (>= critical_length_s)
    estimated_chain: list[Link] = field(default_factory=list)  # the chain that ends it, waits for limits included
    # the site it was made from; its digest is worked out when first read (a saved plan) and kept
    compiled: CompiledSite | None = field(default=None, repr=False, compare=False, kw_only=True)
    _site_digest: str | None = field(default=None, repr=False, compare=False, kw_only=True)

    @property
    def site_digest(self) -> str:
        """The digest of the desired resources it was made from (see :func:`site_digest`)."""
        if self._site_digest is None:
            self._site_digest = "" if self.compiled is None else site_digest(self.compiled, self.changes)
        return self._site_digest

    @property
    def steps(self) -> list[Change]:
        return [c for c in self.changes.values() if c.action != "noop"]

    @property
    def has_changes(self) -> bool:
        return any(c.action != "noop" for c in self.changes.values())

    def counts(self) -> dict[str, int]:
        out = {a: 0 for a in ("create", "update", "replace", "delete", "noop")}
        for c in self.changes.values():
            out[c.action] = out.get(c.action, 0) + 1
        return out

    def planned(self) -> tuple[PlannedResource, ...]:
        critical = set(self.critical_path)
        rows = []
        for c in self.changes.values():
            slack = 0.0
            if c.action != "noop":
                slack = self.critical_length_s - self.earliest_start_s.get(c.address, 0.0) - self.remaining_s.get(
                    c.address, 0.0)
            rows.append(PlannedResource(
                address=c.address, type=c.type, phase=c.phase, action=c.action, estimate_s=c.estimate_s,
                depends_on=tuple(c.after), critical=c.address in critical, slack_s=max(0.0, slack),
                source=c.source,
            ))
        return tuple(rows)

    def to_json(self) -> dict[str, Any]:
        """``ccdsl plan --json``, versioned by :data:`PLAN_SCHEMA_VERSION`."""
        return {
            "schema_version": PLAN_SCHEMA_VERSION,
            "site": self.site,
            "destroy": self.destroy,
            "counts": self.counts(),
            "changes": [
                {"address": c.address, "type": c.type, "phase": c.phase, "action": c.action,
                 "estimate_s": c.estimate_s, "reasons": c.reasons, "after": list(c.after)}
                for c in self.changes.values() if c.action != "noop"
            ],
            "critical_path": {"addresses": self.critical_path, "length_s": self.critical_length_s},
            "estimate": {"length_s": round(self.estimated_s, 3), "chain": [
                {"address": k.address, "start_s": round(k.start_s, 3), "finish_s": round(k.finish_s, 3),
                 "wait_s": round(k.wait_s, 3), "waited_for": k.waited_for} for k in self.estimated_chain]},
        }


def _order(site: CompiledSite) -> list[str]:
    import networkx as nx

    graph = site.graph
    if graph is None:
        order = []
    else:
        topological = site.order if site.order is not None else nx.topological_sort(graph)
        order = [a for a in topological if a in site.resources]
    seen = set(order)
    order += [a for a in site.resources if a not in seen]
    return order


def make_plan(site: CompiledSite, records: dict[str, ResourceRecord], *, destroy: bool = False,
              rates: dict[str, tuple[float, float]] | None = None, concurrency: dict[str, int] | None = None,
              parallelism: int | None = None) -> Plan:
    """Diff ``site`` against ``records``; ``rates``/``concurrency`` (default: the service limits) and
    ``parallelism`` are what the run will obey, for the estimate."""
    with collector_paused():  # many small acyclic objects: the cyclic collector would only rescan them
        return _make_plan(site, records, destroy, rates, concurrency, parallelism)


def _make_plan(site: CompiledSite, records: dict[str, ResourceRecord], destroy: bool, rates, concurrency,
               parallelism: int | None) -> Plan:
    changes: dict[str, Change] = {}
    desired = {} if destroy else site.resources
    # a compiled site's graph holds each resource's dependencies already (the compile made it from them): its
    # predecessor dicts as they are (``graph.pred[a]`` would wrap each in a view)
    pred = site.graph._pred if site.order is not None and site.graph is not None else None
    for address in ([] if destroy else _order(site)):
        changes[address] = _diff(desired[address], records.get(address), changes,
                                 pred[address] if pred is not None else None)

    # Removed from the file (or destroy): delete in reverse dependency order.
    removed = [a for a in records if a not in desired]
    dependants: dict[str, list[str]] = {}
    for a in removed:
        for d in records[a].depends_on:
            dependants.setdefault(d, []).append(a)
    for a in removed:
        rec = records[a]
        changes[a] = Change(
            address=a, type=rec.type, phase=rec.phase, action="delete",
            estimate_s=typeinfo.delete_estimate(rec.type),
            record=rec, reasons=["destroy" if destroy else "no longer in the site"],
            after=tuple(sorted(dependants.get(a, ()))),
        )
    # A replaced resource goes after the deletion of removed resources that used it.
    for a, c in changes.items():
        if c.action == "replace" and a in dependants:
            c.after = tuple(sorted(set(c.after) | set(dependants[a])))
    plan = Plan(site=site.site, region=site.region, destroy=destroy, changes=changes,
                records_digest=records_digest(records), compiled=site)
    _critical_path(plan)
    _estimate(plan, rates, concurrency, parallelism)
    return plan


def records_digest(records: dict[str, ResourceRecord]) -> str:
    """A digest of what state records (each resource's type, inputs and status): any apply since changes it."""
    import hashlib

    h = hashlib.sha256()
    for a in sorted(records):
        r = records[a]
        h.update(f"{a}\0{r.type}\0{r.inputs_hash}\0{r.status}\0{sorted(r.hashes.items())}\n".encode())
    return h.hexdigest()


def site_digest(site: CompiledSite, changes: dict[str, Change] | None = None) -> str:
    """A digest of the desired resources: any edit of the site that changes what would be applied changes it.
    ``changes`` (a plan's, when at hand) supplies the input hashes already computed for the diff."""
    import hashlib

    h = hashlib.sha256()
    for a in sorted(site.resources):
        res = site.resources[a]
        known = changes.get(a) if changes else None
        whole = known.inputs_hash if known is not None and known.resource is res else desired_hashes(res)[0]
        h.update(f"{a}\0{res.type}\0{whole}\0{sorted(res.extra_deps)}\n".encode())
    return h.hexdigest()


def _replace_keys(resource: Resource) -> set[str]:
    """The inputs (dotted paths too) whose change makes AWS replace ``resource`` rather than update it."""
    return set(resource.replace_on) | set(typeinfo.replace_on(resource.type))


def _desired_hashes(resource: Resource) -> tuple[str, dict[str, str]]:
    """What a plan compares and state records: :func:`desired_hashes` with the replacement triggers' paths."""
    return desired_hashes(resource, extra_paths=sorted(_replace_keys(resource)))


def _diff(resource: Resource, rec: ResourceRecord | None, decided: dict[str, Change],
          dependencies: Iterable[str] | None = None) -> Change:
    """The change that brings ``rec`` to ``resource``; ``dependencies``: the resource's own (its refs and
    extra dependencies), when the compiled graph has them at hand."""
    rtype = resource.type
    change = Change(
        address=resource.address, type=rtype, phase=resource.phase, action="noop",
        estimate_s=resource.estimate_s or typeinfo.estimate(rtype), resource=resource, record=rec,
    )
    if dependencies is None:
        dependencies = resource.depends_on
    change.depends_on = tuple(sorted(dependencies))
    deps = [d for d in change.depends_on if d in decided]
    change.after = tuple([d for d in deps if decided[d].action != "noop"])  # (in order, as depends_on)

    if rec is None or rec.status == "failed":
        change.action = "create"
        change.reasons.append("not yet created" if rec is None else "last attempt failed")
        return change
    changed: set[str] = set()
    if rec.type != rtype:
        change.action = "replace"
        change.reasons.append(f"type changed from {rec.type}")
        return change
    replace_keys = _replace_keys(resource)
    hashes = change.hashes
    if rec.status == "tainted":
        changed.add("(previous update failed)")
    keys = {k for k in set(hashes) | set(rec.hashes) if "." not in k or (k in hashes and k in rec.hashes)}
    changed |= {k for k in keys if hashes.get(k) != rec.hashes.get(k)}
    # A nested replacement trigger recorded before it was one: replace only if its top-level input changed.
    for k in set(hashes) - set(rec.hashes):
        if "." in k and k.split(".", 1)[0] in changed:
            changed.add(k)
    # Refs to resources that get a new identity change the value even though the token is the same.
    for key, value in resource.inputs.items():
        if key in resource.create_only:
            continue
        for ref in iter_refs(value):
            dep = decided.get(ref.address)
            if dep is not None and dep.action in NEW_IDENTITY:
                changed.add(key)
                change.reasons.append(f"{ref.address} gets a new identity")
                break
    kind = typeinfo.kind(rtype)
    if kind == "step":
        ordering_only = set(resource.extra_deps) - {r.address for r in resource.refs()}
        if any(decided[d].action != "noop" for d in ordering_only if d in decided):
            changed.add("(runs again: a dependency changed)")
    rebuilt = typeinfo.rebuilt_on_any_change(rtype) and any(decided[d].action != "noop" for d in deps)
    if not changed and not rebuilt:
        return change
    top = sorted(k for k in changed if "." not in k and not k.startswith("("))
    change.changed = tuple(top)
    change.forces = tuple(sorted(k for k in changed & replace_keys if not k.startswith("(")))
    if top:
        change.reasons.insert(0, "changed: " + ", ".join(top))
    elif changed:
        change.reasons.extend(sorted(k.strip("()") for k in changed if k.startswith("(")))
    if rebuilt:
        change.reasons.append("rebuilt: a dependency changed")
    if rebuilt or (changed & replace_keys) or not typeinfo.updatable(rtype):
        change.action = "replace"
    else:
        change.action = "update"
    return change


def _critical_path(plan: Plan) -> None:
    if _compiled_path_applies(plan):
        site = plan.compiled
        assert site is not None
        timings, path, length = site.timings, list(site.critical_path), site.critical_length_s
        steps: dict[str, Change] = plan.changes
    else:
        steps = {c.address: c for c in plan.changes.values() if c.action != "noop"}
        for c in steps.values():
            c.after = tuple(d for d in c.after if d in steps)
        timings, path, length = critical_path_of({a: c.estimate_s for a, c in steps.items()},
                                                 {a: c.after for a, c in steps.items()})
    plan.earliest_start_s = {a: t.earliest_start for a, t in timings.items()}
    plan.remaining_s = {a: length - t.latest_start for a, t in timings.items()}
    if steps:
        plan.critical_path = path
        plan.critical_length_s = length


def _compiled_path_applies(plan: Plan) -> bool:
    """Whether the plan's critical path is the compile's own (:attr:`CompiledSite.timings`): every resource of a
    compiled site is created, replaced or updated (no deletes) and each takes the time the compile gave it, so
    each step waits for exactly its dependencies in the compiled graph, with the same durations."""
    site = plan.compiled
    changes = plan.changes
    if plan.destroy or site is None or site.order is None or site.graph is None or len(changes) != len(site.resources):
        return False
    for c in changes.values():
        if c.action == "noop" or c.resource is None or c.estimate_s != c.resource.estimate_s:
            return False
    return True


def _estimate(plan: Plan, rates, concurrency, parallelism: int | None) -> None:
    steps = plan.steps
    durations = {}
    for c in steps:
        seconds = c.estimate_s
        if c.action == "replace" and c.record is not None and c.record.status != "failed":
            seconds += typeinfo.delete_estimate(c.record.type)  # the old one goes first
        durations[c.address] = seconds
    bucket_of = {t: typeinfo.bucket(t) for t in {c.type for c in steps}}
    buckets = {c.address: bucket_of[c.type] for c in steps
               if not (c.action == "delete" and typeinfo.kind(c.type) == "data")}
    result = estimate(durations, {c.address: c.after for c in steps}, buckets, priority=plan.remaining_s,
                      rates=rates, concurrency=concurrency, parallelism=parallelism)
    plan.estimated_s = result.makespan_s
    plan.estimated_chain = result.chain


def phase_name(phase: int) -> str:
    return PHASES.get(phase, f"phase {phase}")

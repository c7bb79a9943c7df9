"""Adopt an imported instance: record in state every resource of the imported site that the instance already
has, with the identifiers the instance gave it, so that ``ccdsl plan`` shows no changes.

The site is compiled, and each resource is recorded as an apply would have recorded it: its inputs with
references resolved to the instance's identifiers, the digests of its desired inputs (what plans compare),
and its outputs (identifiers from the instance; values derived from the inputs evaluated as the registry
says). A resource the instance does not have, or one that depends on one, is not recorded: the next apply
creates it, and :class:`Adoption` lists it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccdsl.compiler.registry.expressions import evaluate, source
from ccdsl.compiler.resources import CompiledSite, Resource
from ccdsl.runtime import typeinfo
from ccdsl.runtime.inputs import UnresolvedRef, resolve
from ccdsl.runtime.plan import make_plan
from ccdsl.runtime.state.base import LockHolder, ResourceRecord


@dataclass
class Adoption:
    recorded: list[str] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (address, why it was not adopted)


def _outputs(resource: Resource, resolved: dict[str, Any], found: dict[str, Any] | None,
             where: dict[str, str]) -> dict[str, Any] | None:
    """The outputs an apply would have recorded, or None when the instance does not have the resource."""
    kind = typeinfo.kind(resource.type)
    spec = typeinfo.spec(resource.type)
    if found is None and kind not in ("step",) and typeinfo.service(resource.type) != "local":
        return None
    out: dict[str, Any] = {}
    for key, expr in spec.outputs.items():
        if source(expr) == "input":
            out[key] = evaluate(expr, {"in": resolved})
        elif found is not None and key in found:
            out[key] = found[key]
    for key, expr in spec.outputs.items():
        if source(expr) == "template" and key not in out:
            out[key] = evaluate(expr, {"in": resolved, "out": out, "res": {}, "partition": "aws", **where})
    return out


def _parsed(value: Any) -> Any:
    """A policy document may come as JSON text or already decoded (boto3 decodes IAM's): compare decoded."""
    if isinstance(value, str) and value.lstrip().startswith("{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _differs(resolved: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    """The inputs whose value in the instance is not what the site would send."""
    return sorted(k for k, v in expected.items() if _parsed(resolved.get(k)) != _parsed(v))


def adopt(site: CompiledSite, found: dict[str, dict[str, Any]], state: Any, region: str = "",
          account: str = "") -> Adoption:
    """Record in ``state`` (an open state backend) each resource of ``site`` that ``found`` holds. An entry's
    ``_expect`` lists inputs the instance holds whole (a role's policy): the resource is adopted only when the
    site would send exactly those."""
    where = {"region": region or site.region, "account": account}
    plan = make_plan(site, {})
    outputs: dict[str, dict[str, Any]] = {}
    result = Adoption()
    records: list[ResourceRecord] = []
    for address, change in plan.changes.items():
        resource = change.resource
        if resource is None:
            continue
        try:
            resolved, redacted = resolve(resource.inputs, outputs, {})
        except UnresolvedRef as exc:
            result.missing.append((address, f"it depends on what is not adopted ({exc})"))
            continue
        except KeyError:
            result.missing.append((address, "it carries a secret (set when it is created)"))
            continue
        held = found.get(address)
        differs = _differs(resolved, held.get("_expect") or {}) if held else []
        if differs:
            result.missing.append((address, f"the instance holds another {', '.join(differs)}"))
            continue
        outs = _outputs(resource, resolved, {k: v for k, v in held.items() if k != "_expect"} if held else None,
                        where)
        if outs is None:
            result.missing.append((address, "the instance has no such resource"))
            continue
        outputs[address] = outs
        records.append(ResourceRecord(
            address=address, type=resource.type, name=resource.name, phase=change.phase,
            inputs_hash=change.inputs_hash, hashes=change.hashes, inputs=redacted, outputs=outs, status="ok",
            depends_on=list(change.depends_on)))
    state.lock(LockHolder.me("import"))
    try:
        for record in records:
            state.put(record)
            result.recorded.append(record.address)
    finally:
        state.unlock()
    return result


def state_location(site_file: Path) -> str:
    """Where ``ccdsl plan`` and ``apply`` keep the site's state."""
    return str(site_file.resolve().parent / ".ccdsl" / "state.db")

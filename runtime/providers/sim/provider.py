"""The ``sim`` provider: create/read/update/delete of every catalogue type against the simulated account.

Calls take simulated time from the latency model (seeded samples, the midpoint, or zero), on the run's
clock. The account behaves like AWS where it matters to a deployer: name rules and limits, duplicate
names rejected, flow content validated, Connect's request rate and Lex's five concurrent locale builds
enforced by throttling, and idempotent creates (a repeated create for the same ccdsl address returns the
existing resource, as AWS client tokens do).
"""
from __future__ import annotations

import random
import uuid
from typing import Any

from ccdsl.compiler.registry.expressions import evaluate, source
from ccdsl.compiler.registry.limits import SERVICE_CONCURRENCY, SERVICE_RATES
from ccdsl.runtime import typeinfo
from ccdsl.runtime.providers.base import ProviderError, ResolvedResource, Throttled, Transient
from ccdsl.runtime.providers.sim import checks
from ccdsl.runtime.providers.sim.account import Account, Entry
from ccdsl.runtime.providers.sim.faults import Faults
from ccdsl.runtime.providers.sim.ids import Minter, identity, name_of, path_get, template_context

ACCOUNT_ID = "123456789012"
# What the account enforces (AWS's quotas, not the client's settings): bucket -> (rate/s, burst)
MAX_LEX_BUILDS = SERVICE_CONCURRENCY["lex-build"]
DEFAULT_SECURITY_PROFILES = ("Admin", "Agent", "CallCenterManager", "QualityAnalyst")
NOT_LISTED = {"data"}  # lookups hold nothing in the account


class SimProvider:
    name = "sim"

    def __init__(self, account_path, *, clock, region: str = "eu-west-2", seed: int | None = None,
                 faults=None, latency: str = "sample", release_numbers: bool = False, progress=None,
                 account_id: str | None = None, readonly: bool = False):
        self.account_id = account_id or ACCOUNT_ID  # a target's account: its ARNs carry its id
        # readonly (a plan's refresh): reads only; sim.db is neither created nor written
        self.account = Account(account_path, region=region, account_id=self.account_id, readonly=readonly)
        self.clock = clock
        self.region = region
        self.seed = 0 if seed is None else seed
        self.faults = Faults.parse(faults)
        self.latency_mode = latency
        self.release_numbers = release_numbers
        self.progress = progress  # progress(address, message), for long operations
        self.rng = random.Random(f"{self.seed}:faults")
        # A fresh identifier stream per session (AWS never hands out an id twice), repeatable for a seed.
        session = self.account.next_counter("sessions")
        self.minter = Minter(random.Random(f"{self.seed}:ids:{session}:{uuid.uuid4().hex if seed is None else ''}"),
                             region, self.account_id)
        self._tokens: dict[str, list[float]] = {}  # bucket -> [tokens, stamp]
        self._builds = 0
        self._ops: dict[str, int] = {}

    def close(self) -> None:
        self.account.close()

    # --- simulated physics -----------------------------------------------------------------------
    def _latency(self, r: ResolvedResource, op: str, factor: float = 1.0) -> float:
        if self.latency_mode == "zero":
            return 0.0
        lo, hi = typeinfo.delete_range(r.type) if op == "delete" else typeinfo.latency_range(r.type)
        if self.latency_mode == "midpoint":
            return factor * (lo + hi) / 2
        n = self._ops.get(r.address, 0)
        self._ops[r.address] = n + 1
        return factor * random.Random(f"{self.seed}:{r.address}:{op}:{n}").uniform(lo, hi)

    def _rate(self, bucket: str) -> None:
        spec = SERVICE_RATES.get(bucket)
        if spec is None:
            return
        rate, burst = spec
        now = self.clock.now()
        tokens, stamp = self._tokens.get(bucket, [burst, now])
        tokens = min(burst, tokens + (now - stamp) * rate)
        if tokens < 1.0 - 1e-6:
            self._tokens[bucket] = [tokens, now]
            raise Throttled(f"TooManyRequestsException: rate exceeded for {bucket}")
        self._tokens[bucket] = [tokens - 1.0, now]

    def _inject(self, r: ResolvedResource) -> bool:
        """Raise an injected fault before the work; True when a lost response should follow it."""
        if r.address in self.faults.fail:
            raise ProviderError(f"InternalFailure: injected failure of {r.address}")
        if self.faults.throttle and self.rng.random() < self.faults.throttle:
            raise Throttled("ThrottlingException: Rate exceeded (injected)")
        if self.faults.transient and self.rng.random() < self.faults.transient:
            if self.rng.random() < 0.5:
                raise Transient("ServiceUnavailableException: try again (injected)")
            return True
        return False

    async def _admit(self, r: ResolvedResource) -> bool:
        lost = self._inject(r)
        self._rate(typeinfo.bucket(r.type))
        return lost

    # --- outputs ---------------------------------------------------------------------------------
    def _outputs(self, r: ResolvedResource, id_: str | None = None, old: dict | None = None) -> dict[str, Any]:
        """The outputs a create would give, from the registry entry's expressions: inputs are read, values
        AWS assigns (``res.…``) are echoed from the inputs or minted in the service's format, templates are
        evaluated last."""
        spec = typeinfo.spec(r.type)
        inputs = r.inputs
        name, _ = name_of(inputs, r.name or r.address)
        service = spec.service
        old = old or {}
        out: dict[str, Any] = {}
        exprs = spec.outputs
        minted_id = id_ or old.get("id")
        by_expr: dict[str, Any] = {}
        # the ARN AWS would return, made from the entry's template once the id is known
        arn_expr = exprs.get("arn") if spec.arn_template and source(exprs.get("arn")) == "response" else None
        pending: list[str] = []
        for key, expr in exprs.items():
            if source(expr) != "response":
                continue
            if key in old:
                out[key] = by_expr[expr] = old[key]
                continue
            if expr == arn_expr:
                pending.append(key)
                continue
            if expr in by_expr:
                out[key] = by_expr[expr]
                continue
            last = expr.split(".")[-1].split("[")[0]
            if last == "botVersion":
                out[key] = str(self.account.next_counter(f"version:{inputs.get('botId')}"))
            elif last in inputs:
                out[key] = inputs[last]
            elif key == "id":
                minted_id = minted_id or self.minter.new_id(service, r.type)
                out[key] = minted_id
            elif key == "name":
                out[key] = name
            else:
                out[key] = None  # filled below once the id is known
            by_expr[expr] = out[key]
        if "id" not in out and minted_id is None and "id" not in exprs:
            minted_id = self.minter.new_id(service, r.type)
        for key, expr in exprs.items():
            if source(expr) == "input":
                out[key] = evaluate(expr, {"in": inputs})
        if pending:
            minted_id = minted_id or self.minter.new_id(service, r.type)
            made = {**out, "id": out.get("id") or minted_id}
            arn = evaluate(spec.arn_template, template_context(self.region, self.account_id, inputs, made))
            out.update(dict.fromkeys(pending, arn))
        for key, expr in exprs.items():
            if out.get(key) is None and source(expr) == "response":
                out[key] = self.minter.extra(key, service, str(out.get("id")), inputs)
        for key, expr in exprs.items():
            if source(expr) == "template":
                out[key] = evaluate(expr, template_context(self.region, self.account_id, inputs, out))
        return out

    # --- the provider interface ------------------------------------------------------------------
    async def create(self, r: ResolvedResource) -> dict[str, Any]:
        lost = await self._admit(r)
        checks.documented_rules(r.type, "create", r.inputs, self.region)
        kind = typeinfo.kind(r.type)
        if kind == "data":
            return await self._lookup(r)
        if typeinfo.service(r.type) == "local":
            await self.clock.sleep(self._latency(r, "create"))
            return self._outputs(r)
        self._check_parent(r)
        secret = checks.user_password(self.account, r) if r.type == "aws_connect_user" else None
        if r.type == "aws_connect_phone_number":
            checks.phone_number_search(r.inputs)
        existing = self.account.by_owner(r.type, r.address)
        if existing is None:
            name, scope, unique = self._identity(r)
            if kind == "resource" and unique:
                clash = self.account.by_name(r.type, scope, name)
                if clash is not None:
                    raise ProviderError(
                        f"DuplicateResourceException: a {r.type} named {name!r} already exists ({clash.id})")
            outputs = self._outputs(r)
            existing = Entry(id=str(outputs.get("id", "")), type=r.type, name=name, scope=scope, owner=r.address,
                             arn=str(outputs.get("arn", "") or ""), inputs=r.inputs, outputs=outputs,
                             status="CREATING")
            if self.latency_mode != "zero":  # visible while it is being created (and after a kill)
                self.account.put(existing)
        if existing.status != "ACTIVE":
            await self._work(r, "create")
            existing.status = "ACTIVE"
            existing.inputs = r.inputs
            self.account.put(existing)
        elif existing.inputs != r.inputs:  # adopted: bring it to what was asked for
            existing.inputs = r.inputs
            existing.outputs = self._outputs(r, id_=existing.id, old=self._kept_outputs(r, existing.outputs))
            self.account.put(existing)
        if lost:
            raise Transient("RequestTimeout: the response was lost (injected)")
        return {**existing.outputs, **({"password_secret": secret} if secret else {})}

    @staticmethod
    def _kept_outputs(r: ResolvedResource, outputs: dict) -> dict:
        """Outputs AWS assigned (ids, ARNs) survive an update; those derived from inputs are recomputed."""
        exprs = typeinfo.spec(r.type).outputs
        return {k: v for k, v in outputs.items() if k not in exprs or source(exprs[k]) == "response"}


    def _identity(self, r: ResolvedResource) -> tuple[str, str, bool]:
        return identity(r.type, typeinfo.spec(r.type), r.inputs, r.name or r.address, self.region, self.account_id)

    async def _work(self, r: ResolvedResource, op: str, factor: float = 1.0) -> None:
        seconds = self._latency(r, op, factor)
        if self.progress is not None and seconds >= 30:
            status = "Building" if typeinfo.bucket(r.type) == "lex-build" else f"{op.upper()}_IN_PROGRESS"
            self.progress(r.address, f"{status}: about {seconds:.0f}s")
        if typeinfo.bucket(r.type) == "lex-build":
            if self._builds >= MAX_LEX_BUILDS:
                raise Throttled(f"LimitExceededException: at most {MAX_LEX_BUILDS} bot locale builds at once")
            self._builds += 1
            try:
                await self.clock.sleep(seconds)
            finally:
                self._builds -= 1
        else:
            await self.clock.sleep(seconds)

    def _check_parent(self, r: ResolvedResource) -> None:
        inst = r.inputs.get("InstanceId")
        if inst and r.type != "aws_connect_instance":
            if self.account.get("aws_connect_instance", str(inst)) is None:
                raise ProviderError(f"ResourceNotFoundException: instance {inst} not found")

    async def _lookup(self, r: ResolvedResource) -> dict[str, Any]:
        await self.clock.sleep(self._latency(r, "read"))
        if r.type == "aws_caller_identity":  # the account the simulated ARNs carry
            return {"id": self.account_id, "account": self.account_id,
                    "arn": f"arn:aws:sts::{self.account_id}:assumed-role/ccdsl/ccdsl"}
        if r.type == "aws_connect_security_profile":
            self._check_parent(r)
            wanted = path_get(r.inputs, "SearchCriteria.StringCondition.Value") or name_of(r.inputs, r.name)[0]
            if wanted not in DEFAULT_SECURITY_PROFILES:
                raise ProviderError(f"ResourceNotFoundException: no security profile named {wanted!r}")
            inst = r.inputs.get("InstanceId", "")
            sid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{inst}/{wanted}"))
            arn = evaluate(typeinfo.spec(r.type).arn_template,
                           template_context(self.region, self.account_id, r.inputs, {"id": sid}))
            return {"id": sid, "name": wanted, "arn": arn}
        return self._outputs(r)

    async def read(self, r: ResolvedResource, outputs: dict[str, Any]) -> dict[str, Any] | None:
        e = self.account.by_owner(r.type, r.address)
        return None if e is None or e.status == "KEPT" else dict(e.outputs)

    async def update(self, r: ResolvedResource, outputs: dict[str, Any], changed: set[str]) -> dict[str, Any]:
        lost = await self._admit(r)
        checks.documented_rules(r.type, "update", r.inputs, self.region)
        kind = typeinfo.kind(r.type)
        if kind == "data" or typeinfo.service(r.type) == "local":
            return await self.create(r)
        e = self.account.by_owner(r.type, r.address)
        if e is None:
            if kind == "step":
                return await self.create(r)
            raise ProviderError(f"ResourceNotFoundException: {r.type} {outputs.get('id', r.address)} not found")
        await self._work(r, "update", 1.0 if kind == "step" else 0.5)
        e.inputs = r.inputs
        e.outputs = self._outputs(r, id_=e.id, old=self._kept_outputs(r, e.outputs))
        e.name, e.scope, unique = self._identity(r)
        if unique and kind == "resource":
            clash = self.account.by_name(r.type, e.scope, e.name)
            if clash is not None and clash.key != e.key:
                raise ProviderError(f"DuplicateResourceException: a {r.type} named {e.name!r} already exists")
        self.account.put(e)
        if lost:
            raise Transient("RequestTimeout: the response was lost (injected)")
        return dict(e.outputs)

    async def delete(self, r: ResolvedResource, outputs: dict[str, Any]) -> None:
        lost = await self._admit(r)
        if typeinfo.kind(r.type) == "data" or typeinfo.service(r.type) == "local":
            return
        e = self.account.by_owner(r.type, r.address)
        if e is None or e.status == "KEPT":
            return  # already gone (a delete repeated after a lost response or a killed run)
        if typeinfo.kind(r.type) == "step":  # a lifecycle step (a locale build) is not undone: only forgotten
            self.account.delete(e.key)
            return
        await self._work(r, "delete")
        if r.type == "aws_connect_phone_number" and not self.release_numbers:
            e.status = "KEPT"  # released numbers have a cooldown of up to 180 days: keep them
            self.account.put(e)
        else:
            self.account.delete(e.key)
        if lost:
            raise Transient("RequestTimeout: the response was lost (injected)")

    async def get_parameter(self, name: str) -> str:
        value = self.account.parameter(name)
        if value is None:
            raise ProviderError(f"ParameterNotFound: SSM parameter {name} does not exist in the simulated account "
                                f"(add it with `ccdsl sim put-parameter {name} VALUE`)")
        return value

    def holdings(self) -> list[Entry]:
        return self.account.all()

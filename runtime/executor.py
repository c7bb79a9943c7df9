"""The executor: runs a plan's changes through a provider, critical-path first.

A change starts the moment the changes it waits for are done, highest remaining path first (the plan's
CPM figures), within ``parallelism`` and the per-service limits. Throttled and transient errors are
retried with jittered exponential backoff (in deployment time); a failure skips exactly the change's
descendants while independent work goes on. Every outcome is recorded in state in one transaction,
together with the run's events so far. :class:`~ccdsl.runtime.control.RunControl` pauses, stops (start
nothing new, let in-flight work finish and record it) or hard-stops (abandon in-flight work).

``policy`` chooses the order for comparisons: ``critical_path`` (the product), ``fifo`` (ready order,
like Terraform's walk) or ``phased`` (the seed's phase-by-phase order: a phase starts when every earlier
phase is finished).
"""
from __future__ import annotations

import asyncio
import heapq
import itertools
import random
from dataclasses import dataclass, field

from ccdsl.runtime import events as ev
from ccdsl.runtime import typeinfo
from ccdsl.runtime.inputs import SecretMissing, UnresolvedRef, resolve, resolve_secrets, scrub, secrets_in
from ccdsl.runtime.plan import Change, Plan
from ccdsl.runtime.providers.base import ProviderError, ResolvedResource, Throttled, Transient
from ccdsl.runtime.state.base import ResourceRecord


@dataclass(slots=True)
class ExecOptions:
    parallelism: int | None = None  # None: no cap beyond the service limits
    policy: str = "critical_path"  # critical_path | fifo | phased
    max_attempts: int = 10
    backoff_base_s: float = 1.0
    backoff_cap_s: float = 60.0
    seed: int | None = None


@dataclass(slots=True)
class ExecResult:
    ok: bool
    counts: dict[str, int]
    elapsed_s: float
    critical_path: tuple[str, ...]
    failures: dict[str, str] = field(default_factory=dict)
    write_calls: int = 0
    stopped: bool = False
    started: dict[str, float] = field(default_factory=dict)
    finished: dict[str, float] = field(default_factory=dict)
    unrecorded: list[str] = field(default_factory=list)  # changed in the cloud, but the state write failed
    state_error: str | None = None  # the first state write error (the run stopped starting work then)


class StepFailed(Exception):
    def __init__(self, message: str, attempts: int):
        super().__init__(message)
        self.attempts = attempts


class Executor:
    def __init__(self, plan: Plan, provider, state, clock, limiter, emit, control, *, run_id=None,
                 options: ExecOptions | None = None, outputs: dict[str, dict] | None = None):
        self.plan = plan
        self.provider = provider
        self.state = state
        self.clock = clock
        self.limiter = limiter
        self._sinks_emit = emit
        self.control = control
        self.run_id = run_id
        self.opt = options or ExecOptions()
        self.outputs: dict[str, dict] = dict(outputs or {})
        self.rng = random.Random(self.opt.seed)
        self.pending_events: list[dict] = []
        self._redacted: dict[str, dict] = {}  # address -> inputs as recorded (secrets as references)
        self._secret_texts: dict[str, list[str]] = {}  # address -> secret values it uses (to scrub messages)
        self.write_calls = 0
        self.steps: dict[str, Change] = {c.address: c for c in plan.steps}
        self.succ: dict[str, list[str]] = {a: [] for a in self.steps}
        for a, c in self.steps.items():
            for d in c.after:
                self.succ[d].append(a)
        self.status: dict[str, str] = {a: "waiting" for a in self.steps}
        self.waiting_on = {a: len(c.after) for a, c in self.steps.items()}
        self.started: dict[str, float] = {}
        self.finished: dict[str, float] = {}
        self.failures: dict[str, str] = {}
        self.unrecorded: list[str] = []
        self.state_error: str | None = None
        self._ready: list[tuple] = []
        self._seq = itertools.count()
        self._running: dict[str, asyncio.Task] = {}
        self._changed: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.phase_left: dict[int, int] = {}
        self.phase_start: dict[int, float] = {}
        for c in self.steps.values():
            self.phase_left[c.phase] = self.phase_left.get(c.phase, 0) + 1
        # The phased baseline gates on each change's effective phase: its own, or a later one it depends on.
        self.gate_phase: dict[str, int] = {}
        self.gate_left: dict[int, int] = {}
        if self.opt.policy == "phased":
            for a in self._topological():
                c = self.steps[a]
                self.gate_phase[a] = max([c.phase] + [self.gate_phase[d] for d in c.after])
                self.gate_left[self.gate_phase[a]] = self.gate_left.get(self.gate_phase[a], 0) + 1
        self._gates_open = sorted(self.gate_left)

    @property
    def in_flight(self) -> int:
        """How many operations are running now."""
        return len(self._running)

    # --- events ----------------------------------------------------------------------------------
    def emit(self, event: ev.Event) -> None:
        self.pending_events.append(event.to_dict())
        self._sinks_emit(event)

    def _flush(self) -> list[dict]:
        out, self.pending_events = self.pending_events, []
        return out

    # --- scheduling ------------------------------------------------------------------------------
    def _make_ready(self, address: str) -> None:
        key: tuple[float, ...]
        if self.opt.policy == "critical_path":
            key = (-self.plan.remaining_s.get(address, 0.0), next(self._seq))
        else:
            key = (next(self._seq),)
        heapq.heappush(self._ready, (*key, address))
        self.status[address] = "ready"
        self.emit(ev.ResourceQueued(t=self.clock.now(), address=address))

    def _topological(self) -> list[str]:
        indeg = {a: len(c.after) for a, c in self.steps.items()}
        order = [a for a, n in indeg.items() if n == 0]
        i = 0
        while i < len(order):
            for s in self.succ[order[i]]:
                indeg[s] -= 1
                if indeg[s] == 0:
                    order.append(s)
            i += 1
        return order

    def _gate_open(self, change: Change) -> bool:
        if not self.gate_phase or change.action == "delete":
            return True
        return not self._gates_open or self.gate_phase[change.address] <= self._gates_open[0]

    def _gate_progress(self, address: str) -> None:
        g = self.gate_phase.get(address)
        if g is None:
            return
        self.gate_left[g] -= 1
        if self.gate_left[g] == 0:
            self._gates_open.remove(g)
            assert self._changed is not None, "steps run only inside run()"
            self._changed.set()

    def _can_start(self) -> bool:
        if self.control.paused or self.control.stopping:
            return False
        cap = self.opt.parallelism
        return cap is None or len(self._running) < cap

    def _start_ready(self) -> None:
        deferred = []
        assert self._loop is not None, "steps start only inside run()"
        while self._ready and self._can_start():
            item = heapq.heappop(self._ready)
            address = item[-1]
            if not self._gate_open(self.steps[address]):
                deferred.append(item)
                continue
            self.status[address] = "running"
            self._running[address] = self._loop.create_task(self._run_step(self.steps[address]))
        for item in deferred:
            heapq.heappush(self._ready, item)

    def _on_control(self, change: str) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        loop.call_soon_threadsafe(self._control_changed, change)

    def _control_changed(self, change: str) -> None:
        t = self.clock.now()
        if change == "pause":
            self.emit(ev.RunPaused(t=t))
        elif change == "resume":
            self.emit(ev.RunResumed(t=t))
        elif change in ("stop", "hard_stop"):
            self.emit(ev.StopRequested(t=t, hard=change == "hard_stop"))
        assert self._changed is not None, "control changes are delivered only inside run()"
        self._changed.set()

    async def run(self) -> ExecResult:
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        self.control.add_listener(self._on_control)
        try:
            for a, n in self.waiting_on.items():
                if n == 0:
                    self._make_ready(a)
            while True:
                if self.control.hard_stop:
                    for task in list(self._running.values()):
                        task.cancel()
                    await asyncio.gather(*self._running.values(), return_exceptions=True)
                    break
                self._start_ready()
                if not self._running:
                    if self._ready and self.control.paused and not self.control.stopping:
                        self._changed.clear()
                        await self._changed.wait()
                        continue
                    break
                self._changed.clear()
                await self._changed.wait()
        finally:
            self.control.remove_listener(self._on_control)
        return self._result()

    def _result(self) -> ExecResult:
        counts = {"done": 0, "failed": 0, "skipped": 0, "pending": 0}
        for s in self.status.values():
            key = s if s in counts else "pending"
            counts[key] += 1
        counts["noop"] = sum(1 for c in self.plan.changes.values() if c.action == "noop")
        if self.unrecorded:
            counts["unrecorded"] = len(self.unrecorded)
            counts["pending"] -= len(self.unrecorded)
        stopped = self.control.stopping
        ok = counts["failed"] == 0 and counts["skipped"] == 0 and counts["pending"] == 0 and not self.unrecorded
        elapsed = max(self.finished.values(), default=0.0)
        return ExecResult(
            ok=ok, counts=counts, elapsed_s=max(elapsed, self.clock.now() if self.steps else 0.0),
            critical_path=self._real_critical_path(), failures=dict(self.failures), write_calls=self.write_calls,
            stopped=stopped, started=dict(self.started), finished=dict(self.finished),
            unrecorded=list(self.unrecorded), state_error=self.state_error,
        )

    def _real_critical_path(self) -> tuple[str, ...]:
        done = [a for a, s in self.status.items() if s == "done"]
        if not done:
            return ()
        node = max(done, key=lambda a: self.finished[a])
        path = [node]
        while True:
            preds = [d for d in self.steps[node].after if d in self.finished]
            if not preds:
                break
            node = max(preds, key=lambda a: self.finished[a])
            path.append(node)
        return tuple(reversed(path))

    # --- one change ------------------------------------------------------------------------------
    async def _run_step(self, change: Change) -> None:
        address = change.address
        try:
            outputs, attempts = await self._perform(change)
        except asyncio.CancelledError:
            self.status[address] = "abandoned"
            self._running.pop(address, None)
            raise
        except StepFailed as exc:
            self._mark_started(change)
            await self._fail(change, str(exc), exc.attempts)
        else:
            await self._succeed(change, outputs, self._mark_started(change))
        finally:
            self._running.pop(address, None)
            if self._changed is not None:
                self._changed.set()

    def _mark_started(self, change: Change) -> float:
        """ResourceStarted goes out when the first call is sent: waiting for a rate token or one of the
        service's slots is still queueing."""
        a = change.address
        if a not in self.started:
            t = self.clock.now()
            self.started[a] = t
            self.phase_start.setdefault(change.phase, t)
            self.emit(ev.ResourceStarted(t=t, address=a, action=change.action))
        return self.started[a]

    def _finish(self, change: Change, status: str) -> None:
        a = change.address
        self.status[a] = status
        self.finished[a] = self.clock.now()

    def _closed(self, change: Change) -> None:
        """After the resource's own event: its phase (and the phased baseline's gate) may be complete."""
        self._phase_progress(change.phase)
        self._gate_progress(change.address)

    def _phase_progress(self, phase: int) -> None:
        self.phase_left[phase] -= 1
        if self.phase_left[phase] == 0:
            t = self.clock.now()
            self.emit(ev.PhaseDone(t=t, phase=phase, elapsed_s=t - self.phase_start.get(phase, t)))

    async def _succeed(self, change: Change, outputs: dict, t0: float) -> None:
        a = change.address
        self._finish(change, "done")
        t = self.clock.now()
        if change.action == "delete":
            self.outputs.pop(a, None)
            self.emit(ev.ResourceDone(t=t, address=a, action=change.action, duration_s=t - t0))
            self._closed(change)
            recorded = await self._record(a, lambda events: self.state.remove(a, self.run_id, events))
        else:
            self.outputs[a] = outputs
            self.emit(ev.ResourceDone(t=t, address=a, action=change.action, duration_s=t - t0, outputs=outputs))
            self._closed(change)
            r = change.resource
            assert r is not None, "a create or update carries its compiled resource"
            record = ResourceRecord(
                address=a, type=change.type, name=r.name, phase=change.phase, inputs_hash=change.inputs_hash,
                hashes=change.hashes, inputs=self._redacted.pop(a, {}), outputs=outputs, status="ok",
                depends_on=list(change.depends_on))
            recorded = await self._record(a, lambda events: self.state.put(record, self.run_id, events))
        if not recorded:
            return  # counted as unrecorded, not done; nothing new starts after a failed state write
        for s in self.succ[a]:
            self.waiting_on[s] -= 1
            if self.waiting_on[s] == 0 and self.status[s] == "waiting":
                self._make_ready(s)

    async def _fail(self, change: Change, message: str, attempts: int) -> None:
        a = change.address
        self._finish(change, "failed")
        self.failures[a] = message
        self.emit(ev.ResourceFailed(t=self.clock.now(), address=a, action=change.action, error=message,
                                    attempts=attempts, source=change.source))
        self._closed(change)
        sent = self._redacted.pop(a, {})  # what was sent (secrets as references): shown with the failure
        rec = change.record
        if change.action in ("create", "replace") or rec is None:
            r = change.resource
            record = ResourceRecord(address=a, type=change.type, name=r.name if r else "", phase=change.phase,
                                    status="failed", error=message, depends_on=list(change.depends_on),
                                    inputs=sent)
        else:
            record = ResourceRecord(**{k: getattr(rec, k) for k in rec.__slots__})
            record.status = "tainted" if change.action == "update" else rec.status
            record.error = message
        await self._record(a, lambda events: self.state.put(record, self.run_id, events), failed=True)
        # Skip exactly the descendants that have not started.
        stack = list(self.succ[a])
        while stack:
            s = stack.pop()
            if self.status[s] in ("waiting", "ready"):
                if self.status[s] == "ready":
                    self._ready = [x for x in self._ready if x[-1] != s]
                    heapq.heapify(self._ready)
                self.status[s] = "skipped"
                self.emit(ev.ResourceSkipped(t=self.clock.now(), address=s, because=a))
                self._phase_progress(self.steps[s].phase)
                self._gate_progress(s)
                stack.extend(self.succ[s])

    async def _record(self, address: str, write, failed: bool = False) -> bool:
        """Write one outcome to state with the pending events (on a worker thread for a backend whose writes
        are network round trips, so the scheduler never stalls). When the write fails the run stops at once:
        nothing new starts, in-flight work finishes and is recorded if the state takes it again, and the
        resource is reported as changed but not recorded (the next apply adopts it)."""
        events = self._flush()
        try:
            if getattr(self.state, "blocking_io", False):
                await asyncio.to_thread(write, events)
            else:
                write(events)
            return True
        except Exception as exc:  # any backend: sqlite3, OSError, S3 precondition, StateError
            self.pending_events = events + self.pending_events
            first = self.state_error is None
            if first:
                self.state_error = " ".join(str(exc).split()) or type(exc).__name__
            if not failed:
                self.status[address] = "unrecorded"
                self.unrecorded.append(address)
            if first and not self.control.stopping:
                self.control.request_stop()
            return False

    async def _perform(self, change: Change) -> tuple[dict, int]:
        kind = typeinfo.kind(change.type)
        bucket = typeinfo.bucket(change.type)
        if change.action == "delete":
            rec = change.record
            assert rec is not None, "a delete carries the state record it removes"
            rr = ResolvedResource(address=rec.address, type=rec.type, name=rec.name, inputs=rec.inputs,
                                  service=bucket, estimate_s=change.estimate_s)
            if kind == "data":
                return {}, 0
            await self._call(change, bucket, lambda: self.provider.delete(rr, rec.outputs), write=True)
            return {}, 1
        r = change.resource
        assert r is not None, "a create, update or no-op carries its compiled resource"
        try:
            secret_values = await resolve_secrets(secrets_in(r.inputs), getattr(self.provider, "get_parameter", None))
            resolved, redacted = resolve(r.inputs, self.outputs, secret_values)
        except (SecretMissing, UnresolvedRef, ProviderError) as exc:
            raise StepFailed(str(exc), 0) from None
        secret_texts = [str(v) for v in secret_values.values()]
        self._secret_texts[change.address] = secret_texts
        self._redacted[change.address] = redacted
        rr = ResolvedResource(address=r.address, type=r.type, name=r.name, inputs=resolved, service=bucket,
                              estimate_s=change.estimate_s)
        write = kind != "data"
        try:
            if change.action == "create" or (change.action == "update" and kind == "data"):
                outputs = await self._call(change, bucket, lambda: self.provider.create(rr), write=write)
            elif change.action == "update":
                old = change.record.outputs if change.record else {}
                changed = {k for k in change.hashes if "." not in k
                           and change.hashes.get(k) != (change.record.hashes.get(k) if change.record else None)}
                new = await self._call(change, bucket, lambda: self.provider.update(rr, old, changed), write=True)
                outputs = {**old, **(new or {})}
            else:  # replace: the old one goes first (names are unique at AWS)
                rec = change.record
                if rec is not None and rec.status != "failed" and kind != "data":
                    old_rr = ResolvedResource(address=rec.address, type=rec.type, name=rec.name, inputs=rec.inputs,
                                              service=bucket, estimate_s=0.0)
                    await self._call(change, bucket, lambda: self.provider.delete(old_rr, rec.outputs), write=True)
                outputs = await self._call(change, bucket, lambda: self.provider.create(rr), write=write)
        except StepFailed as exc:
            raise StepFailed(scrub(str(exc), secret_texts), exc.attempts) from None
        return scrub(dict(outputs or {}), secret_texts), 1

    async def _call(self, change: Change, bucket: str, op, *, write: bool):
        attempt = 0
        sem = self.limiter.slot(bucket)
        while True:
            attempt += 1
            try:
                if sem is not None:
                    async with sem:
                        await self.limiter.request(bucket)
                        self._mark_started(change)
                        if write:
                            self.write_calls += 1
                        return await op()
                await self.limiter.request(bucket)
                self._mark_started(change)
                if write:
                    self.write_calls += 1
                return await op()
            except (Throttled, Transient) as exc:
                if attempt >= self.opt.max_attempts:
                    raise StepFailed(f"{exc} (gave up after {attempt} attempts)", attempt) from None
                cap = min(self.opt.backoff_cap_s, self.opt.backoff_base_s * (2 ** (attempt - 1)))
                delay = cap / 2 + self.rng.uniform(0, cap / 2)  # "equal jitter"
                kind = "throttled" if isinstance(exc, Throttled) else "transient error"
                reason = scrub(f"{kind}: {exc}", self._secret_texts.get(change.address, ()))
                self.emit(ev.ResourceRetrying(t=self.clock.now(), address=change.address, attempt=attempt,
                                              reason=reason, delay_s=delay))
                await self.clock.sleep(delay)
            except ProviderError as exc:
                raise StepFailed(str(exc) or type(exc).__name__, attempt) from None
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # a provider bug must not take the run down
                raise StepFailed(f"{type(exc).__name__}: {exc}", attempt) from None

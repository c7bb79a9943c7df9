"""The state interface: what the runtime records about a site, wherever it is kept.

``SqliteState`` (``.ccdsl/state.db`` next to the site) is the default; a remote backend (``s3://bucket/key``
with a conditional-write lock) implements the same :class:`StateBackend` protocol.

A :class:`ResourceRecord` is written in one transaction per resource outcome, together with the run's
events so far, so a killed apply loses nothing that finished. Inputs are recorded *resolved* (Refs replaced
by the values used) with every secret replaced by its ``${env:…}``/``${ssm:…}`` reference: secret values
never reach state. ``hashes`` holds one digest per input key of the *desired* form (Refs as
``${address.attr}``, secrets as their reference), which is what plans compare.
"""
from __future__ import annotations

import os
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(slots=True)
class ResourceRecord:
    address: str
    type: str
    name: str = ""
    phase: int = 0
    inputs_hash: str = ""
    hashes: dict[str, str] = field(default_factory=dict)  # input key (or dotted path) -> digest
    inputs: dict[str, Any] = field(default_factory=dict)  # resolved, secrets redacted
    outputs: dict[str, Any] = field(default_factory=dict)
    status: str = "ok"  # ok | failed (created nothing usable) | tainted (update failed: replace next time)
    depends_on: list[str] = field(default_factory=list)
    error: str = ""
    updated_at: float = 0.0


#: how long a lock lives without being renewed; a run renews it every RENEW_EVERY_S while it lives
LEASE_S = 60.0
RENEW_EVERY_S = 15.0


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who holds a state lock. The lock is a lease: ``expires`` (wall clock) is pushed forward while the
    run lives, and a lock whose lease ran out is free. ``ident`` (host, boot and pid namespace) and
    ``pid_start`` let a holder on *this* host and namespace be recognised as dead at once (kill -9);
    two containers that share a hostname differ in ``ident``, so neither ever takes the other's lock
    before its lease expires."""

    pid: int
    host: str
    started: float
    command: str = "apply"
    expires: float = 0.0  # 0: a lock written without a lease (only `ccdsl state unlock` frees it)
    ident: str = ""
    pid_start: str = ""

    @classmethod
    def me(cls, command: str = "apply") -> LockHolder:
        now = time.time()
        return cls(pid=os.getpid(), host=socket.gethostname(), started=now, command=command, expires=now + LEASE_S,
                   ident=process_namespace(), pid_start=pid_start_time(os.getpid()))

    def describe(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.started))
        text = f"pid {self.pid} on {self.host} ({self.command}, since {when}"
        if self.expires:
            left = self.expires - time.time()
            text += f"; lease {'expires in %.0fs' % left if left > 0 else 'expired'}"
        return text + ")"

    def stale(self, now: float | None = None) -> bool:
        """Whether this lock may be taken over: its lease expired, or its process is gone from this very
        host and pid namespace (not merely "a pid not visible here": that is another container)."""
        now = time.time() if now is None else now
        if self.expires and now > self.expires:
            return True
        if not self.ident or self.ident != process_namespace():
            return False
        if not pid_alive(self.pid):
            return True
        return bool(self.pid_start) and pid_start_time(self.pid) != self.pid_start  # the pid was reused


def process_namespace() -> str:
    """This process's host, boot and pid namespace: processes with the same value see each other's pids."""
    def read(path: str) -> str:
        try:
            if path.startswith("/proc/self/ns"):
                return os.readlink(path)
            with open(path, encoding="ascii") as handle:
                return handle.read().strip()
        except OSError:
            return "?"

    return f"{socket.gethostname()}|{read('/proc/sys/kernel/random/boot_id')}|{read('/proc/self/ns/pid')}"


def pid_start_time(pid: int) -> str:
    """When process ``pid`` started (clock ticks since boot, from /proc), or "" where that cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


class LeaseKeeper:
    """Renews a lock's lease every ``every_s`` on its own thread while the run lives. ``renew()`` returns
    False when the lock is no longer ours; :attr:`lost` then tells the run."""

    def __init__(self, renew, every_s: float | None = None):
        import threading

        self._renew, self.every_s = renew, RENEW_EVERY_S if every_s is None else every_s
        self._stop = threading.Event()
        self.lost = False
        self.on_lost = None  # called (on the keeper's thread) when the lock turns out to be someone else's
        self._thread = threading.Thread(target=self._loop, name="ccdsl-lease", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(self.every_s):
            try:
                if not self._renew(time.time() + LEASE_S):
                    self.lost = True
                    if self.on_lost is not None:
                        self.on_lost()
                    return
            except Exception:  # a failed renewal is retried; the lease is several renewals long
                continue

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


class StateError(Exception):
    """State cannot be read or written (corrupt file, permissions …)."""


class StateLocked(StateError):
    def __init__(self, location: str, holder: LockHolder | None, waited_s: float):
        self.location = location
        self.holder = holder
        self.waited_s = waited_s
        who = holder.describe() if holder else "another process"
        super().__init__(
            f"state {location} is locked by {who}; waited {waited_s:.0f}s "
            f"(use --lock-timeout SECONDS to wait longer)"
        )


class StateBackend(Protocol):
    """Where a site's state lives. Every method is synchronous and safe to call from the event loop."""

    location: str

    def lock(self, holder: LockHolder, timeout_s: float = 0.0) -> None:
        """Take the lock or raise :class:`StateLocked` after ``timeout_s``. A lock whose lease expired, or
        whose holder is gone from this host and pid namespace (:meth:`LockHolder.stale`), is taken over.
        While held, the lease is renewed on a background thread."""

    def unlock(self) -> None: ...

    def holder(self) -> LockHolder | None:
        """Who holds the lock now (None when nobody does)."""

    def force_unlock(self) -> LockHolder | None:
        """Remove the lock whoever holds it (``ccdsl state unlock --force``); returns who held it."""

    def load(self) -> dict[str, ResourceRecord]:
        """Every recorded resource, by address."""

    def put(self, record: ResourceRecord, run_id: int | None = None, events: Sequence[dict] = ()) -> None:
        """Record one resource outcome and the run's pending events in one transaction."""

    def remove(self, address: str, run_id: int | None = None, events: Sequence[dict] = ()) -> None:
        """Forget a deleted resource (and record pending events) in one transaction."""

    def begin_run(self, command: str, site: str, provider: str) -> int: ...

    def add_events(self, run_id: int, events: list[dict]) -> None: ...

    def end_run(self, run_id: int, ok: bool, summary: dict) -> None: ...

    def runs(self, limit: int = 20) -> list[dict]: ...

    def close(self) -> None: ...


def state_location(site_file: str | os.PathLike, state_path: str | os.PathLike | None = None) -> str:
    """Where a site's state is: ``state_path`` when given, else ``.ccdsl/state.db`` beside the site file."""
    if state_path is not None:
        return str(state_path)
    from pathlib import Path

    return str(Path(site_file).resolve().parent / ".ccdsl" / "state.db")


def open_state(location, readonly: bool = False) -> StateBackend:
    """``s3://bucket/key`` opens the remote backend; anything else is a SQLite file path. ``readonly``
    (plan, report) writes nothing: not even a missing state file is created."""
    text = str(location)
    if text.startswith("s3://"):
        from ccdsl.runtime.state import s3  # provided with the aws provider

        return s3.S3State(text)
    from ccdsl.runtime.state.sqlite import SqliteState

    return SqliteState(text, readonly=readonly)


def pid_alive(pid: int) -> bool:
    """Whether a process of this host still runs; a lock is only taken over when this says no.

    Any answer other than "no such process" counts as alive, so a lock is never broken on a guess.
    """
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def wait_for_lock(try_lock, location: str, timeout_s: float, *, poll_s: float) -> str:
    """Take a backend's lock: ``try_lock(token)`` returns None once the lock is ours, else its holder.

    Retries every ``poll_s`` at most (``poll_s / 20`` at least) until ``timeout_s`` has passed, then
    raises :class:`StateLocked` naming the holder. Returns the token the lock was taken with.
    """
    import time
    import uuid

    token = uuid.uuid4().hex
    start = time.monotonic()
    deadline = start + max(0.0, timeout_s)
    while True:
        holder = try_lock(token)
        if holder is None:
            return token
        now = time.monotonic()
        if now >= deadline:
            raise StateLocked(location, holder, now - start)
        time.sleep(min(poll_s, max(poll_s / 20, deadline - now)))

"""How to run one plan, apply or destroy: :class:`RunOptions`, one frozen object built once (by the CLI, the
TUI or a Python caller) and passed whole through the session, the wiring and the provider factory.

The per-call collaborators — the sinks that receive events and the :class:`~ccdsl.runtime.control.RunControl`
that pauses or stops a run — are not options and travel beside it.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Any

PROVIDERS = ("sim", "aws")
POLICIES = ("critical_path", "fifo", "phased")  # the product, then the benchmark's baselines
LATENCIES = ("sample", "midpoint", "zero")


@dataclass(frozen=True, slots=True)
class RunOptions:
    """Every choice of a run. Unknown names are a ``TypeError``, bad values a ``ValueError``.

    ``time_scale``: simulated seconds per wall second on ``sim`` (``float('inf')`` plays instantly).
    ``faults``: ``"throttle=0.2,transient=0.05,fail=ADDRESS"`` (sim only).
    ``policy``: ``critical_path`` (the product), ``fifo`` or ``phased`` (baselines for the benchmark).
    ``latency``: ``sample`` (seeded, within the latency model's range), ``midpoint`` or ``zero`` (sim only).
    ``limits``: per-service limits over the defaults, e.g. ``"connect=2/5,lex-build=5"`` (rate/burst, or
    operations at once), or a ``Limits`` object.
    ``refresh``: first ask the provider which recorded resources still exist; missing ones are created again.
    ``target``, ``account``, ``profile``: the site's target this run deploys (``targets:``): on ``sim`` the
    simulated account has the target's account id; on ``aws`` the provider uses the target's profile and the
    compiled site's region (the target's) whatever ``CCDSL_AWS_REGION`` says.
    """

    provider: str = "sim"
    state_path: str | os.PathLike | None = None  # default: <site dir>/.ccdsl/state.db
    destroy: bool = False
    refresh: bool = False
    time_scale: float = 60.0
    seed: int | None = None
    faults: str | dict | None = None
    latency: str = "sample"
    parallelism: int | None = None
    limits: Any = None  # str spec or ccdsl.runtime.limits.Limits
    lock_timeout: float = 0.0
    release_numbers: bool = False
    policy: str = "critical_path"
    target: str | None = None
    account: str | None = None
    profile: str | None = None
    max_attempts: int = 10  # attempts per call on throttling and transient errors (Terraform's AWS provider: 25)

    def __post_init__(self) -> None:
        _one_of("provider", self.provider, PROVIDERS)
        _one_of("policy", self.policy, POLICIES)
        _one_of("latency", self.latency, LATENCIES)
        if not self.time_scale > 0:
            raise ValueError(f"time_scale must be positive, not {self.time_scale!r}")
        if self.parallelism is not None and self.parallelism < 1:
            raise ValueError(f"parallelism must be at least 1, not {self.parallelism!r}")
        if self.max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, not {self.max_attempts!r}")
        if self.lock_timeout < 0:
            raise ValueError(f"lock_timeout cannot be negative ({self.lock_timeout!r})")

    def with_(self, **changes: Any) -> RunOptions:
        """A copy with ``changes``; an unknown name is a ``TypeError``."""
        return dataclasses.replace(self, **changes) if changes else self

    @property
    def clock_scale(self) -> float:
        """Deployment seconds per wall second as a watcher sees them (0 when the run plays instantly)."""
        scale = float(self.time_scale) if self.provider == "sim" else 1.0
        return 0.0 if scale == float("inf") else scale


def _one_of(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"unknown {name} {value!r} ({', '.join(allowed)})")

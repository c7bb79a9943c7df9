"""The entry point shared by the CLI and the TUI: plan or apply a site, synchronously.

:func:`apply_site` runs its own asyncio loop, so the TUI calls it from a worker thread and passes a sink
(any callable taking an :class:`~ccdsl.runtime.events.Event`) and a :class:`~ccdsl.runtime.control.RunControl`.
Nothing here prints: progress goes to the sinks, problems come back in the result.
"""
from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ccdsl.runtime.control import RunControl
from ccdsl.runtime.events import Event, EventSink


@dataclass(slots=True)
class RunResult:
    ok: bool
    exit_code: int  # 0 ok, 1 failures / errors / stopped with work left
    counts: dict[str, int] = field(default_factory=dict)  # done / failed / skipped / pending / noop
    elapsed_s: float = 0.0  # deployment seconds (simulated on sim)
    estimated_s: float = 0.0
    critical_path: tuple[str, ...] = ()  # as it really ran
    failures: dict[str, str] = field(default_factory=dict)  # address -> reason
    diagnostics: list[str] = field(default_factory=list)  # compile / state / lock problems, one line each
    plan: Any = None  # the Plan that was executed (ccdsl.runtime.plan.Plan)
    run_id: int | None = None
    write_calls: int = 0  # provider create/update/delete calls made


@dataclass(slots=True)
class PlanResult:
    ok: bool
    plan: Any = None  # ccdsl.runtime.plan.Plan
    diagnostics: list[str] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.plan is not None and self.plan.has_changes)


def default_state_path(site_path: str | os.PathLike) -> Path:
    """``<site dir>/.ccdsl/state.db``."""
    return Path(site_path).resolve().parent / ".ccdsl" / "state.db"


def plan_site(
    site_path,
    *,
    provider: str = "sim",
    state_path: str | os.PathLike | None = None,
    destroy: bool = False,
    refresh: bool = False,
) -> PlanResult:
    """Compile ``site_path`` (a .ccd path, or an already compiled ``CompiledSite``) and diff it against state.

    Read-only: takes no lock, and calls no provider unless ``refresh`` (then recorded resources the
    provider no longer has are planned for creation).
    """
    from ccdsl.runtime import wiring

    return wiring.plan_only(site_path, provider=provider, state_path=state_path, destroy=destroy, refresh=refresh)


def apply_site(
    site_path,
    *,
    provider: str = "sim",
    state_path: str | os.PathLike | None = None,
    time_scale: float = 60.0,
    seed: int | None = None,
    faults: str | dict | None = None,
    parallelism: int | None = None,
    sinks: Iterable[EventSink] = (),
    control: RunControl | None = None,
    destroy: bool = False,
    lock_timeout: float = 0.0,
    release_numbers: bool = False,
    policy: str = "critical_path",
    latency: str = "sample",
    limits: str | None = None,
    refresh: bool = False,
) -> RunResult:
    """Plan and execute under the state lock; returns when the run is over (or stopped).

    ``site_path``: a .ccd file or a ``CompiledSite`` (then ``state_path`` is required).
    ``time_scale``: simulated seconds per wall second on ``sim`` (``float('inf')`` plays instantly).
    ``faults``: ``"throttle=0.2,transient=0.05,fail=ADDRESS"`` (sim only).
    ``policy``: ``critical_path`` (the product), ``fifo`` or ``phased`` (baselines for the benchmark).
    ``latency``: ``sample`` (seeded, within the latency model's range), ``midpoint`` or ``zero`` (sim only).
    ``limits``: per-service limits over the defaults, e.g. ``"connect=2/5,lex-build=5"`` (rate/burst, or
    operations at once).
    ``refresh``: first ask the provider which recorded resources still exist; missing ones are created again.
    """
    from ccdsl.runtime import wiring

    control = control or RunControl()
    return asyncio.run(
        wiring.run(
            site_path,
            provider=provider,
            state_path=state_path,
            time_scale=time_scale,
            seed=seed,
            faults=faults,
            parallelism=parallelism,
            sinks=tuple(sinks),
            control=control,
            destroy=destroy,
            lock_timeout=lock_timeout,
            release_numbers=release_numbers,
            policy=policy,
            latency=latency,
            limits=limits,
            refresh=refresh,
        )
    )


__all__ = ["RunResult", "PlanResult", "apply_site", "plan_site", "default_state_path", "RunControl", "Event"]

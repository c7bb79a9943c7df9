"""The entry point shared by the CLI and the TUI: plan or apply a site, synchronously.

:func:`apply_site` runs its own asyncio loop, so the TUI calls it from a worker thread and passes a sink
(any callable taking an :class:`~ccdsl.runtime.events.Event`) and a :class:`~ccdsl.runtime.control.RunControl`.
What to run and how is one :class:`~ccdsl.runtime.options.RunOptions`.
Nothing here prints: progress goes to the sinks, problems come back in the result.
"""
from __future__ import annotations

import asyncio
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccdsl.runtime.control import RunControl
from ccdsl.runtime.events import Event, EventSink
from ccdsl.runtime.options import RunOptions


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
    site: Any = None  # the CompiledSite it was made from: apply it to run this plan without compiling again

    @property
    def has_changes(self) -> bool:
        return bool(self.plan is not None and self.plan.has_changes)


def default_state_path(site_path: str | os.PathLike) -> Path:
    """``<site dir>/.ccdsl/state.db``."""
    return Path(site_path).resolve().parent / ".ccdsl" / "state.db"


def _options(options: RunOptions | None, fields: dict[str, Any]) -> RunOptions:
    return (options or RunOptions()).with_(**fields)


def plan_site(site_path, options: RunOptions | None = None, **fields: Any) -> PlanResult:
    """Compile ``site_path`` (a .ccd path, or an already compiled ``CompiledSite``) and diff it against state.

    Reads ``provider``, ``state_path``, ``destroy`` and ``refresh`` of ``options``; keyword ``fields`` are a
    shorthand for ``options.with_(...)``. Read-only: takes no lock, and calls no provider unless ``refresh``
    (then recorded resources the provider no longer has are planned for creation).
    """
    from ccdsl.runtime import wiring

    return wiring.plan_only(site_path, _options(options, fields))


def unchanged_since_last_apply(site_path, options: RunOptions | None = None, **fields: Any) -> Any:
    """A :class:`~ccdsl.runtime.noop.NoChanges` when applying ``site_path`` now would change nothing, known
    without compiling (its inputs read the same as at the last apply, and state is as that apply left it);
    None when only a compile can tell."""
    from ccdsl.runtime import noop

    return noop.unchanged_since_last_apply(site_path, _options(options, fields))


def apply_site(
    site_path,
    options: RunOptions | None = None,
    *,
    sinks: Iterable[EventSink] = (),
    control: RunControl | None = None,
    plan: Any = None,
    saved: Any = None,
    **fields: Any,
) -> RunResult:
    """Plan and execute under the state lock; returns when the run is over (or stopped).

    ``site_path``: a .ccd file or a ``CompiledSite`` (then ``options.state_path`` is required).
    ``options``: a :class:`~ccdsl.runtime.options.RunOptions` (defaults: the simulator, 60x time); keyword
    ``fields`` are a shorthand for ``options.with_(...)`` — ``apply_site(site, time_scale=600)`` — and an
    unknown name is a ``TypeError``. ``sinks`` receive every event; ``control`` pauses or stops the run.
    ``plan``: the plan already shown (``plan_site(...).plan``), run as it is unless state moved meanwhile.
    ``saved``: a :class:`~ccdsl.runtime.saved_plan.SavedPlan`; the run is refused if it is stale.
    """
    from ccdsl.runtime import wiring

    return asyncio.run(wiring.run(site_path, _options(options, fields), sinks=tuple(sinks),
                                  control=control or RunControl(), plan=plan, expect=saved))


__all__ = ["RunOptions", "RunResult", "PlanResult", "apply_site", "plan_site", "default_state_path", "RunControl",
           "Event"]

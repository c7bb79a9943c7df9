"""A run over many targets: plan each target against its own state, then apply (or destroy) them with a
concurrency and a failure tolerance, with CloudFormation StackSets' semantics — at most ``max_concurrent``
targets at once, and once more than ``failure_tolerance`` targets have failed no further target is started
(those already running finish). StackSetOperationPreferences:
https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackSetOperationPreferences.html

Each target runs the ordinary single-site run (:func:`ccdsl.runtime.session.apply_site`) on a worker thread,
with its own state, lock, clock and provider. AWS's request rates and concurrent-operation quotas are per
account and region (https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html),
so targets that share an account and region take turns: each run's limiter then holds for that account.
Nothing here prints: a :class:`RolloutListener` receives every target's events and status changes.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from ccdsl.runtime.control import RunControl
from ccdsl.runtime.events import Event
from ccdsl.runtime.options import RunOptions
from ccdsl.runtime.session import PlanResult, RunResult
from ccdsl.runtime.targets import RolloutSpec, Selection, TargetError, TargetSpec, compile_target, target_state_path

#: a target's outcome: planned, then running, then done / failed / no changes, or not started
NOT_STARTED = "not started"


class RolloutListener(Protocol):
    def target_status(self, name: str, status: str, detail: str = "") -> None: ...

    def target_event(self, name: str, event: Event) -> None: ...


@dataclass(slots=True)
class TargetPlan:
    target: TargetSpec
    options: RunOptions  # this target's options: its state path, account, profile
    planned: PlanResult


@dataclass(slots=True)
class TargetOutcome:
    target: TargetSpec
    status: str  # done | failed | no changes | not started
    result: RunResult | None = None
    diagnostics: list[str] = field(default_factory=list)


def target_options(options: RunOptions, site_path: str, target: TargetSpec) -> RunOptions:
    return options.with_(state_path=str(target_state_path(site_path, target.name)), target=target.name,
                         account=target.sim_account if options.provider == "sim" else target.account,
                         profile=target.profile)


def plan_targets(site_path: str, selection: Selection, options: RunOptions) -> list[TargetPlan]:
    """Each selected target compiled and planned against its own state. Raises :class:`TargetError` when any
    target cannot be compiled or planned (all of them are reported)."""
    from ccdsl.runtime.session import plan_site

    plans, problems = [], []
    for target in selection.targets:
        opts = target_options(options, site_path, target)
        if options.provider == "aws":
            from ccdsl.runtime.targets import check_aws_account

            wrong = check_aws_account(target)
            if wrong:
                problems.append(wrong)
                continue
        try:
            compiled = compile_target(selection, target)
        except TargetError as exc:
            problems.extend(exc.lines)
            continue
        planned = plan_site(compiled, opts)
        if not planned.ok:
            problems.extend(f"target {target.name}: {line}" for line in planned.diagnostics)
            continue
        plans.append(TargetPlan(target, opts, planned))
    if problems:
        raise TargetError(problems)
    return plans


def account_region(tp: TargetPlan) -> tuple[str, str]:
    """Where a target's AWS limits apply: its account (the profile stands for it when no id is given) and region."""
    target = tp.target
    return (target.account or (f"profile:{target.profile}" if target.profile else f"target:{target.name}"),
            target.region)


def run_targets(plans: list[TargetPlan], rollout: RolloutSpec, listener: RolloutListener, *,
                control: RunControl | None = None, sinks: Callable[[str], Iterable[Any]] | None = None,
                ) -> list[TargetOutcome]:
    """Apply each target's plan (targets without changes are not run); returns the outcomes in the plans' order.

    ``sinks(name)``: extra event sinks for a target (an events file). ``control`` stops every target: after a
    stop no target is started and the running ones stop as a single run does."""
    from ccdsl.runtime.session import apply_site

    control = control or RunControl()
    lock = threading.Lock()
    failed: list[str] = []
    outcomes: dict[str, TargetOutcome] = {}
    turns: dict[tuple[str, str], threading.Lock] = {}  # XX  # (account, region) -> the turn of the target running there
    for tp in plans:
        turns.setdefault(account_region(tp), threading.Lock())

    def one(tp: TargetPlan) -> None:
        with turns[account_region(tp)]:
            run_one(tp)

    def run_one(tp: TargetPlan) -> None:
        name = tp.target.name
        with lock:
            over = len(failed) > rollout.failure_tolerance
        if over or control.stopping:
            why = (f"{len(failed)} target(s) failed, more than the rollout's failure tolerance of "
                   f"{rollout.failure_tolerance}" if over else "the rollout was stopped")
            outcomes[name] = TargetOutcome(tp.target, NOT_STARTED, diagnostics=[why])
            listener.target_status(name, NOT_STARTED, why)
            return
        listener.target_status(name, "running")
        extra = list(sinks(name)) if sinks else []

        def forward(event: Event) -> None:
            listener.target_event(name, event)

        try:
            result = apply_site(tp.planned.site, tp.options, sinks=[forward, *extra], control=control,
                                plan=tp.planned.plan)
        except Exception as exc:  # a bug in one target's run must not take the others down
            result = RunResult(ok=False, exit_code=1, diagnostics=[f"internal error: {type(exc).__name__}: {exc}"])
        status = "done" if result.ok else "failed"
        if not result.ok:
            with lock:
                failed.append(name)
        outcomes[name] = TargetOutcome(tp.target, status, result, list(result.diagnostics))
        listener.target_status(name, status, "; ".join(result.diagnostics))

    todo = []
    for tp in plans:
        if tp.planned.has_changes:
            todo.append(tp)
            listener.target_status(tp.target.name, "queued")
        else:
            outcomes[tp.target.name] = TargetOutcome(tp.target, "no changes")
            listener.target_status(tp.target.name, "no changes")
    if todo:
        with ThreadPoolExecutor(max_workers=rollout.max_concurrent, thread_name_prefix="ccdsl-target") as pool:
            futures = [pool.submit(one, tp) for tp in todo]
            _wait(futures, control)
    return [outcomes[tp.target.name] for tp in plans]


def _wait(futures: list, control: RunControl) -> None:
    """Wait for the targets; Ctrl-C (and SIGTERM/SIGHUP, which the workers cannot catch) stop them gracefully,
    a second one hard, exactly as in a single run."""
    import signal

    from ccdsl.runtime.wiring import STOP_SIGNALS

    previous = {}
    if threading.current_thread() is threading.main_thread():
        for number in STOP_SIGNALS:
            try:
                previous[number] = signal.signal(number, lambda *_: control.interrupt())
            except (ValueError, OSError):
                continue
    try:
        for future in futures:
            future.result()
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)

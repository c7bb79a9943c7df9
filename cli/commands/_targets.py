"""``plan|apply|destroy SITE --target NAME|--all-targets``: the same commands over the site's ``targets:``,
each target with its own state, lock and (on the simulator) simulated account."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ._runflags import confirm, err, print_plan


def _refusal(args: argparse.Namespace) -> str:
    """Why these flags cannot go with targets ('' when they can)."""
    if args.target and args.all_targets:
        return "--target and --all-targets: pass one or the other"
    if args.state:
        return "--state cannot be used with --target/--all-targets: each target keeps its own state " \
               "(.ccdsl/targets/<name>/state.db)"
    if getattr(args, "out", None):
        return "--out saves the plan of one site: it cannot be used with --target/--all-targets"
    if str(args.site).endswith(".json"):
        return f"{args.site} is a saved plan: run it without --target/--all-targets"
    return ""


def _plans(args: argparse.Namespace, options: Any) -> tuple[Any, list[Any]] | int:
    from ccdsl.runtime.rollout import plan_targets as plan_all
    from ccdsl.runtime.targets import TargetError, select

    why = _refusal(args)
    if why:
        err(f"ccdsl: {why}")
        return 2
    try:
        selection = select(args.site, None if args.all_targets else list(dict.fromkeys(args.target)))
        return selection, plan_all(args.site, selection, options)
    except TargetError as exc:
        for line in exc.lines:
            err(line)
        return 1


def _show(plans: list[Any], provider: str, *, compact: bool, release_numbers: bool) -> None:
    for i, tp in enumerate(plans):
        if i:
            print()
        print(f"== target {tp.target.label()} ==")
        print_plan(tp.planned.plan, provider, compact=compact, release_numbers=release_numbers)


def plan_targets(args: argparse.Namespace) -> int:
    """``ccdsl plan SITE --target NAME|--all-targets``."""
    import json

    from ccdsl.runtime.options import RunOptions

    options = RunOptions(provider=args.provider, destroy=args.destroy, refresh=args.refresh,
                         release_numbers=args.release_numbers)
    found = _plans(args, options)
    if isinstance(found, int):
        return found
    _, plans = found
    if args.json:
        print(json.dumps({tp.target.name: tp.planned.plan.to_json() for tp in plans}, indent=2))
    else:
        _show(plans, args.provider, compact=args.compact, release_numbers=args.release_numbers)
    if args.detailed_exitcode and any(tp.planned.has_changes for tp in plans):
        return 2
    return 0


def preflight_targets(args: argparse.Namespace) -> int:
    """``apply --provider aws`` over targets: the read-only preflight in each target's account and region."""
    from ccdsl.runtime.providers.aws.preflight import preflight_site
    from ccdsl.runtime.targets import TargetError, select

    try:
        selection = select(args.site, None if args.all_targets else list(dict.fromkeys(args.target or [])))
    except TargetError as exc:
        for line in exc.lines:
            err(line)
        return 1
    failed = False
    for target in selection.targets:
        print(f"== preflight {target.label()} ==")
        report, problems = preflight_site(args.site, region=target.region, profile=target.profile)
        if report is None:
            for line in problems:
                err(f"ccdsl preflight: {line}")
            return 1
        for line in report.lines():
            print(line)
        failed = failed or bool(report.failed)
    return 1 if failed else 0


def events_path(path: str, target: str) -> str:
    """``events.jsonl`` → ``events.<target>.jsonl``: one events file per target."""
    p = Path(path)
    return str(p.with_name(f"{p.stem}.{target}{p.suffix}"))


def execute_targets(args: argparse.Namespace, *, destroy: bool) -> int:
    """Plan every target, show the plans, confirm once, then run the targets as the site's ``rollout:`` says."""
    from ccdsl.runtime.progress.rollout import RolloutModel
    from ccdsl.runtime.rollout import run_targets
    from ccdsl.runtime.sinks import JsonLinesSink

    from ._runflags import run_options

    try:
        options = run_options(args, destroy=destroy)
    except ValueError as exc:
        err(f"ccdsl: {exc}")
        return 2
    found = _plans(args, options)
    if isinstance(found, int):
        return found
    selection, plans = found
    release = getattr(args, "release_numbers", False)
    _show(plans, args.provider, compact=getattr(args, "compact", False), release_numbers=release)
    if not any(tp.planned.has_changes for tp in plans):
        return 0
    changing = sum(1 for tp in plans if tp.planned.has_changes)
    code = confirm(args, f"Do you really want to destroy these resources on {changing} target(s)? There is no undo."
                   if destroy else f"Apply these changes to {changing} target(s)?")
    if code is not None:
        return code
    print(flush=True)
    rollout = selection.rollout
    model = RolloutModel({tp.target.name: tp.target.label() for tp in plans},
                         max_concurrent=rollout.max_concurrent, failure_tolerance=rollout.failure_tolerance)
    journals: list[JsonLinesSink] = []

    def sinks(name: str) -> list[Any]:
        if not args.events:
            return []
        journal = JsonLinesSink(events_path(args.events, name))
        journals.append(journal)
        return [journal]

    if getattr(args, "tui", False):
        return _tui(plans, rollout, model, sinks, journals)
    view: Any
    if sys.stdout.isatty() and not (args.plain or args.verbose):
        from ccdsl.runtime.sinks.rollout import RichRolloutSink

        view = RichRolloutSink(model)
    else:
        from ccdsl.runtime.sinks.rollout import PlainRolloutSink

        view = PlainRolloutSink(model, sys.stdout, verbose=args.verbose)
    try:
        outcomes = run_targets(plans, rollout, view, sinks=sinks)
    finally:
        view.close()
        for journal in journals:
            journal.close()
    return _verdict(outcomes)


def _verdict(outcomes: list[Any]) -> int:
    for outcome in outcomes:
        for line in outcome.diagnostics if outcome.status == "failed" else []:
            err(f"target {outcome.target.name}: {line}")
    return 0 if all(o.status in ("done", "no changes") for o in outcomes) else 1


def _tui(plans: list[Any], rollout: Any, model: Any, sinks: Any, journals: list[Any]) -> int:
    """The targets under the Textual dashboard (a row per target, each target's summary as it ends)."""
    if not sys.stdout.isatty():
        err("ccdsl: --tui needs a terminal (standard output is not one); run without --tui for plain progress")
        return 2
    try:
        from ccdsl.tui.targets import run_targets_tui
    except ImportError as exc:
        err(f"the TUI needs textual (pip install 'ccdsl[tui]'): {exc}")
        return 1
    from ccdsl.runtime.rollout import run_targets

    try:
        outcomes = run_targets_tui(model, lambda listener, control: run_targets(plans, rollout, listener,
                                                                                control=control, sinks=sinks))
    finally:
        for journal in journals:
            journal.close()
    if outcomes is None:
        err("ccdsl: the dashboard was closed before the targets were over; they were stopped")
        return 1
    return _verdict(outcomes)

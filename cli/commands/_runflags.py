"""Options and output shared by ``plan``, ``apply`` and ``destroy``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from ccdsl.runtime.events import EventSink
    from ccdsl.runtime.options import RunOptions


def add_site_and_state(p) -> None:
    p.add_argument("site", metavar="SITE", help="the .ccd file (apply: or a plan saved by `plan --out`)")
    p.add_argument("--state", metavar="PATH", help="state file (default: <site dir>/.ccdsl/state.db)")
    p.add_argument("--provider", choices=["sim", "aws"], default="sim", help="where to apply (default: sim)")
    p.add_argument("--target", action="append", metavar="NAME",
                   help="run this target of the site's `targets:` (repeat for several); each has its own state")
    p.add_argument("--all-targets", action="store_true", help="run every target of the site's `targets:`")


def add_run_options(p) -> None:
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    p.add_argument("--parallelism", type=int, metavar="N", help="at most N operations at once (default: no cap)")
    p.add_argument("--time-scale", type=float, default=60.0, metavar="N",
                   help="sim: simulated seconds per wall second (default 60; 'inf' plays instantly)")
    p.add_argument("--seed", type=int, metavar="N", help="sim: seed for latencies and faults (repeatable runs)")
    p.add_argument("--faults", metavar="SPEC", help="sim: throttle=P,transient=P,fail=ADDRESS")
    p.add_argument("--latency", choices=["sample", "midpoint", "zero"], default="sample",
                   help="sim: durations drawn from the latency model (default), its midpoints, or zero")
    p.add_argument("--limits", metavar="SPEC", help="per-service limits, e.g. connect=2/5,lex-build=5")
    p.add_argument("--events", metavar="FILE", help="also write every event as JSON lines to FILE")
    p.add_argument("--lock-timeout", type=float, default=0.0, metavar="SECONDS",
                   help="wait this long for another apply's lock before giving up (default 0)")
    p.add_argument("--plain", action="store_true", help="plain lines even on a terminal")
    p.add_argument("--verbose", "-v", action="store_true", help="plain lines also for retries and progress")
    p.add_argument("--tui", action="store_true", help="watch the run in the Textual app")
    p.add_argument("--compact", action="store_true", help="show the plan as one line per phase")
    p.add_argument("--refresh", action="store_true",
                   help="check with the provider that recorded resources still exist; recreate missing ones")


def add_target(p) -> None:
    """``--target NAME`` for commands that read one state (report, state)."""
    p.add_argument("--target", metavar="NAME", help="the state of this target of the site's `targets:`")


def state_location(args: argparse.Namespace) -> str:
    """The state a one-state command reads: ``--state``, the ``--target``'s state, or the site's."""
    from ccdsl.runtime.session import default_state_path

    if getattr(args, "target", None):
        if args.state:
            raise ValueError("--state and --target: pass one or the other")
        from ccdsl.runtime.targets import target_state_path

        return str(target_state_path(args.site, args.target))
    return str(args.state or default_state_path(args.site))


def err(text: str) -> None:
    print(text, file=sys.stderr)


def print_plan(plan, provider: str, out=None, *, compact: bool = False, release_numbers: bool = False) -> None:
    """The plan in Terraform's conventions (see :mod:`._planview`)."""
    from ._planview import print_plan as show

    show(plan, provider, out, compact=compact, release_numbers=release_numbers)


def make_sinks(args):
    sinks: list[EventSink] = []
    closers: list[Callable[[], None]] = []
    if getattr(args, "events", None):
        from ccdsl.runtime.sinks import JsonLinesSink

        j = JsonLinesSink(args.events)
        sinks.append(j)
        closers.append(j.close)
    if sys.stdout.isatty() and not (args.plain or args.verbose):
        from ccdsl.runtime.sinks.live import RichLiveSink

        live = RichLiveSink()
        sinks.append(live)
        closers.append(live.close)
    else:
        from ccdsl.runtime.sinks import PlainSink

        sinks.append(PlainSink(sys.stdout, verbose=args.verbose))
    return sinks, closers


def confirm(args, question: str) -> int | None:
    """None to go on, else the exit code."""
    if args.yes:
        return None
    if not sys.stdin.isatty():
        err("refusing to change anything without confirmation: stdin is not a terminal; pass --yes")
        return 2
    try:
        answer = input(f"{question} (y/N) ")
    except EOFError:
        answer = ""
    if answer.strip().lower() not in ("y", "yes"):
        err("cancelled")
        return 1
    return None


def run_options(args: argparse.Namespace, *, destroy: bool) -> RunOptions:
    """The run's :class:`~ccdsl.runtime.options.RunOptions` from the parsed flags."""
    from ccdsl.runtime.options import RunOptions

    return RunOptions(
        provider=args.provider, state_path=args.state, destroy=destroy, refresh=args.refresh,
        time_scale=args.time_scale, seed=args.seed, faults=args.faults, latency=args.latency,
        parallelism=args.parallelism, limits=args.limits, lock_timeout=args.lock_timeout,
        release_numbers=getattr(args, "release_numbers", False),
    )


def saved_plan_stale(saved, plan) -> str:
    """Why a saved plan no longer matches the plan made now ('' when it does)."""
    why = []
    if plan.site_digest != saved.site_digest:
        why.append(f"{Path(saved.site_path).name} changed since the plan was made")
    if plan.records_digest != saved.records_digest:
        why.append("state changed since the plan was made (another apply ran)")
    return "; ".join(why)


def execute(args, *, destroy: bool) -> int:
    """Plan, show, confirm, run; shared by apply and destroy. The site is compiled once: what runs is the plan
    shown. ``apply PLANFILE`` runs a saved plan without asking, and refuses it when it is stale."""
    from ccdsl.runtime.saved_plan import SavedPlanError, is_saved_plan, read

    if getattr(args, "target", None) or getattr(args, "all_targets", False):
        from ._targets import execute_targets

        return execute_targets(args, destroy=destroy)
    saved = None
    if is_saved_plan(args.site):
        if destroy:
            err(f"{args.site} is a saved plan: run it with `ccdsl apply {args.site}` (a destroy plan is saved "
                "with `ccdsl plan SITE --destroy --out FILE`)")
            return 2
        try:
            saved = read(args.site)
        except SavedPlanError as exc:
            err(str(exc))
            return 1
        args.site, args.state, args.provider = saved.site_path, saved.state_path, saved.provider
        args.release_numbers, args.yes = saved.release_numbers, True  # the plan was shown when it was saved
        destroy = saved.destroy
    try:
        options = run_options(args, destroy=destroy)
    except ValueError as exc:
        err(f"ccdsl: {exc}")
        return 2
    if args.faults:
        from ccdsl.runtime.providers.sim.faults import Faults, FaultSpecError

        try:
            Faults.parse(args.faults)
        except FaultSpecError as exc:
            err(f"--faults: {exc}")
            return 2
    if args.tui:
        try:
            from ccdsl.tui.app import run_tui
        except ImportError as exc:
            err(f"the TUI needs textual (pip install 'ccdsl[tui]'): {exc}")
            return 1
        sinks, closers = [], []
        if getattr(args, "events", None):
            from ccdsl.runtime.sinks import JsonLinesSink

            journal = JsonLinesSink(args.events)
            sinks.append(journal)
            closers.append(journal.close)
        try:
            # Without --yes the dashboard holds the run after planning and asks before changing anything.
            return int(run_tui(args.site, options, yes=args.yes, sinks=sinks, saved=saved) or 0)
        finally:
            for close in closers:
                close()
    if saved is None and not destroy:  # inputs and state as the last apply left them: nothing to compile
        from ccdsl.runtime.noop import unchanged_since_last_apply  # light: no compiler, no runtime machinery

        if (same := unchanged_since_last_apply(args.site, options)) is not None:
            from ._planview import print_unchanged

            print_unchanged(same.site, same.region, args.provider)
            return 0
    from ccdsl.runtime.session import apply_site, default_state_path, plan_site

    planned = plan_site(args.site, options)
    if not planned.ok:
        for line in planned.diagnostics:
            err(line)
        return 1
    if saved is None:
        print_plan(planned.plan, args.provider, compact=getattr(args, "compact", False),
                   release_numbers=options.release_numbers)
    elif stale := saved_plan_stale(saved, planned.plan):
        err(f"the saved plan is stale, nothing was applied: {stale}; run `ccdsl plan --out` again")
        return 1
    if not planned.has_changes:
        if saved is None and not destroy:  # compiled to find nothing: the next apply need not compile
            from ccdsl.runtime.noop import record_unchanged

            record_unchanged(planned.site, planned.plan, options)
        return 0
    code = confirm(args, "Do you really want to destroy these resources? There is no undo." if destroy
                   else "Apply these changes?")
    if code is not None:
        return code
    print(flush=True)
    sinks, closers = make_sinks(args)
    state_path = options.state_path or str(default_state_path(args.site))
    try:
        result = apply_site(planned.site, options.with_(state_path=state_path), sinks=sinks, plan=planned.plan,
                            saved=saved)
    finally:
        for close in closers:
            close()
    for line in result.diagnostics:
        err(line)
    return result.exit_code

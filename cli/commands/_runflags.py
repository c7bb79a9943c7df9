"""Options and output shared by ``plan``, ``apply`` and ``destroy``."""
from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ccdsl.runtime.options import RunOptions


def add_site_and_state(p) -> None:
    p.add_argument("site", metavar="SITE", help="the .ccd file")
    p.add_argument("--state", metavar="PATH", help="state file (default: <site dir>/.ccdsl/state.db)")
    p.add_argument("--provider", choices=["sim", "aws"], default="sim", help="where to apply (default: sim)")


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
    p.add_argument("--refresh", action="store_true",
                   help="check with the provider that recorded resources still exist; recreate missing ones")


def err(text: str) -> None:
    print(text, file=sys.stderr)


def print_plan(plan, provider: str, out=None) -> None:
    from ccdsl.runtime.plan import phase_name
    from ccdsl.runtime.sinks.summary import clock_text, duration_text

    out = out or sys.stdout
    c = plan.counts()
    verb = "destroy" if plan.destroy else "plan"
    print(f"{plan.site} ({provider}) {verb}: {c['create']} to create, {c['update']} to update, "
          f"{c['replace']} to replace, {c['delete']} to delete, {c['noop']} unchanged", file=out)
    if not plan.has_changes:
        print("No changes.", file=out)
        return
    marks = {"create": "+", "update": "~", "replace": "-/+", "delete": "-"}
    by_phase: dict[int, list] = {}
    for ch in plan.steps:
        by_phase.setdefault(ch.phase, []).append(ch)
    critical = set(plan.critical_path)
    for phase in sorted(by_phase):
        rows = sorted(by_phase[phase], key=lambda ch: ch.address)
        print(f"\nPhase {phase} {phase_name(phase)} ({len(rows)})", file=out)
        for ch in rows:
            why = f"  ({'; '.join(ch.reasons)})" if ch.action in ("update", "replace") and ch.reasons else ""
            star = "*" if ch.address in critical else " "
            print(f" {star}{marks[ch.action]:>3} {ch.address:<52} {ch.type:<40} ~{duration_text(ch.estimate_s)}{why}",
                  file=out)
    estimated = max(plan.estimated_s, plan.critical_length_s)
    print(f"\nEstimated {duration_text(estimated)} under the service limits; critical path "
          f"{duration_text(plan.critical_length_s)} ({len(plan.critical_path)} steps, marked *).", file=out)
    print("The chain that ends the run:", file=out)
    for k in plan.estimated_chain:
        wait = f"  (waits {duration_text(k.wait_s)} for {k.waited_for})" if k.waited_for and k.wait_s >= 0.5 else ""
        print(f"  {clock_text(k.start_s)}  {k.address}  ~{duration_text(k.finish_s - k.start_s)}{wait}", file=out)


def make_sinks(args):
    sinks, closers = [], []
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


def execute(args, *, destroy: bool) -> int:
    """Plan, show, confirm, run; shared by apply and destroy."""
    from ccdsl.runtime.session import apply_site, plan_site

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
            return int(run_tui(args.site, options, yes=args.yes, sinks=sinks) or 0)
        finally:
            for close in closers:
                close()
    planned = plan_site(args.site, options)
    if not planned.ok:
        for line in planned.diagnostics:
            err(line)
        return 1
    print_plan(planned.plan, args.provider)
    if not planned.has_changes:
        return 0
    code = confirm(args, "Destroy these resources?" if destroy else "Apply these changes?")
    if code is not None:
        return code
    print(flush=True)
    sinks, closers = make_sinks(args)
    try:
        result = apply_site(args.site, options, sinks=sinks)
    finally:
        for close in closers:
            close()
    for line in result.diagnostics:
        err(line)
    return result.exit_code

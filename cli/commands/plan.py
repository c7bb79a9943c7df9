"""``ccdsl plan SITE``: what apply would change, grouped by phase, with the estimate and critical path."""
from __future__ import annotations


def register(subparsers) -> None:
    from ._runflags import add_site_and_state

    p = subparsers.add_parser("plan", help="what apply would change",
                              description="Compare the site with recorded state: create, update, replace, delete.")
    add_site_and_state(p)
    p.add_argument("--json", action="store_true", help="the plan as JSON")
    p.add_argument("--destroy", action="store_true", help="plan a destroy")
    p.add_argument("--refresh", action="store_true",
                   help="ask the provider which recorded resources still exist (missing ones are created)")
    p.add_argument("--out", metavar="FILE", help="save the plan to FILE; `ccdsl apply FILE` runs exactly it")
    p.add_argument("--compact", action="store_true", help="one line per phase instead of one per change")
    p.add_argument("--release-numbers", action="store_true",
                   help="with --destroy: plan to release claimed phone numbers too")
    p.add_argument("--detailed-exitcode", action="store_true",
                   help="exit 0 when there are no changes, 2 when there are, 1 on errors")
    # State is closed and any --out file written before run returns: nothing is left to finalise
    # (see __main__.end_process).
    p.set_defaults(func=run, quick_exit=True)


def run(args) -> int:
    from ccdsl.dsl.gc_pause import collector_paused

    with collector_paused():  # one compile and one diff, then the command ends: as for `ccdsl compile`
        return _run(args)


def _run(args) -> int:
    import sys

    from ccdsl.runtime.options import RunOptions
    from ccdsl.runtime.session import plan_site

    from ._runflags import err, print_plan

    if getattr(args, "target", None) or getattr(args, "all_targets", False):
        from ._targets import plan_targets

        return plan_targets(args)
    options = RunOptions(provider=args.provider, state_path=args.state, destroy=args.destroy, refresh=args.refresh,
                         release_numbers=args.release_numbers)
    result = plan_site(args.site, options)
    args.outlives_the_command = result  # freed with the process on a quick exit, not object by object on return
    if not result.ok:
        for line in result.diagnostics:
            err(line)
        return 1
    if args.json:  # json.dumps(…, indent=2), written a change at a time (a large plan's text is tens of MB)
        from ccdsl.compiler import jsonout

        jsonout.dump(result.plan.to_json(), sys.stdout, sort_keys=False, ensure_ascii=True, indent=2)
        print()
    else:
        print_plan(result.plan, args.provider, compact=args.compact, release_numbers=args.release_numbers)
    if args.out:
        from ccdsl.runtime.saved_plan import make_saved, write
        from ccdsl.runtime.session import default_state_path

        state_path = args.state or str(default_state_path(args.site))
        try:
            write(make_saved(result.plan, args.site, state_path, options), args.out)
        except OSError as exc:
            err(f"--out: cannot write {args.out}: {exc}")
            return 1
        print(f"\nSaved the plan to {args.out}. To perform exactly these actions, run: ccdsl apply {args.out}",
              file=sys.stderr if args.json else sys.stdout)
    if args.detailed_exitcode and result.has_changes:
        return 2
    return 0

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
    p.add_argument("--detailed-exitcode", action="store_true",
                   help="exit 0 when there are no changes, 2 when there are, 1 on errors")
    p.set_defaults(func=run)


def run(args) -> int:
    import json

    from ccdsl.runtime.options import RunOptions
    from ccdsl.runtime.session import plan_site

    from ._runflags import err, print_plan

    options = RunOptions(provider=args.provider, state_path=args.state, destroy=args.destroy, refresh=args.refresh)
    result = plan_site(args.site, options)
    if not result.ok:
        for line in result.diagnostics:
            err(line)
        return 1
    if args.json:
        print(json.dumps(result.plan.to_json(), indent=2))
    else:
        print_plan(result.plan, args.provider)
    if args.detailed_exitcode and result.has_changes:
        return 2
    return 0

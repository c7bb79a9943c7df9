"""``ccdsl apply SITE``: show the plan, ask, then apply it critical-path first."""
from __future__ import annotations

import sys


def register(subparsers) -> None:
    from ._runflags import add_run_options, add_site_and_state

    p = subparsers.add_parser("apply", help="create or update what the plan shows",
                              description="Plan, confirm (unless --yes), then apply critical-path first. "
                                          "Re-running apply resumes an interrupted run.")
    add_site_and_state(p)
    add_run_options(p)
    p.add_argument("--skip-preflight", action="store_true",
                   help="with --provider aws, do not run `ccdsl preflight` first")
    p.set_defaults(func=run)


def run(args) -> int:
    from ._runflags import execute

    if args.provider == "aws" and not args.skip_preflight:
        from .preflight import check

        if getattr(args, "target", None) or getattr(args, "all_targets", False):
            from ._targets import preflight_targets

            found = preflight_targets(args)
        else:
            found = check(args.site)
        if found != 0:
            print("ccdsl apply: the preflight found problems; nothing was changed "
                  "(--skip-preflight to apply anyway)", file=sys.stderr)
            return 1
    return execute(args, destroy=False)

"""``ccdsl apply SITE``: show the plan, ask, then apply it critical-path first."""
from __future__ import annotations


def register(subparsers) -> None:
    from ._runflags import add_run_options, add_site_and_state

    p = subparsers.add_parser("apply", help="create or update what the plan shows",
                              description="Plan, confirm (unless --yes), then apply critical-path first. "
                                          "Re-running apply resumes an interrupted run.")
    add_site_and_state(p)
    add_run_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from ._runflags import execute

    return execute(args, destroy=False)

"""``ccdsl destroy SITE``: delete everything recorded for the site, in reverse dependency order."""
from __future__ import annotations


def register(subparsers) -> None:
    from ._runflags import add_run_options, add_site_and_state

    p = subparsers.add_parser("destroy", help="delete the site's resources in reverse dependency order",
                              description="Delete every resource recorded in state, dependants first. Phone "
                                          "numbers are kept (AWS has a cooldown of up to 180 days on released "
                                          "numbers) unless --release-numbers.")
    add_site_and_state(p)
    add_run_options(p)
    p.add_argument("--release-numbers", action="store_true", help="also release claimed phone numbers")
    p.set_defaults(func=run)


def run(args) -> int:
    from ._runflags import execute

    return execute(args, destroy=True)

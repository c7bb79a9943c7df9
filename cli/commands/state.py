"""``ccdsl state unlock SITE [--force]``: remove a state lock left by a run that is gone.

A lock is a lease its run renews while it lives (see the README's State section), so a crashed run's
lock frees itself once the lease expires. ``unlock`` removes it at once: without ``--force`` only when
its holder is known to be gone (the lease expired, or its process no longer runs in this host's pid
namespace); with ``--force`` whoever holds it, as ``terraform force-unlock`` does. Either way it names
the holder.
"""
from __future__ import annotations

import argparse
import sys


def register(subparsers) -> None:
    from ._runflags import add_target

    p = subparsers.add_parser("state", help="manage the site's state (unlock)",
                              description="Manage the site's state.")
    sub = p.add_subparsers(dest="state_command", metavar="SUBCOMMAND")
    unlock = sub.add_parser("unlock", help="remove a lock left by a run that is gone",
                            description=__doc__.split("\n\n", 1)[1])
    unlock.add_argument("site", metavar="SITE", help="the .ccd file whose state to unlock")
    unlock.add_argument("--state", metavar="PATH", help="state file or s3://bucket/key (default: .ccdsl/state.db)")
    add_target(unlock)
    unlock.add_argument("--force", action="store_true",
                        help="remove the lock even though its holder may still run (be sure it does not)")
    unlock.set_defaults(func=run_unlock)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def run_unlock(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ccdsl.runtime.state.base import StateError, open_state

    from ._runflags import state_location

    try:
        location = state_location(args)
    except ValueError as exc:
        print(f"ccdsl state unlock: {exc}", file=sys.stderr)
        return 2
    if not str(location).startswith("s3://") and not Path(location).exists():
        print(f"ccdsl state unlock: no state at {location}: nothing to unlock", file=sys.stderr)
        return 1
    try:
        state = open_state(location)
        try:
            holder = state.holder()
            if holder is None:
                print(f"state {location} is not locked")
                return 0
            if not args.force and not holder.stale():
                print(f"ccdsl state unlock: state {location} is locked by {holder.describe()}, which may still "
                      f"be running; wait for it, or use --force if you are sure it is gone", file=sys.stderr)
                return 1
            state.force_unlock()
        finally:
            state.close()
    except StateError as exc:
        print(f"ccdsl state unlock: {exc}", file=sys.stderr)
        return 1
    print(f"removed the lock of {holder.describe()} on {location}")
    return 0

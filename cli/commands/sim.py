"""``ccdsl sim``: look into the simulated AWS account (``sim.db`` next to the site's state)."""
from __future__ import annotations

from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser("sim", help="inspect the simulated AWS account",
                              description="The sim provider's account lives next to the state "
                                          "(<site dir>/.ccdsl/sim.db by default).")
    sub = p.add_subparsers(dest="sim_command", metavar="SUBCOMMAND")
    ls = sub.add_parser("ls", help="list what the simulated account holds")
    _where(ls)
    ls.add_argument("--json", action="store_true", help="one JSON list: type, name, id (and arn, status)")
    ls.set_defaults(func=run_ls)
    put = sub.add_parser("put-parameter", help="store an SSM parameter for ${ssm:...} references")
    put.add_argument("name")
    put.add_argument("value", help="the value, or - to read it from standard input (keeps it out of the "
                                   "shell history and the process list)")
    _where(put)
    put.set_defaults(func=run_put)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _where(p) -> None:
    p.add_argument("site", nargs="?", metavar="SITE", help="the .ccd file (default: the account in ./.ccdsl)")
    p.add_argument("--state", metavar="PATH", help="the state file the account sits next to")
    p.add_argument("--target", metavar="NAME", help="the simulated account of this target of the site's `targets:`")


def _account_path(args) -> Path:
    from ccdsl.runtime.wiring import sim_account_path

    if getattr(args, "target", None):
        from ccdsl.runtime.targets import target_state_path

        return target_state_path(args.site or "site.ccd", args.target).parent / "sim.db"
    if args.state:
        return Path(sim_account_path(args.state))
    if args.site:
        return Path(args.site).resolve().parent / ".ccdsl" / "sim.db"
    return Path.cwd() / ".ccdsl" / "sim.db"


def run_ls(args) -> int:
    import json
    import sys

    path = _account_path(args)
    if not path.exists():
        entries = []
    else:
        import sqlite3

        from ccdsl.runtime.providers.sim.account import Account

        try:
            account = Account(path, readonly=True)
            try:
                entries = [e.to_json() for e in account.all()]
            finally:
                account.close()
        except sqlite3.Error as exc:
            print(f"ccdsl sim ls: cannot read the simulated account {path}: {exc}", file=sys.stderr)
            return 1
    if args.json:
        print(json.dumps(entries, indent=2))
        return 0
    if not entries:
        print(f"the simulated account at {path} holds nothing", file=sys.stderr)
        return 0
    width_t = max(len(e["type"]) for e in entries)
    width_n = max(len(e["name"]) for e in entries)
    for e in entries:
        status = "" if e["status"] == "ACTIVE" else f"  ({e['status'].lower()})"
        print(f"{e['type']:<{width_t}}  {e['name']:<{width_n}}  {e['id']}{status}")
    print(f"{len(entries)} resource(s) in {path}", file=sys.stderr)
    return 0


def run_put(args) -> int:
    import sqlite3
    import sys

    from ccdsl.runtime.providers.sim.account import Account

    value = args.value
    if value == "-":
        value = sys.stdin.read()
        value = value[:-1] if value.endswith("\n") else value  # `echo secret |` adds one newline
        if value.endswith("\r"):
            value = value[:-1]
    path = _account_path(args)
    try:
        account = Account(path)
        try:
            account.put_parameter(args.name, value)
        finally:
            account.close()
    except (sqlite3.Error, OSError) as exc:
        print(f"ccdsl sim put-parameter: cannot write the simulated account {path}: {exc}", file=sys.stderr)
        return 1
    return 0

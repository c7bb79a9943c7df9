"""``ccdsl preflight SITE --provider aws``: read-only checks that the account can take the apply."""
from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "preflight", help="check (read-only) that the AWS account can take the apply",
        description="Read-only checks against the account: credentials, region, Amazon Connect and Lex V2, "
                    "the quotas that would stop the apply, phone numbers available, what would be adopted. "
                    "Exit 1 when the apply cannot succeed. Runs before `apply --provider aws` by itself.")
    p.add_argument("site", metavar="SITE", help="the .ccd file")
    p.add_argument("--provider", choices=["aws"], default="aws", help="the account to check (aws)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return check(args.site)


def check(site: str, out=None) -> int:
    """Run the preflight of ``site``, print its report; 0 when nothing stops the apply, else 1."""
    from ccdsl.runtime.providers.aws.preflight import preflight_site

    out = out or sys.stdout
    report, problems = preflight_site(site)
    if report is None:
        for line in problems:
            print(f"ccdsl preflight: {line}", file=sys.stderr)
        return 1
    for line in report.lines():
        print(line, file=out)
    return 1 if report.failed else 0

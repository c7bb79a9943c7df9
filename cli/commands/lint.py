"""``ccdsl lint [--global-resiliency] FILE… [--format text|json|sarif]``: opt-in readiness checks of valid sites.

Exit 0 when nothing is found, 1 when a file has errors or a lint finds something, 2 on usage errors.
"""
from __future__ import annotations

import argparse

from . import _diagnostics


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "lint", help="readiness checks beyond validate (Global Resiliency)",
        description="Validate .ccd files, then check each valid one against a goal beyond deploying it. "
                    "--global-resiliency: what would block or not follow an Amazon Connect Global Resiliency "
                    "replica of the instance in the paired region (W126-W132). With no lint named, every lint "
                    "runs. Exit 1 when a file has errors or a lint finds something.")
    _diagnostics.add_options(parser)
    parser.add_argument("--global-resiliency", action="store_true",
                        help="Amazon Connect Global Resiliency readiness")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ccdsl.dsl.lint import LINTS, lint_file

    if _diagnostics.missing("lint", args.files):
        return 2
    chosen = tuple(name for name in LINTS if getattr(args, name)) or LINTS
    diagnostics = []
    for name in args.files:
        _, diags = lint_file(name, chosen)
        diagnostics.extend(diags.sorted())
    files = f"{len(args.files)} file{'s' if len(args.files) != 1 else ''}"
    lints = ", ".join(n.replace("_", " ") for n in chosen)
    _diagnostics.report(diagnostics, args, clean=f"{files}: nothing found ({lints})")
    return 1 if diagnostics else 0

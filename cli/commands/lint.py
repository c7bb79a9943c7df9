"""``ccdsl lint [--global-resiliency] FILE… [--format text|json|sarif]``: opt-in readiness checks of valid sites.

Exit 0 when nothing is found, 1 when a file has errors or a lint finds something, 2 on usage errors.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "lint", help="readiness checks beyond validate (Global Resiliency)",
        description="Validate .ccd files, then check each valid one against a goal beyond deploying it. "
                    "--global-resiliency: what would block or not follow an Amazon Connect Global Resiliency "
                    "replica of the instance in the paired region (W126-W132). With no lint named, every lint "
                    "runs. Exit 1 when a file has errors or a lint finds something.")
    parser.add_argument("files", nargs="+", metavar="FILE", help=".ccd files")
    parser.add_argument("--global-resiliency", action="store_true",
                        help="Amazon Connect Global Resiliency readiness")
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text",
                        help="output format (default: text)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ccdsl import __version__
    from ccdsl.dsl.lint import LINTS, lint_file
    from ccdsl.dsl.report import Sources, render_json, render_sarif, render_text, summary_line

    missing = [f for f in args.files if not Path(f).is_file()]
    if missing:
        for name in missing:
            print(f"ccdsl lint: error: no such file: {name}", file=sys.stderr)
        return 2
    chosen = tuple(name for name in LINTS if getattr(args, name)) or LINTS
    diagnostics = []
    for name in args.files:
        _, diags = lint_file(name, chosen)
        diagnostics.extend(diags.sorted())
    if args.format == "json":
        print(render_json(diagnostics, args.files))
    elif args.format == "sarif":
        print(render_sarif(diagnostics, __version__))
    else:
        sources = Sources()
        for d in diagnostics:
            print(render_text(d, sources))
            print()
        if diagnostics:
            print(summary_line(diagnostics, len(args.files)), file=sys.stderr)
        else:
            files = f"{len(args.files)} file{'s' if len(args.files) != 1 else ''}"
            print(f"{files}: nothing found ({', '.join(n.replace('_', ' ') for n in chosen)})")
    return 1 if diagnostics else 0

"""``ccdsl validate FILE… [--format text|json|sarif]``: parse and check; exit 0 clean, 1 problems, 2 usage."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("validate", help="parse and check .ccd files",
                                   description="Parse and check .ccd files; every problem with its position.")
    parser.add_argument("files", nargs="+", metavar="FILE", help=".ccd files")
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour the text output (default: on a terminal)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ccdsl import __version__
    from ccdsl.dsl.report import Sources, render_json, render_rich, render_sarif, render_text, summary_line
    from ccdsl.dsl.validate import validate_file

    missing = [f for f in args.files if not Path(f).is_file()]
    if missing:
        for name in missing:
            print(f"ccdsl validate: error: no such file: {name}", file=sys.stderr)
        return 2
    diagnostics = []
    for name in args.files:
        _, diags = validate_file(name)
        diagnostics.extend(diags.sorted())
    if args.format == "json":
        print(render_json(diagnostics, args.files))
    elif args.format == "sarif":
        print(render_sarif(diagnostics, __version__))
    else:
        color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
        sources = Sources()
        console = None
        if color:  # rich only on a terminal (or when asked): plain output stays free of it
            from rich.console import Console

            console = Console(force_terminal=True, highlight=False, soft_wrap=True)
        for d in diagnostics:
            if console is not None:
                console.print(render_rich(d, sources))
            else:
                print(render_text(d, sources))
            print()
        print(summary_line(diagnostics, len(args.files)), file=sys.stderr if diagnostics else sys.stdout)
    return 1 if any(d.is_error for d in diagnostics) else 0

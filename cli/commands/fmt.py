"""``ccdsl fmt FILE… [--check]``: canonical layout, comments kept; ``--check`` lists files that would change."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("fmt", help="format .ccd files canonically (comments kept)",
                                   description="Rewrite .ccd files in canonical layout; comments are kept.")
    parser.add_argument("files", nargs="+", metavar="FILE", help=".ccd files")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; list the files that would change and exit 1 if any")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ccdsl.dsl.diagnostics import Diagnostics
    from ccdsl.dsl.fmt import format_text
    from ccdsl.dsl.loader import decode, load_text
    from ccdsl.dsl.report import Sources, render_text

    missing = [f for f in args.files if not Path(f).is_file()]
    if missing:
        for name in missing:
            print(f"ccdsl fmt: error: no such file: {name}", file=sys.stderr)
        return 2
    changed, failed = [], False
    for name in args.files:
        diags = Diagnostics()
        text = decode(Path(name).read_bytes(), name, diags)
        load_text(text, name, diags)
        if diags.has_errors:  # not YAML that can be formatted: say why, leave the file alone
            failed = True
            sources = Sources({name: text})
            for d in diags.sorted():
                print(render_text(d, sources), file=sys.stderr)
            continue
        formatted = format_text(text)
        if formatted != text:
            changed.append(name)
            if not args.check:
                Path(name).write_text(formatted, encoding="utf-8")
    for name in changed:
        print(f"{'would reformat' if args.check else 'reformatted'} {name}")
    if failed:
        return 1
    return 1 if (args.check and changed) else 0

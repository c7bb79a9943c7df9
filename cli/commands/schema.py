"""``ccdsl schema [-o FILE]``: the JSON Schema (draft 2020-12) of the .ccd format, for editors."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("schema", help="print the JSON Schema of the .ccd format",
                                   description="The JSON Schema (draft 2020-12) of .ccd files, for "
                                               "yaml-language-server and VS Code.")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ccdsl.dsl.schema import schema_text

    text = schema_text()
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0

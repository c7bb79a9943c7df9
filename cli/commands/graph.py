"""``ccdsl graph SITE --format dot|mermaid|json``: the resource DAG with the critical path marked."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "graph",
        help="print the resource DAG (dot, mermaid or json), critical path highlighted",
        description="Validate and compile SITE, then print its resource graph. The critical path is "
        "drawn in red (dot, mermaid) or listed under critical_path (json).",
    )
    p.add_argument("site", help="the .ccd file")
    p.add_argument("--format", choices=["dot", "mermaid", "json"], default="dot", help="default: dot")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ccdsl.compiler.pipeline import compile_site
    from ccdsl.compiler.render import render

    from .compile import print_diagnostics

    if not Path(args.site).is_file():
        print(f"ccdsl graph: error: no such file: {args.site}", file=sys.stderr)
        return 2
    compiled, diagnostics = compile_site(args.site)
    if len(diagnostics):
        print_diagnostics(diagnostics, "text", [args.site])
    if compiled is None:
        return 1
    text = render(compiled, args.format)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0

"""What ``validate`` and ``lint`` share: their file and output options, the missing-file check and the report of
diagnostics as text (coloured on a terminal), JSON or SARIF."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def add_options(parser: argparse.ArgumentParser) -> None:
    """FILE…, ``--format`` and ``--color``."""
    parser.add_argument("files", nargs="+", metavar="FILE", help=".ccd files")
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour the text output (default: on a terminal)")


def missing(command: str, files: Sequence[str]) -> bool:
    """Say which files do not exist (a usage error); True when any is missing."""
    absent = [f for f in files if not Path(f).is_file()]
    for name in absent:
        print(f"ccdsl {command}: error: no such file: {name}", file=sys.stderr)
    return bool(absent)


def report(diagnostics: list[Any], args: argparse.Namespace, clean: str | None = None) -> None:
    """Print ``diagnostics`` in the format asked for. Text ends with the summary line (on stderr when there are
    problems), or ``clean`` instead when given and there are none."""
    from ccdsl import __version__
    from ccdsl.dsl.report import Sources, render_json, render_rich, render_sarif, render_text, summary_line

    if args.format == "json":
        print(render_json(diagnostics, args.files))
        return
    if args.format == "sarif":
        print(render_sarif(diagnostics, __version__))
        return
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
    if clean is not None and not diagnostics:
        print(clean)
    else:
        print(summary_line(diagnostics, len(args.files)), file=sys.stderr if diagnostics else sys.stdout)

"""``ccdsl validate FILE… [--format text|json|sarif]``: parse and check; exit 0 clean, 1 problems, 2 usage."""
from __future__ import annotations

import argparse

from . import _diagnostics


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("validate", help="parse and check .ccd files",
                                   description="Parse and check .ccd files; every problem with its position.")
    _diagnostics.add_options(parser)
    parser.set_defaults(func=run, quick_exit=True)  # nothing is left to finalise: see ccdsl.__main__.end_process


def run(args: argparse.Namespace) -> int:
    if _diagnostics.missing("validate", args.files):
        return 2
    # Loading the language (model classes, syntax-tree classes, parsers) and validating allocate a great deal
    # and free almost nothing: the cyclic collector would only rescan it (a tenth of the command). Paused here.
    from ccdsl.dsl.gc_pause import collector_paused

    with collector_paused():
        from ccdsl.dsl.validate import validate_file

        diagnostics = []
        for name in args.files:
            _, diags = validate_file(name)
            diagnostics.extend(diags.sorted())
        _diagnostics.report(diagnostics, args)
    return 1 if any(d.is_error for d in diagnostics) else 0

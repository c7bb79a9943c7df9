"""``ccdsl lsp``: the language server for ``.ccd`` files, over stdio (needs the ``lsp`` extra: pygls)."""
from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "lsp", help="language server for editors (stdio)",
        description="Speak the Language Server Protocol over stdin/stdout: diagnostics as you type, go to "
                    "definition, references, rename, hover, completion, code actions, outline, formatting.")
    parser.add_argument("--stdio", action="store_true", help="use stdin/stdout (the default and only transport)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        from ccdsl.lsp.server import serve_stdio
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] in ("pygls", "lsprotocol"):
            print("ccdsl lsp: error: the language server needs pygls: pip install 'ccdsl[lsp]'", file=sys.stderr)
            return 2
        raise
    serve_stdio()
    return 0

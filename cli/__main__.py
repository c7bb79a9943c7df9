"""The ``ccdsl`` console script."""
from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import os
import sys
from typing import NoReturn

from . import __version__
from .commands import COMMANDS, module_name


def _command_named(argv: list[str]) -> str | None:
    """The command ``argv`` runs (its first word when that is a command's name), else None."""
    return argv[0] if argv and argv[0] in COMMANDS else None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv`` that names a command, only that command's module is imported."""
    parser = argparse.ArgumentParser(
        prog="ccdsl",
        description="Amazon Connect contact centres as code: validate, compile, plan and apply .ccd sites.",
    )
    parser.add_argument("--version", action="version", version=f"ccdsl {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    only = _command_named(argv) if argv is not None else None
    for name in [only] if only else COMMANDS:
        try:
            module = importlib.import_module(module_name(name))
        except ModuleNotFoundError as exc:
            if exc.name == module_name(name):
                continue  # command not built yet
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command ``argv`` names (None: the process's own arguments, as the console script runs it)."""
    if argv is not None:
        return _main(argv)[0]
    code, args = _main(sys.argv[1:])
    if getattr(args, "quick_exit", False):
        end_process(code)
    return code


def end_process(code: int) -> NoReturn:
    """End the process as a normal exit would — exit handlers run, output flushed — without the interpreter's
    teardown: its last full garbage collection and the freeing of every module and object loaded (together a
    quarter of a ``validate``). Only for a command that leaves nothing to finalise (``quick_exit``)."""
    gc.disable()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be written
            pass
    os._exit(code & 0xFF)


def _main(argv: list[str]) -> tuple[int, argparse.Namespace | None]:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2, args
    try:
        return int(args.func(args) or 0), args
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130, args
    except BrokenPipeError:
        return 0, args


if __name__ == "__main__":
    sys.exit(main())

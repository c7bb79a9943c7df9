"""``ccdsl compile SITE -o build/``: the resource graph, critical path and artefacts, no cloud calls."""
from __future__ import annotations

import argparse
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "compile",
        help="compile a site into build/graph.json, flows, bots, policies and plan.md",
        description="Validate SITE and compile it into a resource graph with its critical path. "
        "Writes graph.json, plan.md, flows/<flow>.json, bots/<bot>/<locale>.json and "
        "policies/<role>.json under the output folder. Nothing touches a cloud.",
    )
    p.add_argument("site", help="the .ccd file")
    p.add_argument("-o", "--output", default="build", help="output folder (default: build)")
    p.add_argument("--format", choices=["text", "json", "sarif"], default="text",
                   help="how to print diagnostics (default: text)")
    p.set_defaults(func=run)


def print_diagnostics(diagnostics, fmt: str = "text", stream=None) -> None:
    """Print diagnostics the way ``ccdsl validate`` does (its renderer when available)."""
    stream = stream or sys.stderr
    try:
        from ccdsl.commands.validate import render_diagnostics  # type: ignore[attr-defined]
    except ImportError:
        render_diagnostics = None
    if render_diagnostics is not None:
        render_diagnostics(diagnostics, fmt, stream)
        return
    if fmt == "json":
        import json

        json.dump([d.to_dict() for d in diagnostics.sorted()], stream, indent=2)
        stream.write("\n")
        return
    for d in diagnostics.sorted():
        stream.write(f"{d.span}: {d.severity.value}[{d.code}]: {d.message}\n")
        if d.hint:
            stream.write(f"  = help: {d.hint}\n")


def run(args: argparse.Namespace) -> int:
    from ccdsl.compiler.output import _mmss, write_build
    from ccdsl.compiler.pipeline import compile_site

    compiled, diagnostics = compile_site(args.site)
    if len(diagnostics):
        print_diagnostics(diagnostics, args.format)
    if compiled is None:
        return 1
    written = write_build(compiled, args.output)
    phases = len({r.phase for r in compiled.resources.values()})
    print(f"compiled {compiled.site}: {len(compiled.resources)} resources in {phases} phases, "
          f"{compiled.graph.number_of_edges()} dependencies")
    print(f"critical path: {_mmss(compiled.critical_length_s)} ({compiled.critical_length_s:.0f} s, "
          f"{len(compiled.critical_path)} steps) vs the seed's phased 25-35 min")
    print(f"wrote {len(written)} files to {args.output}/")
    return 0

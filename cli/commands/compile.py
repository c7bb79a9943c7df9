"""``ccdsl compile SITE -o build/``: the resource graph, critical path and artefacts, no cloud calls."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


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
    # Every file is written and closed before run returns: nothing is left to finalise (see __main__.end_process).
    p.set_defaults(func=run, quick_exit=True)


def print_diagnostics(diagnostics, fmt: str = "text", files: list[str] | None = None) -> None:
    """Print diagnostics exactly as ``ccdsl validate`` does (its renderers)."""
    from ccdsl import __version__
    from ccdsl.dsl.report import Sources, render_json, render_sarif, render_text, summary_line

    items = diagnostics.sorted()
    if fmt == "json":
        print(render_json(items, files or []))
    elif fmt == "sarif":
        print(render_sarif(items, __version__))
    else:
        color = sys.stderr.isatty()
        sources = Sources()
        for d in items:
            print(render_text(d, sources, color), file=sys.stderr)
            print(file=sys.stderr)
        print(summary_line(items, len(files or [1])), file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from ccdsl.dsl.gc_pause import collector_paused

    # One compile, then the command ends: what it allocates is acyclic or lives to the end, so the cyclic
    # collector would only rescan it (at 100k resources that was a fifth of the command's CPU).
    with collector_paused():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from ccdsl.compiler.output import _mmss, edge_count, write_build
    from ccdsl.compiler.pipeline import compile_site

    if not Path(args.site).is_file():
        print(f"ccdsl compile: error: no such file: {args.site}", file=sys.stderr)
        return 2
    compiled, diagnostics = compile_site(args.site)
    if len(diagnostics):
        print_diagnostics(diagnostics, args.format, [args.site])
    if compiled is None:
        return 1
    written = write_build(compiled, args.output)
    args.outlives_the_command = compiled  # freed with the process on a quick exit, not object by object on return
    phases = len({r.phase for r in compiled.resources.values()})
    print(f"compiled {compiled.site}: {len(compiled.resources)} resources in {phases} phases, "
          f"{edge_count(compiled.graph)} dependencies")
    print(f"critical path: {_mmss(compiled.critical_length_s)} ({compiled.critical_length_s:.0f} s, "
          f"{len(compiled.critical_path)} steps) vs the seed's phased 25-35 min")
    from ccdsl.compiler.flows.silence import silent_error_branches_in

    silent, flows, tasks_only = silent_error_branches_in(compiled.artefacts, compiled.flow_channels)
    tasks = f" (not counting {tasks_only} task-only flow{'s' if tasks_only != 1 else ''})" if tasks_only else ""
    print(f"flows: {flows}, error branches that end without a message: {silent}{tasks}")
    from ccdsl.compiler.estimate import estimate_site

    est = estimate_site(compiled)
    waits = sorted((k for k in est.chain if k.wait_s >= 0.5), key=lambda k: -k.wait_s)
    why = f"; the longest wait: {_mmss(waits[0].wait_s)} for {waits[0].waited_for}" if waits else ""
    print(f"estimated deploy: {_mmss(est.makespan_s)} ({est.makespan_s:.0f} s) under the service limits{why}")
    print(f"wrote {len(written)} files to {args.output}/")
    from ccdsl.compiler.exposure import public_entries

    public = public_entries(compiled)
    print(f"public: {len(public)} thing(s) reachable from the internet" + (":" if public else ""))
    for line in public:
        print(f"  {line}")
    return 0

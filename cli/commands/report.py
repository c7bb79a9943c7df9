"""``ccdsl report SITE [--svg FILE]``: the last run's timeline and per-phase timing, from recorded events."""
from __future__ import annotations

import argparse
import io
import sys

from ._runflags import add_target, state_location


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "report",
        help="show the last run's timeline and per-phase timing (terminal or SVG)",
        description="Render a recorded run — by default the latest one in SITE's state — as a timeline (Gantt) "
        "with the critical path marked, per-phase timing against the plan, the critical path as it ran, "
        "failures, and the comparison with the seed's phased 25–35 minute deployment.",
    )
    p.add_argument("site", metavar="SITE", help="the .ccd file whose state holds the run")
    p.add_argument("--state", metavar="PATH", help="state file (default: <site dir>/.ccdsl/state.db)")
    add_target(p)
    p.add_argument("--run", type=int, metavar="ID", help="report this run instead of the latest")
    p.add_argument("--list", action="store_true", help="list the recorded runs (id, command, start, outcome)")
    p.add_argument("--events", metavar="FILE", help="read the run from a JSON-lines file (apply --events FILE)")
    p.add_argument("--svg", metavar="FILE", help="write an SVG image to FILE instead of printing")
    p.add_argument("--width", type=int, metavar="COLUMNS",
                   help="width in columns (default: the terminal's; 120 for --svg)")
    p.add_argument("--only", choices=["critical", "failures"],
                   help="timeline rows: only the critical path, or only failed and skipped resources "
                        "(--svg: the critical path unless --full)")
    p.add_argument("--full", action="store_true",
                   help="--svg: the whole timeline, one row per resource (by default the image is one screen: "
                        "the summary, the phases and the critical path)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from ccdsl.runtime.records import NoRecordedRun, read_jsonl, read_state
    from ccdsl.runtime.state import StateError
    from ccdsl.tui.report import build_report

    if args.list:
        return _list_runs(args)
    try:
        if args.events:
            events = read_jsonl(args.events)
            meta = {"id": None, "command": "apply", "started": None}
        else:
            meta, events = read_state(state_location(args), args.run)
    except (NoRecordedRun, StateError, OSError, ValueError) as exc:
        print(f"ccdsl report: {exc}", file=sys.stderr)
        return 1
    only = args.only
    if args.svg:
        console = Console(record=True, width=args.width or 120, file=_Null(), force_terminal=True,
                          color_system="truecolor")
        if only is None and not args.full:
            only = "critical"  # one screen: a 262-row timeline is a poster, not a picture
    else:
        console = Console(width=args.width) if args.width else Console()
    report = build_report(events, meta, console.width, only=only)
    if report is None:
        print("ccdsl report: the recorded run has no plan", file=sys.stderr)
        return 1
    console.print(report)
    if args.svg:
        console.save_svg(args.svg, title=f"ccdsl report {args.site}")
        print(f"wrote {args.svg}")
    return 0


def _list_runs(args: argparse.Namespace) -> int:
    import json
    import time
    from pathlib import Path

    from ccdsl.runtime.state import StateError
    from ccdsl.runtime.state.base import open_state

    try:
        path = state_location(args)
    except ValueError as exc:
        print(f"ccdsl report: {exc}", file=sys.stderr)
        return 2
    if not str(path).startswith("s3://") and not Path(path).exists():
        print(f"ccdsl report: no state at {path}: nothing has been applied yet", file=sys.stderr)
        return 1
    try:
        state = open_state(path, readonly=True)
        try:
            runs = state.runs(limit=50)
        finally:
            state.close()
    except (StateError, OSError) as exc:
        print(f"ccdsl report: {exc}", file=sys.stderr)
        return 1
    for run in runs:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(run["started"])) if run.get("started") else "?"
        summary = json.loads(run["summary"]) if run.get("summary") else {}
        counts = ", ".join(f"{v} {k}" for k, v in (summary.get("counts") or {}).items() if v)
        outcome = "running or killed" if run.get("ok") is None else ("ok" if run["ok"] else "not ok")
        print(f"{run['id']:>4}  {run['command']:<8} {when}  {outcome:<17} {counts}")
    return 0


class _Null(io.StringIO):
    """A file that swallows what the recording console prints."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

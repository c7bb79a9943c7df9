"""``ccdsl test SITE [FILE…]``: run the site's conversation tests offline, with transition coverage."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "test",
        help="run conversation tests offline against the compiled flows and bots, with coverage",
        description="Compile SITE and run its conversation tests (tests/*.yaml beside the site file, or the "
        "FILEs given) through a Connect flow interpreter and offline Lex bots. Exit 0 when every test passes "
        "(and coverage reaches --fail-under), 1 otherwise, 2 on usage errors.",
    )
    p.add_argument("site", help="the .ccd file")
    p.add_argument("files", nargs="*", help="test files (default: tests/*.yaml beside the site)")
    p.add_argument("-k", dest="names", action="append", help="only tests whose name contains this text")
    p.add_argument("--coverage", action="store_true", help="show transition coverage per flow and what is uncovered")
    p.add_argument("--fail-under", type=float, metavar="PCT", help="exit 1 if transition coverage is below PCT")
    p.add_argument("--format", choices=["text", "json", "junit"], default="text", help="default: text")
    p.add_argument("--export", choices=["connect", "lex"],
                   help="write the tests as Amazon Connect test cases or Lex V2 test-set CSV files to -o DIR")
    p.add_argument("-o", "--output", help="write the report (or the export, a folder) here")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ccdsl.runtime.conversation.suite import render_json, render_junit, render_text, run_suite

    from .compile import print_diagnostics

    if not Path(args.site).is_file():
        print(f"ccdsl test: error: no such file: {args.site}", file=sys.stderr)
        return 2
    if args.export and not args.output:
        print("ccdsl test: error: --export needs -o DIR", file=sys.stderr)
        return 2
    report = run_suite(args.site, args.files, args.names)
    if report.diagnostics.has_errors or report.suite is None:
        print_diagnostics(report.diagnostics, "text", [args.site] + [str(f) for f in (report.suite.files
                                                                                      if report.suite else [])])
        return 1
    if args.export:
        return export(args, report)
    if args.format == "json":
        text = render_json(report)
    elif args.format == "junit":
        text = render_junit(report)
    else:
        text = render_text(report, args.coverage or args.fail_under is not None)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"{report.passed} passed, {report.failed} failed; report written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    if not report.results:
        print("ccdsl test: no tests found (write them in tests/*.yaml beside the site file)", file=sys.stderr)
    code = 1 if report.failed else 0
    if args.fail_under is not None and report.coverage and report.coverage.percent < args.fail_under:
        print(f"ccdsl test: transition coverage {report.coverage.percent}% is under --fail-under "
              f"{args.fail_under:g}%", file=sys.stderr)
        code = 1
    return code


def export(args: argparse.Namespace, report) -> int:
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    if args.export == "connect":
        from ccdsl.runtime.conversation.export_connect import write_connect_tests
        written = write_connect_tests(report, out)
    else:
        from ccdsl.runtime.conversation.export_lex import write_lex_test_sets
        written = write_lex_test_sets(report, out)
    for path in written:
        print(path)
    print(f"{len(written)} file(s) written to {out}", file=sys.stderr)
    return 0

"""``ccdsl import FLOW.json… [-o OUT.ccd] [--map ARNMAP.yaml]``: exported Connect flows into a ``.ccd`` site.

Each flow becomes an entry of ``flows:``: a ``do:`` body when the body compiles back to an equivalent flow,
otherwise a Jinja2 template written next to OUT (``flows/NAME.json.j2``) with a warning naming each action
that keeps it one. The names the flows refer to are listed as warnings and at the end of OUT.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "import",
        help="turn exported Amazon Connect flow JSON into .ccd flows",
        description="Decompile exported Amazon Connect flows (console exports or DescribeContactFlow responses) "
        "into the flows: section of a .ccd site. A flow whose actions all have statements becomes a do: body that "
        "compiles back to an equivalent flow; any other flow stays a template written next to OUT, with a "
        "warning for each action that keeps it one. ARNs become names (from --map, the designer's names, or the "
        "ARN); each name is reported so it can be declared.",
    )
    p.add_argument("files", nargs="*", metavar="FLOW.json", help="exported flow files")
    p.add_argument("--instance", metavar="INSTANCE_ID",
                   help="import the active flows and modules of this Connect instance instead (read-only)")
    p.add_argument("--provider", choices=["aws"], default="aws", help="where --instance lives (default: aws)")
    p.add_argument("--region", help="the instance's region (default: CCDSL_AWS_REGION, AWS_REGION, the profile's)")
    p.add_argument("-o", "--output", default="imported.ccd", help="the .ccd file to write (default: imported.ccd)")
    p.add_argument("--map", dest="arn_map", metavar="ARNMAP.yaml",
                   help="YAML mapping of ARN (or id) to the name to use for it")
    p.add_argument("--type", dest="flow_type", metavar="TYPE",
                   help="the flow type of every file (contact_flow, customer_queue, module …); default: from each file")
    p.add_argument("--force", action="store_true", help="overwrite OUT and template files that exist")
    p.add_argument("--format", choices=["text", "json", "sarif"], default="text",
                   help="how to print diagnostics (default: text)")
    p.set_defaults(func=run)


def _load_map(path: str, diagnostics: Any) -> dict[str, str] | None:
    from ccdsl.compiler.importer import load_map
    from ccdsl.dsl.source import Span

    try:
        from ruamel.yaml import YAML, YAMLError

        data = YAML(typ="safe").load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        diagnostics.error("E502", f"cannot read the ARN map {path}: {exc}".splitlines()[0], Span(path, 1, 1))
        return None
    mapping, problems = load_map(data)
    for problem in problems:
        diagnostics.error("E502", f"ARN map {path}: {problem}", Span(path, 1, 1))
    return None if problems else mapping


def _report(diagnostics: Any, fmt: str, files: list[str]) -> None:
    """Diagnostics as one line each (the flow files are JSON, often on one line: no snippets), or as
    ``ccdsl validate`` prints them in json/sarif."""
    from ccdsl.commands.compile import print_diagnostics
    from ccdsl.dsl.report import summary_line

    if fmt != "text":
        print_diagnostics(diagnostics, fmt, files)
        return
    items = diagnostics.sorted()
    for d in items:
        print(f"{d.span}: {d.severity.value}[{d.code}]: {d.message}", file=sys.stderr)
    print(summary_line(items, len(files)), file=sys.stderr)


def _from_instance(args: argparse.Namespace, mapping: dict[str, str], flow_type: str | None) -> Any:
    """Read the instance's flows and names through boto3, then import them (the map's names win)."""
    from ccdsl.compiler.importer.run import import_documents
    from ccdsl.runtime.importer.instance import read_instance
    from ccdsl.runtime.providers.aws.clients import Clients
    from ccdsl.runtime.providers.aws.settings import AwsSettings

    instance = args.instance.rsplit("/", 1)[-1]  # an instance ARN works too
    try:
        read = read_instance(Clients(AwsSettings.from_env(region=args.region)), instance)
    except Exception as exc:  # botocore's errors: no credentials, no such instance, access denied …
        print(f"ccdsl import: error: cannot read instance {instance}: {exc}", file=sys.stderr)
        return None
    for line in read.skipped:
        print(f"ccdsl import: warning: skipped {line}", file=sys.stderr)
    return import_documents(read.documents, {**read.names, **mapping}, flow_type)


def run(args: argparse.Namespace) -> int:
    from ccdsl.commands.compile import print_diagnostics
    from ccdsl.compiler.importer.run import import_files
    from ccdsl.dsl.diagnostics import Diagnostics
    from ccdsl.dsl.flows.context import connect_flow_type

    if bool(args.files) == bool(args.instance):
        print("ccdsl import: error: give flow files, or --instance INSTANCE_ID (not both)", file=sys.stderr)
        return 2
    missing = [f for f in args.files if not Path(f).is_file()]
    if missing:
        for name in missing:
            print(f"ccdsl import: error: no such file: {name}", file=sys.stderr)
        return 2
    out = Path(args.output)
    early = Diagnostics()
    mapping = _load_map(args.arn_map, early) if args.arn_map else {}
    if mapping is None:
        print_diagnostics(early, args.format, [args.arn_map])
        return 1
    flow_type = connect_flow_type(args.flow_type) if args.flow_type else None
    if args.instance:
        result = _from_instance(args, mapping, flow_type)
        if result is None:
            return 1
    else:
        result = import_files(args.files, mapping, flow_type)
    if len(result.diagnostics):
        _report(result.diagnostics, args.format, list(args.files))
    if not result.flows:
        return 1
    targets = {out: result.text} | {out.parent / rel: text for rel, text in result.templates.items()}
    existing = [str(p) for p in targets if p.exists()]
    if existing and not args.force:
        more = f" and {len(existing) - 1} more" if len(existing) > 1 else ""
        print(f"ccdsl import: error: would overwrite {existing[0]}{more} (use --force)", file=sys.stderr)
        return 1
    for path, text in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    flows, bodies = len(result.flows), result.bodies
    templates = flows - bodies
    print(f"imported {flows} flow{'s' if flows != 1 else ''}: {bodies} as do: bod{'ies' if bodies != 1 else 'y'}, "
          f"{templates} as template{'s' if templates != 1 else ''}")
    names = sum(1 for d in result.diagnostics if d.code == "W503")
    if names:
        print(f"{names} name{'s' if names != 1 else ''} to declare (listed at the end of {out})")
    print(f"wrote {out}" + (f" and {len(result.templates)} template{'s' if len(result.templates) != 1 else ''} "
                            f"under {out.parent / 'flows'}/" if result.templates else ""))
    return 1 if result.diagnostics.has_errors else 0

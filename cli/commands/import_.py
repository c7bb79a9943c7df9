"""``ccdsl import FLOW.json… [-o OUT.ccd] [--map ARNMAP.yaml]``: exported Connect flows into a ``.ccd`` site;
``ccdsl import --instance ID``: a whole instance into a site, adopted into that site's state.

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
                   help="import this whole Connect instance instead (read-only) and adopt it into OUT's state")
    p.add_argument("--provider", choices=["aws", "sim"], default="aws",
                   help="where --instance lives (default: aws; sim: the simulated account of --sim-account)")
    p.add_argument("--sim-account", default=".ccdsl/sim.db", metavar="SIM.db",
                   help="the simulated account, with --provider sim (default: .ccdsl/sim.db)")
    p.add_argument("--no-adopt", action="store_true",
                   help="with --instance: write the site only, record nothing in its state")
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


_LABELS = {"hours": ("hours", "hours"), "queues": ("queue", "queues"),
           "routing": ("routing profile", "routing profiles"), "agents": ("agent", "agents"),
           "numbers": ("number", "numbers"), "quick_connects": ("quick connect", "quick connects"),
           "bots": ("bot", "bots"), "functions": ("function", "functions"), "prompts": ("prompt", "prompts"),
           "logs": ("log group", "log groups"), "keys": ("key", "keys"), "flows": ("flow", "flows")}


def _instance_client(args: argparse.Namespace) -> Any:
    """``client(service)`` for the instance: boto3 for aws, the simulated account for sim."""
    if args.provider == "sim":
        from ccdsl.runtime.importer.sim_client import sim_clients
        from ccdsl.runtime.providers.sim.account import Account

        path = Path(args.sim_account)
        if not path.is_file():
            return None
        return sim_clients(Account(path, readonly=True))
    import boto3
    from botocore.config import Config

    from ccdsl.runtime.providers.aws.settings import AwsSettings

    # reads only, many of them against Connect's low request rates: botocore backs off and retries (a throttle
    # that outlasts its attempts is E508)
    settings = AwsSettings.from_env(region=args.region)
    session = boto3.session.Session(profile_name=settings.profile, region_name=settings.region)
    config = Config(retries={"mode": "adaptive", "max_attempts": 10}, user_agent_extra="ccdsl-import",
                    connect_timeout=10, read_timeout=60)
    made: dict[str, Any] = {}

    def client(service: str) -> Any:
        if service not in made:
            made[service] = session.client(service, endpoint_url=settings.endpoint_url, config=config)
        return made[service]

    return client


def _from_instance(args: argparse.Namespace, mapping: dict[str, str], flow_type: str | None) -> Any:
    """Read the whole instance (List/Describe only) and write it as a site."""
    from ccdsl.dsl.source import Span
    from ccdsl.runtime.importer.site_import import InstanceImport, failure, import_instance

    instance = args.instance.rsplit("/", 1)[-1]  # an instance ARN works too
    try:
        client = _instance_client(args)
    except Exception as exc:  # no region, a broken profile …
        result = InstanceImport()
        result.diagnostics.error(*failure(exc, instance), Span(f"instance {instance}", 1, 1))
        return result
    if client is None:
        result = InstanceImport()
        result.diagnostics.error("E507", f"instance {instance}: no simulated account at {args.sim_account}",
                                 Span(args.sim_account, 1, 1))
        return result
    return import_instance(client, instance, args.region or "us-east-1", mapping, flow_type)


def _adopt(out: Path, imported: Any, force: bool) -> int:
    """Record what the instance has in the imported site's state; 0, or 1 when the site does not compile."""
    from ccdsl.compiler.pipeline import compile_site
    from ccdsl.runtime.importer.adopt import adopt, state_location
    from ccdsl.runtime.state import StateError, open_state

    site, diagnostics = compile_site(str(out))
    if site is None:
        errors = [d for d in diagnostics if d.is_error]
        print(f"ccdsl import: warning[W509]: {out} does not compile yet ({len(errors)} error"
              f"{'s' if len(errors) != 1 else ''}; `ccdsl validate {out}` shows them): nothing was adopted",
              file=sys.stderr)
        return 1
    location = state_location(out)
    try:
        state = open_state(location)
        try:
            before = state.load()
            if before and not force:
                print(f"ccdsl import: error: {location} already records resources: nothing was adopted "
                      "(use --force to adopt into it)", file=sys.stderr)
                return 1
            account = str((imported.found.get("data.account") or {}).get("account") or "")
            adoption = adopt(site, imported.found, state, account=account)
            stale = sorted(set(before) - set(site.resources))
            if stale:
                print(f"ccdsl import: warning: {location} still records {len(stale)} resource"
                      f"{'s' if len(stale) != 1 else ''} the imported site does not declare ({', '.join(stale[:5])}"
                      f"{' …' if len(stale) > 5 else ''}): `ccdsl plan` shows them as deletes", file=sys.stderr)
        finally:
            state.close()
    except StateError as exc:
        print(f"ccdsl import: error: cannot write {location}: {exc}", file=sys.stderr)
        return 1
    for address, why in adoption.missing:
        print(f"ccdsl import: warning[W509]: {address} is not adopted: {why}; the next apply creates it",
              file=sys.stderr)
    print(f"adopted {len(adoption.recorded)} resources into {location}")
    return 0


def _write(targets: dict[Path, str], force: bool) -> bool:
    existing = [str(p) for p in targets if p.exists()]
    if existing and not force:
        more = f" and {len(existing) - 1} more" if len(existing) > 1 else ""
        print(f"ccdsl import: error: would overwrite {existing[0]}{more} (use --force)", file=sys.stderr)
        return False
    for path, text in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return True


def _run_instance(args: argparse.Namespace, mapping: dict[str, str], flow_type: str | None) -> int:
    out = Path(args.output)
    imported = _from_instance(args, mapping, flow_type)
    result = imported.run
    if len(result.diagnostics):
        _report(result.diagnostics, args.format, [f"instance {args.instance}"])
    if result.diagnostics.has_errors:
        return 1
    targets = {out: result.text} | {out.parent / rel: text for rel, text in result.templates.items()}
    if not _write(targets, args.force):
        return 1
    written = ", ".join(f"{n} {_LABELS[k][n != 1]}" for k, n in imported.counts.items() if n)
    print(f"imported instance {args.instance.rsplit('/', 1)[-1]}: {written or 'nothing'}")
    print(f"wrote {out}" + (f" and {len(result.templates)} template{'s' if len(result.templates) != 1 else ''} "
                            f"under {out.parent / 'flows'}/" if result.templates else ""))
    if args.no_adopt:
        return 0
    return _adopt(out, imported, args.force)


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
        return _run_instance(args, mapping, flow_type)
    result = import_files(args.files, mapping, flow_type)
    if len(result.diagnostics):
        _report(result.diagnostics, args.format, list(args.files))
    if not result.flows:
        return 1
    targets = {out: result.text} | {out.parent / rel: text for rel, text in result.templates.items()}
    if not _write(targets, args.force):
        return 1
    flows, bodies = len(result.flows), result.bodies
    templates = flows - bodies
    print(f"imported {flows} flow{'s' if flows != 1 else ''}: {bodies} as do: bod{'ies' if bodies != 1 else 'y'}, "
          f"{templates} as template{'s' if templates != 1 else ''}")
    names = sum(1 for d in result.diagnostics if d.code == "W503")
    if names:
        unnamed = f"; {result.unnamed} the exports name no target for" if result.unnamed else ""
        print(f"{names} name{'s' if names != 1 else ''} to declare (listed at the end of {out}{unnamed})")
    print(f"wrote {out}" + (f" and {len(result.templates)} template{'s' if len(result.templates) != 1 else ''} "
                            f"under {out.parent / 'flows'}/" if result.templates else ""))
    return 1 if result.diagnostics.has_errors else 0

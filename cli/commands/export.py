"""``ccdsl export cloudformation SITE -o DIR``: the site as a CloudFormation template, assets and parameters."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "export",
        help="export a site for another deployment engine (CloudFormation, StackSets)",
        description="Export SITE for another engine. `ccdsl export cloudformation SITE -o DIR` writes "
        "DIR/template.json (template.yaml with --yaml), DIR/parameters/default.json and DIR/assets/ (function zips, "
        "agent site files). With --stackset it also writes DIR/stackset/ with the create-stack-set and "
        "create-stack-instances inputs for the site's targets. Nothing touches a cloud.",
    )
    p.add_argument("engine", choices=["cloudformation"], help="the engine to export for")
    p.add_argument("site", help="the .ccd file")
    p.add_argument("-o", "--output", default="cloudformation", help="output folder (default: cloudformation)")
    p.add_argument("--yaml", action="store_true", help="write template.yaml instead of template.json")
    p.add_argument("--stackset", action="store_true",
                   help="also write the StackSet inputs (stackset/*.json) for the site's targets")
    p.add_argument("--format", choices=["text", "json", "sarif"], default="text",
                   help="how to print diagnostics (default: text)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ccdsl.commands.compile import print_diagnostics
    from ccdsl.compiler.export import cloudformation as cfn
    from ccdsl.compiler.export.stackset import INLINE_BODY_LIMIT
    from ccdsl.compiler.pipeline import compile_model
    from ccdsl.dsl.validate import validate_file

    if not Path(args.site).is_file():
        print(f"ccdsl export: error: no such file: {args.site}", file=sys.stderr)
        return 2
    site, diagnostics = validate_file(args.site)
    compiled = None
    if site is not None and not diagnostics.has_errors:
        compiled = compile_model(site, diagnostics, source_dir=str(Path(args.site).resolve().parent))
    if len(diagnostics):
        print_diagnostics(diagnostics, args.format, [args.site])
    if compiled is None or site is None:
        return 1
    out = Path(args.output)
    try:
        export = cfn.build(compiled)
        written = cfn.write(export, out, as_yaml=args.yaml)
        if args.stackset:
            from ccdsl.compiler.export.stackset import write_stackset

            written += write_stackset(site, export, out, written[0])
    except cfn.ExportError as error:
        print(f"ccdsl export: error: {error}", file=sys.stderr)
        return 1
    s = cfn.summary(compiled, export)
    print(f"exported {compiled.site}: {s['resources']} CloudFormation resources from {s['compiled']} compiled "
          f"({s['folded']} folded into their parents, {s['custom']} Connect "
          f"call{'' if s['custom'] == 1 else 's'} as custom resource{'' if s['custom'] == 1 else 's'})")
    stacks = [p for p in written if p.parent.name == "stacks"]
    if stacks:
        print(f"nested stacks: {len(stacks)} under {out}/assets/stacks/ (the site is over CloudFormation's 500 "
              "resources or 1 MB per template; the parent template.* creates them from the AssetsBucket)")
    print(f"parameters: {', '.join(export.parameters) or 'none'}")
    print(f"assets: {len(export.assets)} file(s) under {out}/assets/ (upload them to the AssetsBucket parameter)"
          if export.assets else "assets: none")
    if args.stackset and len(written[0].read_bytes()) > INLINE_BODY_LIMIT:
        print(f"stackset: the template is over {INLINE_BODY_LIMIT} bytes: upload it to S3 and pass "
              f"--template-url to create-stack-set")
    print(f"wrote {len(written)} files to {out}/")
    return 0

"""Golden files of the compiled flows of every example: ``tests/compiler/golden/flows/<example>/<flow>.json``.

``python tests/compiler/flows/flow_golden.py`` compares and prints what differs (exit 1);
``--update`` rewrites the files (review the diff before committing). The test suite compares too
(``pytest --update-golden`` rewrites).
"""
from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

from ccdsl.compiler.flows.compile import compile_flows
from ccdsl.dsl.diagnostics import Diagnostics

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "compiler" / "golden" / "flows"


def load_site(path: Path, diags: Diagnostics):
    """The bound site model of a .ccd file (None when it does not load)."""
    from ccdsl.dsl.build import build_site
    from ccdsl.dsl.compact_bind import bind_compact
    from ccdsl.dsl.loader import load_text

    tree = load_text(path.read_text(encoding="utf-8"), str(path), diags)
    if tree is None:
        return None
    site, _broken = build_site(tree, str(path), diags)
    bind_compact(site, diags)
    return site


def render(site_path: Path) -> tuple[dict[str, str], Diagnostics]:
    """``{flow name: golden JSON text}`` of one example site, and the diagnostics of compiling it."""
    diags = Diagnostics()
    site = load_site(site_path, diags)
    if site is None:
        return {}, diags
    flows = compile_flows(site, diags, str(site_path.parent))
    failed = diags.has_errors  # flows with their own diagnostics are not reported twice
    for name in getattr(site, "flows", None) or {}:
        if str(name) not in flows and not failed:
            diags.error("E390", f"flow '{name}' did not compile", getattr(site.flows[name], "span", site.span))
    return {name: json.dumps(flow.content, indent=2, ensure_ascii=False) + "\n" for name, flow in flows.items()}, diags


def examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*/site.ccd"))


def golden_dir(site_path: Path) -> Path:
    return GOLDEN / site_path.parent.name


def compare(site_path: Path, update: bool = False) -> list[str]:
    """Differences between the compiled flows of one example and its golden files (after an update: none)."""
    rendered, diags = render(site_path)
    problems = [f"{d.span}: {d.code} {d.message}" for d in diags if d.is_error]
    folder = golden_dir(site_path)
    if update and not problems:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in set(folder.glob("*.json")) - {folder / f"{n}.json" for n in rendered}:
            stale.unlink()
        for name, text in rendered.items():
            (folder / f"{name}.json").write_text(text, encoding="utf-8")
        return []
    expected = {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.json")} if folder.is_dir() else {}
    for name in sorted(set(expected) | set(rendered)):
        old, new = expected.get(name, ""), rendered.get(name, "")
        if old != new:
            diff = difflib.unified_diff(old.splitlines(), new.splitlines(), f"golden/{name}.json",
                                        f"compiled/{name}.json", lineterm="", n=2)
            problems.append("\n".join(list(diff)[:60]))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the golden files")
    args = parser.parse_args(argv)
    failed = False
    for site_path in examples():
        problems = compare(site_path, args.update)
        for problem in problems:
            print(problem)
        failed = failed or bool(problems)
        print(f"{site_path.parent.name}: {'differs' if problems else 'updated' if args.update else 'ok'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

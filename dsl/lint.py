"""Lints: opt-in checks of a valid site against a goal beyond deploying it (``ccdsl lint``).

``lint_file(path)`` validates the file, then, when it has no errors, runs each lint asked for and returns
``(site, validation errors + lint findings)``. Plain validation warnings are left to ``ccdsl validate``.
Lints: ``global_resiliency`` (:mod:`.checks.resiliency`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .checks.resiliency import lint_global_resiliency
from .diagnostics import Diagnostics
from .loader import load_text
from .model import Site
from .validate import validate_file

LINTS = ("global_resiliency",)


def lint_file(path: str | Path, lints: tuple[str, ...] = LINTS) -> tuple[Site | None, Diagnostics]:
    """Validate ``path`` and run ``lints`` over it (none when it has errors)."""
    unknown = sorted(set(lints) - set(LINTS))
    if unknown:
        raise ValueError(f"unknown lint {', '.join(unknown)} (lints: {', '.join(LINTS)})")
    trees: list[Any] = []

    def load(source: str, filename: str, diags: Diagnostics) -> Any:
        tree = load_text(source, filename, diags)
        trees.append(tree)
        return tree

    site, diags = validate_file(path, load=load)
    out = Diagnostics()
    out.extend(d for d in diags if d.is_error)
    if site is None or out.has_errors:
        return site, out
    if "global_resiliency" in lints:
        lint_global_resiliency(site, trees[0], out)
    return site, out


"""Layering is one way: tui -> runtime -> compiler -> dsl. A layer imports only layers to its right.

Checked over the source with the ast module (the package-dir mapping puts the layers in sibling
folders, which import graph tools that walk one package folder do not see).
"""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ORDER = ["tui", "runtime", "compiler", "dsl"]  # each may import those after it
FORBIDDEN_AT_IMPORT_TIME = {"dsl": {"boto3", "textual"}, "compiler": {"boto3", "textual"}}


def _imports(path: Path, layer: str):
    tree = ast.parse(path.read_text(), str(path))
    package = ["ccdsl", layer, *path.relative_to(ROOT / layer).parent.parts]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            yield name, node


@pytest.mark.parametrize("layer", ORDER)
def test_layer_imports_only_layers_below(layer):
    allowed_above = set(ORDER[: ORDER.index(layer)])
    problems = []
    for path in (ROOT / layer).rglob("*.py"):
        for name, node in _imports(path, layer):
            parts = name.split(".")
            if parts[0] == "ccdsl" and len(parts) > 1 and parts[1] in allowed_above:
                problems.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("layer", sorted(FORBIDDEN_AT_IMPORT_TIME))
def test_core_layers_keep_heavy_imports_out(layer):
    heavy = FORBIDDEN_AT_IMPORT_TIME[layer]
    problems = []
    for path in (ROOT / layer).rglob("*.py"):
        for name, node in _imports(path, layer):
            if name.split(".")[0] in heavy:
                problems.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    assert not problems, "\n".join(problems)

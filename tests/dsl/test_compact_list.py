"""The compact values ``bind_compact`` hands to the checks are those a walk of the site finds, in its order,
and the checks report the same with them as when they walk the site themselves (examples, the invalid
corpus, a generated site)."""
import sys
from pathlib import Path

import pytest

from ccdsl.dsl.build import build_site
from ccdsl.dsl.checks import run_checks
from ccdsl.dsl.compact_bind import bind_compact
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.loader import load_text
from ccdsl.dsl.model import Compact

ROOT = Path(__file__).resolve().parents[2]


def _texts():
    for path in sorted((ROOT / "examples").glob("*/site.ccd")) + sorted((ROOT / "tests/dsl/invalid").glob("*.ccd")):
        yield pytest.param(path.read_text(errors="replace"), str(path), id=f"{path.parent.name}/{path.name}")
    sys.path.insert(0, str(ROOT / "bench"))
    from compile import site_text
    yield pytest.param(site_text(40), "bench.ccd", id="generated")


def _checked(text: str, name: str, passed: bool) -> tuple[list, list, list]:
    diags = Diagnostics()
    tree = load_text(text, name, diags)
    if tree is None:
        return [], [], list(diags)
    site, broken = build_site(tree, name, diags)
    site.path = name
    compacts = bind_compact(site, diags)
    run_checks(site, broken, diags, compacts if passed else None)
    walked = [node for node in site.walk() if isinstance(node, Compact)]
    return compacts, walked, [(d.code, d.message, d.span, d.hint) for d in diags]


@pytest.mark.parametrize(("text", "name"), list(_texts()))
def test_checks_read_the_walked_compact_values(text, name):
    compacts, walked, with_list = _checked(text, name, True)
    assert len(compacts) == len(walked) and all(a is b for a, b in zip(compacts, walked))
    assert with_list == _checked(text, name, False)[2]

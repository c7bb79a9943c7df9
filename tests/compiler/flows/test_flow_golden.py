"""Every example's compiled flows equal their golden files, and every compiled flow conforms.

Regenerate with ``python tests/compiler/flows/flow_golden.py --update`` or ``pytest --update-golden``.
"""
from __future__ import annotations

import json

import flow_golden as golden
import pytest

from ccdsl.compiler.flows.validate import validate_flow_json
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows import check_flows, connect_flow_type

EXAMPLES = golden.examples()


@pytest.mark.parametrize("site_path", EXAMPLES, ids=lambda p: p.parent.name)
def test_flows_match_golden(site_path, request):
    problems = golden.compare(site_path, update=request.config.getoption("--update-golden"))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("site_path", EXAMPLES, ids=lambda p: p.parent.name)
def test_example_flows_check_clean_and_conform(site_path):
    diags = Diagnostics()
    site = golden.load_site(site_path, diags)
    check_flows(site, diags)
    assert not diags.has_errors, [f"{d.span} {d.code} {d.message}" for d in diags]
    folder = golden.golden_dir(site_path)
    assert sorted(p.stem for p in folder.glob("*.json")) == sorted(site.flows)
    for name, flow in site.flows.items():
        doc = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        assert validate_flow_json(doc, connect_flow_type(flow.type)) == [], name

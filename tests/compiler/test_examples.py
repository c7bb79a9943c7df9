"""Every example site compiles, with an acyclic graph whose critical path is consistent."""
from pathlib import Path

import networkx as nx
import pytest

from ccdsl.compiler.pipeline import compile_site

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*/*.ccd"))


@pytest.mark.parametrize("site", EXAMPLES, ids=lambda p: p.parent.name)
def test_example_compiles(site):
    cs, diags = compile_site(site)
    assert cs is not None, [f"{d.span}: {d.code} {d.message}" for d in diags]
    assert nx.is_directed_acyclic_graph(cs.graph)
    assert set(cs.graph.nodes) == set(cs.resources)
    for address, r in cs.resources.items():
        assert set(cs.graph.predecessors(address)) == r.depends_on
        t = cs.timings[address]
        assert t.slack >= -1e-6 and t.earliest_finish <= cs.critical_length_s + 1e-6
    assert abs(sum(cs.resources[a].estimate_s for a in cs.critical_path) - cs.critical_length_s) < 1e-6


@pytest.mark.parametrize("site", EXAMPLES, ids=lambda p: p.parent.name)
def test_every_policy_has_unique_statement_ids(site):
    """IAM rejects a policy whose statements repeat a Sid (MalformedPolicyDocument)."""
    import json

    cs, _ = compile_site(site)
    for r in cs.resources.values():
        if r.type not in ("aws_iam_role_policy", "aws_s3_bucket_policy", "aws_kms_key"):
            continue
        raw = r.inputs.get("PolicyDocument") or r.inputs.get("Policy")
        text = raw if isinstance(raw, str) else getattr(raw, "token", None)
        if text is None:
            continue
        sids = [st.get("Sid") for st in json.loads(text)["Statement"] if st.get("Sid")]
        assert len(sids) == len(set(sids)), (r.address, sids)

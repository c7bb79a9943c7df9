"""acme-bank, the seed stack: its resource graph against a reviewed golden file, and the
properties the issue asks for (about 220 resources, 10 phases, critical path well under 25 min).

Regenerate the golden file after an intended change with::

    pytest tests/compiler/test_acme_bank.py --update-golden
"""
import json
from collections import Counter
from pathlib import Path

import pytest

from ccdsl.compiler.output import dumps, write_build
from ccdsl.compiler.pipeline import compile_site
from ccdsl.compiler.render import render
from ccdsl.compiler.resources import PHASES

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "examples" / "acme-bank" / "site.ccd"
GOLDEN = Path(__file__).parent / "golden" / "acme-bank" / "graph.json"


@pytest.fixture
def acme(acme_bank):
    return acme_bank


def golden_text(cs) -> str:
    """``ccdsl graph --format json`` without source positions (edits elsewhere in the file move them)."""
    data = json.loads(render(cs, "json"))
    for r in data["resources"]:
        r.pop("source", None)
    return dumps(data)


def test_graph_matches_golden(acme, request):
    text = golden_text(acme)
    if request.config.getoption("--update-golden"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text)
    assert GOLDEN.exists(), "no golden file yet: run pytest with --update-golden"
    assert text == GOLDEN.read_text()


def test_seed_sized_stack_over_all_ten_phases(acme):
    assert 200 <= len(acme.resources) <= 300
    assert set(Counter(r.phase for r in acme.resources.values())) == set(PHASES)
    types = {r.type for r in acme.resources.values()}
    for expected in ("aws_connect_instance", "lex_bot_locale_build", "aws_cloudfront_distribution",
                     "aws_lambda_provisioned_concurrency_config", "connect_queue_quick_connects",
                     "connect_phone_number_flow_association", "connect_bot_association", "aws_glue_catalog_table",
                     "aws_cloudwatch_metric_stream", "aws_cloudtrail", "aws_wafv2_web_acl", "connect_approved_origin",
                     "aws_kinesis_firehose_delivery_stream", "aws_cloudwatch_log_subscription_filter",
                     "lex_intent_slot_priorities", "lex_fallback_intent", "lex_bot_alias_policy",
                     "aws_s3_bucket_lifecycle_configuration", "aws_sns_topic_subscription"):
        assert expected in types, expected


def test_critical_path_is_well_under_the_seed(acme):
    assert acme.critical_length_s < 15 * 60
    steps = [acme.resources[a].type for a in acme.critical_path]
    assert "lex_bot_locale_build" in steps
    for a, b in zip(acme.critical_path, acme.critical_path[1:]):
        assert acme.graph.has_edge(a, b)
    assert all(abs(acme.timings[a].slack) < 1e-6 for a in acme.critical_path)


def test_no_false_dependencies(acme):
    """Bots don't wait for every Lambda; CloudFront doesn't wait for flows."""
    import networkx as nx

    before_distribution = nx.ancestors(acme.graph, "site.distribution")
    assert not any(a.startswith(("flow.", "bot.", "queue.")) for a in before_distribution)
    before_sales_bot = nx.ancestors(acme.graph, "bot.sales.build.en_GB")
    assert not any(a.startswith("function.") for a in before_sales_bot)


def test_compile_twice_is_byte_identical(acme, tmp_path):
    again, _ = compile_site(SITE)
    write_build(acme, tmp_path / "a")
    write_build(again, tmp_path / "b")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert Path("graph.json") in files and Path("plan.md") in files
    assert any(str(f).startswith("flows/") for f in files) and any(str(f).startswith("bots/") for f in files)
    for f in files:
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes(), f

"""The resource-type registry: one complete entry per type the compiler can emit, each emitted somewhere,
real boto3 operations, and display groups that describe any site."""
import ast
from pathlib import Path

import pytest

from ccdsl.compiler.output import graph_data
from ccdsl.compiler.pipeline import compile_site
from ccdsl.compiler.registry import GROUPS, REGISTRY, entry, rules_for

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*/site.ccd"))

botocore_session = pytest.importorskip("botocore.session")


def _types_named_in_compiler() -> set[str]:
    """Every type literal the expanders pass to ``ctx.add(address, "type", …)``."""
    found = set()
    for path in (ROOT / "compiler").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add"
                    and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
                    and isinstance(node.args[1].value, str)):
                found.add(node.args[1].value)
    return found


@pytest.fixture(scope="module")
def emitted() -> set[str]:
    types = set()
    for path in EXAMPLES:
        cs, diags = compile_site(path)
        assert cs is not None, diags
        types |= {r.type for r in cs.resources.values()}
    return types


def test_every_type_the_compiler_names_has_an_entry():
    named = _types_named_in_compiler()
    assert len(named) > 60
    assert sorted(named - set(REGISTRY)) == []


def test_every_entry_is_emitted_by_an_example(emitted):
    assert sorted(set(REGISTRY) - emitted) == []


def test_every_entry_is_complete():
    problems = []
    for name, e in REGISTRY.items():
        if e.type != name or not e.service or not e.create or not e.bucket:
            problems.append(f"{name}: service, create and bucket are required")
        if e.group not in GROUPS:
            problems.append(f"{name}: display group {e.group} is not one of {sorted(GROUPS)}")
        for lo, hi in (e.latency.create, e.latency.delete):
            if not 0 < lo <= hi:
                problems.append(f"{name}: latency range ({lo}, {hi})")
        if "id" not in e.outputs:
            problems.append(f"{name}: no id output")
        if e.kind not in ("resource", "step", "data"):
            problems.append(f"{name}: kind {e.kind!r}")
        if e.update_mode not in ("put", "model", "changed"):
            problems.append(f"{name}: update_mode {e.update_mode!r}")
        if e.kind == "resource" and e.service != "local" and e.delete is None and not e.note:
            problems.append(f"{name}: a resource without a delete call needs a note saying why")
    assert problems == []


def test_every_call_exists_in_botocore():
    from botocore import xform_name

    session = botocore_session.get_session()
    missing = []
    for name, e in REGISTRY.items():
        if e.service == "local":
            continue
        operations = {xform_name(op) for op in session.get_service_model(e.service).operation_names}
        missing += [f"{name}: {e.service}.{call}" for call in e.calls() if call not in operations]
        for waiter in (e.create_waiter, e.delete_waiter):
            if waiter is not None:
                names = {xform_name(w) for w in session.get_waiter_model(e.service).waiter_names}
                assert waiter[0] in names, (name, waiter)
        for role, call in e.procedure.items():  # the procedural calls, on any client, and their waiters
            service = call.service or e.service
            if call.waiter:
                found = {xform_name(w) for w in session.get_waiter_model(service).waiter_names}
            else:
                found = {xform_name(op) for op in session.get_service_model(service).operation_names}
            if call.op not in found:
                missing.append(f"{name} {role}: {service}.{call.op}")
    from ccdsl.compiler.registry.account import ACCOUNT

    for role, call in ACCOUNT.items():
        assert call.service is not None, role
        if xform_name(call.op) not in {xform_name(op) for op in session.get_service_model(call.service).operation_names}:
            missing.append(f"account {role}: {call.service}.{call.op}")
    assert missing == []


def test_seed_timings_and_buckets():
    assert entry("aws_connect_instance").latency.create == (120, 180)
    assert entry("lex_bot_locale_build").latency.create == (300, 600)
    assert entry("aws_cloudfront_distribution").latency.create == (240, 480)
    assert entry("lex_bot_locale_build").bucket == "lex-build"
    assert entry("aws_connect_queue").latency.estimate == 2.0


def test_unknown_type_is_a_clear_error():
    with pytest.raises(KeyError, match="no registry entry"):
        entry("aws_made_up_thing")


def test_name_rules_carry_a_citation():
    rules = rules_for("aws_connect_queue", "create_queue")
    assert rules and all(r.citation.startswith("https://docs.aws.amazon.com/") for r in rules)


SUPPORT_SITE = """\
ccdsl: 1
site: helpdesk
region: eu-west-2
instance: {alias: helpdesk-site}
bots:
  support:
    locales: {en_GB: Amy}
    intents:
      Hello: [hello there]
  billing:
    locales: {en_GB: Amy}
    intents:
      Invoice: [where is my invoice]
"""


def test_display_groups_describe_a_site_without_a_gateway_bot(tmp_path):
    (tmp_path / "site.ccd").write_text(SUPPORT_SITE)
    cs, diags = compile_site(tmp_path / "site.ccd")
    assert cs is not None, diags
    shown = {g["name"] for g in graph_data(cs)["phases"].values() if g["resources"]}
    assert not {"Gateway bot", "Banking & sales bots"} & shown
    assert {"Bots & locale builds", "Bot versions & aliases"} <= shown
    for kind in ("aws_lexv2models_bot", "lex_bot_locale_build", "aws_lexv2models_bot_alias"):
        groups = {r.phase for r in cs.resources.values() if r.type == kind}
        assert groups == {entry(kind).group}, kind  # both bots alike: the group follows the kind

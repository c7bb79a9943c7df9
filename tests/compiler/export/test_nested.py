"""Nested stacks: a site past CloudFormation's 500 resources per template exports as a parent and nested stacks
that lint clean, take every value they use from the parent, and form an acyclic parent."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from ccdsl.compiler.export import cloudformation as cfn
from ccdsl.compiler.export import nested
from ccdsl.compiler.pipeline import compile_site

ROOT = Path(__file__).resolve().parents[3]
MINIMAL = (ROOT / "examples/minimal/site.ccd").read_text()


def large_site(tmp_path: Path, queues: int = 520) -> Path:
    """The minimal site with many queues, all in its routing profile (one resource that refers to all of them)."""
    extra = "".join(f"  Q{i:03d}: {{hours: office}}\n" for i in range(queues))
    path = tmp_path / "site.ccd"
    path.write_text(MINIMAL.replace("queues:\n  Support: {hours: office}\n", "queues:\n  Support: {hours: office}\n"
                                    + extra))
    return path


def names_used(value: Any, found: set[str]) -> None:
    if isinstance(value, dict):
        if isinstance(value.get("Ref"), str):
            found.add(value["Ref"])
        if "Fn::GetAtt" in value:
            found.add(value["Fn::GetAtt"][0])
        if "Fn::Sub" in value:
            sub = value["Fn::Sub"]
            text, local = (sub, {}) if isinstance(sub, str) else (sub[0], sub[1])
            found.update(t.split(".")[0] for t in re.findall(r"\$\{([^!}][^}]*)\}", text) if t not in local)
        for v in value.values():
            names_used(v, found)
    elif isinstance(value, list):
        for v in value:
            names_used(v, found)


def check_wiring(parent: dict[str, Any], children: dict[str, dict[str, Any]]) -> None:
    """Every name a nested stack uses is its own resource, parameter or a pseudo-parameter; the parent passes
    exactly the parameters each stack declares, from outputs that exist; the parent is acyclic."""
    import networkx as nx

    g = nx.DiGraph()
    for name, stack in parent["Resources"].items():
        assert stack["Type"] == "AWS::CloudFormation::Stack"
        child = children[name]
        used: set[str] = set()
        names_used(child["Resources"], used)
        names_used(child.get("Outputs", {}), used)
        local = set(child["Resources"]) | set(child.get("Parameters", {}))
        assert {u for u in used if not u.startswith("AWS::")} <= local, name
        passed = stack["Properties"].get("Parameters", {})
        assert set(passed) == set(child.get("Parameters", {})), name
        for value in passed.values():
            if "Fn::GetAtt" in value:
                producer, output = value["Fn::GetAtt"]
                assert output.removeprefix("Outputs.") in children[producer]["Outputs"]
                g.add_edge(producer, name)
            else:
                assert value["Ref"] in parent["Parameters"]
        for dep in stack.get("DependsOn", []):
            g.add_edge(dep, name)
    assert nx.is_directed_acyclic_graph(g)


def lint_errors(text: str, region: str) -> list[str]:
    from cfnlint.api import lint

    return [f"{m.rule.id} {m.message}" for m in lint(text, regions=[region]) if m.rule.id.startswith("E")]


def test_a_large_site_exports_as_nested_stacks_that_lint_clean(tmp_path: Path) -> None:
    cs, _ = compile_site(large_site(tmp_path))
    assert cs is not None
    export = cfn.build(cs)
    assert len(export.template["Resources"]) > nested.MAX_RESOURCES
    written = cfn.write(export, tmp_path / "out")
    parent = json.loads(written[0].read_text())
    children = {p.stem: json.loads(p.read_text()) for p in written if p.parent.name == "stacks"}
    assert set(children) == set(parent["Resources"]) and len(children) >= 2
    for body in children.values():
        assert len(body["Resources"]) <= nested.MAX_RESOURCES
        assert len(body.get("Parameters", {})) <= nested.MAX_PARAMETERS
        assert len(body.get("Outputs", {})) <= nested.MAX_OUTPUTS
    # every resource is in exactly one nested stack
    moved = [lid for body in children.values() for lid in body["Resources"]]
    assert sorted(moved) == sorted(export.template["Resources"])
    check_wiring(parent, children)
    # the routing profile refers to more queues than one parameter each would allow: it takes them as lists
    profile = next(body for body in children.values()
                   for r in body["Resources"].values() if r["Type"] == "AWS::Connect::RoutingProfile")
    assert any(p["Type"] == "CommaDelimitedList" for p in profile["Parameters"].values())
    for path in written:
        if path.suffix == ".json" and "parameters" not in path.parts:
            assert lint_errors(path.read_text(), cs.region) == [], path.name


def test_nested_stacks_by_display_group_for_every_kind_of_resource(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """acme-bank under a lowered resource quota: every type it exports crosses stacks somewhere; JSON and YAML."""
    monkeypatch.setattr(nested, "MAX_RESOURCES", 40)
    cs, _ = compile_site(ROOT / "examples/acme-bank/site.ccd")
    assert cs is not None
    parent, children = cfn.nest(cfn.build(cs))
    assert "ContactFlowsStack" in children and "QueuesRoutingStack" in children
    check_wiring(parent, children)
    for body in [parent, *children.values()]:
        assert lint_errors(json.dumps(body), "us-east-1") == []
    written = cfn.write(cfn.build(cs), tmp_path / "yaml", as_yaml=True)
    assert (tmp_path / "yaml/assets/stacks/ContactFlowsStack.yaml") in written
    assert "stacks/ContactFlowsStack.yaml" in written[0].read_text()


def test_a_stack_over_the_quotas_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nested, "MAX_RESOURCES", 10)
    monkeypatch.setattr(nested, "MAX_OUTPUTS", 1)
    cs, _ = compile_site(ROOT / "examples/retail-chat/site.ccd")
    assert cs is not None
    with pytest.raises(cfn.ExportError, match=r"nested stack \w+ is over CloudFormation's quotas: \d+ outputs"):
        cfn.nest(cfn.build(cs))


def test_a_site_within_the_quotas_is_one_template(tmp_path: Path) -> None:
    cs, _ = compile_site(ROOT / "examples/retail-chat/site.ccd")
    assert cs is not None
    written = cfn.write(cfn.build(cs), tmp_path)
    assert not (tmp_path / "assets" / "stacks").exists()
    assert not any(r["Type"] == "AWS::CloudFormation::Stack"
                   for r in json.loads(written[0].read_text())["Resources"].values())

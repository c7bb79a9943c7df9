"""A template past CloudFormation's quotas as a parent stack and nested stacks.

CloudFormation quotas (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html):
500 resources, 200 parameters and 200 outputs per template, 1 MB for a template body read from S3. A template
within them is written as it is. Past them, its resources are split by display group (the kinds of resources a
run's progress is grouped by: Foundation, Connect & streaming, Queues & routing, Contact flows …); groups that
refer to each other in a cycle share one nested stack, and a group too big for one stack is cut in dependency
order, so the stacks' references always point backwards and the parent is acyclic. A value one nested stack
takes from another becomes an output of the one and a parameter of the other, wired by the parent with
``Fn::GetAtt [Stack, Outputs.Name]``; the site's parameters go from the parent to the stacks that use them;
a ``DependsOn`` across stacks becomes a ``DependsOn`` between the stacks. The nested templates are assets
(``assets/stacks/<Name>.json``) that the parent reads from the ``AssetsBucket`` parameter.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ccdsl.compiler.registry.base import GROUPS

MAX_RESOURCES = 500
MAX_BYTES = 1_000_000
MAX_PARAMETERS = 200
MAX_OUTPUTS = 200
PER_VALUE = 8  # past this many values from one stack, a stack takes them as lists
PACK = 25  # values per list: 25 ARNs of ~130 characters stay within a parameter value's 4,096 bytes
TOKEN = re.compile(r"\$\{([^!}][^}]*)\}")


class NestingError(Exception):
    """The template cannot be split within the quotas (the message says which stack is over which)."""


@dataclass
class Child:
    name: str
    resources: dict[str, dict[str, Any]] = field(default_factory=dict)
    parameters: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> declaration
    imports: dict[str, tuple[str, Any]] = field(default_factory=dict)  # parameter -> (producing stack, value)
    outputs: dict[str, Any] = field(default_factory=dict)  # output name -> value
    after: set[str] = field(default_factory=set)  # stacks this one waits for


def needs_nesting(template: dict[str, Any], body_bytes: int) -> bool:
    return len(template.get("Resources", {})) > MAX_RESOURCES or body_bytes > MAX_BYTES


def _stack_id(name: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[^A-Za-z0-9]+", name) if w) + "Stack"


def _refs(value: Any, found: set[str]) -> None:
    """Every logical id or parameter named by an intrinsic in ``value``."""
    if isinstance(value, dict):
        if isinstance(value.get("Ref"), str):
            found.add(value["Ref"])
        att = value.get("Fn::GetAtt")
        if att is not None:
            found.add(att[0] if isinstance(att, list) else str(att).split(".")[0])
        sub = value.get("Fn::Sub")
        if sub is not None:
            text = sub if isinstance(sub, str) else sub[0]
            local = set(sub[1]) if isinstance(sub, list) and len(sub) > 1 else set()
            found.update(t.split(".")[0] for t in TOKEN.findall(text) if t.split(".")[0] not in local)
        for v in value.values():
            _refs(v, found)
    elif isinstance(value, list):
        for v in value:
            _refs(v, found)


def _deps(body: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    _refs(body.get("Properties", {}), found)
    found.update(body.get("DependsOn", []))
    return found


def partition(resources: dict[str, dict[str, Any]], groups: dict[str, int]) -> list[tuple[str, list[str]]]:
    """(stack name, logical ids) in dependency order: display groups, cyclic groups merged, big ones cut."""
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(resources)
    for lid, body in resources.items():
        for dep in _deps(body):
            if dep in resources and dep != lid:
                g.add_edge(dep, lid)
    group_of = {lid: groups.get(lid, 1) for lid in resources}
    gg = nx.DiGraph()
    gg.add_nodes_from(set(group_of.values()))
    for a, b in g.edges:
        if group_of[a] != group_of[b]:
            gg.add_edge(group_of[a], group_of[b])
    merged = nx.condensation(gg)
    order = list(nx.lexicographical_topological_sort(merged, key=lambda n: min(merged.nodes[n]["members"])))
    topo = {lid: i for i, lid in enumerate(nx.lexicographical_topological_sort(g))}
    stacks: list[tuple[str, list[str]]] = []
    for node in order:
        members = sorted(merged.nodes[node]["members"])
        base = " ".join(GROUPS.get(m, f"Group {m}") for m in members)
        lids = sorted((lid for lid in resources if group_of[lid] in members), key=topo.__getitem__)
        chunks = _cut(lids, resources)
        for i, chunk in enumerate(chunks):
            stacks.append((_stack_id(base + (f" {i + 1}" if len(chunks) > 1 else "")), chunk))
    return stacks


def _cut(lids: list[str], resources: dict[str, dict[str, Any]]) -> list[list[str]]:
    """``lids`` (in dependency order) in pieces within the resource and size quotas (a tenth kept for the
    parameters and outputs the piece gains)."""
    pieces: list[list[str]] = [[]]
    size = 0
    for lid in lids:
        weight = len(json.dumps(resources[lid], indent=2)) + 40
        if pieces[-1] and (len(pieces[-1]) >= MAX_RESOURCES or size + weight > MAX_BYTES * 0.9):
            pieces.append([])
            size = 0
        pieces[-1].append(lid)
        size += weight
    return pieces


def _value(lid: str, attr: str | None) -> dict[str, Any]:
    return {"Ref": lid} if attr is None else {"Fn::GetAtt": [lid, attr]}


def _name_for(lid: str, attr: str | None, taken: set[str]) -> str:
    name = lid + "".join(w[:1].upper() + w[1:] for w in re.split(r"[^A-Za-z0-9]+", attr or "") if w)
    return name if name not in taken else name + "Value"


def split(template: dict[str, Any], groups: dict[str, int], url: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """(parent template, {stack name: nested template}). ``url(name)``: the parent's TemplateURL of a stack."""
    resources: dict[str, dict[str, Any]] = template["Resources"]
    declared: dict[str, dict[str, Any]] = template.get("Parameters", {})
    stacks = partition(resources, groups)
    home = {lid: name for name, lids in stacks for lid in lids}
    children = {name: Child(name) for name, _ in stacks}
    names: dict[tuple[str, str | None], str] = {}  # (lid, attr) -> parameter/output name
    taken = set(declared)

    def value_name(lid: str, attr: str | None) -> str:
        key = (lid, attr)
        if key not in names:
            names[key] = _name_for(lid, attr, taken)
            taken.add(names[key])
        return names[key]

    pairs: dict[tuple[str, str], list[tuple[str, str | None]]] = {}  # (producer, consumer) -> values, pass 1
    packed: dict[tuple[str, str, str | None], tuple[str, int]] = {}  # (consumer, lid, attr) -> (list, index)
    counting = True

    def bring(child: Child, lid: str, attr: str | None) -> Any:
        """What ``child`` writes for another stack's ``Ref lid`` / ``GetAtt lid.attr``: a parameter of its own,
        or an item of a list parameter when it takes many values from that stack."""
        producer = children[home[lid]]
        if counting:
            values = pairs.setdefault((producer.name, child.name), [])
            if (lid, attr) not in values:
                values.append((lid, attr))
            return {"Ref": lid}
        child.after.add(producer.name)
        if (child.name, lid, attr) in packed:
            name, index = packed[(child.name, lid, attr)]
            return {"Fn::Select": [index, {"Ref": name}]}
        name = value_name(lid, attr)
        producer.outputs[name] = _value(lid, attr)
        child.parameters[name] = {"Type": "String", "Description": f"{lid}{'.' + attr if attr else ''} from "
                                  f"nested stack {producer.name}"}
        child.imports[name] = (producer.name, name)
        return {"Ref": name}

    def use_parameter(child: Child, name: str) -> None:
        spec = {k: v for k, v in declared[name].items() if k != "Default"}
        child.parameters[name] = spec
        child.imports[name] = ("", name)

    def rewrite(child: Child, value: Any) -> Any:
        if isinstance(value, list):
            return [rewrite(child, v) for v in value]
        if not isinstance(value, dict):
            return value
        if isinstance(value.get("Ref"), str) and len(value) == 1:
            ref = value["Ref"]
            if ref in declared:
                use_parameter(child, ref)
            elif ref in home and home[ref] != child.name:
                return bring(child, ref, None)
            return value
        if "Fn::GetAtt" in value and len(value) == 1:
            att = value["Fn::GetAtt"]
            lid, attr = (att[0], att[1]) if isinstance(att, list) else str(att).split(".", 1)
            if lid in home and home[lid] != child.name:
                return bring(child, lid, attr)
            return value
        if "Fn::Sub" in value and len(value) == 1:
            sub = value["Fn::Sub"]
            text, local = (sub, {}) if isinstance(sub, str) else (sub[0], dict(sub[1]) if len(sub) > 1 else {})

            def token(m: re.Match[str]) -> str:
                lid, _, attr = m.group(1).partition(".")
                if lid in local:
                    return m.group(0)
                if lid in declared:
                    use_parameter(child, lid)
                elif lid in home and home[lid] != child.name:
                    carried = bring(child, lid, attr or None)
                    if "Ref" in carried:
                        return "${" + carried["Ref"] + "}"
                    var = value_name(lid, attr or None)
                    local[var] = carried
                    return "${" + var + "}"
                return m.group(0)

            local = {k: rewrite(child, v) for k, v in local.items()}
            text = TOKEN.sub(token, text)
            return {"Fn::Sub": [text, local] if local else text}
        return {k: rewrite(child, v) for k, v in value.items()}

    for name, lids in stacks:  # pass 1: which values each stack takes from each other stack
        for lid in lids:
            rewrite(children[name], resources[lid].get("Properties", {}))
    children = {name: Child(name) for name, _ in stacks}  # pass 1 declared parameters: start again
    counting = False
    for (producer, consumer), values in sorted(pairs.items()):
        if len(values) <= PER_VALUE:
            continue
        for k in range(0, len(values), PACK):
            chunk = values[k:k + PACK]
            name = f"{consumer.removesuffix('Stack')}Values{k // PACK + 1:02d}"
            out = f"{producer.removesuffix('Stack')}Values{k // PACK + 1:02d}"
            children[producer].outputs[name] = {"Fn::Join": [",", [_value(lid, attr) for lid, attr in chunk]]}
            children[consumer].parameters[out] = {
                "Type": "CommaDelimitedList",
                "Description": f"{len(chunk)} values from nested stack {producer}, in this stack's Fn::Select order"}
            children[consumer].imports[out] = (producer, name)
            for index, (lid, attr) in enumerate(chunk):
                packed[(consumer, lid, attr)] = (out, index)
    for name, lids in stacks:
        child = children[name]
        for lid in lids:
            resource = dict(resources[lid])
            resource["Properties"] = rewrite(child, resource.get("Properties", {}))
            depends = resource.pop("DependsOn", [])
            local_deps = []
            for dep in depends:
                if home.get(dep) == name:
                    local_deps.append(dep)
                elif dep in home:
                    child.after.add(home[dep])
            if local_deps:
                resource["DependsOn"] = local_deps
            child.resources[lid] = resource
    nested = {}
    parent_resources: dict[str, Any] = {}
    for name, _ in stacks:
        child = children[name]
        body: dict[str, Any] = {"AWSTemplateFormatVersion": "2010-09-09",
                                "Description": f"{template.get('Description', '')}: nested stack {name}"[:1024]}
        if child.parameters:
            body["Parameters"] = dict(sorted(child.parameters.items()))
        body["Resources"] = child.resources
        if child.outputs:
            body["Outputs"] = {k: {"Value": v} for k, v in sorted(child.outputs.items())}
        _check(name, body)
        nested[name] = body
        props: dict[str, Any] = {"TemplateURL": url(name)}
        if child.imports:
            props["Parameters"] = {p: ({"Ref": p} if not producer else {"Fn::GetAtt": [producer, f"Outputs.{out}"]})
                                   for p, (producer, out) in sorted(child.imports.items())}
        stack: dict[str, Any] = {"Type": "AWS::CloudFormation::Stack", "Properties": props}
        waits = sorted(child.after - {p for p, _ in child.imports.values() if p})
        if waits:
            stack["DependsOn"] = waits
        parent_resources[name] = stack
    parent = {k: v for k, v in template.items() if k != "Resources"}
    parent["Resources"] = parent_resources
    _check("the parent", parent)
    return parent, nested


def _check(name: str, body: dict[str, Any]) -> None:
    over = []
    for key, most in (("Resources", MAX_RESOURCES), ("Parameters", MAX_PARAMETERS), ("Outputs", MAX_OUTPUTS)):
        if len(body.get(key, {})) > most:
            over.append(f"{len(body[key])} {key.lower()} (at most {most})")
    size = len(json.dumps(body, indent=2))
    if size > MAX_BYTES:
        over.append(f"{size} bytes (at most {MAX_BYTES})")
    if over:
        raise NestingError(f"nested stack {name} is over CloudFormation's quotas: {', '.join(over)}")

"""The resource DAG as Graphviz dot, Mermaid or JSON, with the critical path highlighted."""
from __future__ import annotations

from .output import dumps, graph_data
from .resources import PHASES, CompiledSite

FORMATS = ("dot", "mermaid", "json")


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _q(text: str) -> str:
    return '"' + _esc(text) + '"'


def to_dot(cs: CompiledSite) -> str:
    critical = set(cs.critical_path)
    crit_edges = set(zip(cs.critical_path, cs.critical_path[1:]))
    lines = [f"digraph {_q(cs.site)} {{", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica", fontsize=10];']
    by_phase: dict[int, list[str]] = {}
    for address in sorted(cs.resources):
        by_phase.setdefault(cs.resources[address].phase, []).append(address)
    for phase in sorted(by_phase):
        lines.append(f"  subgraph cluster_{phase} {{")
        lines.append(f"    label={_q(f'{phase}. {PHASES.get(phase, str(phase))}')}; style=dashed;")
        for address in by_phase[phase]:
            r = cs.resources[address]
            label = '"' + _esc(address) + "\\n" + _esc(f"{r.type} {r.estimate_s:g}s") + '"'
            style = ', color=red, penwidth=2, style="bold,filled", fillcolor="#ffe0e0"' if address in critical else ""
            lines.append(f"    {_q(address)} [label={label}{style}];")
        lines.append("  }")
    for u, v in sorted(cs.graph.edges()):
        style = " [color=red, penwidth=2]" if (u, v) in crit_edges else ""
        lines.append(f"  {_q(u)} -> {_q(v)}{style};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_mermaid(cs: CompiledSite) -> str:
    ids = {address: f"n{i}" for i, address in enumerate(sorted(cs.resources))}
    crit_edges = set(zip(cs.critical_path, cs.critical_path[1:]))
    lines = ["flowchart LR"]
    for address in sorted(cs.resources):
        r = cs.resources[address]
        lines.append(f'  {ids[address]}["{address}<br/>{r.type} {r.estimate_s:g}s"]')
    link = 0
    crit_links = []
    for u, v in sorted(cs.graph.edges()):
        if (u, v) in crit_edges:
            lines.append(f"  {ids[u]} ==> {ids[v]}")
            crit_links.append(link)
        else:
            lines.append(f"  {ids[u]} --> {ids[v]}")
        link += 1
    lines.append("  classDef critical fill:#ffe0e0,stroke:#d00,stroke-width:2px")
    if cs.critical_path:
        lines.append("  class " + ",".join(ids[a] for a in cs.critical_path) + " critical")
    if crit_links:
        lines.append("  linkStyle " + ",".join(map(str, crit_links)) + " stroke:#d00,stroke-width:3px")
    return "\n".join(lines) + "\n"


def render(cs: CompiledSite, fmt: str) -> str:
    if fmt == "dot":
        return to_dot(cs)
    if fmt == "mermaid":
        return to_mermaid(cs)
    if fmt == "json":
        return dumps(graph_data(cs, with_inputs=False))
    raise ValueError(f"unknown graph format {fmt!r}; expected one of {', '.join(FORMATS)}")

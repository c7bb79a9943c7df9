"""Hover: what the name under the cursor is and its key settings, or what a flow statement compiles to.

For a declared thing: its kind, description and the settings written in the file (a queue's hours and
capacity, a flow's type and the Connect actions its body becomes, a bot's locales and intents), and —
when the file compiles — how many AWS resources it deploys as, their estimated time and whether it is on
the critical path. On a flow statement: the Connect action type it compiles to.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from lsprotocol import types as lsp

from ccdsl.dsl.compact import flow_ast
from ccdsl.dsl.flows import flow_body
from ccdsl.dsl.flows.statements import STATEMENT_ACTIONS, STATEMENT_KEYWORDS

from .analysis import Analysis
from .context import flow_body_at
from .index import Occurrence
from .navigation import occ_range, occurrence_at

SKIP = {"name", "span", "field_spans", "do", "intents", "slot_types", "description"}


def hover(analysis: Analysis, position: lsp.Position) -> lsp.Hover | None:
    occ = occurrence_at(analysis, position)
    if occ is not None:
        text = describe(analysis, occ)
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text), range=occ_range(occ))
    statement = _statement_at(analysis, position)
    if statement is not None:
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=statement))
    return None


def describe(analysis: Analysis, occ: Occurrence) -> str:
    kind, container, name = occ.key
    label = kind.replace("_", " ")
    owner = f" of {'bot' if kind in ('intent', 'slot_type') else 'flow'} `{container}`" if container else ""
    lines = [f"**{label}** `{name}`{owner}"]
    node = analysis.index.nodes.get(occ.key)
    uses = sum(1 for o in analysis.index.of(occ.key) if not o.is_definition)
    if node is None:
        lines.append("\n*not declared in this file*")
        return "\n".join(lines)
    description = getattr(node, "description", None)
    if description:
        lines.append(f"\n{description}")
    lines.append("")
    lines.extend(f"- {line}" for line in _settings(analysis, kind, node))
    lines.append(f"- used {uses} time{'s' if uses != 1 else ''}")
    deploy = _deploy(analysis, kind, container, name)
    if deploy:
        lines.append(f"\n{deploy}")
    return "\n".join(lines)


def _settings(analysis: Analysis, kind: str, node: Any) -> list[str]:
    site = analysis.site
    out: list[str] = []
    if kind == "queue":
        hours = site.hours.get(str(node.hours)) if site is not None else None
        schedule = f" ({getattr(hours.schedule, 'text', hours.schedule)})" if hours is not None else ""
        out.append(f"hours: `{node.hours}`{schedule}")
        out.append(f"capacity: {node.max_contacts if node.max_contacts is not None else 'no limit'} contacts waiting")
    elif kind == "flow":
        out.append(f"type: `{node.type}`")
        body = flow_body(node)
        if body is not None:
            actions = Counter(STATEMENT_ACTIONS[type(s).__name__] for s in flow_ast.walk(body.statements)
                              if type(s).__name__ in STATEMENT_ACTIONS)
            out.append("Connect actions: " + ", ".join(f"{a} ×{n}" if n > 1 else a for a, n in actions.most_common()))
        elif node.template:
            out.append(f"template: `{node.template}`")
    elif kind == "bot":
        out.append("locales: " + ", ".join(f"{loc} ({v.voice})" for loc, v in node.locales.items()))
        out.append("intents: " + ", ".join(f"`{i}`" for i in node.intents))
    elif kind == "intent":
        samples = [u.text if hasattr(u, "text") else str(u) for u in node.utterances[:3]]
        out.extend(f"“{s}”" for s in samples)
    elif kind == "label":
        out.append(f"{len(node.body)} statement{'s' if len(node.body) != 1 else ''}")
    else:
        for field in type(node).model_fields if hasattr(type(node), "model_fields") else ():
            if field in SKIP or field not in getattr(node, "field_spans", {}):
                continue
            value = getattr(node, field)
            text = getattr(value, "text", None) or str(value)
            if len(text) > 60:
                text = text[:57] + "…"
            out.append(f"{field}: `{text}`")
            if len(out) >= 6:
                break
    return out


def _deploy(analysis: Analysis, kind: str, container: str, name: str) -> str | None:
    if kind == "label":
        return None
    compiled = analysis.compiled()
    if compiled is None:
        return None
    prefix = f"bot.{container}.{kind}.{name}" if container else f"{kind}.{name}"
    addresses = [a for a in compiled.resources if a == prefix or a.startswith(prefix + ".")]
    if not addresses:
        return None
    critical = set(compiled.critical_path) & set(addresses)
    finish = max(compiled.timings[a].earliest_finish for a in addresses)
    total = sum(compiled.resources[a].estimate_s for a in addresses)
    where = "**on the critical path**" if critical else "not on the critical path"
    count = f"{len(addresses)} resource{'s' if len(addresses) != 1 else ''}"
    return f"deploys as {count} (~{total:.0f} s of work, done ~{finish:.0f} s into an apply), {where}"


def _statement_at(analysis: Analysis, position: lsp.Position) -> str | None:
    place = flow_body_at(analysis.lines, position.line, position.character)
    site = analysis.site
    if place is None or site is None or place.flow not in site.flows:
        return None
    body = flow_body(site.flows[place.flow])
    if body is None:
        return None
    for stmt in flow_ast.walk(body.statements):
        if stmt.span.line == position.line + 1:
            kind = type(stmt).__name__
            keyword = STATEMENT_KEYWORDS.get(kind, kind)
            action = STATEMENT_ACTIONS.get(kind)
            if action is None:
                return f"`{keyword}`: compiles to no action of its own (control flow)"
            return f"`{keyword}` compiles to the Connect action **{action}**"
    return None

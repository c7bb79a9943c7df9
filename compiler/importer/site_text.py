"""The text ``ccdsl import`` writes: a ``flows:`` section with a comment over each entry saying where it came
from, and a Jinja2 template per flow that stays a template.

A template is the original JSON with each reference to a queue, bot, function, flow or hours turned into the
site helper (``{{ queue('Sales') }}``), any other ARN or id in the parameters into a template variable of the
flow's ``vars:`` (so moving the flow to another instance means editing one value), and any Jinja2 syntax
already in the text escaped, so the template renders to exactly the original document.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ccdsl.dsl.flows import catalog as cat

from .decompile import ImportedFlow
from .names import SECTIONS, NameBook, is_dynamic, looks_like_reference, sanitize

#: which site helper names what a parameter refers to
HELPER_PARAMS: Mapping[str, str] = {"QueueId": "queue", "ContactFlowId": "flow", "HoursOfOperationId": "hours",
                                    "LambdaFunctionARN": "function", "AliasArn": "bot"}
INDENT = "  "


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def template_text(flow: ImportedFlow, book: NameBook) -> tuple[str, dict[str, str]]:
    """The Jinja2 template of one flow and the ``vars`` it uses."""
    marks: dict[str, str] = {}
    variables: dict[str, str] = {}

    def mark(expression: str) -> str:
        key = f"@@ccdsl-{len(marks)}@@"
        marks[key] = "{{ " + expression + " }}"
        return key

    def visit(value: Any, key: str, hook: bool) -> Any:
        if isinstance(value, Mapping):
            return {k: visit(v, str(k), hook or k == "EventHooks") for k, v in value.items()}
        if isinstance(value, list):
            return [visit(v, key, hook) for v in value]
        if not isinstance(value, str) or is_dynamic(value) or not looks_like_reference(value):
            return value
        kind = "flow" if hook else HELPER_PARAMS.get(key)
        name = book.name(kind, value, None, flow.name) if kind else None
        if kind and name:
            return mark(f"{kind}({name!r})")
        var = sanitize(f"{key}_{len(variables) + 1}".lower(), "ref")
        variables[var] = value
        return mark(f"vars.{var}")

    content = dict(flow.content)
    content["Actions"] = [{**a, "Parameters": visit(a.get("Parameters") or {}, "", False)}
                          for a in content.get("Actions") or []]
    text = json.dumps(content, indent=2, ensure_ascii=False)
    for opener in ("{{", "{%", "{#"):
        text = text.replace(opener, "\x00" + opener[1])
    for opener in ("{", "%", "#"):
        text = text.replace("\x00" + opener, "{{ '{" + opener + "' }}")
    for key, expression in marks.items():
        text = text.replace(key, expression)
    return text + "\n", variables


def unset_words(value: str) -> str:
    """What stands behind a name given to a target the export does not name."""
    return "the export has none" if not value.strip() else f"the export has none, only the text {value!r}"


def _comment(lines: list[str], text: str, depth: int = 1) -> None:
    lines.append(f"{INDENT * depth}# {text}".rstrip())


def _type_line(flow_type: str) -> str | None:
    return None if flow_type == cat.CONTACT_FLOW else flow_type.lower()


def flows_section(flows: list[ImportedFlow], book: NameBook, template_dir: str = "flows") -> tuple[str, dict[str, str]]:
    """The ``.ccd`` text and ``{relative path: template text}`` for the flows not written as bodies."""
    lines = ["# Flows imported by `ccdsl import` from exported Amazon Connect flow JSON.", "flows:"]
    templates: dict[str, str] = {}
    for flow in flows:
        how = "a do: body" if flow.body is not None else "a template"
        _comment(lines, f"from {flow.source}: {flow.actions} actions, imported as {how}")
        for ident, kind in flow.unreachable:
            _comment(lines, f"left out, never reached from the start: {kind} '{ident}'")
        for stand_in in flow.stand_ins:
            has = "nothing" if stand_in.empty else f"only the text {stand_in.value!r}"
            _comment(lines, f"the export has {has} for the {stand_in.kind} of {stand_in.type} '{stand_in.ident}': "
                            f"written as {stand_in.name}, to declare or change")
        if flow.body is None:
            for reason in flow.reasons:
                _comment(lines, f"kept as JSON: {reason}")
        lines.append(f"{INDENT}{flow.name}:")
        if (type_word := _type_line(flow.flow_type)) is not None:
            lines.append(f"{INDENT * 2}type: {type_word}")
        if flow.body is not None:
            lines.append(f"{INDENT * 2}do: |")
            lines += [f"{INDENT * 3}{line}" if line else "" for line in flow.body.rstrip("\n").split("\n")]
            continue
        path = f"{template_dir}/{flow.name}.json.j2"
        templates[path], variables = template_text(flow, book)
        lines.append(f"{INDENT * 2}template: {path}")
        if variables:
            lines.append(f"{INDENT * 2}vars:")
            lines += [f"{INDENT * 3}{k}: {_yaml_string(v)}" for k, v in variables.items()]
    imported = {f.name for f in flows}
    declared = [d for d in book.declared() if not (d[0] == "flow" and d[1] in imported)]
    if declared:
        lines.append("")
        lines.append("# Names the flows refer to: declare each in its section (or map its ARN with --map):")
        for kind, name, value, _flow in declared:
            stands = unset_words(value) if (kind, name) in book.unset else value
            _comment(lines, f"{SECTIONS.get(kind, kind)}: {name}  <- {stands}", 0)
    return "\n".join(lines) + "\n", templates


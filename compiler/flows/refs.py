"""What a flow refers to: other flows (for the compiler's create-then-update of flow cycles) and
every resource its content names through tokens (its dependencies)."""
from __future__ import annotations

import re
from typing import Any

from ccdsl.compiler.addresses import split_token_body
from ccdsl.dsl.compact import flow_ast as ast
from ccdsl.dsl.flows.references import named_references

TOKEN_RE = re.compile(r"\$\{([A-Za-z0-9_.\-]+)\}")


def references(body: ast.FlowBody) -> dict[str, set[str]]:
    """``{kind: names}`` for queue, bot, flow, function and hours references of a ``do:`` body."""
    out: dict[str, set[str]] = {k: set() for k in ("queue", "bot", "flow", "function", "hours", "prompt", "agent")}
    for stmt in ast.walk(body.statements):
        for kind, name in named_references(stmt):
            out[kind].add(name.value)
    return out


def flow_refs(body: ast.FlowBody) -> set[str]:
    """The other flows a body refers to (transfer to flow, set … flow, task)."""
    return references(body)["flow"]


def token_addresses(content: Any) -> set[str]:
    """Addresses of every ``${address.attr}`` token inside a flow document (secrets excluded): in its string
    values (not its keys), through dicts and lists; a string without ``${`` is not searched."""
    found: set[str] = set()
    stack = [content]
    pop, push = stack.pop, stack.extend
    while stack:
        value = pop()
        t = type(value)
        if t is str:
            if "${" in value:
                for body in TOKEN_RE.findall(value):
                    found.add(split_token_body(body)[0])
        elif t is dict:
            push(value.values())
        elif t is list:
            push(value)
        elif isinstance(value, str):
            for body in TOKEN_RE.findall(value):
                found.add(split_token_body(body)[0])
        elif isinstance(value, dict):
            push(value.values())
        elif isinstance(value, list):
            push(value)
    return found

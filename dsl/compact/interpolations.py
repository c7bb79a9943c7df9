"""``${…}`` references inside string values; grammar ``interpolation.lark``.

``${KIND.NAME.ATTR}`` is a :class:`Reference` to an attribute of a declared resource (KIND one of
:data:`KINDS`); ``${instance.id}`` and ``${instance.arn}`` are References of kind ``instance`` to the
Connect instance (its ``name`` is the word ``instance``; attributes :data:`INSTANCE_ATTRS`);
``${env:NAME}``, ``${env:NAME:-default}`` and ``${ssm:/path}`` are :class:`SecretRef`\\ s, resolved at
apply time and never stored. A string without ``${`` is one :class:`Text` part (no parse). Unknown kinds
and secret sources are E016 with a did-you-mean.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from lark import Token

from ..diagnostics import Diagnostics, did_you_mean
from ..source import Span, TextOrigin
from .lark_support import Node, meta_span, run, token_span
from .nodes import Name, Text, span_field

KINDS = ("table", "stream", "topic", "bucket", "function", "queue", "key", "api", "flow", "bot", "number", "log",
         "task_template", "view")
SECRET_SOURCES = ("env", "ssm")
INSTANCE_ATTRS = ("id", "arn")


@dataclass(frozen=True, slots=True)
class Reference:
    """``${kind.name.attr}``; ``name.span`` points at the resource name."""

    kind: str
    name: Name
    attr: str
    span: Span = span_field()


@dataclass(frozen=True, slots=True)
class SecretRef:
    """``${env:NAME}`` / ``${env:NAME:-default}`` (``source`` "env") or ``${ssm:/path}`` ("ssm")."""

    source: str
    name: str
    default: str | None = None
    span: Span = span_field()


Part = Union[Text, Reference, SecretRef]


@dataclass(frozen=True, slots=True)
class Interpolated:
    parts: tuple[Part, ...]
    span: Span = span_field()

    @property
    def references(self) -> tuple[Reference, ...]:
        return tuple(p for p in self.parts if isinstance(p, Reference))

    @property
    def secrets(self) -> tuple[SecretRef, ...]:
        return tuple(p for p in self.parts if isinstance(p, SecretRef))

    @property
    def is_literal(self) -> bool:
        return all(isinstance(p, Text) for p in self.parts)


def parse_interpolations(text: str, origin: TextOrigin, diags: Diagnostics) -> Interpolated | None:
    if "${" not in text:
        return Interpolated((Text(text, origin.span),) if text else (), origin.span)

    def part(ref: Node) -> Part | None:
        node = ref.children[0]
        span = meta_span(origin, ref)
        if node.data == "reference":
            kind, name, attr = node.children
            if str(kind) not in KINDS:
                diags.error("E016", f"unknown reference kind '{kind}' (one of {', '.join(KINDS)})",
                            token_span(origin, kind), hint=did_you_mean(str(kind), KINDS), length=len(kind))
                return None
            return Reference(str(kind), Name(str(name), token_span(origin, name)), str(attr), span)
        if node.data == "instance":
            word, _, attr = node.children
            if str(attr) not in INSTANCE_ATTRS:
                diags.error("E016", f"unknown instance attribute '{attr}' (id or arn)", token_span(origin, attr),
                            hint=did_you_mean(str(attr), INSTANCE_ATTRS), length=len(attr))
                return None
            return Reference("instance", Name("instance", token_span(origin, word)), str(attr), span)
        if node.data == "env":
            name, sep, default = node.children
            return SecretRef("env", str(name), None if sep is None else str(default or ""), span)
        if node.data == "ssm":
            return SecretRef("ssm", str(node.children[0]), None, span)
        source = node.children[0]
        diags.error("E016", f"unknown secret source '{source}'; use ${{env:NAME}} or ${{ssm:/path}}",
                    token_span(origin, source), hint=did_you_mean(str(source), SECRET_SOURCES), length=len(source))
        return None

    def build(tree: Node) -> Interpolated | None:
        parts = []
        for child in tree.children:
            parts.append(Text(str(child), token_span(origin, child)) if isinstance(child, Token) else part(child))
        if any(p is None for p in parts):
            return None
        return Interpolated(tuple(p for p in parts if p is not None), origin.span)

    return run("interpolation", text, origin, diags, build, "${…} reference")


def interpolations_to_text(ast: Interpolated) -> str:
    out = []
    for p in ast.parts:
        if isinstance(p, Text):
            out.append(p.text)
        elif isinstance(p, Reference) and p.kind == "instance":
            out.append(f"${{instance.{p.attr}}}")
        elif isinstance(p, Reference):
            out.append(f"${{{p.kind}.{p.name.value}.{p.attr}}}")
        elif p.source == "env":
            out.append(f"${{env:{p.name}" + ("" if p.default is None else f":-{p.default}") + "}")
        else:
            out.append(f"${{ssm:{p.name}}}")
    return "".join(out)

"""Composite alarm rules; grammar ``composite.lark``.

A rule combines alarms of the site by name with ``and``, ``or`` and ``not``: a bare name means the
alarm is in ALARM state, ``ok(name)`` / ``insufficient_data(name)`` / ``alarm(name)`` name the state.
The tree is :class:`AlarmRule` (the root) over :class:`AlarmState`, :class:`AlarmNot` and
:class:`AlarmOp` (operands of the same operator are flattened, so ``a or (b or c)`` equals
``a or b or c``). CloudWatch's rule syntax (``ALARM("name") OR …``) is written by the compiler.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from lark import Token, Tree

from ..diagnostics import Diagnostics
from ..source import Span, TextOrigin
from .lark_support import Node, meta_span, run, token_span
from .nodes import Name, span_field

STATES = ("alarm", "ok", "insufficient_data")
KEYWORDS = ("and", "or", "not", *STATES)


@dataclass(frozen=True, slots=True)
class AlarmState:
    """``name`` is in ``state`` (one of :data:`STATES`)."""

    state: str
    name: Name
    span: Span = span_field()


@dataclass(frozen=True, slots=True)
class AlarmNot:
    operand: Expr
    span: Span = span_field()


@dataclass(frozen=True, slots=True)
class AlarmOp:
    """``op`` is ``and`` or ``or``; two or more operands, none of them an AlarmOp of the same ``op``."""

    op: str
    operands: tuple[Expr, ...]
    span: Span = span_field()


Expr = Union[AlarmState, AlarmNot, AlarmOp]


@dataclass(frozen=True, slots=True)
class AlarmRule:
    expr: Expr
    span: Span = span_field()

    @property
    def names(self) -> tuple[Name, ...]:
        """Every alarm name the rule mentions, in order."""
        return tuple(state.name for state in states(self.expr))


def states(expr: Expr) -> list[AlarmState]:
    if isinstance(expr, AlarmState):
        return [expr]
    if isinstance(expr, AlarmNot):
        return states(expr.operand)
    return [s for operand in expr.operands for s in states(operand)]


def combine(op: str, operands: tuple[Expr, ...], span: Span | None = None) -> AlarmOp:
    """``op`` over ``operands``, with operands of the same operator flattened into it."""
    flat: list[Expr] = []
    for operand in operands:
        flat.extend(operand.operands if isinstance(operand, AlarmOp) and operand.op == op else (operand,))
    return AlarmOp(op, tuple(flat), span) if span is not None else AlarmOp(op, tuple(flat))


def parse_composite(text: str, origin: TextOrigin, diags: Diagnostics) -> AlarmRule | None:
    def expr(tree: Node | object) -> Expr:
        assert isinstance(tree, Tree)
        span = meta_span(origin, tree)
        if tree.data in ("bare", "state"):
            *state, name = tree.children
            assert isinstance(name, Token), "a name is a token"
            word = str(state[0]) if state else "alarm"
            return AlarmState(word, Name(str(name), token_span(origin, name)), span)
        if tree.data == "negation":
            return AlarmNot(expr(tree.children[0]), span)
        op = "or" if tree.data == "or_expr" else "and"
        return combine(op, tuple(expr(child) for child in tree.children), span)

    return run("composite", text, origin, diags, lambda tree: AlarmRule(expr(tree), origin.span),
               "composite alarm rule", start="rule", starts=("rule",))


def _text(expr: Expr, parent: str | None) -> str:
    if isinstance(expr, AlarmState):
        return expr.name.value if expr.state == "alarm" else f"{expr.state}({expr.name.value})"
    if isinstance(expr, AlarmNot):
        return "not " + _text(expr.operand, "not")
    inner = f" {expr.op} ".join(_text(operand, expr.op) for operand in expr.operands)
    # not binds tighter than and, and tighter than or
    return f"({inner})" if parent == "not" or (parent == "and" and expr.op == "or") else inner


def composite_to_text(ast: AlarmRule) -> str:
    return _text(ast.expr, None)

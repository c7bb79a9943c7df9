"""Bucket lifecycles: ``glacier after 30d, expire after 2555d``; grammar ``lifecycle.lark``.

Checks: known storage class (E017, did-you-mean), ages in whole days (E014), transitions in order of
growing age and to ever colder classes, each class once, at most one expiry and after the last
transition (E019).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Diagnostics, did_you_mean
from ..source import Span, TextOrigin
from .lark_support import Node, duration_value, meta_span, run, token_span
from .nodes import span_field

#: Storage classes, warm to cold, with their S3 names.
STORAGE_CLASSES = {
    "infrequent": "STANDARD_IA",
    "onezone": "ONEZONE_IA",
    "intelligent": "INTELLIGENT_TIERING",
    "glacier_ir": "GLACIER_IR",
    "glacier": "GLACIER",
    "deep_archive": "DEEP_ARCHIVE",
}
_RANK = {"infrequent": 0, "onezone": 0, "intelligent": 0, "glacier_ir": 1, "glacier": 2, "deep_archive": 3}


@dataclass(frozen=True, slots=True)
class Transition:
    storage_class: str  # a key of STORAGE_CLASSES
    days: int
    span: Span = span_field()


@dataclass(frozen=True, slots=True)
class Lifecycle:
    transitions: tuple[Transition, ...]
    expire_days: int | None = None
    span: Span = span_field()


def parse_lifecycle(text: str, origin: TextOrigin, diags: Diagnostics) -> Lifecycle | None:
    def days(tok: Node) -> int | None:
        seconds = duration_value(tok, origin, diags)
        if seconds is None:
            return None
        if seconds % 86400:
            diags.error("E014", f"lifecycle ages are whole days (e.g. 30d), not '{tok}'", token_span(origin, tok),
                        length=len(tok))
            return None
        return seconds // 86400

    def build(tree: Node) -> Lifecycle | None:
        transitions: list[Transition] = []
        expire: int | None = None
        expire_span: Span | None = None
        for rule in tree.children:
            span = meta_span(origin, rule)
            if rule.data == "expire":
                age = days(rule.children[0])
                if expire_span is not None:
                    diags.error("E019", "expiry given twice", span)
                expire, expire_span = age, span
                continue
            cls, age_tok = rule.children
            age = days(age_tok)
            if str(cls) not in STORAGE_CLASSES:
                diags.error("E017", f"unknown storage class '{cls}' (one of {', '.join(STORAGE_CLASSES)})",
                            token_span(origin, cls), hint=did_you_mean(str(cls), STORAGE_CLASSES), length=len(cls))
                continue
            if age is None:
                continue
            if expire_span is not None:
                diags.error("E019", "transitions come before the expiry", span)
            for prev in transitions:
                if prev.storage_class == cls:
                    diags.error("E019", f"'{cls}' given twice", span)
                    break
            if transitions:
                prev = transitions[-1]
                if age <= prev.days:
                    diags.error("E019", f"'{cls} after {age}d' must come later than "
                                        f"'{prev.storage_class} after {prev.days}d'", span)
                elif _RANK[str(cls)] <= _RANK[prev.storage_class]:
                    diags.error("E019", f"'{cls}' is not colder than '{prev.storage_class}'; "
                                        "transitions go to colder classes", span)
            transitions.append(Transition(str(cls), age, span))
        if expire is not None and transitions and expire <= transitions[-1].days:
            last = transitions[-1]
            diags.error("E019", f"expiry after {expire}d must come later than the last transition "
                                f"('{last.storage_class} after {last.days}d')",
                        expire_span or origin.span)
        return Lifecycle(tuple(transitions), expire, origin.span)

    return run("lifecycle", text, origin, diags, build, "lifecycle")


def lifecycle_to_text(ast: Lifecycle) -> str:
    parts = [f"{t.storage_class} after {t.days}d" for t in ast.transitions]
    if ast.expire_days is not None:
        parts.append(f"expire after {ast.expire_days}d")
    return ", ".join(parts)

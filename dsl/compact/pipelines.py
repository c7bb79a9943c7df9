"""Data pipeline chains; grammar ``pipeline.lark``.

Checks after parsing: stage options (stream: ``shards`` whole number >= 1, ``retention`` duration, ``key``
a key name or ``none``;
firehose: ``buffer`` duration) with did-you-mean for unknown ones (E017, values E014), a lake prefix
ends in ``/`` (E014), ``lake`` comes right after ``firehose`` and ``table`` right after ``lake``
(E019), an option given twice (E019).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Union

from ..diagnostics import Diagnostics, did_you_mean
from ..source import Span, TextOrigin
from .lark_support import Node, duration_text, duration_value, meta_span, run, token_span
from .nodes import Name, span_field

FEEDS = ("contact_records", "agent_events", "connect_events")
OPTIONS = {"stream": ("shards", "retention", "key"), "firehose": ("buffer",)}


@dataclass(frozen=True, slots=True)
class Source:
    """``kind`` is a feed (contact_records, agent_events, connect_events), ``logs`` (``names`` are log
    groups) or ``metrics`` (``names`` are CloudWatch namespaces)."""

    kind: str
    names: tuple[Name, ...] = ()
    span: Span = span_field()


@dataclass(frozen=True, slots=True)
class StreamStage:
    name: Name
    shards: int | None = None
    retention: int | None = None  # seconds
    key: Name | None = None  # KMS key; "none": unencrypted; None: the site's key
    span: Span = span_field()


@dataclass(frozen=True, slots=True)
class FirehoseStage:
    buffer: int | None = None  # seconds
    span: Span = span_field()


@dataclass(frozen=True, slots=True)
class LakeStage:
    prefix: str  # ends in "/"
    span: Span = span_field()


@dataclass(frozen=True, slots=True)
class TableStage:
    name: Name
    span: Span = span_field()


Stage = Union[StreamStage, FirehoseStage, LakeStage, TableStage]


@dataclass(frozen=True, slots=True)
class Pipeline:
    source: Source | None
    stages: tuple[Stage, ...]
    span: Span = span_field()


def parse_pipeline(text: str, origin: TextOrigin, diags: Diagnostics) -> Pipeline | None:
    def name(tok: Node) -> Name:
        return Name(str(tok), token_span(origin, tok))

    def options(kind: str, tree: Node) -> dict[str, Any]:
        out: dict = {}
        if tree is None:
            return out
        for opt in tree.children:
            key, value = opt.children
            known = OPTIONS[kind]
            if str(key) not in known:
                diags.error("E017", f"unknown {kind} option '{key}' (options: {', '.join(known)})",
                            token_span(origin, key), hint=did_you_mean(str(key), known), length=len(key))
                continue
            if str(key) in out:
                diags.error("E019", f"option '{key}' given twice", token_span(origin, key), length=len(key))
                continue
            if key == "key":
                if not str(value)[:1].isalpha():
                    diags.error("E014", f"key must name a key from `keys` (or be none), not '{value}'",
                                token_span(origin, value), length=len(value))
                    continue
                out["key"] = name(value)
            elif key == "shards":
                if not str(value).isdigit() or int(value) < 1:
                    diags.error("E014", f"shards must be a whole number of at least 1, not '{value}'",
                                token_span(origin, value), length=len(value))
                    continue
                out["shards"] = int(value)
            else:
                seconds = duration_value(value, origin, diags)
                if seconds is not None:
                    out[str(key)] = seconds
        return out

    def stage(tree: Node) -> Stage:
        kind, span = tree.data, meta_span(origin, tree)
        if kind == "stream":
            return StreamStage(name(tree.children[0]), span=span, **options("stream", tree.children[1]))
        if kind == "firehose":
            return FirehoseStage(span=span, **options("firehose", tree.children[0]))
        if kind == "lake":
            tok = tree.children[0]
            if not str(tok).endswith("/") or str(tok).startswith("/") or "//" in str(tok):
                diags.error("E014", f"a lake prefix is a relative path ending in '/', like 'ctr/' (got '{tok}')",
                            token_span(origin, tok), length=len(tok))
            return LakeStage(str(tok), span)
        return TableStage(name(tree.children[0]), span)

    def build(tree: Node) -> Pipeline:
        children = list(tree.children)
        source = None
        if children and children[0] is None:
            children.pop(0)
        elif children and children[0].data in ("feed", "logs", "metrics"):
            src = children.pop(0)
            span = meta_span(origin, src)
            if src.data == "feed":
                source = Source(str(src.children[0]), (), span)
            else:
                source = Source(src.data, tuple(name(t) for t in src.children), span)
        stages = tuple(stage(t) for t in children)
        for before, after in zip((None, *stages), stages):
            if isinstance(after, LakeStage) and not isinstance(before, FirehoseStage):
                diags.error("E019", "'lake' needs a 'firehose' right before it (Firehose delivers to the lake)",
                            after.span)
            if isinstance(after, TableStage) and not isinstance(before, LakeStage):
                diags.error("E019", "'table' needs a 'lake PREFIX/' right before it (the table catalogues that prefix)",
                            after.span)
        return Pipeline(source, stages, origin.span)

    return run("pipeline", text, origin, diags, build, "pipeline")


def _opts(pairs: Iterable[tuple[str, object]]) -> str:
    items = [f"{k}={v}" for k, v in pairs if v is not None]
    return f"({', '.join(items)})" if items else ""


def pipeline_to_text(ast: Pipeline) -> str:
    parts = []
    if ast.source is not None:
        s = ast.source
        parts.append(s.kind if s.kind in FEEDS else f"{s.kind} {', '.join(n.value for n in s.names)}")
    for st in ast.stages:
        if isinstance(st, StreamStage):
            retention = None if st.retention is None else duration_text(st.retention)
            options = [('shards', st.shards), ('retention', retention), ('key', st.key)]
            parts.append(f"stream {st.name}{_opts(options)}")
        elif isinstance(st, FirehoseStage):
            parts.append("firehose" + _opts([("buffer", None if st.buffer is None else duration_text(st.buffer))]))
        elif isinstance(st, LakeStage):
            parts.append(f"lake {st.prefix}")
        else:
            parts.append(f"table {st.name}")
    return " -> ".join(parts)

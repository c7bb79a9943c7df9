"""Labels and gotos from a flow's transition graph: the decoded actions laid out as a ``do:`` body.

Each action becomes one statement. Starting at the flow's start, statements are written one after the
other along the path each statement simply carries on to (its ``follow`` target) — a *chain* — until a
statement ends the path, or carries on to a block that needs a label. A block needs a label when a
branch names it, or when more than one statement carries on to it. The chain then ends with
``goto label`` (or, when that block is a bare ``hangup``/``end``, with a copy of it). Each labelled block
is a chain of its own, written at the top level in the order the body first names it; every chain ends
with a statement that ends the path or a ``goto``, so control never falls from one block into the next.

Labels are named from the blocks' designer names (friendly Identifiers such as ``Prompt Timeout`` →
``prompt_timeout``), otherwise from the statement (``menu_2``).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ccdsl.compiler.flows.lower import ID_WORDS
from ccdsl.dsl.compact import flow_ast as A

from .flows import Decoded
from .names import sanitize

_OWN_ID = re.compile(r"^(.+)-1 [a-z ]+$")
_UUID_LIKE = re.compile(r"^[0-9a-fA-F-]{8,}$|^[0-9a-fA-F]{8}-")


def _no_ref(target: str) -> A.Name:
    raise LookupError(target)


def _bare_end(d: Decoded) -> bool:
    if d.follow is not None or d.targets:
        return False
    try:
        return isinstance(d.make(_no_ref), (A.Hangup, A.End))
    except LookupError:
        return False


def error_handler(start: str, decoded: Mapping[str, Decoded]) -> str | None:
    """The block to write as ``on error:``: the error target of two or more statements — or of one that cannot
    write its error branch (``loop prompts … interrupt``) — that nothing reaches any other way (no other branch,
    no statement carrying on to it, not the start)."""
    def alone(target: str) -> bool:
        other = sum(list(d.targets).count(target) - (d.error == target and not d.keeps_error)
                    for d in decoded.values())
        return not other and target != start and all(d.follow != target for d in decoded.values())

    uses = Counter(d.error for d in decoded.values() if d.error is not None)
    forced = [d.error for d in decoded.values() if d.unwritten_error and d.error is not None]
    candidates = forced + [t for t, n in uses.most_common() if n >= 2]
    return next((t for t in candidates if alone(t)), None)


def _own_handler_for_forced_end(start: str, decoded: Mapping[str, Decoded]) -> Mapping[str, Decoded]:
    """When a statement that cannot write its error branch (``loop prompts … interrupt``) sends its errors to a
    bare ``end`` or ``hangup`` that other branches also reach, the ``on error:`` block is a copy of it (one block
    may stand for several identical ones): those branches keep their label, the copy takes the unwritten errors."""
    forced = [(ident, d) for ident, d in decoded.items() if d.unwritten_error and d.error is not None]
    if not forced or error_handler(start, decoded) in {d.error for _i, d in forced}:
        return decoded
    target = forced[0][1].error
    if target is None or target not in decoded or not _bare_end(decoded[target]) \
            or any(d.error != target or d.targets[-1:] != (target,) for _i, d in forced):
        return decoded
    copy = f"{target} {A.ON_ERROR}"
    out = dict(decoded)
    out[copy] = decoded[target]
    for ident, d in forced:
        out[ident] = replace(d, error=copy, targets=d.targets[:-1] + (copy,))  # the error is the last target
    return out


def _without_error(stmt: A.Stmt) -> A.Stmt:
    changes: dict[str, Any] = {"error": None}
    return replace(stmt, **changes)


class _Layout:
    def __init__(self, start: str, decoded: Mapping[str, Decoded], handler: str | None = None):
        self.start, self.decoded, self.handler = start, decoded, handler
        self.bare = {i for i, d in decoded.items() if _bare_end(d)}
        follows = Counter(d.follow for d in decoded.values() if d.follow is not None and d.follow not in self.bare)
        explicit = {t for d in decoded.values() for t in d.targets}
        self.need = explicit | {t for t, n in follows.items() if n > 1}
        if start in explicit or follows.get(start):
            self.need.add(start)
        self.labels: dict[str, str] = {}
        self.order: list[str] = []
        self.placed: set[str] = set()
        self.words: Counter[str] = Counter()
        self.taken: set[str] = {A.ON_ERROR}

    def name_for(self, ident: str) -> str:
        stmt = self.decoded[ident].make(lambda t: A.Name("_"))
        own = _OWN_ID.match(ident)
        if own:  # an Identifier ccdsl itself wrote: the label it came from
            base = sanitize(own.group(1), "block")
        elif _UUID_LIKE.match(ident):
            word = ID_WORDS.get(type(stmt).__name__, "block").replace(" ", "_")
            self.words[word] += 1
            base = f"{word}_{self.words[word]}"
        else:
            base = sanitize(ident.lower(), "block")
        name, n = base, 1
        while name in self.taken:
            n += 1
            name = f"{base}_{n}"
        self.taken.add(name)
        return name

    def ref(self, ident: str) -> A.Name:
        if ident not in self.labels:
            self.labels[ident] = A.ON_ERROR if ident == self.handler else self.name_for(ident)
            self.order.append(ident)
        return A.Name(self.labels[ident])

    def chain(self, head: str) -> list[A.Stmt]:
        out: list[A.Stmt] = []
        current = head
        while True:
            self.placed.add(current)
            d = self.decoded[current]
            stmt = d.make(self.ref)
            if (self.handler not in (None, head) and d.error == self.handler
                    and not (d.unwritten_error or d.keeps_error)):
                # errors not written go to 'on error'
                stmt = _without_error(stmt)
            out.append(stmt)
            nxt = d.follow
            if nxt is None:
                return out
            if nxt in self.bare:  # a copy of a bare hangup / end reads better than a goto to one
                out.append(self.decoded[nxt].make(self.ref))
                return out
            if nxt in self.need or nxt in self.placed:
                out.append(A.Goto(self.ref(nxt)))
                return out
            current = nxt

    def body(self) -> A.FlowBody:
        top: list[A.Stmt]
        if self.start in self.need:
            name = self.ref(self.start)
            top = [A.Label(name, tuple(self.chain(self.start)))]
        else:
            top = self.chain(self.start)
        if self.handler is not None:  # the 'on error:' block, even when no statement writes a branch to it
            self.ref(self.handler)
        k, last = 0, list[A.Stmt]()
        while k < len(self.order):
            ident = self.order[k]
            k += 1
            if ident not in self.placed:
                block = A.Label(A.Name(self.labels[ident]), tuple(self.chain(ident)))
                (last if ident == self.handler else top).append(block)  # 'on error:' goes last
        return A.FlowBody(tuple(top + last))


def lay_out(start: str, decoded: Mapping[str, Decoded]) -> A.FlowBody:
    """The ``do:`` body of decoded actions (every action reachable from ``start`` must be in ``decoded``).

    When one block handles the errors of several statements it becomes the ``on error:`` block, and their
    ``error ->`` lines are left out — unless a statement inside that block would itself need to go there."""
    decoded = _own_handler_for_forced_end(start, decoded)
    handler = error_handler(start, decoded)
    if handler is not None:
        layout = _Layout(start, decoded, handler)
        body = layout.body()
        inside = next((s for s in body.statements if isinstance(s, A.Label) and s.name.value == A.ON_ERROR), None)
        if inside is not None and not any(A.ON_ERROR in (r.value for r in A.label_refs(s))
                                          for s in A.walk(inside.body)):
            return body
    return _Layout(start, decoded).body()

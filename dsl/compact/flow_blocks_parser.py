"""Parsing the customer-data statements of a flow body (customer profiles, cases, Voice ID) and the options of
``task`` and ``callback``: the lark transformer methods for their grammar rules (``grammar/flow.lark``).

:class:`BlocksTransformer` is a base of the flow parser's transformer, which supplies the helpers declared
under ``TYPE_CHECKING``. An option or a field given twice is E018 at the second.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lark import Token, Transformer, v_args
from lark.tree import Meta

from ..source import Span
from . import flow_ast as A
from .lark_support import Node


@v_args(meta=True)
class BlocksTransformer(Transformer):
    if TYPE_CHECKING:
        from ..diagnostics import Diagnostics

        d: Diagnostics

        def sp(self, meta: Meta) -> Span: ...
        def name(self, tok: Token) -> A.Name: ...
        def dur(self, tok: Token | None) -> int | None: ...
        def text(self, tok: Token) -> str: ...
        def whole(self, tok: Token, what: str) -> int: ...
        def options(self, items: list[Any], keyword: str) -> dict[str, Any]: ...

    def unique(self, items: list[A.Assignment], what: str) -> tuple[A.Assignment, ...]:
        """Assignments whose keys are distinct (a repeated key is E018 at the second)."""
        seen: set[str] = set()
        for a in items:
            if a.key in seen:
                self.d.error("E018", f"{what} '{a.key}' given twice", a.span)
            seen.add(a.key)
        return tuple(items)

    def returning(self, meta: Meta, ch: list[Node]) -> tuple[A.Name, ...]:
        names = tuple(self.name(t) for t in ch)
        seen: set[str] = set()
        for n in names:
            if n.value in seen:
                self.d.error("E018", f"field '{n.value}' returned twice", n.span)
            seen.add(n.value)
        return names

    # customer profiles -----------------------------------------------------------------------
    def get_profile(self, meta: Meta, ch: list[Node]) -> A.GetProfile:
        search = [c for c in ch if isinstance(c, A.Assignment)]
        fields = next((c for c in ch if isinstance(c, tuple)), ())
        return A.GetProfile(self.unique(search, "search identifier"), fields, span=self.sp(meta))

    def create_profile(self, meta: Meta, ch: list[Node]) -> A.CreateProfile:
        data = [c for c in ch if isinstance(c, A.Assignment)]
        fields = next((c for c in ch if isinstance(c, tuple)), ())
        return A.CreateProfile(self.unique(data, "profile field"), fields, span=self.sp(meta))

    # cases -----------------------------------------------------------------------------------
    def get_case(self, meta: Meta, ch: list[Node]) -> A.GetCase:
        search = [c for c in ch if isinstance(c, A.Assignment)]
        fields = next((c for c in ch if isinstance(c, tuple)), ())
        words = {str(c) for c in ch if isinstance(c, Token)}
        return A.GetCase(self.unique(search, "case field"), fields, "latest" in words, "link" in words,
                         span=self.sp(meta))

    def create_case(self, meta: Meta, ch: list[Node]) -> A.CreateCase:
        template, *rest = ch
        request = [c for c in rest if isinstance(c, A.Assignment)]
        link = any(isinstance(c, Token) and str(c) == "link" for c in rest)
        return A.CreateCase(self.text(template), self.unique(request, "case field"), link, span=self.sp(meta))

    # Voice ID --------------------------------------------------------------------------------
    def start_voice_id(self, meta: Meta, ch: list[Node]) -> A.StartVoiceId:
        return A.StartVoiceId(span=self.sp(meta), **self.options(ch, "start voice id"))

    def voice_id_threshold(self, meta: Meta, ch: list[Node]) -> tuple[str, Any, Span]:
        return ("threshold", self.whole(ch[0], "the authentication threshold"), self.sp(meta))

    def voice_id_response(self, meta: Meta, ch: list[Node]) -> tuple[str, Any, Span]:
        return ("response", self.dur(ch[0]), self.sp(meta))

    def voice_id_fraud(self, meta: Meta, ch: list[Node]) -> tuple[str, Any, Span]:
        return ("fraud", True, self.sp(meta))

    def voice_id_check(self, meta: Meta, ch: list[Node]) -> str:
        return str(ch[0])

    def check_voice_id(self, meta: Meta, ch: list[Node]) -> A.CheckVoiceId:
        return A.CheckVoiceId(ch[0], span=self.sp(meta))

    # tasks and callbacks ---------------------------------------------------------------------
    def task(self, meta: Meta, ch: list[Node]) -> A.Task:
        name, flow, description, *rest = ch
        attributes = [c for c in rest if isinstance(c, A.Assignment)]
        about = None if description is None else self.text(description)
        return A.Task(self.text(name), self.name(flow), description=about,
                      attributes=self.unique(attributes, "task attribute"), span=self.sp(meta))

    def callback(self, meta: Meta, ch: list[Node]) -> A.Callback:
        queue, *items = ch
        return A.Callback(None if queue is None else self.name(queue), span=self.sp(meta),
                          **self.options(items, "callback"))

    def callback_delay(self, meta: Meta, ch: list[Node]) -> tuple[str, Any, Span]:
        return ("delay", self.dur(ch[0]), self.sp(meta))

    def callback_attempts(self, meta: Meta, ch: list[Node]) -> tuple[str, Any, Span]:
        return ("attempts", self.whole(ch[0], "the number of attempts"), self.sp(meta))

    def callback_retry(self, meta: Meta, ch: list[Node]) -> tuple[str, Any, Span]:
        return ("retry", self.dur(ch[0]), self.sp(meta))

"""What every row of the decompiler's action → statement table shares: the :class:`Decoded` result, the
:class:`Context` a row reads names through, and the readers of values, timeouts and the usual branches."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.flows import catalog as cat

from .actions import Action, Inexpressible
from .names import SECTIONS, NameBook, display_name, is_dynamic, looks_like_reference

Ref = Callable[[str], A.Name]


@dataclass(frozen=True)
class Decoded:
    make: Callable[[Ref], A.Stmt]
    follow: str | None
    targets: tuple[str, ...] = ()
    error: str | None = None  # the target of the statement's ``error`` branch (also one of ``targets``)
    #: the statement cannot write its error branch: its errors go to the ``on error:`` block (or the apology)
    unwritten_error: bool = False
    #: an error branch the statement leaves out goes on with the next statement (``say``, ``set``, ``play`` …), so
    #: a written one must stay written: the ``on error:`` block cannot take it over
    keeps_error: bool = False


@dataclass(frozen=True)
class StandIn:
    """A target the export does not name — its ``key`` holds ``value``, empty or a sample's placeholder text — read
    as a reference to ``name``, which the user must declare or change. The round trip accepts a reference for
    exactly this value at exactly this key of this action, and nowhere else."""

    ident: str  # the action's Identifier
    type: str  # its Type
    kind: str  # queue, flow, prompt, bot, function, hours, agent …
    name: str
    param: str  # the parameter as the block shows it (``LexV2Bot`` for its ``AliasArn``)
    key: str  # the key whose value is empty or placeholder text
    value: str
    origin: str  # where the name came from, in words

    @property
    def empty(self) -> bool:
        return not self.value.strip()

    def describe(self) -> str:
        """What the export has and what the import made of it, for the warning at the action."""
        where = self.param if self.key == self.param else f"{self.param} {self.key}"
        has = f"{where} is empty" if self.empty else f"{where} holds only the text {self.value!r}"
        return (f"the export names no {self.kind} here ({has}); imported as {self.kind} '{self.name}' ({self.origin}): "
                f"declare it in {SECTIONS.get(self.kind, self.kind)}: or change the statement")


@dataclass
class Context:
    """What a row needs besides its action: the flow type and the names of what it refers to."""

    flow_type: str
    book: NameBook
    flow: str = ""
    stand_ins: list[StandIn] = field(default_factory=list)
    #: name targets the export leaves empty or gives as placeholder text (else such a flow stays a template)
    name_unset: bool = True

    def ref(self, act: Action, kind: str, param: str, value: Any = None, key: str | None = None) -> A.Name:
        """The name ``param`` (or ``value``, held at ``key`` inside it) refers to."""
        raw = act.params.get(param) if value is None else value
        if raw is None:
            raise Inexpressible(f"no {param}")
        if isinstance(raw, str) and not is_dynamic(raw) and not looks_like_reference(raw):
            if not self.name_unset:
                raise Inexpressible(f"an empty {param} (the export has no ARN or id for it)" if not raw.strip() else
                                    f"{param} {raw!r} (not an ARN, id or token: a placeholder the export left)")
            return self._stand_in(act, kind, param, raw, key or param)
        name = self.book.name(kind, raw, display_name(act.meta, param), self.flow)
        if name is None:
            if isinstance(raw, str) and raw.startswith("$."):
                raise Inexpressible(f"a {param} read from contact data ({raw}), which the statement cannot take")
            raise Inexpressible(f"{param} {raw!r} (not a reference the importer can name)")
        return A.Name(name)

    def _stand_in(self, act: Action, kind: str, param: str, raw: str, key: str) -> A.Name:
        """A name for a target the export leaves empty or gives as placeholder text: the designer's name for it, else
        the placeholder's words, else the block's label, else ``KIND_target``."""
        shown, distinct = display_name(act.meta, param), ""
        if shown and shown.strip() and shown.strip() != raw.strip():
            hint, origin = shown, "the designer's name for it"
        elif raw.strip():
            hint, origin = raw, "the placeholder's words"
        elif act.meta.get("isFriendlyName") is True and act.ident.strip():
            hint, origin = act.ident, "the block's label"
        else:  # each such block its own name: nothing says two of them are the same target
            hint, origin = f"{kind}_target", "the export has no name for it"
            distinct = f"{self.flow}/{act.ident}"
        name = self.book.stand_in(kind, raw, hint, self.flow, distinct)
        self.stand_ins.append(StandIn(act.ident, act.type, kind, name, param, key, raw, origin))
        return A.Name(name)


ATTR_RE = re.compile(r"^\$(?:\.[A-Za-z_][A-Za-z0-9_-]*|\.\['[^'\n\]]+'\])+$")
NUMBER_RE = re.compile(r"^-?\d+(?:\.\d+)?$")


def value(text: Any, numeric: bool = False) -> A.Value:
    """A parameter value as a statement writes it: an attribute path, a number (``numeric``) or a string."""
    if not isinstance(text, str):
        raise Inexpressible(f"value {text!r} that is not text")
    if "\r" in text:
        raise Inexpressible("a value with a carriage return")
    if "\n" in text:  # text on several lines (a multi-line string), never one attribute path or number
        if numeric:
            raise Inexpressible(f"number comparison with {text!r}")
        return A.Str(text)
    if text.startswith("$."):
        if not ATTR_RE.match(text):
            raise Inexpressible(f"attribute path {text!r}")
        return A.AttrPath(text)
    if numeric:
        if not NUMBER_RE.match(text):
            raise Inexpressible(f"number comparison with {text!r}")
        return A.Number(text)
    return A.Str(text)


def whole(act: Action, param: str, low: int = 0, high: int | None = None) -> int:
    """A parameter that is a whole number between ``low`` and ``high``."""
    raw = act.params.get(param)
    if not isinstance(raw, (str, int)) or isinstance(raw, bool) or not str(raw).isdigit():
        raise Inexpressible(f"{param} {raw!r} (not a whole number)")
    number = int(str(raw))
    if number < low or (high is not None and number > high):
        raise Inexpressible(f"{param} {raw!r} (outside {low}-{high if high is not None else '…'})")
    return number


def otherwise_target(act: Action) -> str:
    """Where no condition matched: the NoMatchingCondition branch (NextAction duplicates it)."""
    target = act.errors.get(cat.NO_MATCHING_CONDITION) or act.next
    if not target:
        raise Inexpressible("no branch for when nothing matches")
    return target


def unless(seconds: int | None, default: int) -> int | None:
    """A timeout as written: left out where it is the statement's default."""
    return None if seconds == default else seconds


def error_or_next(act: Action) -> str | None:
    """The error branch of a statement whose error goes on below when not written (None: it goes on)."""
    error = act.errors.get(cat.NO_MATCHING_ERROR)
    return None if error in (None, act.next) else error


def error_target(act: Action) -> str:
    target = act.errors.get(cat.NO_MATCHING_ERROR)
    if target is None:
        raise Inexpressible("no error branch")
    return target


def target(act: Action, cx: Context, kind: str, param: str) -> A.Name | A.AttrPath:
    """A named target, or the contact attribute a dynamic target is read from."""
    raw = act.params.get(param)
    if isinstance(raw, str) and raw.startswith("$."):
        if not ATTR_RE.match(raw):
            raise Inexpressible(f"{param} {raw!r} (an attribute path a statement cannot write)")
        return A.AttrPath(raw)
    return cx.ref(act, kind, param)


def spoken(act: Action, cx: Context) -> tuple[str, bool, A.Name | A.AttrPath | None]:
    """(text, ssml, audio) of a block that speaks: Text, SSML, or an audio prompt (``PromptId``: ``… play P``)."""
    if "PromptId" in act.params:
        if "Text" in act.params or "SSML" in act.params:
            raise Inexpressible("a prompt with both PromptId and Text or SSML")
        return "", False, target(act, cx, "prompt", "PromptId")
    text, ssml = prompt(act)
    return text, ssml, None


def prompt(act: Action) -> tuple[str, bool]:
    """The prompt of an action that speaks: exactly one of ``Text`` or ``SSML`` (then ``ssml`` is True)."""
    given = [p for p in ("Text", "SSML") if p in act.params]
    if len(given) != 1:
        raise Inexpressible("a prompt without exactly one of Text or SSML")
    return act.text(given[0]), given[0] == "SSML"

"""The compact-syntax value types of the model: one :class:`Compact` subclass per syntax.

``syntax`` names the parser ``ccdsl.dsl.compact.parse_<syntax>`` that :mod:`ccdsl.dsl.compact_bind`
runs over the text; its tree lands in ``ast``. Until that pass ran (or when the text did not parse)
``ast`` is None and only ``text`` is known.

Each subclass's ``tree`` property is that parser's tree, typed: what the compiler reads. A value built
in Python without the parse pass is parsed on first use; text that does not parse raises ``ValueError``
(the validate phase reports it with its position long before the compiler runs).
"""
from __future__ import annotations

import re
from typing import Any, ClassVar, TypeVar

from pydantic_core import PydanticCustomError

from .. import compact as C
from .base import Compact, kind_of

T = TypeVar("T")


def _tree(node: Compact, kind: type[T]) -> T:
    """The parsed tree of ``node`` as ``kind``; parses the text now when the parse pass did not run."""
    problems: list[str] = []
    if node.ast is None:
        from ..compact_bind import parse_node
        from ..diagnostics import Diagnostics

        diags = Diagnostics()
        parse_node(node, diags)
        problems = [d.message for d in diags]
    if not isinstance(node.ast, kind):
        raise ValueError(f"{node.syntax} text {node.text!r} is not valid" + "".join(f": {p}" for p in problems[:1]))
    return node.ast

SECRET_RE = re.compile(r"\$\{(env|ssm):[^}]+\}")


class Duration(Compact):
    """A duration: ``30s``, ``5m``, ``168h``, ``7d`` (a bare number means seconds)."""

    syntax: ClassVar[str] = "duration"
    __slots__ = ()
    shorthand_schema: ClassVar[dict | None] = {
        "anyOf": [{"type": "string", "pattern": r"^\s*[0-9]+[smhd]\s*$"}, {"type": "integer", "minimum": 0}]}

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        if isinstance(value, int) and not isinstance(value, bool):
            return {"text": f"{value}s", "origin": None}
        return super().shorthand(value)

    @property
    def seconds(self) -> int | None:
        """Length in seconds once parsed (None before, or when the text did not parse)."""
        return self.ast.seconds if isinstance(self.ast, C.Duration) else None

    @property
    def tree(self) -> C.Duration:
        return _tree(self, C.Duration)


class Rate(Compact):
    """A rate: ``2000 per 5m``."""

    syntax: ClassVar[str] = "rate"

    @property
    def tree(self) -> C.Rate:
        return _tree(self, C.Rate)


class HoursSpec(Compact):
    """Opening hours: ``24/7`` or ``Mon-Fri 08:00-20:00, Sat 09:00-17:00 @ Europe/London``."""

    syntax: ClassVar[str] = "hours"

    @property
    def tree(self) -> C.Hours:
        return _tree(self, C.Hours)


class Lifecycle(Compact):
    """Object lifecycle rules: ``glacier after 30d, expire after 2555d``."""

    syntax: ClassVar[str] = "lifecycle"

    @property
    def tree(self) -> C.Lifecycle:
        return _tree(self, C.Lifecycle)


class Utterance(Compact):
    """A sample utterance with slots: ``transfer {amount:AMAZON.Number} to {account:AccountType}``."""

    syntax: ClassVar[str] = "utterance"

    @property
    def tree(self) -> C.Utterance:
        return _tree(self, C.Utterance)


class Access(Compact):
    """A permission of a function: ``table NAME rw``, ``topic NAME publish``, ``bedrock invoke``."""

    syntax: ClassVar[str] = "access"

    @property
    def tree(self) -> C.Access:
        return _tree(self, C.Access)


class Route(Compact):
    """An HTTP API route: ``POST /login``."""

    syntax: ClassVar[str] = "route"

    @property
    def tree(self) -> C.Route:
        return _tree(self, C.Route)


class PipelineChain(Compact):
    """A data pipeline: ``contact_records -> stream ctr(shards=4) -> firehose -> lake ctr/ -> table ctr``."""

    syntax: ClassVar[str] = "pipeline"

    @property
    def tree(self) -> C.Pipeline:
        return _tree(self, C.Pipeline)


class AlarmCondition(Compact):
    """An alarm condition: ``queue(GeneralAgentQueue).contacts_in_queue > 50 for 5m``."""

    syntax: ClassVar[str] = "alarm"

    @property
    def tree(self) -> C.Alarm:
        return _tree(self, C.Alarm)


class CompositeRule(Compact):
    """A composite alarm rule: ``queue_backlog and not ok(heartbeat)``."""

    syntax: ClassVar[str] = "composite"

    @property
    def tree(self) -> C.AlarmRule:
        return _tree(self, C.AlarmRule)


class Metric(Compact):
    """A metric expression: ``queue(GeneralAgentQueue).longest_wait``."""

    syntax: ClassVar[str] = "metric"

    @property
    def tree(self) -> C.Metric:
        return _tree(self, C.Metric)


class FlowCode(Compact):
    """A contact-flow body (the ``do:`` block); see docs/flows.md."""

    syntax: ClassVar[str] = "flow"

    @property
    def tree(self) -> C.FlowBody:
        return _tree(self, C.FlowBody)


class Text(Compact):
    """A string that may hold ``${kind.name.attr}`` references and secrets (``${env:NAME}``, ``${ssm:/path}``)."""

    syntax: ClassVar[str] = "interpolations"

    @property
    def tree(self) -> C.Interpolated:
        return _tree(self, C.Interpolated)

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return {"text": str(value), "origin": None}
        return super().shorthand(value)

    @property
    def has_secret(self) -> bool:
        return bool(SECRET_RE.search(self.text))


class Secret(Text):
    """A secret: must be a reference (``${env:NAME}``, ``${env:NAME:-default}``, ``${ssm:/path}``), never a literal."""

    shorthand_schema: ClassVar[dict | None] = {"type": "string", "pattern": r"\$\{(env|ssm):[^}]+\}"}

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        if not isinstance(value, str):
            raise PydanticCustomError("E103", "expected a string, got {kind}", {"kind": kind_of(value)})
        if not SECRET_RE.search(value):
            raise PydanticCustomError(
                "E120", "a secret must not be written literally: use {how}",
                {"how": "${env:NAME} or ${ssm:/path}"})
        return super().shorthand(value)


class Prompt(Compact):
    """A bot response that may mention the intent's slots as ``{slot}``."""

    syntax: ClassVar[str] = ""

"""A read-only view of one action of a Connect flow document, and the error an action that ccdsl cannot
express raises while it is decompiled."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class Inexpressible(Exception):
    """The action (or one of its parameters or branches) has no ``do:`` statement: the flow stays a template."""


@dataclass(frozen=True)
class Action:
    ident: str
    type: str
    params: Mapping[str, Any]
    next: str | None
    errors: Mapping[str, str]
    conditions: tuple[tuple[str, tuple[Any, ...], str], ...]  # (operator, operands, target)
    meta: Mapping[str, Any]

    @classmethod
    def of(cls, raw: Mapping[str, Any], metadata: Mapping[str, Any]) -> Action:
        tr = raw.get("Transitions") or {}
        errors = {str(e.get("ErrorType")): str(e.get("NextAction")) for e in tr.get("Errors") or []}
        conditions = tuple((str(c.get("Condition", {}).get("Operator")), tuple(c.get("Condition", {}).get("Operands")
                                                                                 or ()), str(c.get("NextAction")))
                           for c in tr.get("Conditions") or [])
        meta = metadata.get(str(raw.get("Identifier")), {})
        return cls(str(raw.get("Identifier")), str(raw.get("Type")), raw.get("Parameters") or {},
                   tr.get("NextAction"), errors, conditions, meta if isinstance(meta, Mapping) else {})

    def targets(self) -> list[str]:
        out = [self.next] if self.next else []
        return out + [t for _o, _v, t in self.conditions] + list(self.errors.values())

    def only(self, *names: str) -> None:
        """Refuse parameters other than ``names``."""
        extra = sorted(set(self.params) - set(names))
        if extra:
            raise Inexpressible(f"parameter {', '.join(extra)}")

    def given(self, *names: str) -> None:
        """Require parameters the statement always writes (a flow that leaves them out does something else)."""
        missing = [n for n in names if n not in self.params]
        if missing:
            raise Inexpressible(f"no {', '.join(missing)} (the statement always sets it)")

    def errors_only(self, *types: str) -> None:
        extra = sorted(set(self.errors) - set(types))
        if extra:
            raise Inexpressible(f"error branch {', '.join(extra)}")

    def no_conditions(self) -> None:
        if self.conditions:
            raise Inexpressible("conditions")

    def error_is_next(self) -> None:
        """The statement has no error branch of its own: an error must carry on where success does."""
        target = self.errors.get("NoMatchingError")
        if target is not None and target != self.next:
            raise Inexpressible("an error branch that goes elsewhere than the next block")

    def text(self, param: str) -> str:
        value = self.params.get(param)
        if not isinstance(value, str):
            raise Inexpressible(f"parameter {param} that is not text")
        if "\r" in value:  # a text on several lines is a multi-line string; a carriage return has no statement
            raise Inexpressible(f"parameter {param} with a carriage return")
        return value

    def seconds(self, param: str) -> int | None:
        value = self.params.get(param)
        if value is None:
            return None
        try:
            number = int(str(value))
        except ValueError:
            raise Inexpressible(f"parameter {param} = {value!r} (not whole seconds)") from None
        if number <= 0:
            raise Inexpressible(f"parameter {param} = {value!r}")
        return number

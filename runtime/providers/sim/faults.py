"""Fault injection for the simulated account: ``throttle=0.2,transient=0.05,fail=ADDRESS[,fail=ADDRESS2]``.

``throttle``: probability that a call is refused with a throttling error. ``transient``: probability of a
passing failure; half of them happen *after* the work was done (a lost response), which is what makes
idempotent retries matter. ``fail``: an address whose every call fails permanently.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class FaultSpecError(ValueError):
    pass


@dataclass(slots=True)
class Faults:
    throttle: float = 0.0
    transient: float = 0.0
    fail: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, spec) -> Faults:
        if spec is None or spec == "":
            return cls()
        if isinstance(spec, Faults):
            return spec
        items: list[tuple[Any, Any]] = []
        if isinstance(spec, dict):
            for k, v in spec.items():
                items.extend((k, x) for x in (v if isinstance(v, (list, set, tuple)) else [v]))
        else:
            for part in filter(None, (p.strip() for p in str(spec).split(","))):
                key, sep, value = part.partition("=")
                if not sep:
                    raise FaultSpecError(f"fault {part!r} is not KEY=VALUE (throttle=P, transient=P, fail=ADDRESS)")
                items.append((key.strip(), value.strip()))
        faults = cls()
        for key, value in items:
            if key in ("throttle", "transient"):
                try:
                    p = float(value)
                except (TypeError, ValueError):
                    raise FaultSpecError(f"fault {key}={value!r}: not a probability") from None
                if not 0.0 <= p <= 1.0:
                    raise FaultSpecError(f"fault {key}={value}: probability must be within 0-1")
                setattr(faults, key, p)
            elif key == "fail":
                faults.fail.add(str(value))
            else:
                raise FaultSpecError(f"unknown fault {key!r} (throttle, transient, fail)")
        return faults

"""A budget for rendering one Jinja2 template: wall-clock time, output size, and the size of values
built with ``*`` and ``**`` (so ``"x" * 10**9`` cannot exhaust memory).

Jinja2's sandbox stops unsafe attribute access but not work: nested loops over ``range(100000)``
run for hours. :func:`render_bounded` renders with a trace hook that checks the deadline every few
hundred lines executed and stops the render with :class:`BudgetExceeded`; the output is collected
chunk by chunk and stopped past its cap. Limits come from :mod:`ccdsl.dsl.limits`.
"""
from __future__ import annotations

import sys
import time
from typing import Any

from .limits import TEMPLATE_OUTPUT_CHARS, TEMPLATE_SECONDS

#: largest string, list or number a template may build with ``*`` or ``**``
MAX_PRODUCT = 1_000_000


class BudgetExceeded(Exception):
    """The render used more time or produced more output than allowed (the message says which)."""


def bounded_environment(**options: Any) -> Any:
    """A sandboxed Jinja2 environment whose ``*`` and ``**`` refuse to build huge values."""
    from jinja2.sandbox import SandboxedEnvironment

    class Bounded(SandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and isinstance(left, int) and abs(left) > 1 and right > 64:
                raise BudgetExceeded(f"the template computes {left} ** {right}, a number too large")
            if operator == "*":
                for seq, count in ((left, right), (right, left)):
                    sized = isinstance(seq, (str, list, tuple)) and isinstance(count, int)
                    if sized and len(seq) * count > MAX_PRODUCT:
                        raise BudgetExceeded(f"the template builds a value of {len(seq) * count:,} items with `*` "
                                             f"(the limit is {MAX_PRODUCT:,})")
            return super().call_binop(context, operator, left, right)

    return Bounded(**options)


def render_bounded(template: Any, seconds: float = TEMPLATE_SECONDS, max_chars: int = TEMPLATE_OUTPUT_CHARS,
                   **variables: Any) -> str:
    """``template.render(**variables)`` within ``seconds`` and ``max_chars``, else :class:`BudgetExceeded`."""
    deadline = time.monotonic() + seconds
    steps = 0

    def local(frame: Any, event: str, arg: Any) -> Any:
        nonlocal steps
        steps += 1
        if steps % 256 == 0 and time.monotonic() > deadline:
            raise BudgetExceeded(f"rendering took longer than {seconds:g} s (a loop that does too much work?)")
        return local

    def trace(frame: Any, event: str, arg: Any) -> Any:
        return local

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        parts: list[str] = []
        size = 0
        for chunk in template.generate(**variables):
            size += len(chunk)
            if size > max_chars:
                raise BudgetExceeded(f"the output is longer than {max_chars:,} characters")
            parts.append(chunk)
        return "".join(parts)
    finally:
        sys.settrace(previous)

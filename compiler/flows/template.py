"""Template flows with the compiler's tokens: the helpers return ``${address.attr}`` tokens of the
address scheme (:mod:`.tokens`). Rendering, sandboxing and diagnostics: :mod:`ccdsl.dsl.flows.template`.
"""
from __future__ import annotations

from typing import Any

from ccdsl.dsl.flows import template as _template

from .tokens import DEFAULT_TOKENS


def render_flow_template(source: str, **kwargs: Any) -> dict | None:
    kwargs.setdefault("tokens", DEFAULT_TOKENS)
    return _template.render_flow_template(source, **kwargs)


def load_flow_template(path: str, **kwargs: Any) -> dict | None:
    kwargs.setdefault("tokens", DEFAULT_TOKENS)
    return _template.load_flow_template(path, **kwargs)

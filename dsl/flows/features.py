"""Statements that need an instance feature: ``contact lens`` does nothing unless the instance has Contact Lens
(the ``contact_lens`` feature, instance attribute CONTACT_LENS; set-recording-behavior.html: "Contact Lens must be
enabled for your instance"). W307 at the statement, once per flow."""
from __future__ import annotations

from typing import Any

from ..compact import flow_ast as ast
from ..diagnostics import Diagnostics

LENS_WITHOUT_FEATURE = "W307"


def check_features(site: Any, diags: Diagnostics) -> None:
    from . import flow_body

    instance = getattr(site, "instance", None)
    features = {str(f) for f in (getattr(instance, "features", None) or ())}
    if "contact_lens" in features:
        return
    for name, flow in (getattr(site, "flows", None) or {}).items():
        body = flow_body(flow)
        lens = next((s for s in ast.walk(body.statements) if isinstance(s, ast.ContactLens)), None) if body else None
        if lens is not None:
            diags.warning(LENS_WITHOUT_FEATURE, f"flow '{name}' turns on Contact Lens, but the instance does not "
                          "have Contact Lens enabled, so nothing is analysed", lens.span, length=len("contact"),
                          hint="add contact_lens to the instance's `features:`")

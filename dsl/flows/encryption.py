"""Encrypted stored input: ``store … encrypted with "KEY-ID" certificate "certs/x.pem"``.

Connect encrypts what the caller keys in with the X.509 certificate given in the Store customer input block, under
the id of an encryption key uploaded to the instance (store-customer-input.html "Encrypt entry"; encrypt-data.html:
the certificate is PEM). The certificate file lives in the site folder: outside it is E225, missing E224 (as for
every file a site names), and a file that is not a PEM certificate, or an empty key id, is E340.
"""
from __future__ import annotations

import os
from typing import Any

from ..compact import flow_ast as ast
from ..confine import why_outside
from ..diagnostics import Diagnostics

BAD_ENCRYPTION = "E340"
PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----"


def check_encryption(site: Any, bodies: dict[str, ast.FlowBody], diags: Diagnostics) -> None:
    """Each ``store … encrypted`` names a key id and a readable PEM certificate inside the site folder."""
    path = str(getattr(site, "path", "") or "")
    base = os.path.dirname(path) or "."
    on_disk = bool(path) and os.path.isfile(path)
    for name, body in bodies.items():
        for stmt in ast.walk(body.statements):
            if not isinstance(stmt, ast.StoreInput) or stmt.certificate is None:
                continue
            cert = stmt.certificate
            if not (stmt.key_id or "").strip():
                diags.error(BAD_ENCRYPTION, f"'store … encrypted' in flow '{name}' needs the id of an encryption key "
                            "of the instance", stmt.span, length=len("store"))
            reason = why_outside(base, cert.value)
            if reason is not None:
                diags.error("E225", f"certificate '{cert.value}' is not inside the site folder: {reason}", cert.span,
                            length=max(1, len(cert.value)))
                continue
            file = os.path.join(base, cert.value)
            if not on_disk:
                continue
            if not os.path.isfile(file):
                diags.error("E224", f"certificate '{cert.value}' not found", cert.span, length=max(1, len(cert.value)))
                continue
            try:
                text = open(file, encoding="utf-8").read()
            except (OSError, UnicodeDecodeError):
                text = ""
            if PEM_CERTIFICATE not in text:
                diags.error(BAD_ENCRYPTION, f"'{cert.value}' is not an X.509 certificate in PEM form", cert.span,
                            hint=f"Connect needs the certificate text, starting '{PEM_CERTIFICATE}'",
                            length=max(1, len(cert.value)))

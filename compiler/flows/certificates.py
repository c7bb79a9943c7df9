"""The X.509 certificates ``store … encrypted with "KEY" certificate "file.pem"`` names, read from the site folder.

Connect encrypts the stored keys with the certificate given in the block (store-customer-input.html "Encrypt
entry"; encrypt-data.html), so the lowering writes its text into ``InputEncryption.Key``. A file that is missing,
outside the site folder or not a certificate is reported by the flow checks (E224, E225, E340) and left out here.
"""
from __future__ import annotations

from ccdsl.dsl.compact import flow_ast as ast
from ccdsl.dsl.confine import confined, why_outside


def certificate_files(body: ast.FlowBody) -> list[str]:
    """The certificate files a body's ``store … encrypted`` statements name, in order, once each."""
    files = [s.certificate.value for s in ast.walk(body.statements)
             if isinstance(s, ast.StoreInput) and s.certificate is not None]
    return list(dict.fromkeys(files))


def read_certificates(body: ast.FlowBody, base_dir: str) -> dict[str, str]:
    """File (as written) -> its text, for the certificates that can be read."""
    out: dict[str, str] = {}
    for relative in certificate_files(body):
        if why_outside(base_dir, relative) is not None:
            continue
        try:
            out[relative] = confined(base_dir, relative).read_text("utf-8").strip()
        except (OSError, UnicodeDecodeError):
            continue
    return out

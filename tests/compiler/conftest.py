"""Helpers for compiler tests: compile a small site written inline, and acme-bank compiled once per session."""
import textwrap
from pathlib import Path

import pytest

from ccdsl.compiler.pipeline import compile_site

ACME_BANK = Path(__file__).resolve().parents[2] / "examples" / "acme-bank" / "site.ccd"

HEADER = """\
ccdsl: 1
site: t
region: eu-west-2
instance: {alias: t-site}
"""


@pytest.fixture
def compile_text(tmp_path):
    """Write ``HEADER + body`` as site.ccd (creating function folders it names) and compile it."""

    def run(body: str, header: str = HEADER):
        text = header + textwrap.dedent(body)
        path = tmp_path / "site.ccd"
        path.write_text(text)
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("source:") or "{source:" in line:
                folder = line.split("source:")[1].split(",")[0].split("}")[0].strip()
                (tmp_path / folder).mkdir(parents=True, exist_ok=True)
                (tmp_path / folder / "handler.py").write_text("def handler(event, context):\n    return {}\n")
        return compile_site(path)

    return run


@pytest.fixture(scope="session")
def acme_bank():
    """acme-bank compiled once for every test that only reads it (tests must not change it)."""
    cs, diags = compile_site(ACME_BANK)
    assert cs is not None, [f"{d.span}: {d.code} {d.message}" for d in diags]
    return cs

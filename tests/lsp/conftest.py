"""Fixtures of the language-server tests: one ``ccdsl lsp`` process per test module."""
from __future__ import annotations

import pytest

pytest.importorskip("pygls")

from lsp_session import ACME, Session


@pytest.fixture(scope="module")
def session():
    s = Session()
    yield s
    s.close()


@pytest.fixture(scope="module")
def acme(session):
    """acme-bank opened in the session: (uri, lines)."""
    return session.open(ACME), ACME.read_text(encoding="utf-8").split("\n")


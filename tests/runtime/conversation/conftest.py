"""Helpers for the conversation tests: the small test site and running suites."""
from __future__ import annotations

from pathlib import Path

import pytest

SITES = Path(__file__).parent / "sites"


@pytest.fixture(scope="session")
def bank_site():
    from ccdsl.runtime.conversation.site import load_site

    site, diags = load_site(SITES / "bank" / "site.ccd")
    assert site is not None, [str(d) for d in diags]
    return site

"""Fixtures: a deterministic scripted run of a 60-resource graph with one failure."""
from __future__ import annotations

import pytest

from ccdsl.tui import synthetic
from tui_helpers import FAIL


@pytest.fixture
def plan():
    return synthetic.generate(60, seed=3)


@pytest.fixture
def events(plan):
    return synthetic.script(plan, seed=3, fail=FAIL)

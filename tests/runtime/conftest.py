import dataclasses
import sys
import types
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

INSTANT = float("inf")


@pytest.fixture
def state_path(tmp_path):
    return str(tmp_path / ".ccdsl" / "state.db")


@pytest.fixture
def run(state_path):
    """apply_site on a compiled site with an instant clock; collects events."""
    from ccdsl.runtime.session import apply_site

    def _run(site, **kw):
        events = []
        kw.setdefault("time_scale", INSTANT)
        kw.setdefault("seed", 7)
        result = apply_site(site, state_path=kw.pop("state_path", state_path), sinks=[events.append], **kw)
        fields = {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}
        return types.SimpleNamespace(**fields, events=events)

    return _run


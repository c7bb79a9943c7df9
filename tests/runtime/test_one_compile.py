"""apply compiles the site once: the plan it shows is the plan of the site that runs."""
from __future__ import annotations

import shutil
from pathlib import Path

from ccdsl.compiler import pipeline
from ccdsl.runtime.session import RunOptions, apply_site, plan_site

ROOT = Path(__file__).resolve().parents[2]


def _counting(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = pipeline.compile_site

    def counted(path, *args, **kwargs):
        calls.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(pipeline, "compile_site", counted)
    return calls


def test_plan_then_apply_compiles_once(tmp_path, monkeypatch):
    site = tmp_path / "site.ccd"
    shutil.copy(ROOT / "examples" / "minimal" / "site.ccd", site)
    calls = _counting(monkeypatch)
    options = RunOptions(state_path=str(tmp_path / "state.db"), time_scale=float("inf"), seed=1)
    shown = plan_site(str(site), options).plan
    result = apply_site(str(site), options)
    assert result.ok and len(calls) == 1
    assert [c.address for c in result.plan.steps] == [c.address for c in shown.steps]
    # the shown compile is taken once: a later run compiles again
    assert apply_site(str(site), options).ok and len(calls) == 2


def test_an_edited_file_is_compiled_again(tmp_path, monkeypatch):
    site = tmp_path / "site.ccd"
    shutil.copy(ROOT / "examples" / "minimal" / "site.ccd", site)
    calls = _counting(monkeypatch)
    options = RunOptions(state_path=str(tmp_path / "state.db"), time_scale=float("inf"), seed=1)
    plan_site(str(site), options)
    site.write_text(site.read_text() + "\n# edited\n")
    assert apply_site(str(site), options).ok and len(calls) == 2

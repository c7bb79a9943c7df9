"""apply compiles the site once: the CLI and the dashboard compile while planning and hand the compiled site
and the plan shown to the run, so the plan shown is the plan of the site that runs. Nothing is cached
behind their back: a path given to a run is compiled afresh."""
from __future__ import annotations

import shutil
from pathlib import Path

from ccdsl.__main__ import main
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


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site.ccd"
    shutil.copy(ROOT / "examples" / "minimal" / "site.ccd", site)
    return site


def test_the_planned_site_runs_without_compiling_again(tmp_path, monkeypatch):
    site = _site(tmp_path)
    calls = _counting(monkeypatch)
    options = RunOptions(state_path=str(tmp_path / "state.db"), time_scale=float("inf"), seed=1)
    planned = plan_site(str(site), options)
    result = apply_site(planned.site, options, plan=planned.plan)
    assert result.ok and len(calls) == 1
    assert [c.address for c in result.plan.steps] == [c.address for c in planned.plan.steps]


def test_cli_apply_compiles_once(tmp_path, monkeypatch):
    site = _site(tmp_path)
    calls = _counting(monkeypatch)
    assert main(["apply", str(site), "--yes", "--plain", "--time-scale", "inf",
                 "--state", str(tmp_path / "state.db")]) == 0
    assert len(calls) == 1


def test_a_path_is_compiled_afresh(tmp_path, monkeypatch):
    """An edit between plan and a run given the path is seen: there is no cache keyed by the file."""
    site = _site(tmp_path)
    calls = _counting(monkeypatch)
    options = RunOptions(state_path=str(tmp_path / "state.db"), time_scale=float("inf"), seed=1)
    plan_site(str(site), options)
    site.write_text(site.read_text() + "\n# edited\n")
    assert apply_site(str(site), options).ok and len(calls) == 2

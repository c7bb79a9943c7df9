"""Saved plans: ``plan --out FILE`` then ``apply FILE`` runs exactly that plan; a stale plan is refused; ``apply
SITE`` compiles the site once and runs the plan it showed."""
import json
import shutil
from pathlib import Path

import pytest

from ccdsl.__main__ import main
from ccdsl.runtime.saved_plan import SAVED_PLAN_KIND, read

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "minimal"


@pytest.fixture
def site(tmp_path):
    dest = tmp_path / "site"
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns(".ccdsl", "build"))
    return dest / "site.ccd"


def test_apply_runs_the_saved_plan_then_refuses_it_as_stale(site, tmp_path, capsys):
    out = tmp_path / "plan.json"
    assert main(["plan", str(site), "--out", str(out)]) == 0
    assert f"ccdsl apply {out}" in capsys.readouterr().out
    saved = read(out)
    assert json.loads(out.read_text())["kind"] == SAVED_PLAN_KIND
    assert saved.changes and all(action == "create" for _, action in saved.changes)
    assert main(["apply", str(out), "--time-scale", "inf", "--plain"]) == 0
    done = capsys.readouterr().out
    assert done.rstrip().splitlines()[-1].startswith(f"Apply complete: {len(saved.changes)} created in ")
    assert main(["apply", str(out), "--time-scale", "inf", "--plain"]) == 1
    err = capsys.readouterr().err
    assert "the saved plan is stale, nothing was applied: state changed since the plan was made" in err


def test_a_site_edited_after_the_plan_is_refused(site, tmp_path, capsys):
    out = tmp_path / "plan.json"
    assert main(["plan", str(site), "--out", str(out)]) == 0
    site.write_text(site.read_text() + "\n# a comment is not a change\n")
    assert main(["apply", str(out), "--time-scale", "inf", "--plain"]) == 0
    capsys.readouterr()
    assert main(["plan", str(site), "--out", str(out)]) == 0
    text = site.read_text()
    site.write_text(text.replace("Mon-Fri 09:00-17:00", "Mon-Fri 08:00-18:00", 1))
    assert text != site.read_text()
    assert main(["apply", str(out), "--time-scale", "inf", "--plain"]) == 1
    assert "site.ccd changed since the plan was made" in capsys.readouterr().err


def test_destroy_refuses_a_saved_plan(site, tmp_path, capsys):
    out = tmp_path / "plan.json"
    assert main(["plan", str(site), "--out", str(out)]) == 0
    assert main(["destroy", str(out), "--yes"]) == 2
    assert "is a saved plan" in capsys.readouterr().err


def test_a_saved_destroy_plan_destroys(site, tmp_path, capsys):
    assert main(["apply", str(site), "--yes", "--time-scale", "inf", "--plain"]) == 0
    out = tmp_path / "destroy.json"
    assert main(["plan", str(site), "--destroy", "--out", str(out)]) == 0
    assert read(out).destroy
    assert main(["apply", str(out), "--time-scale", "inf", "--plain"]) == 0
    assert "Destroy complete:" in capsys.readouterr().out


def test_apply_site_compiles_once(site, monkeypatch, capsys):
    import ccdsl.compiler.pipeline as pipeline

    calls = []
    real = pipeline.compile_site

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "compile_site", counting)
    assert main(["apply", str(site), "--yes", "--time-scale", "inf", "--plain"]) == 0
    assert len(calls) == 1

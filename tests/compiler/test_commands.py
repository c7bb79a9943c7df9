"""``ccdsl compile`` and ``ccdsl graph`` end to end (in process)."""
import json
from pathlib import Path

from ccdsl.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
ACME = str(ROOT / "examples" / "acme-bank" / "site.ccd")


def test_compile_writes_the_build_folder(tmp_path, capsys):
    out = tmp_path / "build"
    assert main(["compile", ACME, "-o", str(out)]) == 0
    data = json.loads((out / "graph.json").read_text())
    assert data["site"] == "acme-bank"
    assert set(data["critical_path"]) >= {"addresses", "length_s"}
    assert all({"address", "type", "phase", "depends_on", "estimate_s"} <= set(r) for r in data["resources"])
    assert (out / "plan.md").read_text().startswith("# Plan: acme-bank")
    assert (out / "flows" / "bedrock_primary.json").exists()
    assert (out / "bots" / "gateway" / "en_US.json").exists()
    assert (out / "policies" / "function_banking.json").exists()
    assert "critical path" in capsys.readouterr().out


def test_compile_errors_are_rendered_like_validate_and_exit_1(tmp_path, capsys):
    site = tmp_path / "site.ccd"
    site.write_text("ccdsl: 1\nsite: t\nregion: eu-west-2\ninstance: {alias: t-site}\n"
                    "hours: {always: 24/7}\nqueues:\n  Q: {hours: nope}\n")
    assert main(["compile", str(site), "-o", str(tmp_path / "b")]) == 1
    err = capsys.readouterr().err
    assert f"{site}:7:" in err and "error[E2" in err and "^" in err
    assert not (tmp_path / "b").exists()


def test_missing_file_is_a_usage_error(capsys):
    assert main(["compile", "/no/such/site.ccd"]) == 2
    assert main(["graph", "/no/such/site.ccd"]) == 2


def test_graph_formats_mark_the_critical_path(tmp_path, capsys):
    for fmt in ("dot", "mermaid", "json"):
        target = tmp_path / f"g.{fmt}"
        assert main(["graph", ACME, "--format", fmt, "-o", str(target)]) == 0
        text = target.read_text()
        if fmt == "dot":
            assert text.startswith('digraph "acme-bank"') and "color=red" in text
        elif fmt == "mermaid":
            assert text.startswith("flowchart LR") and "classDef critical" in text and "==>" in text
        else:
            assert json.loads(text)["critical_path"]["addresses"]


def test_build_is_identical_whatever_the_hash_seed(tmp_path):
    import os
    import subprocess
    import sys

    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "ccdsl", "compile", ACME, "-o", str(tmp_path / seed)],
                       check=True, env=env, capture_output=True)
    files = sorted(p.relative_to(tmp_path / "1") for p in (tmp_path / "1").rglob("*") if p.is_file())
    assert len(files) > 20
    for f in files:
        assert (tmp_path / "1" / f).read_bytes() == (tmp_path / "2" / f).read_bytes(), f

"""``ccdsl compile`` and ``ccdsl plan`` end the process with a quick exit (``ccdsl.__main__.end_process``): what
they write and print must be whole — the same build files, byte for byte, and the same output as when the
command returns normally in-process (``main(argv)``), and a saved plan (``--out``) complete."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ACME = str(ROOT / "examples" / "acme-bank" / "site.ccd")


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_compile_writes_the_same_build_and_output_through_a_quick_exit(tmp_path, capsys):
    from ccdsl.__main__ import main

    assert main(["compile", ACME, "-o", str(tmp_path / "returned")]) == 0
    returned = capsys.readouterr().out
    out = subprocess.run([sys.executable, "-m", "ccdsl", "compile", ACME, "-o", str(tmp_path / "exited")],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0
    assert out.stdout.replace(str(tmp_path / "exited"), "OUT") == returned.replace(str(tmp_path / "returned"), "OUT")
    built = _tree(tmp_path / "exited")
    assert "graph.json" in built and "plan.md" in built and len(built) > 3
    assert built == _tree(tmp_path / "returned")


def test_plan_saves_a_whole_plan_through_a_quick_exit(tmp_path):
    saved = tmp_path / "plan.json"
    out = subprocess.run([sys.executable, "-m", "ccdsl", "plan", ACME, "--state", str(tmp_path / "state.db"),
                          "--out", str(saved), "--detailed-exitcode"], capture_output=True, text=True, check=False)
    assert out.returncode == 2, out.stderr  # changes: everything is to be created
    assert "Saved the plan to" in out.stdout and out.stdout.rstrip().endswith(str(saved))
    from ccdsl.runtime.saved_plan import read
    from ccdsl.runtime.session import plan_site

    expected = plan_site(ACME, provider="sim", state_path=str(tmp_path / "other.db")).plan
    loaded = read(saved)
    assert loaded.site_digest == expected.site_digest
    assert loaded.changes == tuple((a, c.action) for a, c in expected.changes.items())

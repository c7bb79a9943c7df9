"""A re-apply with nothing changed reports "no changes" without compiling; any change of what the compile reads
(the site file, a function's source, a prompt, a flow template, a file added to a code folder), of state or
of ccdsl makes the next apply compile and see the change."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from ccdsl.__main__ import main
from ccdsl.compiler import pipeline
from ccdsl.runtime import readset
from ccdsl.runtime.noop import KEY
from ccdsl.runtime.session import RunOptions, unchanged_since_last_apply

ROOT = Path(__file__).resolve().parents[2]
HOP = """{
  "Version": "2019-10-30",
  "StartAction": "go",
  "Actions": [
    {"Identifier": "go", "Type": "TransferToFlow", "Parameters": {"ContactFlowId": "{{ flow(vars.target) }}"},
     "Transitions": {"NextAction": "bye", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
    {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
  ]
}
"""


@pytest.fixture
def compiles(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = pipeline.compile_site

    def counted(path, *args, **kwargs):
        calls.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(pipeline, "compile_site", counted)
    return calls


def _acme(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "examples" / "acme-bank", tmp_path / "acme", ignore=shutil.ignore_patterns(".ccdsl"))
    return tmp_path / "acme" / "site.ccd"


def _apply(site: Path, capsys) -> str:
    capsys.readouterr()
    assert main(["apply", str(site), "--yes", "--plain", "--time-scale", "inf", "--latency", "zero"]) == 0
    return capsys.readouterr().out


def _applied_then_unchanged(site: Path, compiles: list[str], capsys) -> None:
    _apply(site, capsys)
    before = len(compiles)
    out = _apply(site, capsys)
    assert len(compiles) == before, "nothing changed: the re-apply must not compile"
    assert "No changes. The site matches the recorded state." in out


def test_unchanged_reapply_does_not_compile_and_prints_the_plan_header(tmp_path, compiles, capsys):
    site = _acme(tmp_path)
    _apply(site, capsys)
    compiled = _apply(site, capsys)  # the first re-apply after the apply that made everything
    assert len(compiles) == 1 and compiled.startswith("acme-bank (sim, eu-west-2) plan\nNo changes.")
    state = site.parent / ".ccdsl" / "state.db"
    with sqlite3.connect(state) as db:
        summary = json.loads(db.execute("SELECT summary FROM runs ORDER BY id DESC LIMIT 1").fetchone()[0])
    files = summary[KEY]["inputs"]["files"]
    names = {Path(p).relative_to(site.parent.resolve()).as_posix() for p in files if p.startswith(str(tmp_path))}
    assert {"site.ccd", "functions/banking/handler.py", "prompts/brand_chime.wav", "site/index.html"} <= names


@pytest.mark.parametrize("edit", ["site file", "function source", "prompt", "new file in a code folder",
                                  "agent site file"])
def test_a_changed_input_makes_the_next_apply_compile_and_see_it(tmp_path, compiles, capsys, edit):
    site = _acme(tmp_path)
    _applied_then_unchanged(site, compiles, capsys)
    folder = site.parent
    if edit == "site file":
        site.write_text(site.read_text().replace("max_contacts: 50", "max_contacts: 51", 1))
        expected = "queue.GeneralAgentQueue"
    elif edit == "function source":
        handler = folder / "functions" / "banking" / "handler.py"
        handler.write_text(handler.read_text() + "\n# changed\n")
        expected = "function.banking"
    elif edit == "prompt":
        wav = folder / "prompts" / "brand_chime.wav"
        wav.write_bytes(wav.read_bytes() + b"\0\0")
        expected = "prompt.brand_chime"
    elif edit == "new file in a code folder":
        (folder / "functions" / "banking" / "util.py").write_text("X = 1\n")
        expected = "function.banking"
    else:
        page = folder / "site" / "index.html"
        page.write_text(page.read_text() + "<!-- changed -->\n")
        expected = "index.html"
    before = len(compiles)
    out = _apply(site, capsys)
    assert len(compiles) == before + 1
    assert "No changes" not in out and expected in out
    _applied_then_unchanged(site, compiles, capsys)  # and once applied, unchanged again


def test_a_changed_flow_template_is_seen(tmp_path, compiles, capsys):
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "hop.json.j2").write_text(HOP, encoding="utf-8")
    site = tmp_path / "site.ccd"
    site.write_text((ROOT / "examples" / "minimal" / "site.ccd").read_text()
                    + "  hop:\n    template: flows/hop.json.j2\n    vars: {target: main}\n")
    _applied_then_unchanged(site, compiles, capsys)
    template = tmp_path / "flows" / "hop.json.j2"
    template.write_text(HOP.replace('"bye", "Errors"', '"bye",  "Errors"'))  # the same flow, spaced out
    assert "No changes" in _apply(site, capsys) and len(compiles) == 2  # compiled to know
    assert "No changes" in _apply(site, capsys) and len(compiles) == 2  # and recorded it: known without compiling
    template.write_text(HOP.replace('"bye"', '"end"'))
    out = _apply(site, capsys)
    assert len(compiles) == 3 and "flow.hop" in out and "No changes" not in out
    _applied_then_unchanged(site, compiles, capsys)


def test_a_compile_that_finds_nothing_is_not_recorded_when_state_moved(tmp_path, compiles, capsys, monkeypatch):
    from ccdsl.runtime import noop
    from ccdsl.runtime.session import plan_site

    site = _acme(tmp_path)
    _applied_then_unchanged(site, compiles, capsys)
    monkeypatch.setattr(readset, "code_digest", lambda: "another ccdsl")
    options = RunOptions()
    planned = plan_site(str(site), options)
    assert not planned.has_changes
    with sqlite3.connect(site.parent / ".ccdsl" / "state.db") as db:  # someone else's run, after that plan
        db.execute("UPDATE resources SET status = 'tainted' WHERE address = 'queue.GeneralAgentQueue'")
    assert not noop.record_unchanged(planned.site, planned.plan, options)
    assert unchanged_since_last_apply(str(site), options) is None


def test_state_changed_since_the_apply_makes_it_compile(tmp_path, compiles, capsys):
    site = _acme(tmp_path)
    _applied_then_unchanged(site, compiles, capsys)
    with sqlite3.connect(site.parent / ".ccdsl" / "state.db") as db:
        db.execute("DELETE FROM resources WHERE address = 'queue.GeneralAgentQueue'")
    out = _apply(site, capsys)
    assert len(compiles) == 2 and "queue.GeneralAgentQueue" in out


def test_other_ccdsl_code_or_settings_make_it_compile(tmp_path, compiles, capsys, monkeypatch):
    site = _acme(tmp_path)
    _applied_then_unchanged(site, compiles, capsys)
    options = RunOptions()
    assert unchanged_since_last_apply(str(site), options) is not None
    assert unchanged_since_last_apply(str(site), options.with_(refresh=True)) is None
    assert unchanged_since_last_apply(str(site), options.with_(destroy=True)) is None
    assert unchanged_since_last_apply(str(site), options.with_(provider="aws")) is None
    assert unchanged_since_last_apply(str(site), options.with_(state_path=str(tmp_path / "other.db"))) is None
    monkeypatch.setattr(readset, "code_digest", lambda: "another ccdsl")
    assert unchanged_since_last_apply(str(site), options) is None


def test_a_failed_apply_records_nothing(tmp_path, compiles, capsys):
    site = _acme(tmp_path)
    capsys.readouterr()
    flags = ["--yes", "--plain", "--time-scale", "inf", "--latency", "zero"]
    assert main(["apply", str(site), *flags, "--faults", "fail=queue.GeneralAgentQueue"]) == 1
    assert unchanged_since_last_apply(str(site), RunOptions()) is None


def test_reads_are_recorded_on_the_recording_thread_only(tmp_path):
    import threading

    inside, outside = tmp_path / "a.txt", tmp_path / "b.txt"
    inside.write_text("a")
    outside.write_text("b")
    with readset.recording() as reads:
        inside.read_text()
        thread = threading.Thread(target=outside.read_text)
        thread.start()
        thread.join()
        (tmp_path / "c.txt").write_text("written, not read")
        list(tmp_path.iterdir())
    assert list(reads.files) == [str(inside)] and list(reads.folders) == [str(tmp_path)]
    record = readset.fingerprint(reads, inside)
    assert readset.unchanged(record)
    inside.write_text("A")
    assert not readset.unchanged(record)

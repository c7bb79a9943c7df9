"""`ccdsl apply --tui` hands the dashboard the confirmation choice and the --events journal."""
import json
from pathlib import Path

import ccdsl.tui.app as tui_app
from ccdsl.__main__ import main

MINIMAL = str(Path(__file__).resolve().parents[2] / "examples" / "minimal" / "site.ccd")


def _capture(monkeypatch):
    seen = {}

    def fake_run_tui(site_path, options, *, yes=True, sinks=(), saved=None):
        seen.update(site=site_path, yes=yes, options=options, sinks=sinks)
        for sink in sinks:
            from ccdsl.runtime.events import RunPaused

            sink(RunPaused(t=0.0))
        return 0

    monkeypatch.setattr(tui_app, "run_tui", fake_run_tui)
    return seen


def test_tui_without_yes_asks_in_the_dashboard(monkeypatch, tmp_path):
    seen = _capture(monkeypatch)
    assert main(["apply", MINIMAL, "--tui", "--state", str(tmp_path / "s.db")]) == 0
    assert seen["yes"] is False
    assert seen["options"].state_path == str(tmp_path / "s.db") and not seen["options"].destroy


def test_tui_with_yes_and_events_journal(monkeypatch, tmp_path):
    seen = _capture(monkeypatch)
    journal = tmp_path / "events.jsonl"
    code = main(["apply", MINIMAL, "--tui", "--yes", "--events", str(journal),
                 "--state", str(tmp_path / "s.db")])
    assert code == 0 and seen["yes"] is True
    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    assert [line["kind"] for line in lines] == ["ccdsl_events", "run_paused"]

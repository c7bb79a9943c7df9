"""An apply-time failure names the .ccd line of the resource that failed: in the event, the plain
lines, the summary, ``graph.json``, a recorded run read back, and the TUI's failure table."""
import json
import shutil
from pathlib import Path

from ccdsl.__main__ import main
from ccdsl.compiler.output import graph_data
from ccdsl.compiler.pipeline import compile_site
from ccdsl.dsl.validate import validate_file
from ccdsl.runtime import events as ev

RECORDED = shutil.ignore_patterns(".ccdsl", "build")  # an example applied in place (quick start) keeps its state there

ROOT = Path(__file__).resolve().parents[2]


def _queue_position(site: Path) -> str:
    model, _ = validate_file(str(site))
    span = model.queues["Support"].span
    return f"site.ccd:{span.line}:{span.col}"


def test_a_failed_queue_names_its_line(tmp_path, capsys, monkeypatch):
    shutil.copytree(ROOT / "examples" / "minimal", tmp_path / "minimal", ignore=RECORDED)
    monkeypatch.chdir(tmp_path / "minimal")
    where = _queue_position(Path("site.ccd"))
    events = tmp_path / "events.jsonl"
    code = main(["apply", "site.ccd", "--yes", "--plain", "--time-scale", "inf", "--seed", "1",
                 "--faults", "fail=queue.Support", "--state", str(tmp_path / "state.db"), "--events", str(events)])
    assert code == 1
    out = capsys.readouterr().out
    assert f"FAILED  create  queue.Support ({where}): InternalFailure" in out
    assert f"  FAILED queue.Support ({where}): InternalFailure: injected failure of queue.Support" in out
    failed = [json.loads(line) for line in events.read_text().splitlines() if '"resource_failed"' in line]
    line, col = (int(n) for n in where.split(":")[1:])
    assert [f["source"] for f in failed] == [{"file": "site.ccd", "line": line, "col": col}]

    from ccdsl.runtime.records import read_jsonl
    replayed = [e for e in read_jsonl(events) if isinstance(e, ev.ResourceFailed)]
    assert str(replayed[0].source) == where
    plan = next(e for e in read_jsonl(events) if isinstance(e, ev.PlanReady))
    assert str(next(p for p in plan.resources if p.address == "queue.Support").source) == where

    assert main(["report", "site.ccd", "--events", str(events), "--width", "120", "--only", "failures"]) == 0
    assert f"{where}: InternalFailure" in capsys.readouterr().out


def test_graph_json_names_file_line_and_column(tmp_path):
    site = ROOT / "examples" / "minimal" / "site.ccd"
    cs, _ = compile_site(site)
    entry = next(r for r in graph_data(cs)["resources"] if r["address"] == "queue.Support")
    assert f"{entry['source']['file']}:{entry['source']['line']}:{entry['source']['col']}" == _queue_position(site)


def test_a_resource_without_a_declaration_has_no_source():
    assert ev.SourceSpan.of(None) is None and ev.SourceSpan.from_dict(None) is None
    failed = ev.ResourceFailed(t=1.0, address="queue.Old", action="delete", error="boom", attempts=1)
    assert failed.to_dict()["source"] is None


def test_the_tui_details_and_log_show_where_a_failed_resource_is_declared(tmp_path, capsys, monkeypatch):
    from rich.console import Console

    from ccdsl.runtime.progress import RunModel
    from ccdsl.runtime.records import read_jsonl
    from ccdsl.tui.render import log_text
    from ccdsl.tui.screens.details import describe

    shutil.copytree(ROOT / "examples" / "minimal", tmp_path / "minimal", ignore=RECORDED)
    monkeypatch.chdir(tmp_path / "minimal")
    where = _queue_position(Path("site.ccd"))
    events = tmp_path / "events.jsonl"
    main(["apply", "site.ccd", "--yes", "--plain", "--time-scale", "inf", "--faults", "fail=queue.Support",
          "--state", str(tmp_path / "state.db"), "--events", str(events)])
    capsys.readouterr()
    model = RunModel()
    model.apply_all(read_jsonl(events))
    failed = model.resources["queue.Support"]
    assert str(failed.source) == where
    assert any(where in log_text(entry, model) for entry in model.log)
    console = Console(file=None, width=120, record=True)
    console.print(describe(failed, model, model.t, None))
    assert f"declared  {where}" in console.export_text()

"""``--tui`` without a terminal, and ``ccdsl report`` without a recorded run."""
from pathlib import Path

from ccdsl.__main__ import main
from ccdsl.runtime.options import RunOptions
from ccdsl.tui.app import run_tui

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "minimal" / "site.ccd"


def test_tui_needs_a_terminal(capsys, tmp_path):
    assert run_tui(EXAMPLE, RunOptions(state_path=str(tmp_path / "state.db"))) == 2
    assert "--tui needs a terminal" in capsys.readouterr().err
    assert main(["apply", str(EXAMPLE), "--tui", "--yes", "--state", str(tmp_path / "state.db")]) == 2
    assert not (tmp_path / "state.db").exists()  # nothing was applied


def test_report_without_a_run_says_so(capsys, tmp_path):
    assert main(["report", str(EXAMPLE), "--state", str(tmp_path / "none.db")]) == 1
    assert "nothing has been applied yet" in capsys.readouterr().err


def test_report_from_a_json_lines_file(capsys, tmp_path):
    import json

    import synthetic

    events = synthetic.script(synthetic.generate(30, seed=5), seed=5, fail="lambda_function.p3_0")
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(e.to_dict()) + "\n" for e in events))
    assert main(["report", "x.ccd", "--events", str(path), "--width", "100", "--only", "failures"]) == 0
    out = capsys.readouterr().out
    assert "Finished with failures" in out and "lambda_function.p3_0" in out and "injected failure" in out


def test_report_svg_is_one_screen_unless_full(capsys, tmp_path):
    import json
    import re

    import synthetic

    events = synthetic.script(synthetic.generate(200, seed=5), seed=5, fail="lambda_function.p3_0")
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(e.to_dict()) + "\n" for e in events))

    def height(svg: Path) -> float:
        return float(re.search(r'viewBox="0 0 [\d.]+ ([\d.]+)"', svg.read_text())[1])

    assert main(["report", "x.ccd", "--events", str(path), "--svg", str(tmp_path / "short.svg")]) == 0
    assert main(["report", "x.ccd", "--events", str(path), "--svg", str(tmp_path / "full.svg"), "--full"]) == 0
    short, full = ((tmp_path / name).read_text().replace("&#160;", " ") for name in ("short.svg", "full.svg"))
    assert "--full for all" in short and "every resource" in full
    assert height(tmp_path / "short.svg") < 1600 < height(tmp_path / "full.svg")

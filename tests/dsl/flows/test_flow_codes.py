"""Every code the flow checks and the flow compiler can report is in the code registry."""
import re
from pathlib import Path

from ccdsl.dsl.codes import all_codes

ROOT = Path(__file__).resolve().parents[3]


def test_flow_codes_are_registered():
    sources = list((ROOT / "dsl" / "flows").glob("*.py")) + list((ROOT / "compiler" / "flows").glob("*.py"))
    emitted = {code for path in sources for code in re.findall(r'"([EW]\d{3})"', path.read_text(encoding="utf-8"))}
    assert {"E201", "E301", "E320", "W301"} <= emitted
    assert sorted(emitted - set(all_codes())) == []

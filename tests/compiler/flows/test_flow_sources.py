"""The compiler says where each action of a lowered flow came from: per flow, action Identifier -> the span
of its statement, beside the Connect JSON (never in it)."""
from __future__ import annotations

import json
from pathlib import Path

from ccdsl.compiler.pipeline import compile_site

ROOT = Path(__file__).resolve().parents[3]
SITE = """\
ccdsl: 1
site: sources
region: eu-west-2
instance: {alias: sources-site}
hours:
  office: Mon-Fri 09:00-17:00 @ Europe/London
queues:
  Support: {hours: office}
flows:
  main:
    do: |
      say "Hello"
      queue Support
      transfer
"""


def test_every_statement_action_maps_to_its_line(tmp_path: Path) -> None:
    site = tmp_path / "site.ccd"
    site.write_text(SITE)
    compiled, diags = compile_site(site)
    assert compiled is not None, [str(d) for d in diags]
    sources = compiled.flow_sources["main"]
    actions = {a["Identifier"] for a in json.loads(compiled.artefacts["flows/main.json"])["Actions"]}
    assert set(sources) <= actions
    by_line = {span.line: ident for ident, span in sources.items()}
    assert [by_line[n] for n in (12, 13, 14)] == ["start-1 say", "start-2 queue", "start-3 transfer"]
    assert all(span.col == 7 and span.file.endswith("site.ccd") for span in sources.values())
    assert "site.ccd" not in compiled.artefacts["flows/main.json"]


def test_acme_bank_maps_every_flow_with_a_body() -> None:
    compiled, diags = compile_site(ROOT / "examples" / "acme-bank" / "site.ccd")
    assert compiled is not None, [str(d) for d in diags]
    flows = {rel[len("flows/"):-len(".json")] for rel in compiled.artefacts if rel.startswith("flows/")}
    assert flows and set(compiled.flow_sources) == flows
    assert all(compiled.flow_sources[name] for name in flows)

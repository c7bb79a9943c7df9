"""Import → compile over every flow of the corpus of real exports, and over every flow the examples compile to.

A flow imported as a ``do:`` body must compile back to a flow equivalent to the original (checked here
again, independently of the importer's own check); every other flow must say why it stays a template. The
number of corpus flows that round-trip as bodies is kept in ``roundtrip_floor.json`` and may not go down.
"""
import json
from pathlib import Path

import pytest

from ccdsl.compiler.flows.lower import lower_flow
from ccdsl.compiler.importer import NameBook, decompile, infer_flow_type
from ccdsl.compiler.importer.equivalence import difference
from ccdsl.compiler.pipeline import compile_site
from ccdsl.dsl.compact.flow_parser import parse_flow
from ccdsl.dsl.compact.flow_printer import flow_to_text
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.source import TextOrigin

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "compiler" / "flows" / "corpus"  # the exported flows of ../shared/corpus, vendored
FLOOR = json.loads((Path(__file__).with_name("roundtrip_floor.json")).read_text())
CORPUS_FILES = sorted(CORPUS.glob("*.json"))


def _compiles_back(doc: dict, body_text: str, name: str, flow_type: str, substituted=frozenset()) -> str | None:
    diags = Diagnostics()
    body = parse_flow(body_text, TextOrigin(name, 1, 1, 0), diags)
    assert body is not None, [d.message for d in diags]
    assert flow_to_text(body) == body_text, "the body is not in canonical form"
    return difference(doc, lower_flow(name, body, flow_type), substituted)


def test_corpus_round_trip_count_does_not_go_down():
    book, bodies = NameBook(), 0
    for path in CORPUS_FILES:
        doc = json.loads(path.read_text())
        flow = decompile(doc, path.stem, infer_flow_type(doc, path.stem), book, str(path))
        if flow.body is None:
            assert flow.reasons, f"{path.name}: a template without a reason"
            continue
        assert _compiles_back(doc, flow.body, path.stem, flow.flow_type, flow.substituted) is None, path.name
        bodies += 1
    print(f"\ncorpus round trip: {bodies} of {len(CORPUS_FILES)} flows as do: bodies")
    assert len(CORPUS_FILES) == FLOOR["corpus_flows"]
    assert bodies >= FLOOR["do_bodies"]


@pytest.mark.parametrize("site", sorted((ROOT / "examples").glob("*/site.ccd")), ids=lambda p: p.parent.name)
def test_every_example_flow_round_trips(site):
    compiled, diags = compile_site(site)
    assert compiled is not None, [d.message for d in diags]
    flows = {p[len("flows/"):-len(".json")]: json.loads(t) for p, t in compiled.artefacts.items()
             if p.startswith("flows/")}
    assert flows
    for name, doc in flows.items():
        flow_type = infer_flow_type(doc, name)
        flow = decompile(doc, name, flow_type, NameBook())
        assert flow.body is not None, f"{name}: {[str(r) for r in flow.reasons]}"
        assert not flow.stand_ins and _compiles_back(doc, flow.body, name, flow_type) is None

"""``show view``: parsing, the result branches, the chat-only channel row and lowering to the parameters the
step-by-step-guide exports of the corpus show (ViewResource, InvocationTimeLimitSeconds, ViewData)."""
from __future__ import annotations

import json
from pathlib import Path

from ccdsl.compiler.flows.compile import compile_flows
from ccdsl.dsl.build import build_site
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.compact.flow_parser import parse_flow
from ccdsl.dsl.compact_bind import bind_compact
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows import check_flows
from ccdsl.dsl.loader import load_text
from ccdsl.dsl.source import TextOrigin

HEAD = """\
ccdsl: 1
site: test
region: eu-west-2
instance: {alias: test-site}
flows:
  guide:
    channels: [chat]
    do: |
"""

GUIDE = """\
show view form timeout 15m with Heading = "File a claim", AttributeBar = [
    {"Label": "Phone", "Value": "$.Customer.PhoneNumber", "Copyable": true},
    {"Label": "Queue", "Value": "$.Queue.Name"}], Columns = 2, Graphic = {"Include": false}, Note = null
  Back -> start
  Next, Step -> done
  timeout -> late
start:
  say "Starting over."
  hangup
late:
  say "Too late."
  hangup
done:
  say "Submitted."
  hangup
"""


def compile_guide(body: str) -> tuple[dict, Diagnostics]:
    text = HEAD + "\n".join("      " + line for line in body.splitlines()) + "\n"
    diags = Diagnostics()
    site, _ = build_site(load_text(text, "site.ccd", diags), "site.ccd", diags)
    bind_compact(site, diags)
    check_flows(site, diags)
    flows = compile_flows(site, diags)
    assert not diags.has_errors, [f"{d.code} {d.message}" for d in diags]
    return flows["guide"].content, diags


def test_show_view_parses_json_data_over_several_lines():
    diags = Diagnostics()
    body = parse_flow(GUIDE, TextOrigin("x.ccd", 1, 1, block_indent=0), diags)
    assert body is not None and not diags.items
    view = body.statements[0]
    assert isinstance(view, A.ShowView) and view.view.value == "form" and view.timeout == 900
    data = dict(view.data)
    assert data["AttributeBar"][0] == {"Label": "Phone", "Value": "$.Customer.PhoneNumber", "Copyable": True}
    assert data["Columns"] == 2 and data["Graphic"] == {"Include": False} and data["Note"] is None
    assert [[i.value for i in b.intents] for b in view.results] == [["Back"], ["Next", "Step"]]
    assert view.on_timeout is not None and view.on_timeout.value == "late"


def test_show_view_lowers_to_the_exported_parameters_and_conditions():
    doc, _ = compile_guide(GUIDE)
    action = next(a for a in doc["Actions"] if a["Type"] == "ShowView")
    params = action["Parameters"]
    assert params["ViewResource"] == {"Id": "form", "Version": "Latest"}
    assert params["InvocationTimeLimitSeconds"] == "900"
    assert params["ViewData"]["Heading"] == "File a claim" and params["ViewData"]["Columns"] == 2
    ids = {a["Identifier"]: a for a in doc["Actions"]}
    conditions = {c["Condition"]["Operands"][0]: ids[c["NextAction"]] for c in action["Transitions"]["Conditions"]}
    assert set(conditions) == {"Back", "Next", "Step"}
    assert conditions["Back"]["Parameters"]["Text"] == "Starting over."
    assert conditions["Step"]["Parameters"]["Text"] == "Submitted."
    errors = {e["ErrorType"]: ids[e["NextAction"]] for e in action["Transitions"]["Errors"]}
    assert errors["TimeLimitExceeded"]["Parameters"]["Text"] == "Too late."
    assert set(errors) == {"TimeLimitExceeded", "NoMatchingCondition", "NoMatchingError"}


def test_a_view_arn_is_written_in_quotes():
    arn = "arn:aws:connect:eu-west-2:111122223333:instance/abc/view/def"
    doc, _ = compile_guide(f'show view "{arn}"\nhangup')
    action = next(a for a in doc["Actions"] if a["Type"] == "ShowView")
    assert action["Parameters"] == {"ViewResource": {"Id": arn, "Version": "Latest"}}


def test_show_view_is_chat_only():
    text = HEAD.replace("[chat]", "[chat, voice]") + '      show view detail with Heading = "x"\n      hangup\n'
    diags = Diagnostics()
    site, _ = build_site(load_text(text, "site.ccd", diags), "site.ccd", diags)
    bind_compact(site, diags)
    check_flows(site, diags)
    found = [(d.code, d.span.line) for d in diags if d.code == "E315"]
    assert found == [("E315", 9)]
    assert "voice" in next(d.message for d in diags if d.code == "E315")


def test_results_are_named_once_and_known():
    diags = Diagnostics()
    parse_flow('show view form\n  Next -> a\n  Next -> a\n  Done -> a\na:\n  hangup\n',
               TextOrigin("x.ccd", 1, 1, block_indent=0), diags)
    messages = [d.message for d in diags if d.code == "E018"]
    assert any("'Next' already has a branch" in m for m in messages)
    assert any("no 'Done'" in m for m in messages)


def test_the_corpus_guides_are_expressible():
    """Every Show view block of the step-by-step-guide exports has a statement that writes it."""
    import importlib.util

    root = Path(__file__).resolve().parents[3]
    spec = importlib.util.spec_from_file_location("flow_coverage", root / "bench" / "flow_coverage.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    action = {"Type": "ShowView", "Parameters": {"ViewResource": {"Id": "form", "Version": "Latest"},
                                                 "InvocationTimeLimitSeconds": "900", "ViewData": {"Heading": "x"}}}
    assert bench.expressible(action)
    assert not bench.expressible({"Type": "ShowView", "Parameters": {
        "ViewResource": {"Id": "form", "Version": "3"}, "ViewData": {}}})
    assert json.dumps(action)

"""Flows kept as templates render back to the original document; ARNs become names the same way every time."""
from pathlib import Path

from ruamel.yaml import YAML

from ccdsl.compiler.importer import NameBook, load_map
from ccdsl.compiler.importer.documents import read_document
from ccdsl.compiler.importer.run import import_documents
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows.context import FlowContext
from ccdsl.dsl.flows.template import render_flow_template
from ccdsl.dsl.fmt import format_text

CORPUS = Path(__file__).resolve().parents[1] / "flows" / "corpus"


def test_every_corpus_template_renders_to_the_original(tmp_path):
    # as an instance import does: a target the export leaves empty or gives as placeholder text keeps the flow a template
    documents = [read_document(str(p)) for p in sorted(CORPUS.glob("*.json"))]
    run = import_documents([d for d in documents if not isinstance(d, str)], name_unset=False)
    assert run.templates, "the corpus flows with unset targets stay templates"
    assert format_text(run.text) == run.text  # fmt-canonical
    book_values = {}
    for d in run.diagnostics:
        if d.code == "W503" and "stands for " in d.message:  # not a name given where the export has none
            kind, name = d.message.split("'")[0].split()[-1], d.message.split("'")[1]
            book_values[(kind, name)] = d.message.split("stands for ", 1)[1][:-1]
    context = FlowContext(
        queues=frozenset(n for k, n in book_values if k == "queue"),
        bots={n: frozenset() for k, n in book_values if k == "bot"},
        flows={n: "CONTACT_FLOW" for k, n in book_values if k == "flow"} | {f.name: f.flow_type for f in run.flows},
        functions=frozenset(n for k, n in book_values if k == "function"),
        hours=frozenset(n for k, n in book_values if k == "hours"))
    by_name = {f.name: f for f in run.flows}
    entries = YAML(typ="safe").load(run.text)["flows"]
    rendered = 0
    for rel, source in run.templates.items():
        name = rel.split("/", 1)[1][: -len(".json.j2")]
        flow = by_name[name]
        assert entries[name]["template"] == rel
        variables = entries[name].get("vars", {})
        diags = Diagnostics()
        doc = render_flow_template(source, name=name, flow_type=flow.flow_type, diags=diags, context=context,
                                   variables=variables, template_file=rel,
                                   tokens=lambda kind, n, attr="arn": book_values.get((kind, n), n))
        # a template renders, or only the flow validator objects (the original is not a flow it accepts)
        assert {d.code for d in diags} <= {"E323"}, [d.message for d in diags]
        if doc is not None:
            rendered += 1
            assert doc == flow.content, name
    assert rendered > 0


def test_names_from_map_token_placeholder_lambda_and_designer():
    book = NameBook({"arn:aws:connect:r:1:instance/i/queue/q-1": "Sales"})
    assert book.name("queue", "arn:aws:connect:r:1:instance/i/queue/q-1") == "Sales"
    assert book.name("queue", "${queue.Support.arn}") == "Support"
    assert book.name("flow", "{{contactFlows.RulesEngineMain.arn}}") == "RulesEngineMain"
    assert book.name("function", "arn:aws:lambda:r:1:function:lookup:live") == "lookup"
    assert book.name("hours", "arn:aws:connect:r:1:instance/i/operating-hours/h-9", "Office Hours") == "Office_Hours"
    assert book.name("queue", "arn:aws:connect:r:1:instance/i/queue/0123456789abcdef") == "queue_01234567"
    assert book.name("queue", "$.Attributes.queue") is None
    # the same value keeps its name; another value never takes it
    assert book.name("function", "arn:aws:lambda:r:1:function:lookup:live") == "lookup"
    assert book.name("function", "arn:aws:lambda:r:2:function:lookup") == "lookup_2"


def test_arn_map_problems_are_reported():
    assert load_map({"arn:x": "Sales"}) == ({"arn:x": "Sales"}, [])
    assert load_map(["arn:x"])[1] == ["the ARN map must be a mapping of ARN (or id) to name"]
    assert "is not a name" in load_map({"arn:x": "two words"})[1][0]

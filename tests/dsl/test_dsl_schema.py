"""The JSON Schema: committed file is current, accepts every example, rejects unknown keys."""
import copy
import json
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from ccdsl.dsl.schema import json_schema, schema_text

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "schema" / "ccdsl.schema.json"
EXAMPLES = sorted(ROOT.glob("examples/*/site.ccd"))


@pytest.fixture(scope="module")
def validator():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def load(path):
    return YAML(typ="safe").load(path.read_text())


def test_committed_schema_is_current():
    assert COMMITTED.read_text() == schema_text(), "run `ccdsl schema -o schema/ccdsl.schema.json`"


def test_examples_point_editors_at_the_schema():
    for path in EXAMPLES:
        assert path.read_text().splitlines()[0] == "# yaml-language-server: $schema=../../schema/ccdsl.schema.json"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_schema_accepts_examples(validator, path):
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(load(path))]
    assert not errors


@pytest.mark.parametrize("where", [
    (), ("instance",), ("queues", "GeneralAgentQueue"), ("bots", "banking"),
    ("bots", "banking", "intents", "TransferMoney"), ("functions", "banking"), ("monitoring",),
])
def test_schema_rejects_unknown_keys(validator, where):
    data = copy.deepcopy(load(ROOT / "examples/acme-bank/site.ccd"))
    node = data
    for key in where:
        node = node[key]
    node["not_a_key"] = 1
    assert any("not_a_key" in e.message for e in validator.iter_errors(data))


def test_schema_knows_enums_and_ranges(validator):
    data = load(ROOT / "examples/minimal/site.ccd")
    data["numbers"]["main"]["type"] = "LOCAL"
    data["routing"]["support"]["channels"]["chat"] = 11
    messages = " ".join(e.message for e in validator.iter_errors(data))
    assert "LOCAL" in messages and "11" in messages


def test_schema_document_header():
    schema = json.loads(COMMITTED.read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False


def test_schema_checks_entry_names(validator):
    data = load(ROOT / "examples/minimal/site.ccd")
    data["queues"]["Bad Queue!"] = {"hours": "office"}
    assert any("Bad Queue!" in e.message for e in validator.iter_errors(data))

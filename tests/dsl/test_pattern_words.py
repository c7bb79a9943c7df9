"""Every pattern of the site schema is said in words: a value that does not match is never answered with a regular
expression (E106)."""
import json
from pathlib import Path

from ccdsl.dsl.flows.catalog import CATALOG
from ccdsl.dsl.flows.validate_params import check_parameters
from ccdsl.dsl.pattern_words import PATTERN_WORDS
from ccdsl.dsl.validate import validate_text

SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "ccdsl.schema.json"


def _patterns(node, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            found.add(node["pattern"])
        for value in node.values():
            _patterns(value, found)
    elif isinstance(node, list):
        for value in node:
            _patterns(value, found)
    return found


def test_every_schema_pattern_has_words():
    missing = _patterns(json.loads(SCHEMA.read_text()), set()) - set(PATTERN_WORDS)
    assert not missing, f"say these patterns in words in dsl/pattern_words.py: {sorted(missing)}"


def test_a_bad_account_id_is_said_in_words():
    text = ("ccdsl: 1\nsite: s\nregion: eu-west-2\ninstance: {alias: s-demo}\n"
            "targets:\n  prod: {account: '12345', region: eu-west-2}\n")
    _site, diags = validate_text(text, "site.ccd")
    [problem] = [d for d in diags if d.code == "E106"]
    assert "12 digits" in problem.message and "^" not in problem.message and "[0-9]" not in problem.message
    assert (problem.span.line, problem.span.col) == (6, 19)  # the quoted value


def test_every_flow_action_pattern_has_words():
    missing = {p for spec in CATALOG.values() for p in spec.patterns.values()} - set(PATTERN_WORDS)
    assert not missing, f"say these patterns in words in dsl/pattern_words.py: {sorted(missing)}"


def test_bad_transfer_digits_in_a_template_flow_are_said_in_words():
    problems: list[tuple[str, str]] = []
    spec = CATALOG["TransferParticipantToThirdParty"]
    check_parameters(spec, {"ThirdPartyPhoneNumber": "+442071234567", "ThirdPartyDTMFDigits": "12a"}, "Actions[0]",
                     lambda path, message: problems.append((path, message)))
    assert ("Actions[0].ThirdPartyDTMFDigits",
            "ThirdPartyDTMFDigits '12a' is not at most 50 of the digits 0-9, ',' (a pause), '*' and '#'") in problems

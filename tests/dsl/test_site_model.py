"""The model API: names and spans of entries, shorthand forms, references with spans, compact fields."""
from pathlib import Path

import pytest

from ccdsl.dsl.model import Compact, Duration, HoursSpec, Name, Site
from ccdsl.dsl.validate import validate_file, validate_text

ROOT = Path(__file__).resolve().parents[2]
ACME = ROOT / "examples" / "acme-bank" / "site.ccd"


@pytest.fixture(scope="module")
def acme() -> Site:
    site, diags = validate_file(ACME)
    assert site is not None and not diags.has_errors, [str(d) for d in diags]
    return site


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_entries_know_their_name_and_key_span(acme):
    text = ACME.read_text()
    queue = acme.queues["AccountQueue"]
    assert queue.name == "AccountQueue"
    assert queue.span.line == line_of(text, "  AccountQueue: {")
    assert queue.span.col == 3


def test_references_are_names_with_spans(acme):
    text = ACME.read_text()
    hours = acme.queues["GeneralAgentQueue"].hours
    assert isinstance(hours, Name) and hours == "always"
    line = text.splitlines()[hours.span.line - 1]
    assert line[hours.span.col - 1:].startswith("always")


def test_shorthands_expand(acme):
    assert acme.bots["gateway"].locales["en_US"].voice == "Joanna"
    assert [u.text for u in acme.bots["banking"].intents["CheckBalance"].utterances][0] == "what's my balance"
    assert acme.bots["banking"].slot_types["AccountType"].values == ["current", "savings", "isa", "joint"]
    assert acme.queues["GeneralAgentQueue"].quick_connects.all is True
    assert acme.routing["everyone"].queues.all is True
    assert acme.tables["conversation_history"].sort.type == "N"
    assert acme.tables["conversation_history"].stream == "NEW_AND_OLD_IMAGES"
    assert acme.hours["office"].schedule.text.startswith("Mon-Fri")


def test_compact_fields_carry_parsed_trees(acme):
    timeout = acme.functions["bedrock_mcp"].timeout
    assert isinstance(timeout, Duration) and timeout.seconds == 900
    assert acme.bots["gateway"].idle_timeout.seconds == 300
    assert acme.hours["always"].schedule.ast.always is True
    assert acme.flows["voice_entry"].do.ast is not None
    for node in acme.walk():
        if isinstance(node, Compact) and node.syntax:
            assert node.ast is not None, f"{type(node).__name__} {node.text!r} was not parsed"


def test_entries_iterates_every_named_entry(acme):
    entries = list(acme.entries())
    assert ("queues", "LendingQueue", acme.queues["LendingQueue"]) in entries
    assert len([e for e in entries if e[0] == "flows"]) == 8


def test_field_spans_point_at_values(acme):
    text = ACME.read_text()
    function = acme.functions["bedrock_mcp"]
    span = function.span_of("memory")
    assert text.splitlines()[span.line - 1][span.col - 1:].startswith("3072")


def test_defaults():
    site, diags = validate_text(
        "ccdsl: 1\nsite: s\nregion: us-east-1\ninstance: {alias: s1}\n"
        "functions:\n  f: {source: .}\n", "t.ccd")
    assert not diags.has_errors
    function = site.functions["f"]
    assert (function.handler, function.memory, function.timeout.seconds) == ("handler.handler", 128, 3)
    assert site.instance.identity == "CONNECT_MANAGED"


def test_model_can_be_built_from_python_data():
    site = Site.model_validate({
        "ccdsl": 1, "site": "py", "region": "us-east-1", "instance": {"alias": "py1"},
        "hours": {"always": "24/7"}, "queues": {"Q": {"hours": "always"}},
    })
    assert site.queues["Q"].name == "Q"
    assert isinstance(site.hours["always"].schedule, HoursSpec)


def test_every_compact_syntax_has_its_parser():
    from ccdsl.dsl.compact_bind import parser_for
    from ccdsl.dsl.model import compact_types

    syntaxes = {cls.syntax for cls in vars(compact_types).values()
                if isinstance(cls, type) and issubclass(cls, Compact) and cls.syntax}
    assert syntaxes >= {"duration", "rate", "hours", "lifecycle", "utterance", "access", "route", "pipeline",
                        "alarm", "metric", "flow", "interpolations"}
    assert all(parser_for(syntax) is not None for syntax in syntaxes)

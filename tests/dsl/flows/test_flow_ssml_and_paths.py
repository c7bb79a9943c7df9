"""SSML prompts: what Amazon Polly would refuse is E316."""
from ccdsl.dsl.flows.ssml import MAX_CHARACTERS, ssml_problems


def test_good_ssml_passes():
    assert ssml_problems('<speak>Welcome to <emphasis>Acme</emphasis>.<break time="2s"/></speak>') == []
    assert ssml_problems('<speak>Wait<break time="10000ms"/></speak>') == []


def test_every_polly_rule_is_enforced():
    assert "enclosed in <speak>" in ssml_problems('Hello <break time="2s"/>')[0]
    assert "not well-formed" in ssml_problems("<speak>Hi <emphasis>there</speak>")[0]
    assert "longer than" in ssml_problems('<speak><break time="11s"/></speak>')[0]
    assert "not a time" in ssml_problems('<speak><break time="long"/></speak>')[0]
    assert "6,000" in ssml_problems("<speak>" + "a" * MAX_CHARACTERS + "</speak>")[0]


def test_ssml_read_from_an_attribute_is_left_to_run_time():
    assert ssml_problems("$.External.greeting") == []
    assert ssml_problems(" $.Attributes.ssml ") == []
    # an attribute among other text is still text that must be SSML
    assert "enclosed in <speak>" in ssml_problems("Hello $.Attributes.name")[0]


def test_attribute_names_with_spaces_parse_and_lower():
    from ccdsl.compiler.flows.lower import lower_flow
    from ccdsl.dsl.compact import parse_flow
    from ccdsl.dsl.compact.flow_printer import flow_to_text
    from ccdsl.dsl.diagnostics import Diagnostics
    from ccdsl.dsl.source import TextOrigin

    text = "set copy = $.Attributes.['my attr']\nif $.Attributes.['my attr'] == \"x\" -> done\ndone:\n  hangup\n"
    diags = Diagnostics()
    body = parse_flow(text, TextOrigin("f.ccd", 1, 1), diags)
    assert body is not None and not diags.items, [d.message for d in diags]
    assert flow_to_text(body) == text
    doc = lower_flow("f", body)
    assert doc["Actions"][0]["Parameters"]["Attributes"] == {"copy": "$.Attributes.['my attr']"}
    assert doc["Actions"][1]["Parameters"] == {"ComparisonValue": "$.Attributes.['my attr']"}

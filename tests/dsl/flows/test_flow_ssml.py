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

"""What real users mistype is explained in words: time-zone abbreviations, look-alike Unicode letters,
YAML tags, each at the bad value."""
from ccdsl.dsl.validate import validate_text

HEAD = "ccdsl: 1\nsite: t\nregion: us-east-1\ninstance: {alias: t1}\n"


def test_time_zone_abbreviation_names_the_place_to_write():
    _, diags = validate_text(HEAD + "hours:\n  office: Mon-Fri 09:00-17:00 @ CST\n")
    (d,) = [d for d in diags if d.code == "E015"]
    assert (d.span.line, d.span.col) == (6, 33) and "America/Chicago" in d.hint and "summer time" in d.message


def test_look_alike_letter_is_shown_with_its_code_point():
    _, diags = validate_text(HEAD + "hours: {office: 24/7}\nqueues:\n  Support: {hours: \u043effice}\n")
    (d,) = [d for d in diags if d.code == "E202"]
    assert "U+043E CYRILLIC SMALL LETTER O" in d.hint and "did you mean 'office'" in d.hint


def test_yaml_tag_is_shown_as_written():
    _, diags = validate_text(HEAD + "queues: !!python/object/apply:os.system {}\n")
    (d,) = [d for d in diags if d.code == "E021"]
    assert "'!!python/object/apply:os.system'" in d.message

"""Text and SSML on several lines import as multi-line strings: the body compiles back to the same text, exactly
(leading and trailing line breaks, blank lines, indentation, trailing spaces, quotes and backslashes), and goes
through the ``.ccd`` file ``ccdsl import`` writes."""
from test_decompile import act, flow, imported, lowered

from ccdsl.compiler.importer.documents import FlowDocument
from ccdsl.compiler.importer.equivalence import difference
from ccdsl.compiler.importer.run import import_documents
from ccdsl.dsl.validate import validate_text

SSML = '<speak>\n  <prosody rate="slow">\n\tWelcome to "Any Bank".  \n  </prosody>\n</speak>\n'
TEXT = "\nPress 1 for sales.\n\n   Press 2 for \\ support. \\n is not a line break\n"


def _round_trip(doc):
    result = imported(doc)
    assert result.body is not None, [str(r) for r in result.reasons]
    assert difference(doc, lowered(result.body)) is None
    return result.body


def _prompt_flow(params):
    return flow("Say", act("Say", "MessageParticipant", params, "Bye", {"NoMatchingError": "Bye"}),
                act("Bye", "DisconnectParticipant"))


def test_ssml_on_several_lines_imports_as_a_multi_line_string():
    body = _round_trip(_prompt_flow({"SSML": SSML}))
    assert body.startswith('say ssml """\n  <speak>\n    <prosody rate="slow">\n  \\tWelcome to "Any Bank".\\s\\s\n'
                           '    </prosody>\n  </speak>\n\n  """\n'), body
    assert lowered(body)["Actions"][0]["Parameters"]["SSML"] == SSML


def test_text_with_leading_newline_blank_lines_and_backslashes():
    body = _round_trip(_prompt_flow({"Text": TEXT}))
    assert lowered(body)["Actions"][0]["Parameters"]["Text"] == TEXT
    assert '\n\n     Press 2 for \\\\ support. \\\\n is not' in body  # a backslash is written \\ (as in one-line strings)


def test_menu_prompt_and_attribute_values_on_several_lines():
    doc = flow("Set",
               act("Set", "UpdateContactAttributes", {"Attributes": {"note": "$.Customer.Name\nsecond line"},
                                                      "TargetContact": "Current"}, "Menu",
                   {"NoMatchingError": "Bye"}),
               act("Menu", "GetParticipantInput", {"Text": "Welcome\n\nPress 1.", "StoreInput": "False",
                                                   "InputTimeLimitSeconds": "5"}, "Bye",
                   {"InputTimeLimitExceeded": "Bye", "NoMatchingCondition": "Bye", "NoMatchingError": "Bye"},
                   [("Equals", "1", "Bye")]),
               act("Bye", "DisconnectParticipant"))
    body = _round_trip(doc)
    # a value starting with $. on several lines is text, not an attribute path
    assert body.startswith('set note = """\n  $.Customer.Name\n  second line\n  """\n  error -> bye\n'
                           'menu """\n  Welcome\n\n  Press 1.\n  """\n  1 -> bye\n'), body


def test_a_carriage_return_keeps_the_flow_a_template():
    result = imported(_prompt_flow({"Text": "one\r\ntwo"}))
    assert result.body is None
    assert str(result.reasons[0]).endswith("parameter Text with a carriage return")


def test_the_written_site_reads_the_same_text_through_yaml():
    """``ccdsl import`` writes the body in a ``do: |`` block: loading that file gives back the exact text."""
    doc = _prompt_flow({"SSML": SSML})
    run = import_documents([FlowDocument("welcome.json", "welcome", doc, None, "")])
    site_text = "ccdsl: 1\nsite: t\nregion: eu-west-2\ninstance: {alias: t1}\n" + run.text
    site, diags = validate_text(site_text, "site.ccd")
    assert not diags.has_errors, [(d.code, d.message, str(d.span)) for d in diags]
    body = site.flows["welcome"].do
    assert lowered(body.text)["Actions"][0]["Parameters"]["SSML"] == SSML

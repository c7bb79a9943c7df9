"""The contact's language: the statement, the site defaults and the dataflow check at every ask."""
from __future__ import annotations

import textwrap

from ccdsl.compiler.flows.lower import LANGUAGE_ID, lower_flow
from ccdsl.compiler.flows.validate import validate_flow_json
from ccdsl.dsl.build import build_site
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.compact import parse_flow
from ccdsl.dsl.compact.flow_printer import flow_to_text
from ccdsl.dsl.compact_bind import bind_compact
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows import check_flows, flow_body
from ccdsl.dsl.flows.language import plan_languages
from ccdsl.dsl.loader import load_text
from ccdsl.dsl.source import TextOrigin

HEAD = """\
ccdsl: 1
site: t
region: us-east-1
instance: {alias: t1%s}
bots:
  uk: {locales: {en_GB: Ruth}, intents: {Hi: [hello]}}
  us: {locales: {en_US: Joanna, es_US: Lupe}, intents: {Hi: [hello]}}
numbers:
  main: {type: DID, country: US, flow: front}
flows:
"""


def site_of(flows: str, instance: str = ""):
    text = HEAD % instance + textwrap.indent(textwrap.dedent(flows), "  ")
    diags = Diagnostics()
    site, _ = build_site(load_text(text, "site.ccd", diags), "site.ccd", diags)
    bind_compact(site, diags)
    assert not diags.has_errors, [d.message for d in diags]
    return site


def codes(site) -> list[tuple[str, int]]:
    diags = Diagnostics()
    check_flows(site, diags)
    return [(d.code, d.span.line) for d in diags if d.code != "W306"]


def parse(text: str) -> A.FlowBody:
    diags = Diagnostics()
    body = parse_flow(text, TextOrigin("f.ccd", 1, 1), diags)
    assert body is not None and not diags.items, [d.message for d in diags]
    return body


def test_language_and_voice_language_parse_and_print_back():
    body = parse("language es_US\nvoice Lupe neural language es_US\n")
    assert body.statements[0] == A.Language(A.Name("es_US"))
    assert body.statements[1] == A.Voice(A.Name("Lupe"), "neural", A.Name("es_US"))
    assert flow_to_text(body) == "language es_US\nvoice Lupe neural language es_US\n"


def test_language_lowers_to_update_contact_data_with_the_connect_code():
    doc = lower_flow("f", parse('language es_US\nsay "Hola"\n'))
    assert validate_flow_json(doc, "CONTACT_FLOW") == []
    first = next(a for a in doc["Actions"] if a["Identifier"] == doc["StartAction"])
    assert first["Type"] == "UpdateContactData" and first["Parameters"] == {"LanguageCode": "es-US"}
    assert first["Transitions"]["NextAction"] == "start-2 say"


def test_voice_with_language_emits_both_actions_in_order():
    doc = lower_flow("f", parse('voice Lupe neural language es_US\nsay "Hola"\n'))
    assert validate_flow_json(doc, "CONTACT_FLOW") == []
    types = [a["Type"] for a in doc["Actions"]]
    assert types[:3] == ["UpdateContactTextToSpeechVoice", "UpdateContactData", "MessageParticipant"]
    voice, language = doc["Actions"][:2]
    assert voice["Transitions"]["NextAction"] == language["Identifier"]
    assert language["Parameters"] == {"LanguageCode": "es-US"}


def test_a_flow_language_is_set_first():
    doc = lower_flow("f", parse('say "Hello"\n'), language="en_GB")
    assert doc["StartAction"] == LANGUAGE_ID
    assert doc["Actions"][0]["Parameters"] == {"LanguageCode": "en-GB"}
    assert validate_flow_json(doc, "CONTACT_FLOW") == []


def test_ask_without_a_language_uses_connects_en_us_default():
    site = site_of("""\
    front:
      do: |
        ask uk "Hi?"
        hangup
    """)
    assert codes(site) == [("E313", 13)]


def test_instance_language_makes_entry_flows_right():
    site = site_of("""\
    front:
      do: |
        ask uk "Hi?"
        hangup
    """, ", language: en_GB")
    assert codes(site) == []
    assert plan_languages(site).preamble == {"front": "en_GB"}


def test_flow_language_overrides_the_instance():
    site = site_of("""\
    front:
      language: en_GB
      do: |
        ask uk "Hi?"
        hangup
    """, ", language: en_US")
    assert codes(site) == []


def test_language_set_on_one_branch_only_is_reported_for_the_other():
    site = site_of("""\
    front:
      do: |
        if $.Attributes.x == "1" -> british
        goto ask_it
        british:
          language en_GB
          goto ask_it
        ask_it:
          ask uk "Hi?"
          hangup
    """)
    assert codes(site) == [("E313", 19)]


def test_inherited_languages_follow_transfers_across_flows():
    site = site_of("""\
    front:
      do: |
        if $.Attributes.x == "es" -> spanish
        transfer to flow second
        spanish:
          language es_US
          transfer to flow second
    second:
      do: |
        ask us "Hi?"
        ask uk "Hi?"
        hangup
    """)
    plan = plan_languages(site)
    assert set(plan.initial["second"]) == {"en_US", "es_US"}
    assert plan.preamble == {}
    found = codes(site)
    assert found == [("E313", 21), ("E313", 21)]  # uk has neither en_US nor es_US; us has both


def test_a_transfer_target_does_not_reset_the_language():
    site = site_of("""\
    front:
      do: |
        language es_US
        transfer to flow second
    second:
      do: |
        ask us "Hola?"
        hangup
    """, ", language: en_US")
    plan = plan_languages(site)
    assert "second" not in plan.preamble and set(plan.initial["second"]) == {"es_US"}
    assert codes(site) == []


def test_every_example_site_asks_only_in_its_bots_languages():
    from pathlib import Path

    from ccdsl.dsl.validate import validate_file

    for path in sorted(Path(__file__).parents[3].joinpath("examples").glob("*/site.ccd")):
        _site, diags = validate_file(path)
        assert not [d for d in diags if d.code == "E313"], path


def test_retail_chat_serves_spanish_and_french_callers_in_their_locales():
    from pathlib import Path

    from ccdsl.dsl.validate import validate_file

    site, _diags = validate_file(Path(__file__).parents[3] / "examples/retail-chat/site.ccd")
    plan = plan_languages(site)
    asked = {lang for flow, ask, here in plan.asks if flow == "chat_entry" for lang in here}
    assert {"es_US", "fr_CA", "en_US"} <= asked
    assert flow_body(site.flows["chat_entry"]) is not None

"""Language completeness: per-locale bot text, hours overrides, hierarchy groups, custom security
profiles and per-channel routing, compiled into the calls that carry them."""
import json

from ccdsl.compiler import addresses as A

BILINGUAL = """\
bots:
  b:
    locales: {en_US: Joanna, es_US: Lupe, en_GB: Amy}
    fallback: Sorry?
    text: {es_US: ¿Perdón?}
    intents:
      Track:
        utterances: ['track {order:AMAZON.Number}']
        slots: {order: {prompt: Which order?}}
        closing: Sent {order}.
        text:
          es_US:
            utterances: ['rastrear {order}']
            prompts: {order: ¿Qué pedido?}
            closing: Enviado {order}.
"""


def _message(inputs: dict, *path: str) -> str:
    for key in path:
        inputs = inputs[key]
    return inputs["messageGroups"][0]["message"]["plainTextMessage"]["value"]


def test_each_locale_gets_its_own_text(compile_text):
    cs, diags = compile_text(BILINGUAL)
    assert cs is not None, [d.message for d in diags]
    r = cs.resources
    es = r[A.intent_addr("b", "Track", "es_US")].inputs
    assert es["sampleUtterances"] == [{"utterance": "rastrear {order}"}]
    assert _message(es, "intentClosingSetting", "closingResponse") == "Enviado {order}."
    slot = r[A.slot_addr("b", "Track", "order", "es_US")].inputs
    assert _message(slot, "valueElicitationSetting", "promptSpecification") == "¿Qué pedido?"
    assert _message(r[A.fallback_addr("b", "es_US")].inputs, "intentClosingSetting", "closingResponse") == "¿Perdón?"


def test_a_locale_in_the_first_locales_language_shares_its_text(compile_text):
    cs, _ = compile_text(BILINGUAL)
    r = cs.resources
    gb = r[A.intent_addr("b", "Track", "en_GB")].inputs
    assert gb["sampleUtterances"] == [{"utterance": "track {order}"}]
    assert _message(r[A.fallback_addr("b", "en_GB")].inputs, "intentClosingSetting", "closingResponse") == "Sorry?"
    assert json.loads(cs.artefacts["bots/b/es_US.json"])["fallback"] == "¿Perdón?"


HOLIDAYS = """\
hours:
  h:
    schedule: Mon-Fri 09:00-17:00 @ Europe/London
    overrides:
      christmas: {date: 2026-12-25, until: 2026-12-28, closed: true}
      eve: {date: 2026-12-24, open: 09:00-12:30}
"""


def test_hours_overrides_are_one_call_each_on_their_hours(compile_text):
    from ccdsl.compiler.resources import Ref

    cs, diags = compile_text(HOLIDAYS)
    assert cs is not None, [d.message for d in diags]
    xmas = cs.resources["hours.h.override.christmas"]
    assert xmas.type == "aws_connect_hours_of_operation_override"
    assert xmas.inputs["HoursOfOperationId"] == Ref("hours.h", "id")
    assert (xmas.inputs["EffectiveFrom"], xmas.inputs["EffectiveTill"]) == ("2026-12-25", "2026-12-28")
    assert xmas.inputs["OverrideType"] == "CLOSED"
    assert [c["Day"] for c in xmas.inputs["Config"]] == ["MONDAY", "FRIDAY", "SATURDAY", "SUNDAY"]
    eve = cs.resources["hours.h.override.eve"].inputs
    assert eve["OverrideType"] == "OPEN"
    assert eve["Config"] == [{"Day": "THURSDAY", "StartTime": {"Hours": 9, "Minutes": 0},
                              "EndTime": {"Hours": 12, "Minutes": 30}}]


PEOPLE = """\
hours: {h: 24/7}
queues: {q: {hours: h}}
routing: {r: {queues: all, outbound: q}}
security_profiles:
  Coach: {permissions: [BasicAgentAccess, AccessMetrics], access_tags: {team: care}}
hierarchy:
  levels: [Region, Team]
  groups:
    Europe: {}
    London: {parent: Europe}
agents:
  ann: {routing: r, security: [Agent, Coach], hierarchy: London}
"""


def test_custom_security_profiles_and_hierarchy_groups_are_created_and_used(compile_text):
    from ccdsl.compiler.resources import Ref

    cs, diags = compile_text(PEOPLE)
    assert cs is not None, [d.message for d in diags]
    r = cs.resources
    coach = r["security_profile.Coach"]
    assert coach.type == "connect_custom_security_profile"
    assert coach.inputs["Permissions"] == ["BasicAgentAccess", "AccessMetrics"]
    assert coach.inputs["AllowedAccessControlTags"] == {"team": "care"}
    assert r["security_profile.Agent"].type == "aws_connect_security_profile"  # the built-in, looked up
    structure = r["connect.hierarchy"].inputs["HierarchyStructure"]
    assert structure == {"LevelOne": {"Name": "Region"}, "LevelTwo": {"Name": "Team"}}
    london = r["hierarchy.London"]
    assert london.inputs["ParentGroupId"] == Ref("hierarchy.Europe", "id")
    assert "connect.hierarchy" in london.extra_deps
    user = r["agent.ann"].inputs
    assert user["HierarchyGroupId"] == Ref("hierarchy.London", "id")
    assert user["SecurityProfileIds"] == [Ref("security_profile.Agent", "id"), Ref("security_profile.Coach", "id")]


CHANNELS = """\
hours: {h: 24/7}
queues: {chat: {hours: h}, callbacks: {hours: h}}
routing:
  r:
    outbound: callbacks
    queues:
      chat: {channels: [chat]}
      callbacks: {priority: 2, channels: [task]}
    channels: {voice: 1, chat: 2, task: 1}
"""


def test_a_queue_is_routed_only_on_its_channels(compile_text):
    cs, diags = compile_text(CHANNELS)
    assert cs is not None, [d.message for d in diags]
    configs = cs.resources["routing.r"].inputs["QueueConfigs"]
    routed = sorted((c["QueueReference"]["QueueId"].address, c["QueueReference"]["Channel"]) for c in configs)
    assert routed == [("queue.callbacks", "TASK"), ("queue.chat", "CHAT")]


SKILLS = """\
hours: {h: 24/7}
queues: {q: {hours: h}}
routing: {r: {queues: all, outbound: q}}
agent_statuses:
  Training: {order: 2}
  Lunch: {enabled: false}
attributes: {language: [English, French]}
agents:
  ann: {routing: r, security: [Agent], proficiencies: {language: {French: 5, English: 3.5}}}
"""


def test_agent_statuses_attributes_and_proficiencies(compile_text):
    from ccdsl.compiler.resources import Ref

    cs, diags = compile_text(SKILLS)
    assert cs is not None, [d.message for d in diags]
    r = cs.resources
    assert r["agent_status.Training"].inputs["DisplayOrder"] == 2
    assert r["agent_status.Lunch"].inputs["State"] == "DISABLED"
    assert r["attribute.language"].inputs["Values"] == {"StringList": ["English", "French"]}
    prof = r["agent.ann.proficiencies"]
    assert prof.inputs["UserId"] == Ref("agent.ann", "id")
    assert prof.inputs["UserProficiencies"] == [
        {"AttributeName": "language", "AttributeValue": "English", "Level": 3.5},
        {"AttributeName": "language", "AttributeValue": "French", "Level": 5.0}]
    assert "attribute.language" in prof.extra_deps

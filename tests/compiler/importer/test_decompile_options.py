"""Decompiler rows for statement options: audio prompts in ``menu``, ``store`` and ``loop prompts``, loop prompts
without pauses, ``wait … until customer returns`` and waits read from the contact, ``queue agent``, ``set customer
id``, ``start voice id``, Contact Lens for chat and ``if open|closed`` on the working queue's hours — each compiled,
imported back to the same statement (an equivalent flow), and refused where the block says something more."""
import copy

import pytest

from ccdsl.compiler.flows.lower import lower_flow
from ccdsl.compiler.importer import NameBook, decompile
from ccdsl.compiler.importer.equivalence import difference
from ccdsl.dsl.compact.flow_parser import parse_flow
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows import catalog as cat
from ccdsl.dsl.source import TextOrigin


def lowered(text: str, flow_type: str = cat.CONTACT_FLOW) -> dict:
    diags = Diagnostics()
    body = parse_flow(text, TextOrigin("t", 1, 1, 0), diags)
    assert body is not None and not list(diags), [d.message for d in diags]
    return lower_flow("f", body, flow_type)


def imported(doc: dict, flow_type: str = cat.CONTACT_FLOW):
    return decompile(doc, "f", flow_type, NameBook())


def action(doc: dict, type_: str) -> dict:
    return next(a for a in doc["Actions"] if a["Type"] == type_)


OOPS = 'oops:\n  say "Sorry."\n  hangup\n'
ROUND_TRIPS = [
    'menu play welcome\n  1 -> sales\n  error -> oops\nhangup\nsales:\n  hangup\n' + OOPS,
    'menu play $.External.menuPrompt\n  1 -> sales\n  error -> oops\nhangup\nsales:\n  hangup\n' + OOPS,
    "store digits play $.External.promptArn max 1 timeout 10s\n  error -> oops\nhangup\n" + OOPS,
    "store digits play welcome\n  error -> oops\nhangup\n" + OOPS,
    'loop prompts "Hi. We will be back with you shortly."\n',
    'loop prompts "Please hold.", play chime every 10s\n',
    "loop prompts play chime\n",
    "loop prompts play $.External.holdPrompt, play chime\n",
    "wait 15m until customer returns -> back\n  error -> oops\nhangup\nback:\n  hangup\n" + OOPS,
    "wait $.External.seconds until customer returns -> back\n  error -> oops\nhangup\nback:\n  hangup\n" + OOPS,
    "wait $.External.seconds\n  error -> oops\nhangup\n" + OOPS,
    "queue agent $.Attributes.agentArn\n  error -> oops\nhangup\n" + OOPS,
    'set customer id "SAMPLE_CUSTOMER_ID"\n  error -> oops\nhangup\n' + OOPS,
    "set customer id $.CustomerEndpoint.Address\n  error -> oops\nhangup\n" + OOPS,
    "start voice id authenticate 90 response 10s\n  error -> oops\nhangup\n" + OOPS,
    "start voice id fraud\nhangup\n",
    "contact lens realtime and chat language en_US\nhangup\n",
    "load queue metrics $.External.queueArn\n  error -> oops\nhangup\n" + OOPS,
    'if closed -> shut\nsay "Welcome."\nhangup\nshut:\n  hangup\n',
    'if open -> welcome\nhangup\nwelcome:\n  say "Welcome."\n  hangup\n',
    "contact lens postcall and chat language en_GB redacted\nhangup\n",
    "contact lens realtime language en_US redacted and original\nhangup\n",
    "contact lens realtime and chat language en_US not redacted\nhangup\n",
    "contact lens postcall language en_GB\nhangup\n",
    "if open -> welcome\n  error -> oops\nhangup\nwelcome:\n  hangup\n" + OOPS,
    "if open Office -> welcome\n  error -> oops\nhangup\nwelcome:\n  hangup\n" + OOPS,
    'store phone "Your number?" country AU legacy\n  error -> oops\nhangup\n' + OOPS,
    'store digits "Your account number?" max 8 legacy\n  error -> oops\nhangup\n' + OOPS,
]


@pytest.mark.parametrize("text", ROUND_TRIPS, ids=lambda v: v.split("\n")[0])
def test_a_statement_imports_back_as_itself(text: str) -> None:
    doc = lowered(text)
    result = imported(doc)
    assert result.reasons == [], [str(r) for r in result.reasons]
    assert result.body == text
    assert difference(doc, lowered(result.body)) is None


def _refused(doc: dict, type_: str, words: str) -> None:
    result = imported(doc)
    assert result.body is None
    assert any(r.type == type_ and words in r.text for r in result.reasons), [str(r) for r in result.reasons]


def test_a_prompt_with_both_audio_and_text_stays_a_template() -> None:
    doc = lowered('menu play welcome\n  1 -> sales\n  error -> oops\nhangup\nsales:\n  hangup\n' + OOPS)
    action(doc, "GetParticipantInput")["Parameters"]["Text"] = "Hello"
    _refused(doc, "GetParticipantInput", "both PromptId and Text")


def test_loop_prompts_with_texts_paused_differently_stay_a_template() -> None:
    doc = lowered('loop prompts "Please hold.", "Still there?" every 10s\n')
    action(doc, "MessageParticipantIteratively")["Parameters"]["Messages"][1] = {"Text": "Still there?"}
    _refused(doc, "MessageParticipantIteratively", "different pauses")


def test_a_wait_for_an_event_other_than_the_customer_returning_stays_a_template() -> None:
    doc = lowered("wait 15m until customer returns -> back\n  error -> oops\nhangup\nback:\n  hangup\n" + OOPS)
    action(doc, "Wait")["Parameters"]["Events"] = ["Other"]
    _refused(doc, "Wait", "Events")


def test_a_wait_with_the_event_but_without_its_branch_stays_a_template() -> None:
    doc = lowered("wait 15m until customer returns -> back\n  error -> oops\nhangup\nback:\n  hangup\n" + OOPS)
    wait = copy.deepcopy(action(doc, "Wait"))
    wait["Transitions"]["Conditions"] = [c for c in wait["Transitions"]["Conditions"]
                                         if c["Condition"]["Operands"] != ["CustomerReturned"]]
    doc["Actions"] = [wait if a["Type"] == "Wait" else a for a in doc["Actions"]]
    _refused(doc, "Wait", "CustomerReturned")


def test_store_without_dtmf_configuration_is_legacy_and_compiles_without_it() -> None:
    doc = lowered('store phone "Your number?" country AU\n  error -> oops\nhangup\n' + OOPS)
    assert "DTMFConfiguration" in action(doc, "GetParticipantInput")["Parameters"]
    del action(doc, "GetParticipantInput")["Parameters"]["DTMFConfiguration"]
    result = imported(doc)
    assert result.body.startswith('store phone "Your number?" country AU legacy\n')
    assert "DTMFConfiguration" not in action(lowered(result.body), "GetParticipantInput")["Parameters"]


def test_queue_agent_by_arn_names_the_agent() -> None:
    doc = lowered("queue agent $.Attributes.agentArn\n  error -> oops\nhangup\n" + OOPS)
    arn = "arn:aws:connect:eu-west-2:111122223333:instance/abc/agent/0123abcd-0000-0000-0000-000000000000"
    action(doc, "UpdateContactTargetQueue")["Parameters"]["AgentId"] = arn
    result = imported(doc)
    assert result.body is not None and result.body.startswith("queue agent agent_0123abcd\n")


def test_voice_id_settings_a_statement_cannot_write_stay_a_template() -> None:
    doc = lowered("start voice id authenticate 90\n  error -> oops\nhangup\n" + OOPS)
    action(doc, "UpdateContactData")["Parameters"]["IsVoiceAuthenticationEnabled"] = "false"
    _refused(doc, "UpdateContactData", "Voice ID settings")


def test_a_voice_id_stream_without_its_settings_stays_a_template() -> None:
    doc = lowered("start voice id fraud\nhangup\n")
    settings = action(doc, "UpdateContactData")
    doc["Actions"].remove(settings)
    doc["StartAction"] = settings["Transitions"]["NextAction"]
    _refused(doc, "StartVoiceIdStream", "without its settings")


def test_contact_lens_for_chat_in_another_mode_stays_a_template() -> None:
    doc = lowered("contact lens realtime and chat language en_US\nhangup\n")
    lens = action(doc, "UpdateContactRecordingBehavior")["Parameters"]["AnalyticsBehavior"]
    lens["ChannelConfiguration"]["Chat"] = {"AnalyticsModes": ["RealTime"]}
    _refused(doc, "UpdateContactRecordingBehavior", "ChannelConfiguration")


def test_loop_prompts_errors_to_an_end_other_branches_reach_import_with_an_on_error_copy() -> None:
    text = ("loop prompts play chime interrupt 20s -> more\nmore:\n  load queue metrics\n    error -> done\n"
            "  goto more\ndone:\n  end\non error:\n  end\n")
    doc = lowered(text, cat.CUSTOMER_QUEUE)
    # one End block for both, as the console draws it
    loop = action(doc, "MessageParticipantIteratively")
    ends = [a for a in doc["Actions"] if a["Type"] == "EndFlowExecution"]
    shared = next(a["Identifier"] for a in ends if a["Identifier"] != loop["Transitions"]["NextAction"])
    doc["Actions"] = [a for a in doc["Actions"] if a["Identifier"] == shared or a["Type"] != "EndFlowExecution"]
    loop["Transitions"]["NextAction"] = loop["Transitions"]["Errors"][0]["NextAction"] = shared
    result = imported(doc, cat.CUSTOMER_QUEUE)
    assert result.reasons == [], [str(r) for r in result.reasons]
    assert result.body is not None and result.body.endswith("on error:\n  end\n")
    assert difference(doc, lowered(result.body, cat.CUSTOMER_QUEUE)) is None

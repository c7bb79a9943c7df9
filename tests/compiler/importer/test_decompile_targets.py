"""The decompiler rows of the target and hook statements (compiler/importer/flows_targets.py): play, run module,
return, media streaming, contact lens, ask's session attributes, dynamic targets and the disconnect/customer
whisper hooks — each compiled, imported back to the same statement, and refused where a parameter says more."""
import copy

import pytest

from ccdsl.compiler.flows.lower import lower_flow
from ccdsl.compiler.importer import NameBook, decompile
from ccdsl.compiler.importer.equivalence import difference
from ccdsl.dsl.compact.flow_parser import parse_flow
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows import catalog as cat
from ccdsl.dsl.source import TextOrigin


def lowered(text, flow_type=cat.CONTACT_FLOW):
    diags = Diagnostics()
    body = parse_flow(text, TextOrigin("t", 1, 1, 0), diags)
    assert not list(diags), [d.message for d in diags]
    return lower_flow("f", body, flow_type)


def imported(doc, flow_type=cat.CONTACT_FLOW, book=None):
    return decompile(doc, "f", flow_type, book if book is not None else NameBook())


def action(doc, type_):
    return next(a for a in doc["Actions"] if a["Type"] == type_)


ROUND_TRIPS = [
    ("play welcome\nhangup\n", cat.CONTACT_FLOW),
    ("play $.External.promptArn\nhangup\n", cat.CONTACT_FLOW),
    ('play welcome\n  error -> oops\nhangup\noops:\n  say "Sorry."\n  hangup\n', cat.CONTACT_FLOW),
    ('say "Checking your account."\nreturn\n', cat.MODULE),
    ("media streaming on\nmedia streaming off\nhangup\n", cat.CONTACT_FLOW),
    ("contact lens realtime language en_GB redacted\ncontact lens postcall language fr_FR\nhangup\n", cat.CONTACT_FLOW),
    ("set disconnect flow survey\nset customer whisper flow greeting\nhangup\n", cat.CONTACT_FLOW),
]


@pytest.mark.parametrize(("text", "flow_type"), ROUND_TRIPS, ids=lambda v: v.split("\n")[0] if "\n" in v else v)
def test_a_statement_imports_back_as_itself(text, flow_type):
    doc = lowered(text, flow_type)
    result = imported(doc, flow_type)
    assert result.reasons == []
    assert result.body == text
    assert difference(doc, lowered(result.body, flow_type)) is None


OOPS = 'oops:\n  say "Sorry."\n  hangup\n'
ERROR_BRANCHED = [  # (the statement, what follows it)
    ("run module checks", "hangup\n"),
    ("run module $.Attributes.module", "hangup\n"),
    ("queue $.Attributes.queue", "hangup\n"),
    ("transfer to flow $.Attributes.flow", ""),
    ("invoke $.Attributes.function", "hangup\n"),
    ("transfer to number $.Attributes.number", ""),
    ('ask helpbot "How can I help?" with channel = "voice", account = $.Attributes.account', "hangup\n"),
]


@pytest.mark.parametrize(("line", "then"), ERROR_BRANCHED)
def test_a_statement_with_an_error_branch_imports_back_with_it(line, then):
    text = f"{line}\n  error -> oops\n{then}{OOPS}"
    doc = lowered(text)
    result = imported(doc)
    assert result.reasons == []
    assert result.body == text
    assert difference(doc, lowered(result.body)) is None


def test_named_targets_are_declared_and_dynamic_ones_are_not():
    book = NameBook()
    imported(lowered("play welcome\nrun module checks\n  error -> bye\ninvoke $.Attributes.fn\n  error -> bye\n"
                     "queue $.Attributes.q\n  error -> bye\nbye:\n  hangup\n"), book=book)
    assert [(kind, name) for kind, name, _v, _f in book.declared()] == [("flow", "checks"), ("prompt", "welcome")]


def test_a_prompt_that_is_neither_a_name_nor_an_attribute_path_keeps_the_template():
    doc = lowered("play welcome\nhangup\n")
    action(doc, "MessageParticipant")["Parameters"]["PromptId"] = "$.Attributes[0]"
    assert "PromptId" in imported(doc).reasons[0].text


def test_a_dynamic_target_reads_the_rest_of_the_action_as_the_named_statement_does():
    doc = lowered("transfer to number $.Attributes.n\n  error -> bye\nbye:\n  hangup\n")
    action(doc, "TransferParticipantToThirdParty")["Parameters"]["ContinueFlowExecution"] = "Maybe"
    assert imported(doc).body is None
    doc = lowered("queue $.Attributes.q\n  error -> bye\nbye:\n  hangup\n")
    action(doc, "UpdateContactTargetQueue")["Parameters"]["Extra"] = "x"
    assert imported(doc).reasons[0].text == "parameter Extra"


@pytest.mark.parametrize(("change", "reason"), [
    (lambda p: p.update(MediaStreamType="Video"), "MediaStreamType 'Video'"),
    (lambda p: p.update(MediaStreamingState="Paused"), "MediaStreamingState 'Paused'"),
    (lambda p: p["Participants"][0].update(MediaDirections=["From"]), "Participants other than"),
])
def test_media_streaming_other_than_the_customer_audio_keeps_the_template(change, reason):
    doc = lowered("media streaming on\nhangup\n")
    change(action(doc, "UpdateContactMediaStreamingBehavior")["Parameters"])
    assert imported(doc).reasons[0].text.startswith(reason)


@pytest.mark.parametrize(("change", "reason"), [
    (lambda a: a.update(AnalyticsMode="Sometimes"), "AnalyticsMode 'Sometimes'"),
    (lambda a: a.update(AnalyticsLanguage="english"), "AnalyticsLanguage 'english'"),
    (lambda a: a.update(AnalyticsRedactionResults="Masked"), "redaction"),
    (lambda a: a.update(ChannelConfiguration={}), "AnalyticsBehavior ["),
    (lambda a: a.update(Enabled="False"), "AnalyticsBehavior that is not enabled"),
])
def test_contact_lens_settings_no_statement_says_keep_the_template(change, reason):
    doc = lowered("contact lens realtime language en_GB\nhangup\n")
    change(action(doc, "UpdateContactRecordingBehavior")["Parameters"]["AnalyticsBehavior"])
    assert imported(doc).reasons[0].text.startswith(reason)


def test_contact_lens_needs_both_sides_recorded():
    doc = lowered("contact lens postcall language en_US\nhangup\n")
    action(doc, "UpdateContactRecordingBehavior")["Parameters"]["RecordingBehavior"]["RecordedParticipants"] = ["Agent"]
    assert imported(doc).reasons[0].text == "Contact Lens without recording both sides"


def test_recording_without_analytics_is_still_recording():
    assert imported(lowered("recording on\nhangup\n")).body == "recording on\nhangup\n"


def test_return_belongs_to_modules_and_run_module_to_contact_flows():
    module = lowered('say "x"\nreturn\n', cat.MODULE)
    assert imported(module, cat.CONTACT_FLOW).reasons[0].text == "a module's return outside a module"
    runs = lowered("run module checks\n  error -> bye\nbye:\n  hangup\n")
    assert imported(copy.deepcopy(runs), cat.MODULE).body is None


def test_session_attributes_that_are_not_a_mapping_keep_the_template():
    doc = lowered('ask helpbot "Hi" with k = "v"\n  error -> bye\nbye:\n  hangup\n')
    action(doc, "ConnectParticipantWithLexBot")["Parameters"]["LexSessionAttributes"] = ["k"]
    assert "LexSessionAttributes" in imported(doc).reasons[0].text

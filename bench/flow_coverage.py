"""Flow coverage: how many actions of real exported Connect flows ccdsl can express.

Reads every ``*.json`` flow under the corpus folder (default ``../shared/corpus/connect-flows`` next to the
repository, or ``--corpus``), and for each action decides whether some ``do:`` statement lowers to it:
its Type must be one the statement table maps to (``dsl/flows/statements.py``) and its parameters must be
ones the lowering can produce (a literal, a ``{{placeholder}}`` resource, or a ``$.`` JSONPath where the
statement takes a dynamic target; no parameter the statement has no way to write). A target the export leaves
empty (a block never configured) counts as a name to declare, as ``ccdsl import`` writes it (W511).

Prints the figures per action type, then a JSON object as the last line:
``{"actions": …, "expressible": …, "percent": …, "unconfigured_targets": …, "types": …, "types_with_statement": …,
"types_in_3_files_missing": [...]}`` (``unconfigured_targets``: expressible actions whose target the export leaves
empty).

    python bench/flow_coverage.py
    python bench/flow_coverage.py --corpus path/to/flows
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ccdsl.dsl.flows.check_blocks import PROFILE_FIELDS  # noqa: E402
from ccdsl.dsl.flows.statements import STATEMENT_ACTIONS  # noqa: E402

NAME = re.compile(r"[A-Za-z_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?")

ROOT = Path(__file__).resolve().parents[1]


def dynamic(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("$.")


def _keys(params: dict, allowed: set[str]) -> bool:
    return set(params) <= allowed


#: per action Type: can a statement produce these parameters?
RULES: dict[str, Callable[[dict], bool]] = {
    "MessageParticipant": lambda p: _keys(p, {"Text", "SSML"}) or (_keys(p, {"PromptId"}) and dynamic(p["PromptId"])),
    "DisconnectParticipant": lambda p: True,
    "EndFlowExecution": lambda p: True,
    "Compare": lambda p: "ComparisonValue" in p,
    "UpdateContactAttributes": lambda p: p.get("TargetContact", "Current") == "Current",
    "TransferToFlow": lambda p: bool(p.get("ContactFlowId")),
    "InvokeLambdaFunction": lambda p: bool(p.get("LambdaFunctionARN"))
    and (p.get("ResponseValidation") or {}).get("ResponseType", "STRING_MAP") in ("STRING_MAP", "JSON"),  # json
    "GetParticipantInput": lambda p: _menu_input(p) or _stored_input(p),
    "UpdateFlowLoggingBehavior": lambda p: True,
    "TransferContactToQueue": lambda p: True,
    # queue Q / queue agent A: one of the two
    "UpdateContactTargetQueue": lambda p: bool(p.get("QueueId")) != bool(p.get("AgentId")),
    "ConnectParticipantWithLexBot": lambda p: any(_keys(p, {key, "LexV2Bot", "LexSessionAttributes"})
                                                  for key in ("Text", "SSML", "PromptId"))
    and _audio_ok(p),
    "TransferParticipantToThirdParty": lambda p: bool(p.get("ThirdPartyPhoneNumber"))
    and _keys(p.get("CallerId") or {}, {"Number", "Name"})
    and _keys(p, {"ThirdPartyPhoneNumber", "ThirdPartyConnectionTimeLimitSeconds", "ContinueFlowExecution",
                  "ThirdPartyDTMFDigits", "CallerId"}),
    # language X / set customer id V / start voice id
    "UpdateContactData": lambda p: (_keys(p, {"LanguageCode"}) and "LanguageCode" in p
                                    and not dynamic(p["LanguageCode"])) or (set(p) == {"CustomerId"})
    or _voice_id_settings(p),
    "UpdateContactEventHooks": lambda p: set(p.get("EventHooks") or {}) <= {
        "CustomerQueue", "AgentWhisper", "CustomerHold", "CustomerRemaining", "CustomerWhisper"}
    and not any(map(dynamic, (p.get("EventHooks") or {}).values())),
    "UpdateContactRecordingBehavior": lambda p: "AnalyticsBehavior" not in p or (
        (p.get("RecordingBehavior") or {}).get("RecordedParticipants") == ["Agent", "Customer"]
        and _lens_modes(p["AnalyticsBehavior"] or {})),
    "UpdateContactMediaStreamingBehavior": lambda p: p.get("MediaStreamType", "Audio") == "Audio" and all(
        q.get("ParticipantType") == "Customer" and sorted(q.get("MediaDirections") or []) == ["From", "To"]
        for q in p.get("Participants") or [{}]),
    "InvokeFlowModule": lambda p: bool(p.get("FlowModuleId")),
    "EndFlowModuleExecution": lambda p: True,
    "UpdateContactTextToSpeechVoice": lambda p: True,
    # text, SSML or audio prompts (a prompt of the site or a $. path); not an empty prompt
    "MessageParticipantIteratively": lambda p: _keys(p, {"Messages", "InterruptFrequencySeconds"}) and all(
        len(m) == 1 and (_keys(m, {"Text", "SSML"}) or bool(m.get("PromptId"))) for m in p.get("Messages", [])),
    # named hours, or none (the working queue's hours); an empty id is an unconfigured block
    "CheckHoursOfOperation": lambda p: "HoursOfOperationId" not in p
    or (bool(p["HoursOfOperationId"]) and not dynamic(p["HoursOfOperationId"])),
    # wait 60s | wait $.Path [until customer returns]
    "Wait": lambda p: _keys(p, {"TimeLimitSeconds", "Events"}) and p.get("Events", ["CustomerReturned"]) == [
        "CustomerReturned"] and (str(p.get("TimeLimitSeconds", "")).isdigit() or dynamic(p.get("TimeLimitSeconds"))),
    # task: name, flow, description, attributes (text or contact attributes)
    "CreateTask": lambda p: _keys(p, {"Name", "ContactFlowId", "Description", "Attributes"})
    and {"Name", "ContactFlowId"} <= set(p) and not dynamic(p["ContactFlowId"])
    and _fields(p.get("Attributes", {"a": ""})),
    # callback: a named queue or the working queue, whole-second delays, at least one attempt
    "CreateCallbackContact": lambda p: _keys(p, {"QueueId", "InitialCallDelaySeconds", "MaximumConnectionAttempts",
                                                 "RetryDelaySeconds"}) and not dynamic(p.get("QueueId"))
    and all(str(p.get(k, "1")).isdigit() for k in ("InitialCallDelaySeconds", "RetryDelaySeconds"))
    and str(p.get("MaximumConnectionAttempts", "1")).isdigit() and int(p.get("MaximumConnectionAttempts", "1")) >= 1,
    # customer profiles: search identifiers / fields as a map (get: at most five), known response fields
    "GetCustomerProfile": lambda p: _keys(p, {"ProfileRequestData", "ProfileResponseData"})
    and _fields(p.get("ProfileRequestData")) and len(p["ProfileRequestData"]) <= 5
    and _profile_fields(p.get("ProfileResponseData", [])),
    "CreateCustomerProfile": lambda p: _keys(p, {"ProfileRequestData", "ProfileResponseData"})
    and _fields(p.get("ProfileRequestData")) and _profile_fields(list(p["ProfileRequestData"]))
    and _profile_fields(p.get("ProfileResponseData", [])),
    # cases: request fields as a map, response fields as names, true/false flags, a static template id
    "GetCase": lambda p: _keys(p, {"LinkContactToCase", "GetLastUpdatedCase", "CaseResponseFields",
                                   "CaseRequestFields"}) and _fields(p.get("CaseRequestFields"))
    and _names(p.get("CaseResponseFields", [])) and _flags(p, "LinkContactToCase", "GetLastUpdatedCase"),
    "CreateCase": lambda p: _keys(p, {"LinkContactToCase", "CaseTemplateId", "CaseRequestFields"})
    and _fields(p.get("CaseRequestFields")) and bool(p.get("CaseTemplateId")) and not dynamic(p["CaseTemplateId"])
    and _flags(p, "LinkContactToCase"),
    # Voice ID: the stream (its settings are the UpdateContactData before it) and the three checks
    "StartVoiceIdStream": lambda p: not p,
    "CheckVoiceId": lambda p: _keys(p, {"CheckVoiceIdOption"})
    and p.get("CheckVoiceIdOption") in ("enrollmentStatus", "voiceAuthentication", "fraudDetection"),
    # caller input, loops, queue status and routing
    "UpdateContactCallbackNumber": lambda p: "CallbackNumber" in p,
    "Loop": lambda p: str(p.get("LoopCount", "")).isdigit(),
    "CheckMetricData": lambda p: p.get("MetricType") in METRIC_TYPES and _keys(p, {"MetricType", "QueueId"})
    and not dynamic(p.get("QueueId")),
    "GetMetricData": lambda p: _keys(p, {"QueueId"}) and p.get("QueueId") != "",
    "UpdateContactRoutingBehavior": lambda p: bool(p) and _keys(p, {"QueuePriority", "QueueTimeAdjustmentSeconds"}),
    "DistributeByPercentage": lambda p: True,
    # step-by-step guides: a view's latest version, its time limit and any JSON ViewData
    "ShowView": lambda p: _keys(p, {"ViewResource", "InvocationTimeLimitSeconds", "ViewData"})
    and (p.get("ViewResource") or {}).get("Version") == "Latest" and not dynamic((p["ViewResource"]).get("Id"))
    and str(p.get("InvocationTimeLimitSeconds", "0")).isdigit() and isinstance(p.get("ViewData", {}), dict),
}


def _audio_ok(p: dict) -> bool:
    """A ``PromptId`` is an audio prompt ``play`` names (not an empty, unconfigured one)."""
    return "PromptId" not in p or bool(p["PromptId"])


def _lens_modes(analytics: dict) -> bool:
    """``contact lens realtime|postcall [and chat]``: one voice mode, or the per-channel form with chat."""
    channels = analytics.get("ChannelConfiguration")
    if channels is None:
        return analytics.get("AnalyticsMode") in ("RealTime", "PostCall")
    return "AnalyticsMode" not in analytics and channels.get("Chat") == {"AnalyticsModes": ["ContactLens"]} \
        and (channels.get("Voice") or {}).get("AnalyticsModes") in (["RealTime"], ["PostContact"]) \
        and _keys(channels, {"Chat", "Voice"})
def _fields(mapping: Any) -> bool:
    """A non-empty map of field names to text or contact attributes (what ``k = v, …`` writes)."""
    return isinstance(mapping, dict) and bool(mapping) and all(
        NAME.fullmatch(str(k)) and isinstance(v, str) and "\n" not in v for k, v in mapping.items())


def _names(items: Any) -> bool:
    return isinstance(items, list) and all(isinstance(i, str) and NAME.fullmatch(i) for i in items)


def _profile_fields(items: Any) -> bool:
    return _names(items) and all(i in PROFILE_FIELDS for i in items)


def _flags(p: dict, *names: str) -> bool:
    return all(str(p.get(n, "false")) in ("true", "false") for n in names)


def _voice_id_settings(p: dict) -> bool:
    """``start voice id``'s UpdateContactData: streaming on, authentication with a threshold, fraud on or off."""
    return bool(p) and _keys(p, {"IsVoiceIdStreamingEnabled", "IsFraudDetectionEnabled", "IsVoiceAuthenticationEnabled",
                                 "VoiceAuthenticationThreshold", "VoiceAuthenticationResponseTime"}) \
        and p.get("IsVoiceIdStreamingEnabled") == "true" and _flags(p, "IsFraudDetectionEnabled") \
        and (p.get("IsVoiceAuthenticationEnabled", "false") == "true") == ("VoiceAuthenticationThreshold" in p) \
        and all(str(p.get(k, "0")).isdigit() for k in ("VoiceAuthenticationThreshold",
                                                       "VoiceAuthenticationResponseTime"))


def _menu_input(p: dict) -> bool:
    """A keypad ``menu`` (text, SSML or ``play`` an audio prompt)."""
    return str(p.get("StoreInput", "False")) == "False" and _audio_ok(p) and any(
        _keys(p, {key, "StoreInput", "InputTimeLimitSeconds", "DTMFConfiguration"})
        for key in ("Text", "SSML", "PromptId"))


def _stored_input(p: dict) -> bool:
    """``store digits`` / ``store phone``: a Text or SSML prompt, a maximum length or a phone-number check."""
    validation = p.get("InputValidation") or {}
    dtmf = p.get("DTMFConfiguration") or {}
    return str(p.get("StoreInput")) == "True" and len({"Text", "SSML", "PromptId"} & set(p)) == 1 and _audio_ok(p) \
        and _keys(p, {"Text", "SSML", "PromptId", "StoreInput", "InputTimeLimitSeconds", "InputValidation",
                      "DTMFConfiguration", "InputEncryption"}) \
        and ("InputEncryption" not in p or (set(p["InputEncryption"] or {}) == {"EncryptionKeyId", "Key"}
                                            and all(p["InputEncryption"].values()))) \
        and _keys(validation, {"CustomValidation", "PhoneNumberValidation"}) and len(validation) <= 1 \
        and str(dtmf.get("DisableCancelKey", "False")) == "False" \
        and _keys(dtmf, {"DisableCancelKey", "InputTerminationSequence"})


METRIC_TYPES = {"NumberOfAgentsAvailable", "NumberOfAgentsStaffed", "NumberOfAgentsOnline",
                "OldestContactInQueueAgeSeconds", "NumberOfContactsInQueue"}


#: parameters that name a target: empty in a block never configured
TARGET_KEYS = {"QueueId", "AgentId", "ContactFlowId", "LambdaFunctionARN", "HoursOfOperationId", "PromptId",
               "FlowModuleId", "AliasArn"}
UNCONFIGURED = "{{unconfigured}}"


def _configured(value: Any, key: str = "") -> Any:
    """``value`` with each empty target replaced by a name to declare (as the importer does)."""
    if isinstance(value, dict):
        return {k: _configured(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_configured(v, key) for v in value]
    return UNCONFIGURED if key in TARGET_KEYS and value == "" else value


def unconfigured(action: dict) -> bool:
    """Some target of the action is empty in the export."""
    return UNCONFIGURED in json.dumps(_configured(action.get("Parameters") or {}))


def expressible(action: dict) -> bool:
    kind = action.get("Type", "")
    rule = RULES.get(kind)
    params = _configured(action.get("Parameters") or {})
    return kind in set(STATEMENT_ACTIONS.values()) and rule is not None and rule(params)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "connect-flows"))
    args = parser.parse_args(argv)
    files = sorted(Path(args.corpus).glob("*.json"))
    if not files:
        print(f"no flows under {args.corpus}", file=sys.stderr)
        return 2
    uses, ok, empty = Counter(), Counter(), 0
    in_files: dict[str, set[str]] = defaultdict(set)
    for path in files:
        for action in json.loads(path.read_text("utf-8")).get("Actions", []):
            kind = action.get("Type", "?")
            uses[kind] += 1
            in_files[kind].add(path.name)
            ok[kind] += expressible(action)
            empty += expressible(action) and unconfigured(action)
    total, good = sum(uses.values()), sum(ok.values())
    with_statement = set(STATEMENT_ACTIONS.values())
    for kind, n in uses.most_common():
        print(f"{kind:40} {len(in_files[kind]):3} files {n:4} uses {ok[kind]:4} expressible")
    missing = sorted(k for k in uses if len(in_files[k]) >= 3 and k not in with_statement)
    print(json.dumps({"files": len(files), "actions": total, "expressible": good,
                      "percent": round(100 * good / total, 1), "unconfigured_targets": empty, "types": len(uses),
                      "types_with_statement": len(set(uses) & with_statement),
                      "types_in_3_files_missing": missing}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

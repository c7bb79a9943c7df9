"""Lowering of the customer-data statements (customer profiles, cases, Voice ID) and of ``task`` and
``callback``, to the parameters and branches the exported flows of the corpus show, with the designer metadata
the console writes for them.

Pages (https://docs.aws.amazon.com/connect/latest/): adminguide/customer-profiles-block.html,
APIReference/interactions-getcustomerprofile.html; adminguide/cases-block.html, APIReference/createcase.html;
adminguide/create-task-block.html; adminguide/transfer-to-queue.html (callback); adminguide/set-voice-id.html,
adminguide/check-voice-id.html, APIReference/contact-actions-updatecontactdata.html.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ccdsl.dsl.compact import flow_ast as ast

#: Create callback's defaults when a statement leaves them out: call back after 5 s, once, 60 s apart
CALLBACK_DELAY, CALLBACK_ATTEMPTS, CALLBACK_RETRY = 5, 1, 60
#: the suffix of the Start Voice ID stream action that follows a ``start voice id``'s settings
VOICE_ID_STREAM = " stream"


def _text(value: Any) -> str:
    if isinstance(value, ast.Str):
        return value.value
    if isinstance(value, ast.Number):
        return value.text
    return str(value)


def _fields(assignments: Iterable[ast.Assignment]) -> dict[str, str]:
    return {a.key: _text(a.value) for a in assignments}


def _flag(on: bool) -> str:
    return "true" if on else "false"


def _get_profile(lw: Any, s: ast.GetProfile, t: dict[str, str]) -> tuple[dict, list]:
    return {"ProfileRequestData": _fields(s.search), "ProfileResponseData": [f.value for f in s.fields]}, []


def _create_profile(lw: Any, s: ast.CreateProfile, t: dict[str, str]) -> tuple[dict, list]:
    return {"ProfileRequestData": _fields(s.data), "ProfileResponseData": [f.value for f in s.fields]}, []


def _get_case(lw: Any, s: ast.GetCase, t: dict[str, str]) -> tuple[dict, list]:
    return {"LinkContactToCase": _flag(s.link), "GetLastUpdatedCase": _flag(s.latest),
            "CaseResponseFields": [f.value for f in s.fields], "CaseRequestFields": _fields(s.search)}, []


def _create_case(lw: Any, s: ast.CreateCase, t: dict[str, str]) -> tuple[dict, list]:
    return {"LinkContactToCase": _flag(s.link), "CaseTemplateId": s.template,
            "CaseRequestFields": _fields(s.fields)}, []


def _check_voice_id(lw: Any, s: ast.CheckVoiceId, t: dict[str, str]) -> tuple[dict, list]:
    option = ast.VOICE_ID_CHECKS[s.check][0]
    return {"CheckVoiceIdOption": option}, [("Equals", result.value, t[f"result{k}"])
                                            for k, b in enumerate(s.results) for result in b.intents]


def voice_id_settings(s: ast.StartVoiceId) -> dict[str, str]:
    """UpdateContactData's Voice ID keys for ``start voice id`` (as the console's Set Voice ID block writes them)."""
    params = {"IsVoiceIdStreamingEnabled": "true", "IsFraudDetectionEnabled": _flag(s.fraud),
              "IsVoiceAuthenticationEnabled": _flag(s.threshold is not None)}
    if s.threshold is not None:
        params["VoiceAuthenticationThreshold"] = str(s.threshold)
    if s.response is not None:
        params["VoiceAuthenticationResponseTime"] = str(s.response)
    return params


def _task(lw: Any, s: ast.Task, t: dict[str, str]) -> tuple[dict, list]:
    params = {"Name": s.name, "ContactFlowId": lw.tokens("flow", s.flow.value)}
    if s.description is not None:
        params["Description"] = s.description
    if s.attributes:
        params["Attributes"] = _fields(s.attributes)
    return params, []


def _callback(lw: Any, s: ast.Callback, t: dict[str, str]) -> tuple[dict, list]:
    params = {} if s.queue is None else {"QueueId": lw.tokens("queue", s.queue.value)}
    params.update({"InitialCallDelaySeconds": str(CALLBACK_DELAY if s.delay is None else s.delay),
                   "MaximumConnectionAttempts": str(s.attempts or CALLBACK_ATTEMPTS),
                   "RetryDelaySeconds": str(CALLBACK_RETRY if s.retry is None else s.retry)})
    return params, []


BLOCK_LOWER: dict[str, Callable[[Any, Any, dict[str, str]], tuple[dict, list]]] = {
    "GetProfile": _get_profile, "CreateProfile": _create_profile, "GetCase": _get_case,
    "CreateCase": _create_case, "CheckVoiceId": _check_voice_id, "Task": _task, "Callback": _callback,
    "StartVoiceId": lambda lw, s, t: ({}, []),
}

#: how the Cases block names the system case fields in the designer
CASE_FIELD_NAMES = {"case_id": "Case Id", "customer_id": "Customer Id", "created_datetime": "Date/Time Opened",
                    "reference_number": "Reference Number", "status": "Status", "summary": "Summary", "title": "Title",
                    "last_updated_datetime": "Last Updated"}


def _case_name(field: str) -> str:
    return CASE_FIELD_NAMES.get(field, field)


def block_metadata(stmt: Any, action: dict) -> dict[str, Any] | None:
    """The designer metadata of a customer-data block, ``task`` or ``callback`` as the console exports show it."""
    params = action["Parameters"]
    if isinstance(stmt, (ast.GetProfile, ast.CreateProfile)):
        request = stmt.search if isinstance(stmt, ast.GetProfile) else stmt.data
        dynamic = {a.key: True for a in request if isinstance(a.value, ast.AttrPath)}
        meta: dict[str, Any] = {"useDynamic": dynamic,
                                "customerProfilesAction": type(stmt).__name__.replace("Profile", "CustomerProfile")}
        if dynamic:
            meta["parameters"] = {"ProfileRequestData": {k: {"useDynamic": True} for k in dynamic}}
        return meta
    if isinstance(stmt, (ast.GetCase, ast.CreateCase)):
        request = stmt.search if isinstance(stmt, ast.GetCase) else stmt.fields
        fields = {a.key: {**({"useDynamic": True} if isinstance(a.value, ast.AttrPath) else {}),
                          "displayName": _case_name(a.key)} for a in request}
        meta = {"parameters": {"CaseRequestFields": fields},
                "requestFieldsOptions": {a.key: _case_name(a.key) for a in request}}
        if isinstance(stmt, ast.GetCase):
            meta["action"] = "getCaseAction"
            meta["parameters"]["CaseResponseFields"] = [{"displayName": _case_name(f.value)} for f in stmt.fields]
            meta["responseFieldsOptions"] = {f.value: _case_name(f.value) for f in stmt.fields}
        else:
            meta["action"] = "createCaseAction"
            meta["parameters"]["CaseTemplateId"] = {"displayName": stmt.template}
            meta["templateName"] = stmt.template
        return meta
    if isinstance(stmt, ast.Task):
        return {"parameters": {"ContactFlowId": {"displayName": stmt.flow.value}},
                "ContactFlow": {"id": params["ContactFlowId"], "text": stmt.flow.value}}
    if isinstance(stmt, ast.Callback) and stmt.queue is not None:
        return {"parameters": {"QueueId": {"displayName": stmt.queue.value}}, "queue": {"text": stmt.queue.value}}
    return None


def voice_id_metadata(settings_id: str, stream_id: str) -> tuple[dict, dict]:
    """The metadata of ``start voice id``'s two actions: the settings (UpdateContactData) point at the stream
    they belong to, the stream back at its settings (``fragments``), as the console writes Set Voice ID."""
    return ({"children": [stream_id], "dynamicParams": []},
            {"voiceAuthenticationUseDynamic": False, "voiceAuthenticationResponseTimeUseDynamic": False,
             "fraudDetectionUseDynamic": False, "fragments": {"SetContactData": settings_id}})


__all__ = ["BLOCK_LOWER", "block_metadata", "voice_id_metadata", "voice_id_settings"]

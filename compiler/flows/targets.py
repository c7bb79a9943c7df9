"""Lowering of the statements that name a target or a contact hook: ``play``, ``run module``, ``return``,
``media streaming`` and ``contact lens`` (the parameters follow the corpus exports), and the value of any
target that may be a contact attribute read at run time (``queue $.Attributes.q``)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ccdsl.dsl.compact import flow_ast as ast

#: Start/stop media streaming (start-media-streaming.html): ccdsl streams the customer's audio both ways
STREAMED_PARTICIPANTS = [{"ParticipantType": "Customer", "MediaDirections": ["To", "From"]}]
LENS_MODES = {"realtime": "RealTime", "postcall": "PostCall"}
#: the voice modes of the per-channel configuration (API_ContactLensChannelConfiguration.html)
CHANNEL_LENS_MODES = {"realtime": "RealTime", "postcall": "PostContact"}


def ref(lw: Any, kind: str, target: ast.Target) -> str:
    """A target's parameter value: the apply-time token of a named site object, or the JSONPath of a contact
    attribute Connect reads when the block runs (a dynamic target)."""
    if isinstance(target, ast.AttrPath):
        return target.path
    return str(lw.tokens(kind, target.value))


def _play(lw: Any, s: ast.Play, t: dict[str, str]) -> tuple[dict, list]:
    return {"PromptId": ref(lw, "prompt", s.prompt)}, []


def _run_module(lw: Any, s: ast.RunModule, t: dict[str, str]) -> tuple[dict, list]:
    if isinstance(s.module, ast.AttrPath):
        return {"FlowModuleId": s.module.path}, []
    return {"FlowModuleId": lw.tokens("flow", s.module.value, "id")}, []


def _media_streaming(lw: Any, s: ast.MediaStreaming, t: dict[str, str]) -> tuple[dict, list]:
    params: dict[str, Any] = {"MediaStreamingState": "Enabled" if s.on else "Disabled", "MediaStreamType": "Audio",
                              "Participants": [dict(p) for p in STREAMED_PARTICIPANTS]}
    return params, []


def redaction_results(redacted: bool, original: bool) -> str:
    """AnalyticsRedactionResults (contact-actions-updatecontactrecordingbehavior.html: RedactedAndOriginal or
    RedactedOnly). With redaction off, console exports carry "None" (older) or the hidden choice RedactedAndOriginal
    (``not redacted``); no AWS page says what Connect does with the setting then, so the statement writes it as
    given."""
    if original:
        return "RedactedAndOriginal"
    return "RedactedOnly" if redacted else "None"


def _contact_lens(lw: Any, s: ast.ContactLens, t: dict[str, str]) -> tuple[dict, list]:
    """Set recording and analytics behavior (set-recording-behavior.html): Contact Lens analyses a recorded
    conversation, so both sides are recorded."""
    analytics: dict[str, Any] = {"Enabled": "True", "AnalyticsLanguage": s.language.value.replace("_", "-"),
                                 "AnalyticsMode": LENS_MODES[s.mode],
                                 "AnalyticsRedactionBehavior": "Enabled" if s.redacted else "Disabled",
                                 "AnalyticsRedactionResults": redaction_results(s.redacted, s.original)}
    if s.chat:  # per channel (API_ContactLensChannelConfiguration.html): ContactLens is chat's only mode
        del analytics["AnalyticsMode"]
        analytics["ChannelConfiguration"] = {"Chat": {"AnalyticsModes": ["ContactLens"]},
                                             "Voice": {"AnalyticsModes": [CHANNEL_LENS_MODES[s.mode]]}}
    return {"RecordingBehavior": {"RecordedParticipants": ["Agent", "Customer"]}, "AnalyticsBehavior": analytics}, []


TARGET_LOWER: dict[str, Callable[[Any, Any, dict[str, str]], tuple[dict, list]]] = {
    "Play": _play,
    "RunModule": _run_module,
    "Return": lambda lw, s, t: ({}, []),
    "MediaStreaming": _media_streaming,
    "ContactLens": _contact_lens,
}

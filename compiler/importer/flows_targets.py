"""Decompiler rows for the statements that name a target or a contact hook: ``play``, ``run module``,
``return``, ``media streaming``, ``contact lens``, Lex session attributes on ``ask … with``, and dynamic
targets (``queue $.…``, ``transfer to flow $.…``, ``transfer to number $.…``, ``invoke $.…``).

They invert :data:`ccdsl.compiler.flows.targets.TARGET_LOWER` and the matching entries of
:data:`ccdsl.compiler.flows.lower.LOWER`. A row here either reads an action Type of its own or wraps the
row :mod:`.flows` already has for that Type: the wrapper handles the new parameter (a prompt, a session
attribute, a target read from the contact) and leaves every other parameter to the row it wraps.
:data:`TARGET_ROWS` is merged into :data:`.flows.ROWS`.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from typing import Any

from ccdsl.compiler.flows.targets import CHANNEL_LENS_MODES, LENS_MODES, STREAMED_PARTICIPANTS, redaction_results
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.flows import catalog as cat

from .actions import Action, Inexpressible
from .flows import Context, Decoded, Row, _assignments, _simple, _with_error
from .names import NameBook
from .rowkit import target as _target

MODES = {v: k for k, v in LENS_MODES.items()}
CHANNEL_MODES = {v: k for k, v in CHANNEL_LENS_MODES.items()}
_LOCALE = re.compile(r"^[a-z]{2,3}-[A-Z]{2}$")
#: a value the wrapped row accepts where the flow reads the target from the contact (the name it gives is dropped)
_STAND_IN = {"queue": "{{dynamic}}", "flow": "{{dynamic}}", "function": "arn:aws:lambda:x:1:function:dynamic",
             "number": "+10000000000"}




def _error_or_next(act: Action) -> str | None:
    """The error branch of a statement whose error goes on below when not written (None: it goes on)."""
    error = act.errors.get(cat.NO_MATCHING_ERROR)
    return None if error in (None, act.next) else error


def _play(act: Action, cx: Context) -> Decoded:
    act.no_conditions()
    act.only("PromptId")
    act.errors_only(cat.NO_MATCHING_ERROR)
    prompt, error = _target(act, cx, "prompt", "PromptId"), _error_or_next(act)
    if cat.NO_MATCHING_ERROR not in act.errors:  # a Play prompt block without an Error branch
        return Decoded(lambda ref: A.Play(prompt, no_error=True), act.next)
    if error is None:
        return Decoded(lambda ref: A.Play(prompt), act.next)
    return Decoded(lambda ref: A.Play(prompt, ref(error)), act.next, (error,), error, keeps_error=True)


def _run_module(act: Action, cx: Context) -> Callable[[A.Name], A.Stmt]:
    if cx.flow_type == cat.MODULE:
        raise Inexpressible("a module run from a module")
    module = _target(act, cx, "flow", "FlowModuleId")
    return lambda e: A.RunModule(module, e)


def _return(act: Action, cx: Context) -> Decoded:
    if cx.flow_type != cat.MODULE:
        raise Inexpressible("a module's return outside a module")
    act.only()
    return Decoded(lambda ref: A.Return(), None)


def _media_streaming(act: Action, cx: Context) -> Decoded:
    act.no_conditions()
    act.only("MediaStreamingState", "MediaStreamType", "Participants")
    state = act.params.get("MediaStreamingState")
    if state not in ("Enabled", "Disabled"):
        raise Inexpressible(f"MediaStreamingState {state!r}")
    if act.params.get("MediaStreamType") != "Audio":
        raise Inexpressible(f"MediaStreamType {act.params.get('MediaStreamType')!r}")
    if act.params.get("Participants") != STREAMED_PARTICIPANTS:
        raise Inexpressible("Participants other than the customer's audio both ways")
    act.errors_only(cat.NO_MATCHING_ERROR)
    on, error = state == "Enabled", _error_or_next(act)
    if error is None:
        return Decoded(lambda ref: A.MediaStreaming(on), act.next)
    return Decoded(lambda ref: A.MediaStreaming(on, ref(error)), act.next, (error,), error, keeps_error=True)


def _contact_lens(act: Action, cx: Context) -> A.Stmt:
    if act.params.get("RecordingBehavior") != {"RecordedParticipants": ["Agent", "Customer"]}:
        raise Inexpressible("Contact Lens without recording both sides")
    analytics = act.params.get("AnalyticsBehavior")
    if not isinstance(analytics, Mapping) or analytics.get("Enabled") != "True":
        raise Inexpressible("AnalyticsBehavior that is not enabled")
    base = {"Enabled", "AnalyticsLanguage", "AnalyticsRedactionBehavior", "AnalyticsRedactionResults"}
    chat = "ChannelConfiguration" in analytics
    if set(analytics) != base | ({"ChannelConfiguration"} if chat else {"AnalyticsMode"}):
        raise Inexpressible(f"AnalyticsBehavior {sorted(analytics)}")
    language = str(analytics.get("AnalyticsLanguage"))
    if chat:  # 'contact lens … and chat': voice in one mode, chat with Contact Lens
        channels = analytics["ChannelConfiguration"]
        voice = channels.get("Voice", {}).get("AnalyticsModes") if isinstance(channels, Mapping) else None
        if not isinstance(channels, Mapping) or set(channels) != {"Chat", "Voice"} \
                or channels["Chat"] != {"AnalyticsModes": ["ContactLens"]} or not isinstance(voice, list) \
                or len(voice) != 1 or voice[0] not in CHANNEL_MODES:
            raise Inexpressible(f"ChannelConfiguration {channels!r}")
        mode: str | None = CHANNEL_MODES[voice[0]]
    else:
        mode = MODES.get(str(analytics.get("AnalyticsMode")))
    if mode is None:
        raise Inexpressible(f"AnalyticsMode {analytics.get('AnalyticsMode')!r}")
    if not _LOCALE.match(language):
        raise Inexpressible(f"AnalyticsLanguage {language!r}")
    redaction = (analytics.get("AnalyticsRedactionBehavior"), analytics.get("AnalyticsRedactionResults"))
    said = {(on, original): (behaviour, redaction_results(on, original)) for on, behaviour in
            ((True, "Enabled"), (False, "Disabled")) for original in (False, True)}
    for (on, original), written in said.items():
        if written == redaction:
            return A.ContactLens(mode, A.Name(language.replace("-", "_")), on, chat=chat, original=original)
    raise Inexpressible(f"redaction {redaction!r}")


_lens_row = _simple(_contact_lens, "RecordingBehavior", "AnalyticsBehavior", errors=False)


def _without(act: Action, param: str, value: Any = None) -> Action:
    """``act`` with ``param`` left out, or set to ``value``."""
    params = {k: v for k, v in act.params.items() if k != param}
    if value is not None:
        params[param] = value
    return dataclasses.replace(act, params=params)


def _then(decoded: Decoded, **fields: Any) -> Decoded:
    """``decoded`` whose statement has ``fields`` set."""
    make = decoded.make
    return dataclasses.replace(decoded, make=lambda ref: dataclasses.replace(make(ref), **fields))


def _dynamic(row: Row, param: str, kind: str, field: str) -> Row:
    """``row`` that also reads a target held in a contact attribute (``param`` = ``$.…``): the action is read
    with a stand-in target, and the statement's ``field`` is then the attribute path."""
    def read(act: Action, cx: Context) -> Decoded:
        value = act.params.get(param)
        if not (isinstance(value, str) and value.startswith("$.")):
            return row(act, cx)
        path = _target(act, cx, kind, param)
        scratch = dataclasses.replace(cx, book=NameBook())  # the stand-in's name is declared nowhere
        return _then(row(_without(act, param, _STAND_IN[kind]), scratch), **{field: path})
    return read


def _either(param: str, row: Row, otherwise: Row) -> Row:
    """``row`` for an action with ``param``, else ``otherwise``."""
    def read(act: Action, cx: Context) -> Decoded:
        return row(act, cx) if param in act.params else otherwise(act, cx)
    return read


def _session(ask: Row) -> Row:
    """``ask … with k = v``: the Lex session attributes, and the rest of the action read by ``ask``."""
    def read(act: Action, cx: Context) -> Decoded:
        if "LexSessionAttributes" not in act.params:
            return ask(act, cx)
        session = _assignments(act.params["LexSessionAttributes"], "LexSessionAttributes")
        return _then(ask(_without(act, "LexSessionAttributes"), cx), session=session)
    return read


def target_rows(base: Mapping[str, Row]) -> dict[str, Row]:
    """The rows to merge into ``base`` (the table of :mod:`.flows`); a row that adds a parameter to an action
    Type ``base`` already reads wraps ``base``'s row."""
    return {
        "MessageParticipant": _either("PromptId", _play, base["MessageParticipant"]),
        "InvokeFlowModule": _with_error(_run_module, "FlowModuleId"),
        "EndFlowModuleExecution": _return,
        "UpdateContactMediaStreamingBehavior": _media_streaming,
        "UpdateContactRecordingBehavior": _either("AnalyticsBehavior", _lens_row,
                                                  base["UpdateContactRecordingBehavior"]),
        "ConnectParticipantWithLexBot": _session(base["ConnectParticipantWithLexBot"]),
        "UpdateContactTargetQueue": _dynamic(base["UpdateContactTargetQueue"], "QueueId", "queue", "queue"),
        "TransferToFlow": _dynamic(base["TransferToFlow"], "ContactFlowId", "flow", "flow"),
        "InvokeLambdaFunction": _dynamic(base["InvokeLambdaFunction"], "LambdaFunctionARN", "function", "function"),
        "TransferParticipantToThirdParty": _dynamic(base["TransferParticipantToThirdParty"], "ThirdPartyPhoneNumber",
                                                    "number", "number"),
    }

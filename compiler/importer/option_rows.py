"""Decompiler rows for options added to existing blocks: ``queue agent`` (UpdateContactTargetQueue with
``AgentId``), ``set customer id`` (UpdateContactData with ``CustomerId``) and ``start voice id`` — two actions,
UpdateContactData with the Voice ID keys followed by StartVoiceIdStream, read as one statement by
:func:`fold_voice_id` (as :func:`.input_rows.fold_copies` reads ``store … into``).

They invert the lowering of :mod:`ccdsl.compiler.flows.lower` and :mod:`ccdsl.compiler.flows.blocks`;
:func:`option_rows` wraps the rows :mod:`.flows` already has for these Types.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import replace

from ccdsl.compiler.flows.blocks import voice_id_settings
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.flows import catalog as cat

from .actions import Action, Inexpressible
from .rowkit import Context, Decoded, error_or_next, error_target, target, value, whole

#: the keys of UpdateContactData a Set Voice ID block writes
VOICE_ID_KEYS = frozenset({"IsVoiceIdStreamingEnabled", "IsFraudDetectionEnabled", "IsVoiceAuthenticationEnabled",
                           "VoiceAuthenticationThreshold", "VoiceAuthenticationResponseTime"})
STREAM = "StartVoiceIdStream"
Row = Callable[[Action, Context], Decoded]


def agent_queue(act: Action, cx: Context) -> Decoded:
    """``queue agent AGENT`` / ``queue agent $.…``: the agent's own queue becomes the working queue."""
    act.no_conditions()
    act.only("AgentId")
    agent = target(act, cx, "agent", "AgentId")
    act.errors_only(cat.NO_MATCHING_ERROR)
    error = error_target(act)
    return Decoded(lambda ref: A.SetQueue(agent, ref(error), agent=True), act.next, (error,), error)


def customer_id(act: Action, cx: Context) -> Decoded:
    """``set customer id "C-1"`` / ``set customer id $.…``."""
    act.no_conditions()
    act.only("CustomerId")
    act.errors_only(cat.NO_MATCHING_ERROR)
    text = value(act.params.get("CustomerId"))
    error = error_target(act)
    return Decoded(lambda ref: A.SetCustomerId(text, ref(error)), act.next, (error,), error)


def voice_id(act: Action, cx: Context) -> Decoded:
    """The settings half of ``start voice id [authenticate N] [response Ts] [fraud]``; its stream is folded in."""
    act.no_conditions()
    act.only(*VOICE_ID_KEYS)
    threshold = whole(act, "VoiceAuthenticationThreshold", 0, 100) if "VoiceAuthenticationThreshold" in act.params \
        else None
    response = whole(act, "VoiceAuthenticationResponseTime", 1) if "VoiceAuthenticationResponseTime" in act.params \
        else None
    stmt = A.StartVoiceId(threshold, response, act.params.get("IsFraudDetectionEnabled") == "true")
    if voice_id_settings(stmt) != dict(act.params):  # every key exactly as the statement writes it
        raise Inexpressible(f"Voice ID settings {dict(act.params)!r}")
    act.errors_only(cat.NO_MATCHING_ERROR)
    error = error_or_next(act)
    if error is None:
        return Decoded(lambda ref: stmt, act.next)
    return Decoded(lambda ref: replace(stmt, error=ref(error)), act.next, (error,), error, keeps_error=True)


def voice_stream(act: Action, cx: Context) -> Decoded:
    """StartVoiceIdStream: read only as the second half of ``start voice id`` (see :func:`fold_voice_id`)."""
    act.no_conditions()
    act.only()
    act.errors_only(cat.NO_MATCHING_ERROR)
    return Decoded(lambda ref: A.StartVoiceId(), act.next)


def fold_voice_id(start: str, acts: Mapping[str, Action], decoded: dict[str, Decoded], cx: Context) -> list[str]:
    """Fold each StartVoiceIdStream into the Voice ID settings right before it (which alone reach it and share its
    error branch); the identifiers of the streams that could not be folded (their flows stay templates)."""
    incoming = Counter(t for ident in decoded for t in acts[ident].targets())
    for ident in list(decoded):
        act = acts[ident]
        if ident not in decoded or act.type != "UpdateContactData" or not VOICE_ID_KEYS & set(act.params):
            continue
        stream = act.next
        if stream is None or stream == start or stream not in decoded or acts[stream].type != STREAM \
                or incoming[stream] != 1 or dict(acts[stream].errors) != dict(act.errors):
            continue
        decoded.pop(stream)
        # read again as one action going on where the stream goes on: an error branch to there is not written
        decoded[ident] = voice_id(replace(act, next=acts[stream].next), cx)
    return [i for i in decoded if acts[i].type == STREAM]


def option_rows(base: Mapping[str, Row]) -> dict[str, Row]:
    """Rows that read the new options and leave every other action of their Type to ``base``."""
    queue, data = base["UpdateContactTargetQueue"], base["UpdateContactData"]

    def target_queue(act: Action, cx: Context) -> Decoded:
        return agent_queue(act, cx) if "AgentId" in act.params else queue(act, cx)

    def contact_data(act: Action, cx: Context) -> Decoded:
        if "CustomerId" in act.params:
            return customer_id(act, cx)
        if VOICE_ID_KEYS & set(act.params):
            return voice_id(act, cx)
        return data(act, cx)
    return {"UpdateContactTargetQueue": target_queue, "UpdateContactData": contact_data, STREAM: voice_stream}

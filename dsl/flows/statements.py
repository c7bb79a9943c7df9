"""How the statements of a ``do:`` body map to Connect actions (data; the rules of each action are
in :mod:`.catalog`)."""
from __future__ import annotations

from collections.abc import Mapping

from .catalog import (
    AGENT_HOLD,
    AGENT_WHISPER,
    CONTACT_FLOW,
    CUSTOMER_HOLD,
    CUSTOMER_QUEUE,
    CUSTOMER_WHISPER,
    MODULE,
    OUTBOUND_WHISPER,
)

#: the Connect action Type each statement of a ``do:`` body becomes (by syntax-tree class name);
#: ``label`` and ``goto`` become none. ``end`` ends a module with EndFlowModuleExecution.
STATEMENT_ACTIONS: Mapping[str, str] = {
    "Say": "MessageParticipant", "Logging": "UpdateFlowLoggingBehavior",
    "Recording": "UpdateContactRecordingBehavior", "Voice": "UpdateContactTextToSpeechVoice",
    "SetAttributes": "UpdateContactAttributes", "IfHours": "CheckHoursOfOperation", "IfCompare": "Compare",
    "Check": "Compare", "Ask": "ConnectParticipantWithLexBot", "Menu": "GetParticipantInput",
    "Invoke": "InvokeLambdaFunction", "SetQueue": "UpdateContactTargetQueue", "Transfer": "TransferContactToQueue",
    "TransferToFlow": "TransferToFlow", "TransferToNumber": "TransferParticipantToThirdParty",
    "Hangup": "DisconnectParticipant", "End": "EndFlowExecution", "LoopPrompts": "MessageParticipantIteratively",
    "Wait": "Wait", "SetFlow": "UpdateContactEventHooks", "Callback": "CreateCallbackContact", "Task": "CreateTask",
    "Language": "UpdateContactData",
    "StoreInput": "GetParticipantInput", "SetCallbackNumber": "UpdateContactCallbackNumber", "LoopTimes": "Loop",
    "IfQueue": "CheckMetricData", "LoadMetrics": "GetMetricData", "SetRouting": "UpdateContactRoutingBehavior",
    "Distribute": "DistributeByPercentage",
    "Play": "MessageParticipant", "RunModule": "InvokeFlowModule",
    "Return": "EndFlowModuleExecution", "MediaStreaming": "UpdateContactMediaStreamingBehavior",
    "ContactLens": "UpdateContactRecordingBehavior", "ShowView": "ShowView",
    "SetCustomerId": "UpdateContactData",
    "GetProfile": "GetCustomerProfile", "CreateProfile": "CreateCustomerProfile", "GetCase": "GetCase",
    "CreateCase": "CreateCase", "StartVoiceId": "StartVoiceIdStream", "CheckVoiceId": "CheckVoiceId",
}

#: the statement keyword users write, for messages
STATEMENT_KEYWORDS: Mapping[str, str] = {
    "Say": "say", "Logging": "logging", "Recording": "recording", "Voice": "voice", "SetAttributes": "set",
    "IfHours": "if open/closed", "IfCompare": "if", "Check": "check", "Ask": "ask", "Menu": "menu",
    "Invoke": "invoke", "SetQueue": "queue", "Transfer": "transfer", "TransferToFlow": "transfer to flow",
    "TransferToNumber": "transfer to number", "Hangup": "hangup", "End": "end", "LoopPrompts": "loop prompts",
    "Wait": "wait", "SetFlow": "set … flow", "Callback": "callback", "Task": "task", "Goto": "goto", "Label": "label",
    "Language": "language",
    "StoreInput": "store", "SetCallbackNumber": "set callback number", "LoopTimes": "loop … times",
    "IfQueue": "if queue", "LoadMetrics": "load queue metrics", "SetRouting": "set routing", "Distribute": "distribute",
    "Play": "play", "RunModule": "run module", "Return": "return",
    "MediaStreaming": "media streaming", "ContactLens": "contact lens", "ShowView": "show view",
    "SetCustomerId": "set customer id",
    "GetProfile": "get profile", "CreateProfile": "create profile", "GetCase": "get case",
    "CreateCase": "create case", "StartVoiceId": "start voice id", "CheckVoiceId": "check voice id",
}

#: where control goes when a body ends without ending the contact, per flow type
END_OF_FLOW: Mapping[str, str] = {
    CUSTOMER_WHISPER: "EndFlowExecution", AGENT_WHISPER: "EndFlowExecution", OUTBOUND_WHISPER: "EndFlowExecution",
    CUSTOMER_QUEUE: "EndFlowExecution", MODULE: "EndFlowModuleExecution",
    # a hold flow cannot hang up (disconnect-hang-up.html): when its statements run out the flow ends
    CUSTOMER_HOLD: "EndFlowExecution", AGENT_HOLD: "EndFlowExecution",
}
DEFAULT_END = "DisconnectParticipant"

#: ``set queue|whisper|hold|disconnect|customer whisper flow F``: the event hook it sets and the flow type F
#: must have (set-customer-queue-flow.html, set-whisper-flow.html, set-hold-flow.html, set-disconnect-flow.html:
#: a disconnect flow is an inbound flow)
EVENT_HOOKS: Mapping[str, tuple[str, str]] = {
    "queue": ("CustomerQueue", CUSTOMER_QUEUE),
    "whisper": ("AgentWhisper", AGENT_WHISPER),
    "hold": ("CustomerHold", CUSTOMER_HOLD),
    "disconnect": ("CustomerRemaining", CONTACT_FLOW),
    "customer whisper": ("CustomerWhisper", CUSTOMER_WHISPER),
}


def statement_action(kind: str, flow_type: str) -> str | None:
    """The action Type a statement (syntax-tree class name) becomes in a flow of ``flow_type``."""
    if kind == "End" and flow_type == MODULE:
        return "EndFlowModuleExecution"
    return STATEMENT_ACTIONS.get(kind)


def end_of_flow(flow_type: str) -> str:
    return END_OF_FLOW.get(flow_type, DEFAULT_END)

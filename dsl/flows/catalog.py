"""The Connect action catalogue: what the Connect flow language allows per action ``Type``.

Data only. The flow validator (``ccdsl.compiler.flows.validate``), the lowering and the semantic
flow checks read it; none of them hard-codes a Type's rules.

Per Type:

- ``flow_types``: the flow types the action may appear in (``None``: every type);
- ``terminal``: ``"always"`` (``Transitions: {}``), ``"never"`` (``NextAction`` required) or
  ``"optional"`` (either; e.g. Loop prompts ends a hold flow but continues in a queue flow);
- ``errors_required`` / ``errors_optional``: error branches; any other ErrorType is rejected
  (``errors_optional is None``: not checked);
- ``next_action``: which branch ``NextAction`` duplicates, as exports write it: ``"error:X"`` (the
  target of ErrorType X), ``"condition:V"`` (the target of the condition with operand V), ``None``
  (the success path; not checked);
- ``params``: parameter names accepted (``None``: not checked); ``structured``: those whose value is
  an object or list; ``free_form``: those whose nested values may be any JSON (everything else
  is a string); ``required`` parameters; ``one_of``: groups of which exactly one must be given;
- ``ranges``: inclusive numeric ranges of parameters given as numbers; ``patterns``: regular
  expressions a static (non-JSONPath) parameter value must match; ``filled_maps``: map parameters
  whose every value must be non-empty;
- ``conditions``: ``"required"``, ``"allowed"`` or ``"none"``; ``operands``: the only operands
  allowed (``None``: any);
- ``variant_param`` / ``variants``: rules that depend on one parameter's value (Get customer input
  in menu mode versus store mode).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

# --- flow types (CreateContactFlow ``Type``; modules are their own resource) -------------------------
CONTACT_FLOW = "CONTACT_FLOW"
CUSTOMER_QUEUE = "CUSTOMER_QUEUE"
CUSTOMER_HOLD = "CUSTOMER_HOLD"
AGENT_HOLD = "AGENT_HOLD"
CUSTOMER_WHISPER = "CUSTOMER_WHISPER"
AGENT_WHISPER = "AGENT_WHISPER"
OUTBOUND_WHISPER = "OUTBOUND_WHISPER"
AGENT_TRANSFER = "AGENT_TRANSFER"
QUEUE_TRANSFER = "QUEUE_TRANSFER"
CAMPAIGN = "CAMPAIGN"
MODULE = "MODULE"

FLOW_TYPES: frozenset[str] = frozenset({
    CONTACT_FLOW, CUSTOMER_QUEUE, CUSTOMER_HOLD, AGENT_HOLD, CUSTOMER_WHISPER, AGENT_WHISPER,
    OUTBOUND_WHISPER, AGENT_TRANSFER, QUEUE_TRANSFER, CAMPAIGN, MODULE,
})
TRANSFERS = frozenset({AGENT_TRANSFER, QUEUE_TRANSFER})
WHISPERS = frozenset({CUSTOMER_WHISPER, AGENT_WHISPER, OUTBOUND_WHISPER})
HOLDS = frozenset({CUSTOMER_HOLD, AGENT_HOLD})
INBOUND = frozenset({CONTACT_FLOW, MODULE})  # modules hold what contact flows hold

#: the ``.ccd`` spelling of each flow type (``type: queue_transfer``)
DSL_FLOW_TYPES: Mapping[str, str] = {
    "contact_flow": CONTACT_FLOW, "inbound": CONTACT_FLOW, "contact": CONTACT_FLOW,
    "customer_queue": CUSTOMER_QUEUE, "queue": CUSTOMER_QUEUE,
    "customer_hold": CUSTOMER_HOLD, "hold": CUSTOMER_HOLD, "agent_hold": AGENT_HOLD,
    "customer_whisper": CUSTOMER_WHISPER, "whisper": CUSTOMER_WHISPER,
    "agent_whisper": AGENT_WHISPER, "outbound_whisper": OUTBOUND_WHISPER,
    "agent_transfer": AGENT_TRANSFER, "queue_transfer": QUEUE_TRANSFER,
    "campaign": CAMPAIGN, "module": MODULE,
}

# --- limits -------------------------------------------------------------------------------------------
VERSION = "2019-10-30"
MAX_ACTIONS = 250
MAX_CONTENT_CHARS = 256_000
MAX_IDENTIFIER_CHARS = 50
BANNED_IDENTIFIER_CHARS = frozenset("%:()\\/=$,;[]{}")
BANNED_IDENTIFIERS = frozenset({
    "__proto__", "constructor", "__defineGetter__", "__defineSetter__", "toString", "hasOwnProperty",
    "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "valueOf",
})
CONDITION_OPERATORS = frozenset({
    "Equals", "TextStartsWith", "TextEndsWith", "TextContains", "NumberGreaterThan",
    "NumberGreaterOrEqualTo", "NumberLessThan", "NumberLessOrEqualTo",
})
NO_MATCHING_ERROR = "NoMatchingError"
NO_MATCHING_CONDITION = "NoMatchingCondition"


@dataclass(frozen=True)
class Variant:
    errors_required: frozenset[str]
    errors_optional: frozenset[str] | None
    next_action: str | None
    conditions: str


@dataclass(frozen=True)
class ActionSpec:
    type: str
    block: str
    flow_types: frozenset[str] | None = None
    terminal: str = "never"
    errors_required: frozenset[str] = frozenset({NO_MATCHING_ERROR})
    errors_optional: frozenset[str] | None = frozenset()
    next_action: str | None = None
    params: frozenset[str] | None = None
    structured: frozenset[str] = frozenset()
    free_form: frozenset[str] = frozenset()
    required: frozenset[str] = frozenset()
    one_of: tuple[frozenset[str], ...] = ()
    ranges: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    patterns: Mapping[str, str] = field(default_factory=dict)
    filled_maps: frozenset[str] = frozenset()
    conditions: str = "none"
    operands: frozenset[str] | None = None
    variant_param: str | None = None
    variants: Mapping[str, Variant] = field(default_factory=dict)
    variant_default: str | None = None

    def variant(self, parameters: Mapping) -> ActionSpec:
        """The spec as it applies to an action with these parameters."""
        if not self.variant_param:
            return self
        key = parameters.get(self.variant_param, self.variant_default) if isinstance(parameters, Mapping) else None
        v = self.variants.get(str(key)) or self.variants[str(self.variant_default)]
        return replace(self, errors_required=v.errors_required, errors_optional=v.errors_optional,
                       next_action=v.next_action, conditions=v.conditions, variant_param=None)

    def allowed_in(self, flow_type: str) -> bool:
        return self.flow_types is None or flow_type in self.flow_types


def _fs(*names: str) -> frozenset[str]:
    return frozenset(names)


NME = _fs(NO_MATCHING_ERROR)
NONE: frozenset[str] = frozenset()
PROMPT = _fs("Text", "SSML", "PromptId")
_ALL_BUT_HOLD = FLOW_TYPES - HOLDS
_INTERACTIVE = INBOUND | TRANSFERS | {CUSTOMER_QUEUE, CAMPAIGN}  # contact, transfer, customer-queue
_ROUTING = INBOUND | TRANSFERS | {CAMPAIGN}  # contact + transfer flows
_VOICE_ID = INBOUND | TRANSFERS | WHISPERS | {CUSTOMER_QUEUE}

_SPECS: list[ActionSpec] = [
    # -- terminal ------------------------------------------------------------------------------------
    # disconnect-hang-up.html: inbound, customer queue and transfer flows; not whisper or hold flows
    ActionSpec("DisconnectParticipant", "Disconnect / hang up",
               INBOUND | TRANSFERS | {CUSTOMER_QUEUE, CAMPAIGN}, terminal="always",
               errors_required=NONE, params=NONE),
    # end-flow-resume.html: all flows (ccdsl writes it where a whisper, queue or hold flow ends)
    ActionSpec("EndFlowExecution", "End flow / Resume", WHISPERS | HOLDS | {CUSTOMER_QUEUE}, terminal="always",
               errors_required=NONE, params=NONE),
    ActionSpec("EndFlowModuleExecution", "Return", _fs(MODULE), terminal="always",
               errors_required=NONE, params=NONE),
    # -- interactions --------------------------------------------------------------------------------
    ActionSpec("MessageParticipant", "Play prompt", _ALL_BUT_HOLD, errors_required=NONE, errors_optional=NME,
               params=PROMPT | {"Media"}, structured=_fs("Media"), one_of=(PROMPT | {"Media"},)),
    ActionSpec("MessageParticipantIteratively", "Loop prompts", HOLDS | {CUSTOMER_QUEUE}, terminal="optional",
               errors_required=NONE, errors_optional=NME, next_action="error:NoMatchingError",
               params=_fs("Messages", "InterruptFrequencySeconds"), structured=_fs("Messages"),
               required=_fs("Messages"), conditions="allowed", operands=_fs("MessagesInterrupted")),
    ActionSpec("GetParticipantInput", "Get customer input", _INTERACTIVE,
               params=PROMPT | {"InputTimeLimitSeconds", "StoreInput", "InputValidation", "DTMFConfiguration",
                                "LexV2Bot", "LexSessionAttributes", "InputEncryption"},
               structured=_fs("InputValidation", "DTMFConfiguration", "LexV2Bot", "LexSessionAttributes",
                              "InputEncryption"),
               one_of=(PROMPT,), ranges={"InputTimeLimitSeconds": (1, 180)},
               variant_param="StoreInput", variant_default="False",
               variants={
                   "False": Variant(_fs("InputTimeLimitExceeded", NO_MATCHING_CONDITION, NO_MATCHING_ERROR),
                                    NONE, "error:NoMatchingCondition", "allowed"),
                   "True": Variant(NME, _fs("InvalidPhoneNumber"), None, "none"),
               }),
    ActionSpec("ConnectParticipantWithLexBot", "Get customer input (Lex)", _INTERACTIVE,
               errors_required=_fs(NO_MATCHING_ERROR, NO_MATCHING_CONDITION), next_action="error:NoMatchingError",
               params=_fs("Text", "SSML", "PromptId", "LexV2Bot", "LexBot", "LexSessionAttributes",
                          "LexTimeoutSeconds"),
               structured=_fs("LexV2Bot", "LexBot", "LexSessionAttributes", "LexTimeoutSeconds"),
               required=_fs("LexV2Bot.AliasArn"), conditions="allowed"),
    # show-view-block.html "Flow types": inbound and customer queue flows (modules run inside inbound flows)
    ActionSpec("ShowView", "Show view", _fs(CONTACT_FLOW, MODULE, CUSTOMER_QUEUE),
               errors_required=_fs(NO_MATCHING_ERROR, NO_MATCHING_CONDITION),
               errors_optional=_fs("TimeLimitExceeded"), next_action="error:NoMatchingCondition",
               params=_fs("ViewResource", "InvocationTimeLimitSeconds", "ViewData"),
               structured=_fs("ViewResource", "ViewData"), free_form=_fs("ViewData"), conditions="allowed"),
    # -- flow control --------------------------------------------------------------------------------
    ActionSpec("Compare", "Check contact attributes", errors_required=_fs(NO_MATCHING_CONDITION),
               next_action="error:NoMatchingCondition", params=_fs("ComparisonValue"),
               required=_fs("ComparisonValue"), conditions="required"),
    ActionSpec("CheckHoursOfOperation", "Check hours of operation", _INTERACTIVE - {CAMPAIGN},
               next_action="error:NoMatchingError", params=_fs("HoursOfOperationId"),
               conditions="allowed", operands=_fs("True", "False")),
    ActionSpec("CheckMetricData", "Check queue status", _INTERACTIVE - {CAMPAIGN},
               errors_required=_fs(NO_MATCHING_ERROR, NO_MATCHING_CONDITION), next_action="error:NoMatchingError",
               params=_fs("MetricType", "QueueId", "AgentId"), conditions="required"),
    ActionSpec("DistributeByPercentage", "Distribute by percentage", _INTERACTIVE - {CAMPAIGN},
               errors_required=_fs(NO_MATCHING_CONDITION), errors_optional=NONE,
               next_action="error:NoMatchingCondition", conditions="allowed"),
    ActionSpec("Loop", "Loop", errors_required=NONE, errors_optional=NME, next_action="condition:DoneLooping",
               params=_fs("LoopCount"), required=_fs("LoopCount"), ranges={"LoopCount": (0, 100)},
               conditions="required", operands=_fs("ContinueLooping", "DoneLooping")),
    # wait.html: inbound and customer queue flows only
    ActionSpec("Wait", "Wait", _fs(CONTACT_FLOW, MODULE, CUSTOMER_QUEUE), next_action="error:NoMatchingError",
               params=_fs("TimeLimitSeconds", "Events"),
               structured=_fs("Events"), ranges={"TimeLimitSeconds": (0, 604800)}, conditions="allowed"),
    ActionSpec("TransferToFlow", "Transfer to flow", _ROUTING - {MODULE}, next_action="error:NoMatchingError",
               params=_fs("ContactFlowId"), required=_fs("ContactFlowId")),
    ActionSpec("InvokeFlowModule", "Invoke module", _fs(CONTACT_FLOW), params=_fs("FlowModuleId"),
               required=_fs("FlowModuleId")),
    ActionSpec("InvokeLambdaFunction", "Invoke AWS Lambda function",
               params=_fs("LambdaFunctionARN", "InvocationTimeLimitSeconds", "LambdaInvocationAttributes",
                          "ResponseValidation", "InvocationType"),
               structured=_fs("LambdaInvocationAttributes", "ResponseValidation"),
               required=_fs("LambdaFunctionARN"), ranges={"InvocationTimeLimitSeconds": (1, 8)}),
    # -- queues and transfers ------------------------------------------------------------------------
    ActionSpec("UpdateContactTargetQueue", "Set working queue", _ROUTING, params=_fs("QueueId", "AgentId"),
               one_of=(_fs("QueueId", "AgentId"),)),
    ActionSpec("TransferContactToQueue", "Transfer to queue", _ROUTING,
               errors_required=_fs("QueueAtCapacity", NO_MATCHING_ERROR), next_action="error:NoMatchingError",
               params=NONE),
    ActionSpec("DequeueContactAndTransferToQueue", "Transfer to queue (customer queue)", _fs(CUSTOMER_QUEUE),
               errors_required=_fs("QueueAtCapacity", NO_MATCHING_ERROR), next_action="error:NoMatchingError"),
    ActionSpec("TransferContactToAgent", "Transfer to agent", TRANSFERS, errors_optional=None),
    ActionSpec("TransferParticipantToThirdParty", "Transfer to phone number", _INTERACTIVE,
               errors_optional=_fs("CallFailed", "ConnectionTimeLimitExceeded"),
               params=_fs("ThirdPartyPhoneNumber", "ThirdPartyConnectionTimeLimitSeconds", "ContinueFlowExecution",
                          "ThirdPartyDTMFDigits", "CallerId"),
               structured=_fs("CallerId"), required=_fs("ThirdPartyPhoneNumber"),
               ranges={"ThirdPartyConnectionTimeLimitSeconds": (0, 600)},
               patterns={"ThirdPartyDTMFDigits": r"[0-9,*#]{0,50}"}),
    ActionSpec("CreateCallbackContact", "Transfer to queue (callback)", _INTERACTIVE,
               params=_fs("QueueId", "AgentId", "InitialCallDelaySeconds", "MaximumConnectionAttempts",
                          "RetryDelaySeconds"),
               ranges={"InitialCallDelaySeconds": (0, 259200), "RetryDelaySeconds": (0, 259200)}),
    ActionSpec("UpdateContactCallbackNumber", "Set callback number", _INTERACTIVE,
               errors_required=_fs("InvalidCallbackNumber", "CallbackNumberNotDialable"),
               params=_fs("CallbackNumber"), required=_fs("CallbackNumber")),
    ActionSpec("GetMetricData", "Get queue metrics", params=_fs("QueueId", "AgentId")),
    # -- contact settings ----------------------------------------------------------------------------
    ActionSpec("UpdateContactAttributes", "Set contact attributes", params=_fs("Attributes", "TargetContact"),
               structured=_fs("Attributes"), required=_fs("Attributes")),
    ActionSpec("UpdateFlowLoggingBehavior", "Set logging behavior", errors_required=NONE,
               params=_fs("FlowLoggingBehavior"), required=_fs("FlowLoggingBehavior")),
    ActionSpec("UpdateContactRecordingBehavior", "Set recording and analytics behavior",
               (INBOUND | TRANSFERS | {OUTBOUND_WHISPER, CUSTOMER_QUEUE, CAMPAIGN}), errors_required=NONE,
               params=_fs("RecordingBehavior", "AnalyticsBehavior"),
               structured=_fs("RecordingBehavior", "AnalyticsBehavior")),
    ActionSpec("UpdateContactRecordingAndAnalyticsBehavior", "Set recording, analytics and processing behavior",
               errors_optional=_fs("ChannelMismatch", "InFlightRedactionConfigurationFailed")),
    ActionSpec("UpdateContactTextToSpeechVoice", "Set voice", errors_required=NONE,
               params=_fs("TextToSpeechVoice", "TextToSpeechEngine", "TextToSpeechStyle"),
               required=_fs("TextToSpeechVoice")),
    ActionSpec("UpdateContactEventHooks", "Set event flow", params=_fs("EventHooks"),
               structured=_fs("EventHooks"), required=_fs("EventHooks"), filled_maps=_fs("EventHooks")),
    ActionSpec("UpdateContactRoutingBehavior", "Set routing criteria", _fs(CONTACT_FLOW, MODULE),
               errors_required=NONE, errors_optional=NME),
    ActionSpec("UpdateContactMediaStreamingBehavior", "Start/stop media streaming", _ALL_BUT_HOLD,
               params=_fs("MediaStreamingState", "MediaStreamType", "Participants"), structured=_fs("Participants")),
    ActionSpec("UpdateContactData", "Set contact data / Voice ID / language", errors_optional=None),
    # -- customer profiles, cases, tasks: every flow type (customer-profiles-block.html "All flow types";
    #    createcase.html "any type of flow and any channel") ------------------------------------------
    ActionSpec("GetCustomerProfile", "Customer profiles (get)",
               errors_optional=_fs("MultipleFoundError", "NoneFoundError"),
               structured=_fs("ProfileRequestData", "ProfileResponseData")),
    ActionSpec("CreateCustomerProfile", "Customer profiles (create)",
               structured=_fs("ProfileRequestData", "ProfileResponseData")),
    ActionSpec("CreateCase", "Cases (create)", errors_optional=_fs("ContactNotLinked"),
               structured=_fs("CaseRequestFields")),
    ActionSpec("GetCase", "Cases (get)", errors_optional=_fs("ContactNotLinked", "MultipleFound", "NoneFound"),
               structured=_fs("CaseRequestFields", "CaseResponseFields")),
    ActionSpec("UpdateCase", "Cases (update)", errors_optional=None, structured=_fs("CaseRequestFields")),
    ActionSpec("CreateTask", "Create task", structured=_fs("Attributes", "References")),
    # check-voice-id.html, set-voice-id.html: inbound, customer queue, the whisper and the transfer flows
    ActionSpec("CheckVoiceId", "Check Voice ID", _VOICE_ID, conditions="allowed"),
    ActionSpec("StartVoiceIdStream", "Set Voice ID", _VOICE_ID),
    ActionSpec("RenderMessageTemplate", "Message template", errors_optional=_fs("TemplateRenderingError")),
    ActionSpec("AuthenticateParticipant", "Authenticate customer",
               errors_optional=_fs("TimeLimitExceeded"), conditions="allowed"),
    ActionSpec("CheckOutboundCallStatus", "Check call progress", errors_optional=None, conditions="allowed"),
    ActionSpec("UpdatePreviousContactParticipantState", "Hold customer or agent", _ROUTING, errors_optional=None),
    ActionSpec("CreateWisdomSession", "Amazon Q in Connect"),
]

#: action Types without a detailed entry above that the console emits; accepted with loose checks
_LOOSE = ["CreateContact", "StartOutboundEmailContact", "CreatePersistentContactAssociation",
          "LoadContactContent", "TagContact", "UnTagContact", "UntagContact", "ResumeContact",
          "UpdateContactRoutingCriteria", "UpdateRoutingCriteria", "EvaluateDataTableValues",
          "GetCustomerProfileObject", "AssociateContactToCustomerProfile", "UpdateCustomerProfile",
          "GetCalculatedAttributesForCustomerProfile", "CompleteOutboundCall", "StartOutboundChatContact",
          "UpdateContactMediaProcessing", "UpdateFlowAttributes"]

CATALOG: dict[str, ActionSpec] = {s.type: s for s in _SPECS}
for _t in _LOOSE:
    CATALOG[_t] = ActionSpec(_t, "", errors_required=NONE, errors_optional=None, conditions="allowed")


def spec(action_type: str) -> ActionSpec | None:
    return CATALOG.get(action_type)


def allowed_flow_types(action_type: str) -> frozenset[str]:
    s = CATALOG.get(action_type)
    return FLOW_TYPES if s is None or s.flow_types is None else s.flow_types


"""Lowering: a flow body's syntax tree to a Connect flow-language document (a dict).

``lower_flow(name, body, flow_type)`` follows the exports in the corpus:

- **Identifiers** are readable and deterministic: ``<label>-<n> <statement>`` (``start`` for the
  top level, ``n`` the statement's 1-based position in its block), e.g. ``adviser-2 transfer``;
  a label longer than fits the 50-character limit is shortened with a hash. Shared actions are
  ``disconnect`` (the default of every error branch the user did not write, and the end of a
  contact flow) and ``end flow`` (where a whisper, queue or module body ends).
- Every scalar parameter is a string; every non-terminal action has a ``NextAction`` that
  duplicates the fallback branch the catalogue names (:mod:`ccdsl.dsl.flows.catalog`); terminal
  actions have ``Transitions: {}``; only actions reachable from the start are emitted.
- Apply-time values are ``${address.attr}`` tokens (:mod:`.tokens`).
- ``Metadata`` carries an entry point and a position per action (:mod:`.layout`).
"""
from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from ccdsl.dsl.compact import flow_ast as ast
from ccdsl.dsl.flows import catalog as cat
from ccdsl.dsl.flows import statements as stm
from ccdsl.dsl.flows.cfg import END, ERROR, VIRTUAL, graph_of
from ccdsl.dsl.source import Span

from .blocks import BLOCK_LOWER, VOICE_ID_STREAM, block_metadata, voice_id_metadata, voice_id_settings
from .layout import layout
from .targets import TARGET_LOWER
from .targets import ref as _ref
from .tokens import DEFAULT_TOKENS, Tokens
from .views import VIEW_LOWER

DISCONNECT_ID = "disconnect"
END_ID = "end flow"

ID_WORDS = {
    "Say": "say", "Logging": "logging", "Recording": "recording", "Voice": "voice", "SetAttributes": "set",
    "IfHours": "hours check", "IfCompare": "compare", "Check": "check", "Ask": "ask", "Menu": "menu",
    "Invoke": "invoke", "SetQueue": "queue", "Transfer": "transfer", "TransferToFlow": "transfer to flow",
    "TransferToNumber": "transfer to number", "Hangup": "hangup", "End": "end", "LoopPrompts": "loop prompts",
    "Wait": "wait", "SetFlow": "set flow", "Callback": "callback", "Task": "task", "Language": "language",
    "StoreInput": "store", "SetCallbackNumber": "set callback number", "LoopTimes": "loop", "IfQueue": "if queue",
    "LoadMetrics": "load metrics", "SetRouting": "set routing", "Distribute": "distribute",
    "Play": "play", "RunModule": "run module", "Return": "return", "MediaStreaming": "media streaming",
    "ContactLens": "contact lens", "ShowView": "show view", "SetCustomerId": "set customer id",
    "GetProfile": "get profile", "CreateProfile": "create profile", "GetCase": "get case",
    "CreateCase": "create case", "StartVoiceId": "voice id", "CheckVoiceId": "check voice id",
}
LANGUAGE_ID = "start-0 language"
APOLOGY_ID = "error apology"
#: what a contact hears before an unhandled error hangs up (the instance's `apology` replaces it)
DEFAULT_APOLOGY = "Sorry, something went wrong on our side. Please try again later."
COMPARE_OPERATORS = {
    "==": "Equals", ">": "NumberGreaterThan", ">=": "NumberGreaterOrEqualTo",
    "<": "NumberLessThan", "<=": "NumberLessOrEqualTo", "contains": "TextContains", "startswith": "TextStartsWith",
}
DEFAULT_MENU_TIMEOUT = 5
DEFAULT_INVOKE_TIMEOUT = 8
DEFAULT_NUMBER_TIMEOUT = 30
MAX_SSML_BREAK = 10


def identifier(label: str | None, position: int, kind: str) -> str:
    head, tail = label or "start", f"-{position} {ID_WORDS.get(kind, kind.lower())}"
    if len(head) + len(tail) > cat.MAX_IDENTIFIER_CHARS:
        digest = hashlib.sha1(head.encode()).hexdigest()[:6]
        head = head[: cat.MAX_IDENTIFIER_CHARS - len(tail) - 7] + "~" + digest
    return head + tail


def companion_id(ident: str, suffix: str) -> str:
    """The identifier of an action emitted right after ``ident`` for the same statement, within the length limit."""
    if len(ident) + len(suffix) <= cat.MAX_IDENTIFIER_CHARS:
        return ident + suffix
    digest = hashlib.sha1(ident.encode()).hexdigest()[:6]
    return ident[: cat.MAX_IDENTIFIER_CHARS - len(suffix) - 7] + "~" + digest + suffix


def value_text(value: Any) -> str:
    if isinstance(value, ast.Str):
        return value.value
    if isinstance(value, ast.Number):
        return value.text
    if isinstance(value, ast.AttrPath):
        return value.path
    return str(value)


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def paused_ssml(text: str, seconds: int) -> str:
    """A prompt followed by ``seconds`` of silence (SSML breaks are at most 10 s each)."""
    breaks, left = [], seconds
    while left > 0:
        step = min(left, MAX_SSML_BREAK)
        breaks.append(f'<break time="{step}s"/>')
        left -= step
    return f"<speak>{_xml_escape(text)}{''.join(breaks)}</speak>"


class _Lowering:
    def __init__(self, name: str, body: ast.FlowBody, flow_type: str, tokens: Tokens, language: str | None = None,
                 apology: str | None = None, certificates: Mapping[str, str] | None = None):
        self.name, self.flow_type, self.tokens, self.language = name, flow_type, tokens, language
        self.certificates = certificates or {}
        self.apology = apology or DEFAULT_APOLOGY
        self.graph = graph_of(body)  # the graph the flow checks made of this body, when they did
        self.ids: dict[int, str] = {}
        used: set[str] = {DISCONNECT_ID, END_ID, APOLOGY_ID, LANGUAGE_ID}
        for node in self.graph.nodes:
            if not isinstance(node.stmt, VIRTUAL):
                ident, n = identifier(node.label, node.position, type(node.stmt).__name__), 1
                while ident in used:  # only with duplicate labels, which validation rejects
                    n += 1
                    ident = identifier(node.label, node.position, type(node.stmt).__name__) + f" {n}"
                used.add(ident)
                self.ids[node.index] = ident
        self.end_type = stm.end_of_flow(flow_type)

    def target(self, index: int) -> str:
        if index >= 0:
            index = self.graph.resolve(index)
        if index == ERROR:  # where Connect cannot hang up (whisper flows), an unhandled error ends the flow
            if not cat.CATALOG["DisconnectParticipant"].allowed_in(self.flow_type):
                return END_ID
            return APOLOGY_ID if cat.CATALOG["MessageParticipant"].allowed_in(self.flow_type) else DISCONNECT_ID
        if index == END:
            return DISCONNECT_ID if self.end_type == "DisconnectParticipant" else END_ID
        return self.ids[index]

    def targets(self, i: int) -> dict[str, str]:
        return {branch: self.target(t) for branch, t in self.graph.branches(i)}

    def run(self) -> dict:
        start = self.target(0) if self.graph.nodes else self.target(END)
        actions: dict[str, dict] = {}
        order = list(self.ids)
        built = {i: self.action(i) for i in order}
        by_id = {a["Identifier"]: a for a in built.values()}
        by_id[DISCONNECT_ID] = _action(DISCONNECT_ID, "DisconnectParticipant", {}, {})
        by_id[END_ID] = _action(END_ID, self.end_type, {}, {})
        by_id[APOLOGY_ID] = _action(APOLOGY_ID, "MessageParticipant", {"Text": self.apology}, {
            "NextAction": DISCONNECT_ID, "Errors": [{"NextAction": DISCONNECT_ID, "ErrorType": cat.NO_MATCHING_ERROR}]})
        companions: dict[str, str] = {}  # action -> the action emitted right after it for the same statement
        for i in order:
            stmt = self.graph.nodes[i].stmt
            if isinstance(stmt, ast.Voice) and stmt.language is not None:
                voice = built[i]
                ident = companion_id(voice["Identifier"], " language")
                after = voice["Transitions"]["NextAction"]
                by_id[ident] = _language_action(ident, stmt.language.value, after)
                voice["Transitions"]["NextAction"] = ident
                companions[voice["Identifier"]] = ident
            elif isinstance(stmt, ast.StoreInput) and stmt.into is not None:
                store = built[i]
                ident = companion_id(store["Identifier"], " into")
                after = store["Transitions"]["NextAction"]
                by_id[ident] = _action(ident, "UpdateContactAttributes", {
                    "Attributes": {stmt.into.value: STORED_INPUT}, "TargetContact": "Current"},
                    {"NextAction": after, "Errors": [{"NextAction": after, "ErrorType": cat.NO_MATCHING_ERROR}]})
                store["Transitions"]["NextAction"] = ident
                companions[store["Identifier"]] = ident
            elif isinstance(stmt, ast.StartVoiceId):  # Set Voice ID: its settings, then the stream
                stream = built[i]
                settings_id = stream["Identifier"]
                stream["Identifier"] = companion_id(settings_id, VOICE_ID_STREAM)
                errors = [dict(e) for e in stream["Transitions"].get("Errors", [])]
                by_id[settings_id] = _action(settings_id, "UpdateContactData", voice_id_settings(stmt),
                                             {"NextAction": stream["Identifier"], "Errors": errors})
                by_id[stream["Identifier"]] = stream
                companions[settings_id] = stream["Identifier"]
        if self.language:
            by_id[LANGUAGE_ID] = _language_action(LANGUAGE_ID, self.language, start)
            start = LANGUAGE_ID
        seen, todo = {start}, [start]
        while todo:
            for nxt in _targets_of(by_id[todo.pop()]):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        for ident in [LANGUAGE_ID] + [x for i in order for x in (self.ids[i], companions.get(self.ids[i]))
                                      if x] + [APOLOGY_ID, DISCONNECT_ID, END_ID]:
            if ident in seen:
                actions[ident] = by_id[ident]
        doc = {"Version": cat.VERSION, "StartAction": start, "Metadata": {}, "Actions": list(actions.values())}
        doc["Metadata"] = layout(doc, self.metadata_extras(built), last=frozenset({DISCONNECT_ID, END_ID}))
        return doc

    def metadata_extras(self, built: dict[int, dict]) -> dict[str, dict]:
        """The per-block editor metadata the Connect designer writes (as in the console exports), so a
        compiled flow opens with its conditions, bots and flows named."""
        extras: dict[str, dict[str, Any]] = {}
        for i, action in built.items():
            stmt, ident = self.graph.nodes[i].stmt, action["Identifier"]
            conditions = _condition_metadata(ident, action)
            if isinstance(_target_of(stmt), ast.AttrPath):  # a target read from the contact at run time
                extras[ident] = {"useDynamic": True}
            elif isinstance(stmt, ast.SetQueue) and stmt.agent and isinstance(stmt.queue, ast.Name):
                extras[ident] = {"useDynamic": False, "agent": {"text": stmt.queue.value}}
            elif isinstance(stmt, (ast.SetQueue, ast.IfQueue, ast.LoadMetrics)) and isinstance(stmt.queue, ast.Name):
                extras[ident] = {"parameters": {"QueueId": {"displayName": stmt.queue.value}},
                                 "queue": {"text": stmt.queue.value}}
                if conditions:  # if queue: its metric test
                    extras[ident]["conditionMetadata"] = conditions
            elif isinstance(stmt, (ast.IfQueue, ast.Distribute, ast.LoopTimes)):
                extras[ident] = {"conditionMetadata": conditions}
            elif isinstance(stmt, ast.RunModule) and isinstance(stmt.module, ast.Name):
                extras[ident] = {"parameters": {"FlowModuleId": {"displayName": stmt.module.value}}}
            elif isinstance(stmt, (ast.IfCompare, ast.Check)):
                extras[ident] = {"conditionMetadata": conditions}
            elif isinstance(stmt, ast.Menu):
                extras[ident] = {"conditionMetadata": conditions, "useDynamic": False}
            elif isinstance(stmt, ast.Ask) and isinstance(stmt.bot, ast.AttrPath):
                extras[ident] = {"conditionMetadata": conditions, "useDynamicLexBotArn": True}
            elif isinstance(stmt, ast.Ask) and isinstance(stmt.bot, ast.Name):
                extras[ident] = {"conditionMetadata": conditions, "lexV2BotName": stmt.bot.value,
                                 "useDynamicLexBotArn": False}
            elif isinstance(stmt, ast.TransferToFlow) and isinstance(stmt.flow, ast.Name):
                extras[ident] = {"useDynamic": False, "ContactFlow": {"id": action["Parameters"]["ContactFlowId"],
                                                                      "text": stmt.flow.value}}
            elif isinstance(stmt, ast.SetFlow):
                hook = stm.EVENT_HOOKS[stmt.which][0]
                extras[ident] = {"parameters": {"EventHooks": {hook: {"displayName": stmt.flow.value}}},
                                 "contactFlow": {"text": stmt.flow.value,
                                                 "id": action["Parameters"]["EventHooks"][hook]}}
            elif isinstance(stmt, ast.Voice):
                extras[ident] = {"overrideConsoleVoice": True}
            elif isinstance(stmt, ast.IfHours) and stmt.hours is not None:
                extras[ident] = {"hours": {"text": stmt.hours.value}}
            elif isinstance(stmt, ast.StartVoiceId):
                extras[self.ids[i]], extras[ident] = voice_id_metadata(self.ids[i], ident)
            elif (meta := block_metadata(stmt, action)) is not None:
                extras[ident] = meta
        return extras

    # -- one statement ------------------------------------------------------------------------------
    def action(self, i: int) -> dict:
        stmt = self.graph.nodes[i].stmt
        kind = type(stmt).__name__
        action_type = stm.statement_action(kind, self.flow_type)
        assert action_type is not None, f"{kind} is a real statement, which always lowers to an action"
        t = self.targets(i)
        params, conditions = LOWER[kind](self, stmt, t)
        spec = cat.CATALOG[action_type].variant(params)
        if spec.terminal == "always" or (isinstance(stmt, ast.LoopPrompts) and stmt.target is None):
            return _action(self.ids[i], action_type, params, {})
        errors = {k: v for k, v in t.items() if k in spec.errors_required or k in (spec.errors_optional or ())}
        success = t.get("next") or t.get("NoMatchingError", "")  # transfer to number has no success path of its own
        rule, _, name = (spec.next_action or "").partition(":")
        if rule == "error" and name in errors:
            next_action = errors[name]
        elif rule == "condition":
            next_action = next((target for _op, operand, target in conditions if operand == name), success)
        else:
            next_action = success
        transitions: dict[str, Any] = {"NextAction": next_action}
        if conditions:
            transitions["Conditions"] = [{"NextAction": target, "Condition": {"Operator": op, "Operands": [operand]}}
                                         for op, operand, target in conditions]
        if errors:
            transitions["Errors"] = [{"NextAction": target, "ErrorType": et} for et, target in errors.items()]
        return _action(self.ids[i], action_type, params, transitions)


def _action(ident: str, action_type: str, params: dict, transitions: dict) -> dict:
    return {"Parameters": params, "Identifier": ident, "Type": action_type, "Transitions": transitions}


#: how the designer shows each condition operator
SHORT_DISPLAY = {"Equals": "=", "NumberGreaterThan": ">", "NumberGreaterOrEqualTo": ">=", "NumberLessThan": "<",
                 "NumberLessOrEqualTo": "<=", "TextContains": "contains", "TextStartsWith": "starts with"}


def _condition_metadata(ident: str, action: dict) -> list[dict]:
    """``conditionMetadata`` as the designer writes it: one entry per condition, with a stable id."""
    out = []
    for k, condition in enumerate(action["Transitions"].get("Conditions", [])):
        op = condition["Condition"]["Operator"]
        out.append({"id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"ccdsl:{ident}:{k}")),
                    "operator": {"name": op, "value": op, "shortDisplay": SHORT_DISPLAY.get(op, op)},
                    "value": condition["Condition"]["Operands"][0]})
    return out


def _language_action(ident: str, locale: str, after: str) -> dict:
    """UpdateContactData ``LanguageCode`` (the contact's language, which picks the Lex locale), then ``after``."""
    return _action(ident, "UpdateContactData", {"LanguageCode": locale.replace("_", "-")},
                   {"NextAction": after, "Errors": [{"NextAction": after, "ErrorType": cat.NO_MATCHING_ERROR}]})


#: statements whose target may be a contact attribute read at run time, and the field that holds it
TARGET_FIELDS: dict[type, str] = {ast.SetQueue: "queue", ast.TransferToFlow: "flow", ast.Invoke: "function",
                                  ast.RunModule: "module", ast.Play: "prompt", ast.LoadMetrics: "queue"}


def _target_of(stmt: Any) -> Any:
    """The target of a statement that may name it dynamically (None for the others)."""
    field = TARGET_FIELDS.get(type(stmt))
    return getattr(stmt, field) if field else None


def _targets_of(action: dict) -> list[str]:
    tr = action["Transitions"]
    out = [tr["NextAction"]] if "NextAction" in tr else []
    out += [c["NextAction"] for c in tr.get("Conditions", [])]
    out += [e["NextAction"] for e in tr.get("Errors", [])]
    return out


# -- per statement: (parameters, conditions as (operator, operand, target)) --------------------------
Lower = Callable[[_Lowering, Any, dict[str, str]], tuple[dict, list]]


def _if_compare(lw: _Lowering, s: ast.IfCompare, t: dict[str, str]) -> tuple[dict, list]:
    op = "Equals" if s.op == "!=" else COMPARE_OPERATORS[s.op]
    return {"ComparisonValue": s.subject.path}, [(op, value_text(s.value), t["match"])]


def _voice(lw: _Lowering, s: ast.Voice, t: dict[str, str]) -> tuple[dict, list]:
    params = {"TextToSpeechVoice": s.voice.value}
    if s.engine:
        params["TextToSpeechEngine"] = s.engine.capitalize()
    if s.style:  # contact-actions-updatecontacttexttospeechvoice.html: None, Conversational or Newscaster
        params["TextToSpeechStyle"] = s.style.capitalize()
    return params, []


LOWER: dict[str, Lower] = {
    "Say": lambda lw, s, t: ({"SSML" if s.ssml else "Text": s.text}, []),
    "Logging": lambda lw, s, t: ({"FlowLoggingBehavior": "Enabled" if s.on else "Disabled"}, []),
    "Recording": lambda lw, s, t: (
        {"RecordingBehavior": {"RecordedParticipants": ["Agent", "Customer"] if s.on else []}}, []),
    "Voice": _voice,
    "SetAttributes": lambda lw, s, t: (
        {"Attributes": {a.key: value_text(a.value) for a in s.assignments},
         **({} if s.legacy else {"TargetContact": "Current"})}, []),
    "IfHours": lambda lw, s, t: ({} if s.hours is None else {"HoursOfOperationId": lw.tokens("hours", s.hours.value)},
                                 [("Equals", "True", t["True"]), ("Equals", "False", t["False"])]),
    "IfCompare": _if_compare,
    # a '!=' case is rejected by the checks (E308); the lowering stays total
    "Check": lambda lw, s, t: ({"ComparisonValue": s.subject.path},
                               [(COMPARE_OPERATORS.get(c.op, "Equals"), value_text(c.value), t[f"case{k}"])
                                for k, c in enumerate(s.cases)]),
    "Ask": lambda lw, s, t: ({**_prompt(lw, s), "LexV2Bot": {"AliasArn": _ref(lw, "bot", s.bot)},
                              **({"LexSessionAttributes": {a.key: value_text(a.value) for a in s.session}}
                                 if s.session else {})},
                             [("Equals", intent.value, t[f"intent{k}"])
                              for k, b in enumerate(s.branches) for intent in b.intents]),
    "Menu": lambda lw, s, t: ({**_prompt(lw, s), "StoreInput": "False",
                               "InputTimeLimitSeconds": str(s.timeout or DEFAULT_MENU_TIMEOUT)},
                              [("Equals", o.key, t[f"key{k}"]) for k, o in enumerate(s.options)]),
    "Invoke": lambda lw, s, t: (_invoke_params(lw, s), []),
    "SetQueue": lambda lw, s, t: ({"AgentId": _ref(lw, "agent", s.queue)} if s.agent else
                                  {"QueueId": _ref(lw, "queue", s.queue)}, []),
    "Transfer": lambda lw, s, t: ({}, []),
    "TransferToFlow": lambda lw, s, t: ({"ContactFlowId": _ref(lw, "flow", s.flow)}, []),
    "TransferToNumber": lambda lw, s, t: (_number_params(s), []),
    "Hangup": lambda lw, s, t: ({}, []),
    "End": lambda lw, s, t: ({}, []),
    "LoopPrompts": lambda lw, s, t: _loop_prompts(lw, s, t),
    "Wait": lambda lw, s, t: _wait(s, t),
    "SetFlow": lambda lw, s, t: ({"EventHooks": {stm.EVENT_HOOKS[s.which][0]: lw.tokens("flow", s.flow.value)}}, []),
    "Language": lambda lw, s, t: ({"LanguageCode": s.locale.value.replace("_", "-")}, []),
    "StoreInput": lambda lw, s, t: (_store_params(lw, s), []),
    "SetCallbackNumber": lambda lw, s, t: ({"CallbackNumber": value_text(s.number)}, []),
    "LoopTimes": lambda lw, s, t: ({"LoopCount": str(s.count)}, [("Equals", "ContinueLooping", t["ContinueLooping"]),
                                                                ("Equals", "DoneLooping", t["DoneLooping"])]),
    "IfQueue": lambda lw, s, t: (
        {"MetricType": ast.QUEUE_METRICS[s.metric], **_queue_param(lw, s.queue)},
        [(COMPARE_OPERATORS[s.op], str(s.value), t["match"])]),
    "LoadMetrics": lambda lw, s, t: ({} if s.queue is None else {"QueueId": _ref(lw, "queue", s.queue)}, []),
    "SetRouting": lambda lw, s, t: (
        {"QueuePriority" if s.which == "priority" else "QueueTimeAdjustmentSeconds": str(s.value)}, []),
    "Distribute": lambda lw, s, t: ({}, _shares(s, t)),
    "SetCustomerId": lambda lw, s, t: ({"CustomerId": value_text(s.value)}, []),
}
LOWER.update(TARGET_LOWER)
LOWER.update(VIEW_LOWER)
LOWER.update(BLOCK_LOWER)  # customer profiles, cases, Voice ID, task, callback

#: where Get customer input keeps what the caller typed
STORED_INPUT = "$.StoredCustomerInput"
DEFAULT_STORE_TIMEOUT = 5
E164_FORMAT = 'E164'  # the NumberFormat of an international number (single quotes: not a diagnostic code)
#: the console's default for "Maximum digits" of Store customer input
DEFAULT_MAX_DIGITS = 20


def _prompt_key(s: Any) -> str:
    return "SSML" if getattr(s, "ssml", False) else "Text"


def _prompt(lw: _Lowering, s: ast.Ask | ast.Menu | ast.StoreInput) -> dict:
    """The prompt parameter of a block: ``PromptId`` for an audio prompt (a prompt's ARN, or the JSONPath of an
    attribute holding one; get-customer-input.html "Select from the prompt library (audio)"), else Text/SSML."""
    if s.audio is not None:
        return {"PromptId": _ref(lw, "prompt", s.audio)}
    return {_prompt_key(s): s.prompt}


def _wait(s: ast.Wait, t: dict[str, str]) -> tuple[dict, list]:
    """Wait (wait.html): a time limit (set dynamically: a JSONPath to seconds); ``until customer returns`` adds
    the CustomerReturned event and its branch."""
    params: dict[str, Any] = {"TimeLimitSeconds": value_text(s.seconds)}
    conditions = [("Equals", "WaitCompleted", t["WaitCompleted"])]
    if s.returned is not None:
        params["Events"] = ["CustomerReturned"]
        conditions.insert(0, ("Equals", "CustomerReturned", t["CustomerReturned"]))
    return params, conditions


def _queue_param(lw: _Lowering, queue: ast.Name | None) -> dict:
    """``QueueId`` of a named queue; none for the working queue (Connect then uses the contact's queue)."""
    return {} if queue is None else {"QueueId": lw.tokens("queue", queue.value)}


def _store_params(lw: _Lowering, s: ast.StoreInput) -> dict:
    """Store customer input (store-customer-input.html): DTMF kept in ``$.StoredCustomerInput``."""
    params: dict[str, Any] = {**_prompt(lw, s), "StoreInput": "True",
                              "InputTimeLimitSeconds": str(s.timeout or DEFAULT_STORE_TIMEOUT)}
    if s.kind == "phone":
        rule = {"NumberFormat": "Local", "CountryCode": s.country.value} if s.country else {"NumberFormat": E164_FORMAT}
        params["InputValidation"] = {"PhoneNumberValidation": rule}
    else:
        params["InputValidation"] = {"CustomValidation": {"MaximumLength": str(s.max_digits or DEFAULT_MAX_DIGITS)}}
    dtmf = {"DisableCancelKey": "False"}
    if s.ending:
        dtmf["InputTerminationSequence"] = s.ending
    if not s.legacy:  # 'store … legacy': a block made before Connect had the option (docs/flows.md)
        params["DTMFConfiguration"] = dtmf
    if s.key_id is not None and s.certificate is not None:  # store-customer-input.html "Encrypt entry"
        params["InputEncryption"] = {"EncryptionKeyId": s.key_id, "Key": lw.certificates.get(s.certificate.value, "")}
    return params


def _number_params(s: ast.TransferToNumber) -> dict:
    """Transfer to phone number (transfer-to-phone-number.html)."""
    params: dict[str, Any] = {"ThirdPartyPhoneNumber": value_text(s.number),
                              "ThirdPartyConnectionTimeLimitSeconds": str(s.timeout or DEFAULT_NUMBER_TIMEOUT),
                              "ContinueFlowExecution": "True" if s.resume else "False"}
    if s.digits is not None:
        params["ThirdPartyDTMFDigits"] = value_text(s.digits)
    caller = {}
    if s.caller_id is not None:
        caller["Number"] = value_text(s.caller_id)
    if s.caller_name is not None:
        caller["Name"] = s.caller_name
    if caller:
        params["CallerId"] = caller
    return params


def _loop_prompts(lw: _Lowering, s: ast.LoopPrompts, t: dict[str, str]) -> tuple[dict, list]:
    """Loop prompts (loop-prompts.html): text (with ``every`` seconds of silence after it) or audio prompts; with
    an interrupt the flow goes on at its label every so often."""
    messages = [({"SSML": paused_ssml(p, s.every)} if s.every else {"Text": p}) if isinstance(p, str)
                else {"PromptId": _ref(lw, "prompt", p)} for p in s.prompts]
    params: dict[str, Any] = {"Messages": messages}
    if s.target is None or s.interrupt is None:
        return params, []
    params["InterruptFrequencySeconds"] = str(s.interrupt)
    return params, [("Equals", "MessagesInterrupted", t["MessagesInterrupted"])]


def _shares(s: ast.Distribute, t: dict[str, str]) -> list:
    """Distribute by percentage (distribute-by-percentage.html): Connect draws 1-100; each share is a
    ``NumberLessThan`` the running total plus one."""
    out, total = [], 0
    for k, share in enumerate(s.shares):
        total += share.percent
        out.append(("NumberLessThan", str(total + 1), t[f"share{k}"]))
    return out


def _invoke_params(lw: _Lowering, s: ast.Invoke) -> dict:
    params: dict[str, Any] = {"LambdaFunctionARN": _ref(lw, "function", s.function),
                              "InvocationTimeLimitSeconds": str(s.timeout or DEFAULT_INVOKE_TIMEOUT)}
    if s.params:
        params["LambdaInvocationAttributes"] = {a.key: value_text(a.value) for a in s.params}
    if not s.legacy:
        params["ResponseValidation"] = {"ResponseType": "JSON" if s.json else "STRING_MAP"}
    return params


def lower_flow(name: str, body: ast.FlowBody, flow_type: str = cat.CONTACT_FLOW, *,
               tokens: Tokens = DEFAULT_TOKENS, language: str | None = None, apology: str | None = None,
               certificates: Mapping[str, str] | None = None) -> dict:
    """The Connect flow-language document of one ``do:`` body (deterministic for equal input); with
    ``language`` the flow first sets the contact's language; ``apology`` is what an unhandled error says
    before it hangs up; ``certificates`` maps the certificate files ``store … encrypted`` names to their text."""
    return lower_flow_traced(name, body, flow_type, tokens=tokens, language=language, apology=apology,
                             certificates=certificates)[0]


def lower_flow_traced(name: str, body: ast.FlowBody, flow_type: str = cat.CONTACT_FLOW, *,
                      tokens: Tokens = DEFAULT_TOKENS, language: str | None = None,
                      apology: str | None = None,
                      certificates: Mapping[str, str] | None = None) -> tuple[dict, dict[str, Span]]:
    """:func:`lower_flow`, and where each action came from: action Identifier -> its statement's span."""
    lowering = _Lowering(name, body, flow_type, tokens, language, apology, certificates)
    content = lowering.run()
    return content, {ident: lowering.graph.nodes[index].stmt.span for index, ident in lowering.ids.items()}

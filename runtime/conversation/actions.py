"""One handler per Connect flow action Type: what the action does to the contact and which branch it takes.

Each handler cites the Amazon Connect flow-block reference page it follows (pages under
https://docs.aws.amazon.com/connect/latest/adminguide/). Channel support follows "Supported channels
for flow blocks" (block-support-by-channel.html): a block a channel does not support takes its Error
branch. Every action Type that ccdsl emits and every Type in the exported flows of the corpus has a
handler; any other Type takes its Error branch with a note, so an unknown block never passes silently.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from ccdsl.dsl.flows.channels import CHANNEL_RULES, ChannelRule

from .bots import FALLBACK, Bot, is_yes, locale_of
from .contact import QueueState
from .interpreter import Go, Interpreter
from .site import Flow, Hours, token_name

Handler = Callable[[Interpreter, Flow, dict], Go]
HANDLERS: dict[str, Handler] = {}
DAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]


def handles(*types: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for t in types:
            HANDLERS[t] = fn
        return fn
    return register


def channel_rule(action: dict) -> ChannelRule | None:
    """The channel rule of an action's block, from the one table of the flow checks
    (:data:`ccdsl.dsl.flows.channels.CHANNEL_RULES`, after block-support-by-channel.html)."""
    block, params = str(action.get("Type")), action.get("Parameters") or {}
    if block == "GetParticipantInput":
        if params.get("LexV2Bot") or params.get("LexBot"):
            block = "ConnectParticipantWithLexBot"
        elif str(params.get("StoreInput")) == "True":
            block = "GetParticipantInput:StoreInput"
    elif block == "UpdateContactEventHooks" and "CustomerHold" in (params.get("EventHooks") or {}):
        block = "UpdateContactEventHooks:CustomerHold"
    elif block == "Wait" and (params.get("Events") or params.get("ContinueRunning")):
        return None  # wait.html: an event-based wait, or "keep running while waiting", works on voice too
    return CHANNEL_RULES.get(block)


def refuse_channel(ix: Interpreter, action: dict) -> Go | None:
    """The Error branch, with a note, when the block does not support the contact's channel."""
    rule = channel_rule(action)
    if rule is None or ix.contact.channel.lower() in rule.channels:
        return None
    ix.emit("note", f"{action.get('Type')} is not supported on {ix.contact.channel.lower()} ({rule.source}): "
            "Connect takes the Error branch", unsupported=ix.contact.channel)
    return Go("NoMatchingError")


def spoken(text: str) -> str:
    """What a caller hears of an SSML prompt (tags removed, entities decoded)."""
    text = re.sub(r"<[^>]+>", "", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&").strip()


def prompt(ix: Interpreter, params: dict) -> None:
    """The prompt of a block: Text, SSML or an audio prompt (PromptId)."""
    if params.get("Text"):
        ix.emit("prompt", ix.contact.interpolate(str(ix.contact.resolve(params["Text"]))))
    elif params.get("SSML"):
        ix.emit("prompt", spoken(ix.contact.interpolate(str(params["SSML"]))), ssml=True)
    elif params.get("PromptId"):
        audio = target_name(ix, params["PromptId"], "prompt") or str(ix.contact.resolve(params["PromptId"]))
        ix.emit("prompt", f"[audio prompt {audio}]", audio=audio)


def target_name(ix: Interpreter, value: Any, kind: str) -> str | None:
    """The site object a target parameter names: an apply-time token, or a contact attribute read now (a dynamic
    target, "set dynamically" in the block's properties) that holds the object's name or token. Offline there
    are no ARNs, so an attribute holding anything else names nothing of this site."""
    name = token_name(value, kind)
    if name is None and isinstance(value, str) and value.startswith("$."):
        held = str(ix.contact.resolve(value))
        name = token_name(held, kind) or held or None
    return name


def conditions(action: dict) -> list[dict]:
    return (action.get("Transitions") or {}).get("Conditions") or []


def _number(text: Any) -> float | None:
    try:
        return float(str(text))
    except ValueError:
        return None


def compare(operator: str, value: str, operand: str) -> bool:
    """Check contact attributes (check-contact-attributes.html): text operators compare text, number
    operators numbers (a value that is not a number never matches)."""
    if operator == "Equals":
        return value == operand
    if operator == "TextContains":
        return operand.lower() in value.lower()
    if operator == "TextStartsWith":
        return value.lower().startswith(operand.lower())
    if operator == "TextEndsWith":
        return value.lower().endswith(operand.lower())
    a, b = _number(value), _number(operand)
    if a is None or b is None:
        return False
    return {"NumberGreaterThan": a > b, "NumberGreaterOrEqualTo": a >= b, "NumberLessThan": a < b,
            "NumberLessOrEqualTo": a <= b}.get(operator, False)


def choose(action: dict, value: str) -> Go:
    for k, c in enumerate(conditions(action)):
        cond = c.get("Condition") or {}
        if any(compare(str(cond.get("Operator")), value, str(op)) for op in cond.get("Operands") or []):
            return Go(f"cond:{k}")
    return Go("NoMatchingCondition")


# -- prompts and logging ---------------------------------------------------------------------------------
@handles("MessageParticipant")
def play_prompt(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Play prompt / Send message (play.html): Text, SSML or a prompt; then on."""
    prompt(ix, action.get("Parameters") or {})
    return Go("next")


@handles("MessageParticipantIteratively")
def loop_prompts(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Loop prompts (loop-prompts.html): voice only (chat: Error); plays its messages until interrupted."""
    for message in (action.get("Parameters") or {}).get("Messages") or []:
        prompt(ix, message)
    if any("MessagesInterrupted" in (c.get("Condition") or {}).get("Operands", []) for c in conditions(action)):
        turn = ix.ask("wait")
        if turn.kind == "waits":
            return choose(action, "MessagesInterrupted")
    ix.emit("end", "the prompts loop while the caller waits", reason="loop-prompts")
    return Go(end=True)


@handles("UpdateFlowLoggingBehavior")
def set_logging(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Set logging behavior (set-logging-behavior.html)."""
    ix.contact.logging = (action.get("Parameters") or {}).get("FlowLoggingBehavior") == "Enabled"
    return Go("next")


@handles("UpdateContactRecordingBehavior", "UpdateContactRecordingAndAnalyticsBehavior")
def set_recording(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Set recording and analytics behavior (set-recording-behavior.html)."""
    params = action.get("Parameters") or {}
    behaviour = params.get("RecordingBehavior") or {}
    ix.contact.recording = bool(behaviour.get("RecordedParticipants"))
    analytics = params.get("AnalyticsBehavior") or {}
    if str(analytics.get("Enabled")) == "True":
        ix.emit("note", f"Contact Lens analyses this contact ({analytics.get('AnalyticsMode', 'PostCall')}, "
                f"{analytics.get('AnalyticsLanguage', '')})", analytics=dict(analytics))
    return Go("next")


@handles("UpdateContactTextToSpeechVoice")
def set_voice(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Set voice (set-voice.html): the voice only; the language changes with Set contact data."""
    params = action.get("Parameters") or {}
    ix.contact.voice = str(params.get("TextToSpeechVoice") or ix.contact.voice)
    ix.contact.engine = str(params.get("TextToSpeechEngine") or ix.contact.engine)
    return Go("next")


@handles("UpdateContactData")
def set_contact_data(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Set contact data / Set voice's language (set-voice.html#set-voice-lexv2bot): ``LanguageCode`` is the
    contact's language, which also picks the Lex bot locale."""
    params = action.get("Parameters") or {}
    if "LanguageCode" in params:
        language = str(ix.contact.resolve(params["LanguageCode"]))
        if not re.fullmatch(r"[a-z]{2,3}-[A-Z]{2}", language):
            ix.emit("note", f"'{language}' is not a language code")
            return Go("NoMatchingError")
        ix.contact.language = language
        ix.emit("language", language)
    if "CustomerId" in params:  # set-contact-data.html: the contact's customer id, read into $.CustomerId
        ix.contact.customer_id = str(ix.contact.resolve(params["CustomerId"]))
        ix.emit("note", f"customer id is '{ix.contact.customer_id}'")
    return Go("next")


@handles("UpdateContactAttributes")
def set_attributes(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Set contact attributes (set-contact-attributes.html): values that are JSONPaths are read dynamically."""
    attrs = (action.get("Parameters") or {}).get("Attributes") or {}
    for key, value in attrs.items():
        ix.contact.attributes[str(key)] = str(ix.contact.resolve(value))
    ix.emit("attributes", "", values={k: ix.contact.attributes[str(k)] for k in attrs})
    return Go("next")


@handles("UpdateContactEventHooks")
def set_event_hooks(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Set customer queue / hold / whisper / disconnect flow (set-customer-queue-flow.html, set-hold-flow.html:
    a hold flow on chat or task takes the Error branch)."""
    hooks = (action.get("Parameters") or {}).get("EventHooks") or {}
    for hook, value in hooks.items():
        ix.contact.hooks[str(hook)] = token_name(value, "flow") or str(value)
    return Go("next")


@handles("UpdateContactCallbackNumber")
def set_callback_number(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Set callback number (set-callback-number.html): a number not in E.164 form takes InvalidCallbackNumber."""
    number = str(ix.contact.resolve((action.get("Parameters") or {}).get("CallbackNumber", "")))
    if not re.fullmatch(r"\+[1-9]\d{6,14}", number):
        ix.emit("note", f"'{number}' is not a callback number Connect can dial: InvalidCallbackNumber")
        return Go("InvalidCallbackNumber")
    ix.contact.callback_number = number
    return Go("next")


@handles("UpdateContactMediaStreamingBehavior")
def set_media_streaming(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Start/Stop media streaming (start-media-streaming.html, stop-media-streaming.html): voice only (the
    interpreter refuses chat and task by the channel table first); the audio streams until it is stopped."""
    state = str((action.get("Parameters") or {}).get("MediaStreamingState", "Enabled"))
    ix.emit("note", f"media streaming {'starts' if state == 'Enabled' else 'stops'}", streaming=state == "Enabled")
    return Go("next")


@handles("ShowView")
def show_view(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Show view (participant-actions-showview.html; chat only, refused on other channels by the channel table):
    the view is shown and the result chosen (a ``chooses:`` step, else ``Next``) picks the condition; a
    result without one is No match."""
    params = action.get("Parameters") or {}
    view = str((params.get("ViewResource") or {}).get("Id", ""))
    heading = (params.get("ViewData") or {}).get("Heading")
    ix.emit("note", f"view '{view}' is shown" + (f": {ix.contact.interpolate(heading)}" if isinstance(heading, str)
                                                  else ""), view=view)
    peek = getattr(ix.caller, "next_kind", None)
    result = ix.ask("view").value if peek is not None and peek() == "chooses" else "Next"
    return choose(action, result)


@handles("UpdateContactRoutingBehavior",
         "TagContact", "UpdateContactTargetAgent")
def on_success(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Blocks with no effect on the conversation offline (routing priority, tags):
    they succeed."""
    return Go("next")


# -- decisions ---------------------------------------------------------------------------------------------
@handles("Compare")
def check_attribute(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Check contact attributes (check-contact-attributes.html): the first matching condition, else No match."""
    value = str(ix.contact.resolve((action.get("Parameters") or {}).get("ComparisonValue", "")))
    return choose(action, value)


def hours_open(hours: Hours, at: datetime) -> bool:
    """Whether ``at`` falls in the hours (Check hours of operation, check-hours-of-operation.html): times are
    in the hours' time zone; 00:00-00:00 is the whole day; an end before the start runs past midnight."""
    local = at.astimezone(ZoneInfo(hours.time_zone))
    minute = local.hour * 60 + local.minute
    for entry in hours.config:
        day = DAYS.index(str(entry["Day"]))
        start = entry["StartTime"]["Hours"] * 60 + entry["StartTime"]["Minutes"]
        end = entry["EndTime"]["Hours"] * 60 + entry["EndTime"]["Minutes"]
        if end <= start:
            end += 24 * 60
        for offset in (0, 1):  # the entry of today, or yesterday's running past midnight
            if (day + offset) % 7 == local.weekday() and start <= minute + offset * 1440 < end:
                return True
    return False


@handles("CheckHoursOfOperation")
def check_hours(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Check hours of operation (check-hours-of-operation.html): the named hours, or the working queue's."""
    ref = (action.get("Parameters") or {}).get("HoursOfOperationId")
    name = token_name(ref, "hours")
    if ref is None and ix.contact.queue:
        name = ix.site.queues[ix.contact.queue].hours if ix.contact.queue in ix.site.queues else None
    hours = ix.site.hours.get(name or "")
    if hours is None:
        ix.emit("note", "hours not found: Connect takes the Error branch")
        return Go("NoMatchingError")
    is_open = hours_open(hours, ix.contact.clock)
    ix.emit("hours", name or "", open=is_open)
    return choose(action, "True" if is_open else "False")


def queue_state(ix: Interpreter, name: str) -> QueueState:
    return ix.given.queues.get(name) or QueueState()


@handles("CheckMetricData")
def check_queue(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Check queue status / Check staffing (check-queue-status.html, check-staffing.html): the test's queue
    state (agents online/available/staffed, contacts in queue) compared with each condition."""
    params = action.get("Parameters") or {}
    name = token_name(params.get("QueueId"), "queue") or ix.contact.queue
    state = queue_state(ix, name or "")
    metric = str(params.get("MetricType") or "")
    value = {"NumberOfAgentsAvailable": state.agents_available, "NumberOfAgentsOnline": state.agents_online,
             "NumberOfAgentsStaffed": state.agents_staffed, "OldestContactInQueueAgeSeconds": state.oldest_contact,
             "NumberOfContactsInQueue": state.in_queue or 0}.get(metric)
    if value is None:
        staffed = {"Available": state.agents_available, "Online": state.agents_online,
                   "Staffed": state.agents_staffed}
        if conditions(action):
            operand = str(((conditions(action)[0].get("Condition") or {}).get("Operands") or [""])[0])
            return choose(action, operand if staffed.get(operand, state.agents_staffed) > 0 else "")
        return Go("next")
    ix.emit("note", f"queue '{name}': {metric} is {value}")
    return choose(action, str(value))


@handles("GetMetricData")
def get_queue_metrics(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Get queue metrics (get-queue-metrics.html): ``$.Metrics.Queue.Size``, ``….OldestContactAge`` (seconds) and
    ``$.Metrics.Agents.Online|Available|Staffed.Count`` from the test's queue state."""
    name = target_name(ix, (action.get("Parameters") or {}).get("QueueId"), "queue") or ix.contact.queue or ""
    state = queue_state(ix, name)
    if state.error:
        return Go("NoMatchingError")
    ix.contact.metrics = {
        "Queue": {"Name": name, "ARN": name, "Size": str(state.in_queue or 0),
                  "OldestContactAge": str(state.oldest_contact)},
        "Agents": {"Online": {"Count": str(state.agents_online)}, "Available": {"Count": str(state.agents_available)},
                   "Staffed": {"Count": str(state.agents_staffed)}},
    }
    return Go("next")


@handles("DistributeByPercentage")
def distribute(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Distribute by percentage (distribute-by-percentage.html): Connect draws 1-100 and takes the first
    ``NumberLessThan`` condition above it; offline the test's ``draw`` (without one, the first share)."""
    if ix.given.draw is None:
        return Go("cond:0") if conditions(action) else Go("NoMatchingCondition")
    ix.emit("note", f"distribute draws {ix.given.draw}")
    return choose(action, str(ix.given.draw))


@handles("Loop")
def loop(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Loop (loop.html): ``ContinueLooping`` LoopCount times, then ``DoneLooping``."""
    count = int(_number(ix.contact.resolve((action.get("Parameters") or {}).get("LoopCount", "0"))) or 0)
    key = f"{flow.name}/{action['Identifier']}"
    done = ix.contact.loops.get(key, 0)
    if done < count:
        ix.contact.loops[key] = done + 1
        return choose(action, "ContinueLooping")
    ix.contact.loops[key] = 0
    return choose(action, "DoneLooping")


# -- the caller ----------------------------------------------------------------------------------------------
@handles("GetParticipantInput")
def get_input(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Get customer input with DTMF (get-customer-input.html): voice only without Lex (chat, task: Error
    branch); the key pressed picks the condition, silence ``InputTimeLimitExceeded``."""
    params = action.get("Parameters") or {}
    if params.get("LexV2Bot") or params.get("LexBot"):
        return lex_turn(ix, flow, action)
    prompt(ix, params)
    turn = ix.ask("dtmf")
    if str(params.get("StoreInput")) == "True":
        return store_input(ix, params, turn.value if turn.kind == "presses" else None)
    if turn.kind != "presses":
        return Go("InputTimeLimitExceeded")
    return choose(action, turn.value)


#: country calling codes for ``store phone … country XX`` (numbers of other countries are kept as typed)
CALLING_CODES = {"GB": "44", "US": "1", "CA": "1", "AU": "61", "NZ": "64", "IE": "353", "DE": "49", "FR": "33",
                 "ES": "34", "IT": "39", "NL": "31", "IN": "91", "JP": "81", "SG": "65", "ZA": "27", "MX": "52"}


#: what ``$.StoredCustomerInput`` holds after an encrypted ``store`` (Connect keeps the ciphertext)
ENCRYPTED = "[encrypted]"


def store_input(ix: Interpreter, params: dict, keys: str | None) -> Go:
    """Store customer input (store-customer-input.html): the keys go to ``$.StoredCustomerInput`` (up to the
    maximum length, without the ending key); no keys before the timeout is Success with the value ``Timeout``.
    A phone number is checked (E.164, or local to the country) and kept in E.164; a bad one takes
    ``InvalidPhoneNumber``."""
    if keys is None:
        ix.contact.stored_input = "Timeout"
        return Go("next")
    validation = params.get("InputValidation") or {}
    ending = str((params.get("DTMFConfiguration") or {}).get("InputTerminationSequence") or "#")
    keys = keys[: -len(ending)] if keys.endswith(ending) else keys
    if "PhoneNumberValidation" in validation:
        rule = validation["PhoneNumberValidation"] or {}
        digits = keys.lstrip("+")
        if rule.get("NumberFormat") == "Local":
            code = CALLING_CODES.get(str(rule.get("CountryCode")))
            number = f"+{code}{digits.lstrip('0')}" if code and not keys.startswith("+") else f"+{digits}"
        else:
            number = f"+{digits}"
        if not re.fullmatch(r"\+[1-9]\d{6,14}", number):
            ix.emit("note", f"'{keys}' is not a phone number: InvalidPhoneNumber")
            return Go("InvalidPhoneNumber")
        ix.contact.stored_input = number
        return Go("next")
    longest = int(_number((validation.get("CustomValidation") or {}).get("MaximumLength") or 20) or 20)
    ix.contact.stored_input = keys[:longest]
    if params.get("InputEncryption"):  # encrypt-data.html: only the key's owner can read it back
        ix.emit("note", f"'{ix.contact.stored_input}' is stored encrypted")
        ix.contact.stored_input = ENCRYPTED
    return Go("next")


_BOTS: dict[int, tuple[dict, Bot]] = {}


def _bot(name: str, definition: dict) -> Bot:
    """The matcher of a compiled bot locale, built once (its utterance patterns are compiled up front)."""
    cached = _BOTS.get(id(definition))
    if cached is None or cached[0] is not definition:
        cached = _BOTS[id(definition)] = (definition, Bot(name, definition))
    return cached[1]


def _bot_name(ix: Interpreter, params: dict) -> str | None:
    """The bot of a Lex block: its alias token, or a contact attribute holding one (a dynamic bot)."""
    lex = params.get("LexV2Bot") or {}
    return target_name(ix, lex.get("AliasArn"), "bot") or (params.get("LexBot") or {}).get("Name")


@handles("ConnectParticipantWithLexBot")
def lex_turn(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Get customer input with Amazon Lex (get-customer-input.html): the bot runs in the locale of the contact's
    language (set-voice.html#set-voice-lexv2bot) — a bot without that locale fails (Error branch); the
    intent the bot returns picks the condition, no match (FallbackIntent) takes No match."""
    params = action.get("Parameters") or {}
    name = _bot_name(ix, params)
    locales = ix.site.bots.get(name or "")
    mock = ix.given.bots.get(name or "")
    if locales is None:
        arn = (params.get("LexV2Bot") or {}).get("AliasArn")
        what = f"bot '{name}'" if name else f"the bot in {arn} (empty)" if str(arn).startswith("$.") else "the bot"
        ix.emit("note", f"{what} is not part of this site: Connect takes the Error branch")
        return Go("NoMatchingError")
    locale = locale_of(ix.contact.language)
    if locale not in locales:
        ix.emit("note", f"bot '{name}' has no locale {locale} (the contact's language is {ix.contact.language}; "
                f"it has {', '.join(sorted(locales))}): Lex fails and Connect takes the Error branch",
                bot=name, locale=locale)
        return Go("NoMatchingError")
    if mock and mock.error:
        ix.emit("note", f"bot '{name}' fails (the test says so)")
        return Go("NoMatchingError")
    prompt(ix, params)
    bot = _bot(name or "", locales[locale])
    turn = ix.ask("speech")
    text = turn.value if turn.kind != "waits" else ""
    result = bot.recognise(text) if text else bot.recognise("")
    if mock and mock.intent:
        result.intent, result.slots = mock.intent, dict(mock.slots)
    slots, state = dict(result.slots), "Fulfilled"
    dialogue: list[dict] = [{"source": "User", "text": text, "slots": dict(slots)}]  # for Lex test sets
    if result.intent != FALLBACK:
        for slot in bot.missing_slots(result.intent, slots):
            for _attempt in range(2):
                ix.emit("prompt", slot["prompt"], bot=name)
                answer = ix.ask("speech")
                value = bot.elicit_value(result.intent, slot["name"], answer.value) if answer.kind == "says" else None
                if value is not None:
                    slots[slot["name"]] = value
                dialogue += [{"source": "Agent", "text": slot["prompt"]},
                             {"source": "User", "text": answer.value, "slots": dict(slots)}]
                if value is not None:
                    break
            else:
                state = "Failed"
                break
        confirm = bot.confirmation(result.intent, slots) if state == "Fulfilled" else None
        if confirm:
            ix.emit("prompt", confirm, bot=name)
            answer = ix.ask("speech")
            dialogue += [{"source": "Agent", "text": confirm},
                         {"source": "User", "text": answer.value, "slots": dict(slots)}]
            if not (answer.kind == "says" and is_yes(answer.value)):
                state = "Failed"
        closing = bot.closing(result.intent, slots) if state == "Fulfilled" else None
        if closing:
            ix.emit("prompt", closing, bot=name)
    elif bot.fallback_message:
        ix.emit("prompt", bot.fallback_message, bot=name)
    ix.contact.lex = {"IntentName": result.intent, "Slots": slots, "IntentConfidence": str(result.confidence),
                      "DialogState": state,
                      "SessionAttributes": {str(k): str(ix.contact.resolve(v))
                                            for k, v in (params.get("LexSessionAttributes") or {}).items()}}
    ix.emit("intent", result.intent, bot=name, locale=locale, slots=slots, confidence=result.confidence,
            utterance=text, dialogue=dialogue)
    return choose(action, result.intent)


@handles("Wait")
def wait(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Wait (wait.html): chat and task; voice only with an event-based wait (the channel table). The caller
    returning takes ``CustomerReturned``, silence ``WaitCompleted``."""
    params = action.get("Parameters") or {}
    turn = ix.ask("wait")
    seconds = int(_number(ix.contact.resolve(params.get("TimeLimitSeconds") or 0)) or 0)  # may be set dynamically
    if turn.kind == "says" and "CustomerReturned" in str(params.get("Events")):
        return choose(action, "CustomerReturned")
    ix.contact.clock += timedelta(seconds=seconds)
    return choose(action, "WaitCompleted")


# -- functions -------------------------------------------------------------------------------------------------
@handles("InvokeLambdaFunction")
def invoke_lambda(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """AWS Lambda function (invoke-lambda-function-block.html): the response sets ``$.External``; with
    STRING_MAP validation it must be a flat map of strings; an error or a timeout takes the Error branch."""
    params = action.get("Parameters") or {}
    name = target_name(ix, params.get("LambdaFunctionARN"), "function")
    payload = {k: str(ix.contact.resolve(v)) for k, v in (params.get("LambdaInvocationAttributes") or {}).items()}
    timeout = int(_number(params.get("InvocationTimeLimitSeconds") or 8) or 8)
    if ix.functions is None or name is None:
        ix.emit("invoked", name or str(params.get("LambdaFunctionARN")), parameters=payload, error="not in this site")
        return Go("NoMatchingError")
    outcome = ix.functions.invoke(name, ix.contact, payload, timeout)
    ix.emit("invoked", name, parameters=payload, returns=outcome.returns, error=outcome.error)
    if outcome.error:
        return Go("NoMatchingError")
    returns = outcome.returns if isinstance(outcome.returns, dict) else {}
    kind = str((params.get("ResponseValidation") or {}).get("ResponseType") or "STRING_MAP")
    if kind == "STRING_MAP" and any(isinstance(v, (dict, list)) for v in returns.values()):
        ix.emit("note", "the function returned nested values; STRING_MAP needs a flat map: Error branch")
        return Go("NoMatchingError")
    ix.contact.external = {str(k): (v if kind == "JSON" else ("" if v is None else str(v))) for k, v in returns.items()}
    return Go("next")


# -- queues and transfers ------------------------------------------------------------------------------------
@handles("UpdateContactTargetQueue")
def set_queue(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Set working queue (set-working-queue.html): a queue of the site; a failing queue takes Error."""
    params = action.get("Parameters") or {}
    name = target_name(ix, params.get("QueueId"), "queue")
    if params.get("AgentId"):
        ix.contact.queue = f"agent:{target_name(ix, params['AgentId'], 'agent')}"  # the agent's own queue
        return Go("next")
    if name not in ix.site.queues or queue_state(ix, name).error:
        ix.emit("note", f"queue '{name}' cannot be set: Connect takes the Error branch")
        return Go("NoMatchingError")
    ix.contact.queue = name
    return Go("next")


@handles("TransferContactToQueue")
def transfer_to_queue(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Transfer to queue (transfer-to-queue.html): needs a working queue (else Error); a queue at its maximum
    contacts takes At capacity; otherwise the contact waits in the queue (and its customer queue flow runs)."""
    name = ix.contact.queue
    if not name:
        ix.emit("note", "no working queue is set: Connect takes the Error branch")
        return Go("NoMatchingError")
    state = queue_state(ix, name)
    queue = ix.site.queues.get(name)
    full = state.at_capacity or (state.in_queue is not None and queue is not None and queue.max_contacts is not None
                                 and state.in_queue >= int(queue.max_contacts))
    if state.error:
        return Go("NoMatchingError")
    if full:
        ix.emit("note", f"queue '{name}' is at capacity")
        return Go("QueueAtCapacity")
    ix.emit("queued", name, queue=name)
    remaining = ix.contact.hooks.get("CustomerRemaining")
    peek = getattr(ix.caller, "next_kind", None)
    if remaining in ix.site.flows and peek is not None and peek() == "agent hangs up":
        # an agent answered (the customer queue flow stops) and then disconnected first, the customer still on
        # the line: the disconnect flow runs (set-disconnect-flow.html)
        ix.ask("agent hangs up")
        ix.emit("note", f"the agent hangs up; the caller is still on the line, so disconnect flow '{remaining}' "
                "runs", hook="CustomerRemaining")
        return Go(flow=remaining)
    hook = ix.contact.hooks.get("CustomerQueue")
    if hook and hook in ix.site.flows:
        return Go(flow=hook)
    ix.emit("end", f"waiting in {name} for an agent", reason="queued")
    return Go(end=True)


@handles("TransferToFlow")
def transfer_to_flow(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Transfer to flow (transfer-to-flow.html): ends this flow and runs the other; a flow that is not valid
    takes Error."""
    target = target_name(ix, (action.get("Parameters") or {}).get("ContactFlowId"), "flow")
    if target not in ix.site.flows:
        ix.emit("note", f"flow '{target}' is not part of this site: Connect takes the Error branch")
        return Go("NoMatchingError")
    ix.emit("transferred", target, flow=target)
    return Go(flow=target)


@handles("InvokeFlowModule")
def invoke_module(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Invoke module (invoke-module-block.html): runs the module, then continues here."""
    target = target_name(ix, (action.get("Parameters") or {}).get("FlowModuleId"), "flow")
    if target not in ix.site.flows:
        ix.emit("note", "module is not part of this site: Connect takes the Error branch")
        return Go("NoMatchingError")
    return Go(flow=target, module_return=True)


@handles("EndFlowModuleExecution")
def end_module(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Return (end-flow-module.html): back to the flow that invoked the module."""
    return Go(module_return=True)


@handles("TransferParticipantToThirdParty")
def transfer_to_number(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Transfer to phone number (transfer-to-phone-number.html): voice only (chat, task: Error branch)."""
    params = action.get("Parameters") or {}
    number = str(ix.contact.resolve(params.get("ThirdPartyPhoneNumber", "")))
    ix.emit("transferred", number, number=number)
    if str(params.get("ContinueFlowExecution")) == "True":
        return Go("next")
    ix.emit("end", f"transferred to {number}", reason="transferred")
    return Go(end=True)


@handles("CreateCallbackContact")
def create_callback(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Transfer to queue with a callback (transfer-to-queue.html): voice only; chat takes the Error branch."""
    name = token_name((action.get("Parameters") or {}).get("QueueId"), "queue") or ix.contact.queue
    ix.emit("callback", name or "", queue=name, number=ix.contact.callback_number or ix.contact.customer_number)
    return Go("next")


@handles("CreateTask")
def create_task(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Create task (create-task-block.html): a new task contact runs the named flow."""
    params = action.get("Parameters") or {}
    ix.emit("task", str(ix.contact.resolve(params.get("Name", ""))),
            flow=token_name(params.get("ContactFlowId"), "flow"))
    return Go("next")


# -- the end -----------------------------------------------------------------------------------------------------
@handles("DisconnectParticipant")
def disconnect(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Disconnect / hang up (disconnect-hang-up.html)."""
    ix.emit("disconnect", "", reason="flow")
    return Go(end=True)


@handles("EndFlowExecution")
def end_flow(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """End flow / Resume (end-flow-resume.html): a whisper, queue or hold flow ends; the contact goes on."""
    ix.emit("end", "the flow ends", reason="end-flow")
    return Go(end=True)


def unsupported(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """An action Type this interpreter does not know: its Error branch, with a note saying so."""
    ix.emit("note", f"action type {action.get('Type')} is not modelled: taking its Error branch", unmodelled=True)
    return Go("NoMatchingError")


# customer profiles, cases and Voice ID register their handlers here
from . import customer_data  # noqa: E402,F401

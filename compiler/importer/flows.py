"""The action → statement table of the decompiler: one row per Connect action ``Type``.

Each row reads one action (:class:`~.actions.Action`) and returns a :class:`Decoded`: the branch targets
the statement writes explicitly, the target that simply follows it in the body (``follow``; None for a
statement that ends the path) and a function that builds the statement once every explicit target has a
label. A row raises :class:`~.actions.Inexpressible` for a parameter, branch or value no statement says;
an action Type without a row is inexpressible as a whole. New statements add rows to :data:`ROWS`.

The rows invert :data:`ccdsl.compiler.flows.lower.LOWER` and the branches of
:mod:`ccdsl.dsl.flows.cfg`: a branch whose target is what the statement would do anyway (carry on with
the statement below) is left out, every other branch is written.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from typing import Any

from ccdsl.compiler.flows.lower import (
    COMPARE_OPERATORS,
    DEFAULT_INVOKE_TIMEOUT,
    DEFAULT_MENU_TIMEOUT,
    DEFAULT_NUMBER_TIMEOUT,
    MAX_SSML_BREAK,
)
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.flows import catalog as cat
from ccdsl.dsl.flows.check_input import DTMF_DIGITS
from ccdsl.dsl.flows.statements import EVENT_HOOKS
from ccdsl.dsl.model.patterns import E164

from .actions import Action, Inexpressible
from .input_rows import INPUT_ROWS, store
from .names import NAME_RE
from .rowkit import ATTR_RE, NUMBER_RE, Context, Decoded, Ref  # noqa: F401  (re-exported for the layout)
from .rowkit import error_or_next as _error_or_next
from .rowkit import error_target as _error
from .rowkit import otherwise_target as _otherwise
from .rowkit import prompt as _prompt
from .rowkit import spoken as _spoken
from .rowkit import target as _target
from .rowkit import unless as _unless
from .rowkit import value as _value

OPERATORS = {v: k for k, v in COMPARE_OPERATORS.items()}
HOOKS = {hook: which for which, (hook, _t) in EVENT_HOOKS.items()}


def _assignments(mapping: Any, what: str) -> tuple[A.Assignment, ...]:
    if not isinstance(mapping, Mapping) or not mapping:
        raise Inexpressible(f"{what} that is not a mapping of values")
    out = []
    for key, value in mapping.items():
        if not isinstance(key, str) or not key or "\n" in key or "\r" in key:
            raise Inexpressible(f"{what} key {key!r}")  # any other key is written, in quotes where it is not a name
        if isinstance(value, str) and value.startswith("$.") and not ATTR_RE.match(value) and "\n" not in value:
            # not one attribute path ('$.Customer.FirstName $.Customer.LastName'): the text exactly as the block has it
            out.append(A.Assignment(str(key), A.Str(value)))
            continue
        out.append(A.Assignment(str(key), _value(value)))
    return tuple(out)


# -- rows ---------------------------------------------------------------------------------------------------
def _with_error_or_next(act: Action, stmt: A.Stmt) -> Decoded:
    """A statement whose error goes on with the next statement unless it writes ``error -> label``."""
    error = _error_or_next(act)
    if error is None:
        return Decoded(lambda ref: stmt, act.next)
    with_error: Any = stmt  # say, set, set … flow or language: each has an 'error' field
    return Decoded(lambda ref: dataclasses.replace(with_error, error=ref(error)), act.next, (error,), error,
                   keeps_error=True)


def _say(act: Action, cx: Context) -> Decoded:
    act.no_conditions()
    act.errors_only(cat.NO_MATCHING_ERROR)
    if set(act.params) == {"Text"}:
        text, ssml = act.text("Text"), False
    elif set(act.params) == {"SSML"}:
        text, ssml = act.text("SSML"), True
    else:
        act.only("Text", "SSML")
        raise Inexpressible("a prompt without exactly one of Text or SSML")
    if cat.NO_MATCHING_ERROR not in act.errors:  # a Play prompt block without an Error branch
        return Decoded(lambda ref: A.Say(text, ssml, no_error=True), act.next)
    return _with_error_or_next(act, A.Say(text, ssml))


def _simple(make: Callable[[Action, Context], A.Stmt], *params: str, errors: bool = True) -> Callable:
    """A row for a statement that carries on below and has no branches of its own but, with ``errors``, an
    ``error`` branch that goes on below when not written."""
    def row(act: Action, cx: Context) -> Decoded:
        act.no_conditions()
        act.only(*params)
        if not errors:
            act.errors_only()
            stmt = make(act, cx)
            return Decoded(lambda ref: stmt, act.next)
        act.errors_only(cat.NO_MATCHING_ERROR)
        return _with_error_or_next(act, make(act, cx))
    return row


def _logging(act: Action, cx: Context) -> A.Stmt:
    value = act.params.get("FlowLoggingBehavior")
    if value not in ("Enabled", "Disabled"):
        raise Inexpressible(f"FlowLoggingBehavior {value!r}")
    return A.Logging(value == "Enabled")


def _recording(act: Action, cx: Context) -> A.Stmt:
    behaviour = act.params.get("RecordingBehavior")
    if not isinstance(behaviour, Mapping) or set(behaviour) != {"RecordedParticipants"}:
        raise Inexpressible("RecordingBehavior other than who is recorded")
    who = behaviour["RecordedParticipants"]
    if who == ["Agent", "Customer"]:
        return A.Recording(True)
    if who == []:
        return A.Recording(False)
    raise Inexpressible(f"RecordedParticipants {who!r}")


def _voice(act: Action, cx: Context) -> A.Stmt:
    voice = act.text("TextToSpeechVoice")
    engine = act.params.get("TextToSpeechEngine")
    if not NAME_RE.match(voice):
        raise Inexpressible(f"voice {voice!r}")
    if engine is not None and str(engine).lower() not in ("neural", "standard", "generative"):
        raise Inexpressible(f"TextToSpeechEngine {engine!r}")
    style = act.params.get("TextToSpeechStyle")
    if style is not None and style not in ("None", "Conversational", "Newscaster"):
        raise Inexpressible(f"TextToSpeechStyle {style!r}")
    return A.Voice(A.Name(voice), str(engine).lower() if engine else None, style=style.lower() if style else None)


def _language(act: Action, cx: Context) -> A.Stmt:
    code = act.text("LanguageCode")
    if not re.match(r"^[a-z]{2,3}-[A-Z]{2}$", code):
        raise Inexpressible(f"LanguageCode {code!r}")
    return A.Language(A.Name(code.replace("-", "_")))


def _set(act: Action, cx: Context) -> A.Stmt:
    """``set k = v``; a block without TargetContact (made before Connect had the option) is ``set … legacy``."""
    if act.params.get("TargetContact", "Current") != "Current":
        raise Inexpressible(f"TargetContact {act.params.get('TargetContact')!r}")
    return A.SetAttributes(_assignments(act.params.get("Attributes"), "Attributes"),
                           legacy="TargetContact" not in act.params)


def _set_flow(act: Action, cx: Context) -> A.Stmt:
    hooks = act.params.get("EventHooks")
    if not isinstance(hooks, Mapping) or len(hooks) != 1 or next(iter(hooks)) not in HOOKS:
        raise Inexpressible(f"EventHooks {sorted(hooks) if isinstance(hooks, Mapping) else hooks!r}")
    hook, value = next(iter(hooks.items()))
    return A.SetFlow(HOOKS[hook], cx.ref(act, "flow", "EventHooks", value, key=hook))


def _if_hours(act: Action, cx: Context) -> Decoded:
    act.only("HoursOfOperationId")
    # without HoursOfOperationId Connect checks the working queue's hours: 'if open -> …'
    hours = cx.ref(act, "hours", "HoursOfOperationId") if "HoursOfOperationId" in act.params else None
    act.errors_only(cat.NO_MATCHING_ERROR)
    branch = {operands: target for op, operands, target in act.conditions if op == "Equals"}
    if len(act.conditions) != 2 or set(branch) != {("True",), ("False",)}:
        raise Inexpressible("conditions other than True and False")
    opened, closed = branch[("True",)], branch[("False",)]
    error = act.errors.get(cat.NO_MATCHING_ERROR)
    if error in (None, closed):  # an error carries on like 'closed': 'if open H -> …'
        return Decoded(lambda ref: A.IfHours(True, hours, ref(opened)), closed, (opened,))
    if error == opened:
        return Decoded(lambda ref: A.IfHours(False, hours, ref(closed)), opened, (closed,))
    # a third block: 'if open H -> …' with 'error -> …' (an unwritten error would go on with 'closed')
    return Decoded(lambda ref: A.IfHours(True, hours, ref(opened), error=ref(error)), closed, (opened, error), error,
                   keeps_error=True)


def _compare(act: Action, cx: Context) -> Decoded:
    act.only("ComparisonValue")
    subject = _value(act.params.get("ComparisonValue"))
    if not isinstance(subject, A.AttrPath):
        raise Inexpressible("a comparison of something that is not a contact attribute")
    act.errors_only(cat.NO_MATCHING_CONDITION)
    otherwise = act.errors.get(cat.NO_MATCHING_CONDITION) or act.next
    if not otherwise or not act.conditions:
        raise Inexpressible("a comparison without conditions")
    cases = []
    for op, operands, target in act.conditions:
        if op not in OPERATORS or len(operands) != 1:
            raise Inexpressible(f"condition {op} {list(operands)}")
        cases.append((OPERATORS[op], _value(operands[0], numeric=op.startswith("Number")), target))
    targets = tuple(t for _o, _v, t in cases)
    if len(cases) == 1:
        op, value, target = cases[0]
        return Decoded(lambda ref: A.IfCompare(subject, op, value, ref(target)), otherwise, targets)
    return Decoded(lambda ref: A.Check(subject, tuple(A.CheckCase(o, v, ref(t)) for o, v, t in cases)),
                   otherwise, targets)


def _ask(act: Action, cx: Context) -> Decoded:
    act.only("Text", "SSML", "LexV2Bot")
    bot_param = act.params.get("LexV2Bot")
    if not isinstance(bot_param, Mapping) or set(bot_param) != {"AliasArn"}:
        raise Inexpressible("LexV2Bot other than an alias ARN")
    alias = bot_param["AliasArn"]
    bot: A.Target
    if isinstance(alias, str) and alias.startswith("$."):  # a bot alias ARN read from the contact ('ask $.…')
        path = _value(alias)
        if not isinstance(path, A.AttrPath):
            raise Inexpressible(f"LexV2Bot AliasArn {alias!r}")
        bot = path
    else:
        bot = cx.ref(act, "bot", "LexV2Bot", alias, key="AliasArn")
    prompt, ssml = _prompt(act)
    act.errors_only(cat.NO_MATCHING_CONDITION, cat.NO_MATCHING_ERROR)
    error, otherwise = _error(act), _otherwise(act)
    groups: dict[str, list[A.Name]] = {}
    for op, operands, target in act.conditions:
        if op != "Equals" or len(operands) != 1 or not NAME_RE.match(str(operands[0])):
            raise Inexpressible(f"condition {op} {list(operands)}")
        groups.setdefault(target, []).append(A.Name(str(operands[0])))
    targets = tuple(groups) + (error,)
    return Decoded(lambda ref: A.Ask(bot, prompt, tuple(A.IntentBranch(tuple(i), ref(t)) for t, i in groups.items()),
                                     error=ref(error), ssml=ssml), otherwise, targets, error)


def _get_input(act: Action, cx: Context) -> Decoded:
    """Get customer input: a ``menu``, or ``store`` with StoreInput."""
    return store(act, cx) if act.params.get("StoreInput") == "True" else _menu(act, cx)


def _menu(act: Action, cx: Context) -> Decoded:
    act.only("Text", "SSML", "PromptId", "StoreInput", "InputTimeLimitSeconds")
    act.given("StoreInput", "InputTimeLimitSeconds")
    if act.params.get("StoreInput", "False") != "False":
        raise Inexpressible(f"StoreInput {act.params.get('StoreInput')!r}")
    (prompt, ssml, audio), timeout = _spoken(act, cx), _unless(act.seconds("InputTimeLimitSeconds"),
                                                                DEFAULT_MENU_TIMEOUT)
    act.errors_only(cat.NO_MATCHING_CONDITION, cat.NO_MATCHING_ERROR, "InputTimeLimitExceeded")
    error, otherwise = _error(act), _otherwise(act)
    timed_out = act.errors.get("InputTimeLimitExceeded", otherwise)
    options = []
    for op, operands, target in act.conditions:
        if op != "Equals" or len(operands) != 1 or str(operands[0]) not in list("0123456789*#"):
            raise Inexpressible(f"condition {op} {list(operands)}")
        options.append((str(operands[0]), target))
    targets = tuple(t for _k, t in options) + ((timed_out,) if timed_out != otherwise else ()) + (error,)
    return Decoded(lambda ref: A.Menu(prompt, tuple(A.MenuOption(k, ref(t)) for k, t in options), timeout,
                                      ref(timed_out) if timed_out != otherwise else None, None, ref(error), ssml,
                                      audio=audio),
                   otherwise, targets, error)


def _invoke(act: Action, cx: Context) -> Decoded:
    act.no_conditions()
    act.only("LambdaFunctionARN", "InvocationTimeLimitSeconds", "LambdaInvocationAttributes", "ResponseValidation")
    act.given("InvocationTimeLimitSeconds")
    validation = act.params.get("ResponseValidation", {"ResponseType": "STRING_MAP"})
    if validation not in ({"ResponseType": "STRING_MAP"}, {"ResponseType": "JSON"}):
        raise Inexpressible(f"ResponseValidation {act.params.get('ResponseValidation')!r}")
    json = validation == {"ResponseType": "JSON"}
    legacy = "ResponseValidation" not in act.params  # a block made before Connect had the option
    function = cx.ref(act, "function", "LambdaFunctionARN")
    timeout = _unless(act.seconds("InvocationTimeLimitSeconds"), DEFAULT_INVOKE_TIMEOUT)
    extra = act.params.get("LambdaInvocationAttributes")
    params = _assignments(extra, "LambdaInvocationAttributes") if extra else ()
    act.errors_only(cat.NO_MATCHING_ERROR)
    error = _error(act)
    return Decoded(lambda ref: A.Invoke(function, timeout, params, ref(error), legacy=legacy, json=json), act.next,
                   (error,), error)


def _with_error(make: Callable[[Action, Context], Callable[[A.Name], A.Stmt]], *params: str,
                follows: bool = True) -> Callable:
    """A row for a statement whose only branch is ``error``."""
    def row(act: Action, cx: Context) -> Decoded:
        act.no_conditions()
        act.only(*params)
        act.errors_only(cat.NO_MATCHING_ERROR)
        error = _error(act)
        build = make(act, cx)
        return Decoded(lambda ref: build(ref(error)), act.next if follows else None, (error,), error)
    return row


def _transfer(act: Action, cx: Context) -> Decoded:
    act.no_conditions()
    act.only()
    act.errors_only(cat.NO_MATCHING_ERROR, "QueueAtCapacity")
    error = _error(act)
    full = act.errors.get("QueueAtCapacity", error)
    targets = (full, error) if full != error else (error,)
    return Decoded(lambda ref: A.Transfer(ref(full) if full != error else None, ref(error)), None, targets, error)


def _caller(act: Action) -> tuple[A.Value | None, str | None]:
    """``caller id`` (E.164 or a ``$.`` path) and ``caller name`` from ``CallerId``."""
    caller = act.params.get("CallerId")
    if caller is None:
        return None, None
    if not isinstance(caller, Mapping) or not caller or set(caller) - {"Number", "Name"}:
        raise Inexpressible(f"CallerId {caller!r}")
    number = _value(caller["Number"]) if "Number" in caller else None
    if isinstance(number, A.Str) and not re.fullmatch(E164, number.value):
        raise Inexpressible(f"CallerId Number {number.value!r} (not E.164)")
    name = caller.get("Name")
    if name is not None and (not isinstance(name, str) or "\n" in name):
        raise Inexpressible(f"CallerId Name {name!r}")
    return number, name


def _to_number(act: Action, cx: Context) -> Decoded:
    """``transfer to number "+44…" [timeout T] [caller id …] [caller name …] [digits …] [resume]``: with
    ``resume`` the flow carries on after the call, and a call that fails or is not answered in time takes
    ``error`` (or ``timeout``)."""
    act.no_conditions()
    act.only("ThirdPartyPhoneNumber", "ThirdPartyConnectionTimeLimitSeconds", "ContinueFlowExecution",
             "ThirdPartyDTMFDigits", "CallerId")
    act.given("ThirdPartyConnectionTimeLimitSeconds", "ContinueFlowExecution")
    resume = act.params["ContinueFlowExecution"]
    if resume not in ("True", "False"):
        raise Inexpressible(f"ContinueFlowExecution {resume!r}")
    number, timeout = act.text("ThirdPartyPhoneNumber"), _unless(
        act.seconds("ThirdPartyConnectionTimeLimitSeconds"), DEFAULT_NUMBER_TIMEOUT)
    if not re.match(r"^\+[1-9]\d{1,14}$", number):
        raise Inexpressible(f"ThirdPartyPhoneNumber {number!r}")
    digits: str | A.AttrPath | None = act.text("ThirdPartyDTMFDigits") if "ThirdPartyDTMFDigits" in act.params else None
    if isinstance(digits, str) and digits.startswith("$."):  # digits read from the contact ('digits $.Attributes.d')
        path = _value(digits)
        digits = path if isinstance(path, A.AttrPath) else digits
    if isinstance(digits, str) and not DTMF_DIGITS.fullmatch(digits):
        raise Inexpressible(f"ThirdPartyDTMFDigits {digits!r}")
    caller_id, caller_name = _caller(act)
    if resume == "False":
        act.errors_only(cat.NO_MATCHING_ERROR)
        error = _error(act)
        return Decoded(lambda ref: A.TransferToNumber(number, timeout, ref(error), caller_id, caller_name, digits),
                       None, (error,), error)
    act.errors_only(cat.NO_MATCHING_ERROR, "CallFailed", "ConnectionTimeLimitExceeded")
    error = _error(act)
    if act.errors.get("CallFailed") != error:
        raise Inexpressible("a CallFailed branch that goes elsewhere than the error branch")
    timed = act.errors.get("ConnectionTimeLimitExceeded")
    if timed is None or not act.next:
        raise Inexpressible("no ConnectionTimeLimitExceeded branch or NextAction")
    written = timed if timed != error else None
    return Decoded(lambda ref: A.TransferToNumber(number, timeout, ref(error), caller_id, caller_name, digits, True,
                                                  ref(timed) if written else None),
                   act.next, ((timed,) if written else ()) + (error,), error)


def _callback(act: Action, cx: Context) -> Callable[[A.Name], A.Stmt]:
    fixed = {"InitialCallDelaySeconds": "5", "MaximumConnectionAttempts": "1", "RetryDelaySeconds": "60"}
    for key, value in fixed.items():
        if str(act.params.get(key)) != value:
            raise Inexpressible(f"{key} {act.params.get(key)!r}")
    queue = cx.ref(act, "queue", "QueueId")
    return lambda e: A.Callback(queue, e)


def _task(act: Action, cx: Context) -> Callable[[A.Name], A.Stmt]:
    name, flow = act.text("Name"), cx.ref(act, "flow", "ContactFlowId")
    return lambda e: A.Task(name, flow, e)


def _wait(act: Action, cx: Context) -> Decoded:
    """``wait 60s`` or ``wait $.…`` (seconds read from the contact), ``until customer returns -> label`` with the
    CustomerReturned event."""
    act.only("TimeLimitSeconds", "Events")
    raw = act.params.get("TimeLimitSeconds")
    seconds: int | A.AttrPath | None
    if isinstance(raw, str) and raw.startswith("$."):
        path = _value(raw)
        if not isinstance(path, A.AttrPath):
            raise Inexpressible(f"TimeLimitSeconds {raw!r}")
        seconds = path
    else:
        seconds = act.seconds("TimeLimitSeconds")
    if seconds is None:
        raise Inexpressible("a wait without TimeLimitSeconds")
    events = act.params.get("Events")
    if events not in (None, ["CustomerReturned"]):
        raise Inexpressible(f"Events {events!r}")
    act.errors_only(cat.NO_MATCHING_ERROR)
    error = _error(act)
    branch = {operands: t for op, operands, t in act.conditions if op == "Equals"}
    wanted = {("WaitCompleted",)} | ({("CustomerReturned",)} if events else set())
    if len(act.conditions) != len(wanted) or set(branch) != wanted:
        raise Inexpressible("conditions other than WaitCompleted (and CustomerReturned with the event)")
    done, back = branch[("WaitCompleted",)], branch.get(("CustomerReturned",))
    if back is None:
        return Decoded(lambda ref: A.Wait(seconds, None, ref(error)), done, (error,), error)
    return Decoded(lambda ref: A.Wait(seconds, returned=ref(back), error=ref(error)), done, (back, error), error)


_PAUSED = re.compile(r'^<speak>(?P<text>[^<]*)(?P<breaks>(?:<break time="\d+s"/>)+)</speak>$')


def _loop_prompts(act: Action, cx: Context) -> Decoded:
    act.only("Messages", "InterruptFrequencySeconds")
    messages = act.params.get("Messages")
    prompts: list[str | A.Target] = []
    every: set[int] = set()
    for message in messages if isinstance(messages, list) else []:
        if not isinstance(message, Mapping) or len(message) != 1:
            raise Inexpressible("a message other than one Text, SSML or PromptId")
        key, raw = next(iter(message.items()))
        if key == "PromptId":  # an audio prompt: 'play P' (or 'play $.…') among the prompts
            prompts.append(_target(dataclasses.replace(act, params={"PromptId": raw}), cx, "prompt", "PromptId"))
            continue
        if key == "Text" and isinstance(raw, str) and raw and "\n" not in raw:
            prompts.append(raw)  # a text without pause: 'loop prompts "…"' (no 'every')
            every.add(0)
            continue
        m = _PAUSED.match(str(raw)) if key == "SSML" else None
        if m is None:
            raise Inexpressible("messages other than text, text followed by a pause, or audio prompts")
        breaks = [int(b) for b in re.findall(r'time="(\d+)s"', m.group("breaks"))]
        if any(b > MAX_SSML_BREAK for b in breaks):
            raise Inexpressible("a pause longer than one SSML break")
        text = m.group("text").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        prompts.append(text)
        every.add(sum(breaks))
    if not prompts or len(every) > 1:
        raise Inexpressible("messages with different pauses")
    seconds = every.pop() if every else 0
    if "InterruptFrequencySeconds" not in act.params:
        act.no_conditions()
        act.errors_only()
        return Decoded(lambda ref: A.LoopPrompts(tuple(prompts), seconds), None)
    interrupt = act.seconds("InterruptFrequencySeconds")
    act.errors_only(cat.NO_MATCHING_ERROR)
    error = _error(act)
    branch = [t for op, operands, t in act.conditions if op == "Equals" and operands == ("MessagesInterrupted",)]
    if len(branch) != 1 or len(act.conditions) != 1:
        raise Inexpressible("conditions other than MessagesInterrupted")
    if act.next not in (None, error):
        raise Inexpressible("a NextAction other than the error branch")
    target = branch[0]
    # 'loop prompts' writes no error branch: its errors go to the 'on error:' block
    return Decoded(lambda ref: A.LoopPrompts(tuple(prompts), seconds, interrupt, ref(target)), None,
                   (target, error), error, unwritten_error=True)


def _terminal(make: Callable[[], A.Stmt]) -> Callable:
    def row(act: Action, cx: Context) -> Decoded:
        act.only()
        return Decoded(lambda ref: make(), None)
    return row


def _end_module(act: Action, cx: Context) -> Decoded:
    if cx.flow_type != cat.MODULE:
        raise Inexpressible("a module's return outside a module")
    return _terminal(A.End)(act, cx)


def _end_flow(act: Action, cx: Context) -> Decoded:
    if cx.flow_type == cat.MODULE:
        raise Inexpressible("end flow inside a module")
    return _terminal(A.End)(act, cx)


Row = Callable[[Action, Context], Decoded]

#: one row per Connect action Type that a statement expresses
ROWS: dict[str, Row] = {
    "MessageParticipant": _say,
    "UpdateFlowLoggingBehavior": _simple(_logging, "FlowLoggingBehavior", errors=False),
    "UpdateContactRecordingBehavior": _simple(_recording, "RecordingBehavior", errors=False),
    "UpdateContactTextToSpeechVoice": _simple(_voice, "TextToSpeechVoice", "TextToSpeechEngine", "TextToSpeechStyle",
                                              errors=False),
    "UpdateContactData": _simple(_language, "LanguageCode"),
    "UpdateContactAttributes": _simple(_set, "Attributes", "TargetContact"),
    "UpdateContactEventHooks": _simple(_set_flow, "EventHooks"),
    "CheckHoursOfOperation": _if_hours,
    "Compare": _compare,
    "ConnectParticipantWithLexBot": _ask,
    "GetParticipantInput": _get_input,
    "InvokeLambdaFunction": _invoke,
    "UpdateContactTargetQueue": _with_error(lambda act, cx: (lambda q: lambda e: A.SetQueue(q, e))(
        cx.ref(act, "queue", "QueueId")), "QueueId"),
    "TransferContactToQueue": _transfer,
    "TransferToFlow": _with_error(lambda act, cx: (lambda f: lambda e: A.TransferToFlow(f, e))(
        cx.ref(act, "flow", "ContactFlowId")), "ContactFlowId", follows=False),
    "TransferParticipantToThirdParty": _to_number,
    "CreateCallbackContact": _with_error(_callback, "QueueId", "InitialCallDelaySeconds", "MaximumConnectionAttempts",
                                         "RetryDelaySeconds"),
    "CreateTask": _with_error(_task, "Name", "ContactFlowId"),
    "Wait": _wait,
    "MessageParticipantIteratively": _loop_prompts,
    "DisconnectParticipant": _terminal(A.Hangup),
    "EndFlowExecution": _end_flow,
    "EndFlowModuleExecution": _end_module,
    **INPUT_ROWS,
}


def decode(act: Action, cx: Context) -> Decoded:
    """The statement of one action, or :class:`Inexpressible` saying why there is none."""
    row = ROWS.get(act.type)
    if row is None:
        raise Inexpressible("no statement for this action yet")
    return row(act, cx)

from .flows_targets import target_rows  # noqa: E402  (its rows wrap the rows above)
from .view_rows import VIEW_ROWS  # noqa: E402

ROWS.update(target_rows(ROWS))
from .flows_blocks import BLOCK_ROWS  # noqa: E402,I001  (customer profiles, cases, Voice ID, task, callback)

ROWS.update(BLOCK_ROWS)
ROWS.update(VIEW_ROWS)
from .option_rows import option_rows  # noqa: E402,I001  (queue agent, set customer id, start voice id)

ROWS.update(option_rows(ROWS))

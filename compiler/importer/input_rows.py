"""Rows of the decompiler for caller input, loops, queue status and routing: Store customer input
(GetParticipantInput with ``StoreInput``), UpdateContactCallbackNumber, Loop, CheckMetricData, GetMetricData,
UpdateContactRoutingBehavior and DistributeByPercentage — the inverse of their lowering in
:mod:`ccdsl.compiler.flows.lower` and their branches in :mod:`ccdsl.dsl.flows.cfg`.

Values a statement could not pass its checks with (:mod:`ccdsl.dsl.flows.check_input`) keep the flow a
template: an imported body always validates. :func:`fold_copies` reads a stored entry and the copy of it into
a contact attribute that follows it as one ``store … into NAME``.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from ccdsl.compiler.flows.lower import COMPARE_OPERATORS, DEFAULT_MAX_DIGITS, DEFAULT_STORE_TIMEOUT, STORED_INPUT
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.flows import catalog as cat
from ccdsl.dsl.flows.check import RANGES
from ccdsl.dsl.flows.check_input import ENDING, MAX_LOOP_COUNT
from ccdsl.dsl.model.enums import COUNTRIES
from ccdsl.dsl.model.patterns import E164

from .actions import Action, Inexpressible
from .names import NAME_RE
from .rowkit import Context, Decoded, Ref, error_target, otherwise_target, spoken, unless, value, whole
from .rowkit import target as _target

OPERATORS = {v: k for k, v in COMPARE_OPERATORS.items()}
METRICS = {v: k for k, v in A.QUEUE_METRICS.items()}
NME, NMC = cat.NO_MATCHING_ERROR, cat.NO_MATCHING_CONDITION


def _queue(act: Action, cx: Context) -> A.Name | None:
    """The queue a metric is about; none (the working queue) without ``QueueId``."""
    return cx.ref(act, "queue", "QueueId") if "QueueId" in act.params else None


def _metrics_queue(act: Action, cx: Context) -> A.Target | None:
    """The queue ``load queue metrics`` reads: named, none (the working queue), or a contact attribute (``$.…``)."""
    return _target(act, cx, "queue", "QueueId") if "QueueId" in act.params else None


def _validation(rule: Any) -> tuple[str, int | None, A.Name | None]:
    """(kind, max digits, country) of ``InputValidation``."""
    if isinstance(rule, Mapping) and set(rule) == {"CustomValidation"}:
        custom = rule["CustomValidation"]
        if isinstance(custom, Mapping) and set(custom) == {"MaximumLength"} and str(custom["MaximumLength"]).isdigit():
            digits = int(str(custom["MaximumLength"]))
            if digits >= 1:
                return "digits", None if digits == DEFAULT_MAX_DIGITS else digits, None
    if isinstance(rule, Mapping) and set(rule) == {"PhoneNumberValidation"}:
        phone = rule["PhoneNumberValidation"]
        if phone == {"NumberFormat": "E164"}:
            return "phone", None, None
        if isinstance(phone, Mapping) and set(phone) == {"NumberFormat", "CountryCode"} \
                and phone["NumberFormat"] == "Local" and phone["CountryCode"] in COUNTRIES:
            return "phone", None, A.Name(phone["CountryCode"])
    raise Inexpressible(f"InputValidation {rule!r}")


def _ending(dtmf: Any) -> str | None:
    """The key(s) that end the entry, from ``DTMFConfiguration`` (the statement never disables the cancel key)."""
    if not isinstance(dtmf, Mapping) or dtmf.get("DisableCancelKey") != "False" \
            or set(dtmf) - {"DisableCancelKey", "InputTerminationSequence"}:
        raise Inexpressible(f"DTMFConfiguration {dtmf!r}")
    ending = dtmf.get("InputTerminationSequence")
    if ending is not None and not (isinstance(ending, str) and ENDING.fullmatch(ending)):
        raise Inexpressible(f"InputTerminationSequence {ending!r}")
    return ending


def store(act: Action, cx: Context) -> Decoded:
    """``store digits|phone [ssml] "prompt" [max N] [timeout T] [ending "#"] [country CC]``."""
    act.no_conditions()
    act.only("Text", "SSML", "PromptId", "StoreInput", "InputTimeLimitSeconds", "InputValidation", "DTMFConfiguration")
    act.given("InputTimeLimitSeconds", "InputValidation")
    text, ssml, audio = spoken(act, cx)
    seconds = act.seconds("InputTimeLimitSeconds")
    if seconds is not None and seconds > RANGES[(A.StoreInput, "timeout")][1]:
        raise Inexpressible(f"InputTimeLimitSeconds {seconds}")
    timeout = unless(seconds, DEFAULT_STORE_TIMEOUT)
    kind, max_digits, country = _validation(act.params["InputValidation"])
    # a block without DTMFConfiguration, made before Connect had the option: 'store … legacy'
    legacy = "DTMFConfiguration" not in act.params
    ending = None if legacy else _ending(act.params["DTMFConfiguration"])
    if kind == "phone":
        act.errors_only(NME, "InvalidPhoneNumber")
    else:
        act.errors_only(NME)
    error = error_target(act)
    invalid = act.errors.get("InvalidPhoneNumber", error)
    if kind == "phone" and "InvalidPhoneNumber" not in act.errors:
        raise Inexpressible("no InvalidPhoneNumber branch")
    if not act.next:
        raise Inexpressible("no NextAction")
    written = invalid if invalid != error else None
    targets = ((invalid,) if written else ()) + (error,)
    return Decoded(lambda ref: A.StoreInput(kind, text, ssml, max_digits, timeout, ending, country, None,
                                            ref(invalid) if written else None, ref(error), audio=audio,
                                            legacy=legacy),
                   act.next, targets, error)


def set_callback(act: Action, cx: Context) -> Decoded:
    """``set callback number $.Path|"+44…"``: both of its errors go to its ``error`` branch."""
    act.no_conditions()
    act.only("CallbackNumber")
    act.errors_only("InvalidCallbackNumber", "CallbackNumberNotDialable")
    number = value(act.params.get("CallbackNumber"))
    if isinstance(number, A.Str) and not re.fullmatch(E164, number.value):
        raise Inexpressible(f"CallbackNumber {number.value!r} (not E.164)")
    error = act.errors.get("InvalidCallbackNumber")
    if error is None or act.errors.get("CallbackNumberNotDialable") != error:
        raise Inexpressible("InvalidCallbackNumber and CallbackNumberNotDialable that do not go to the same block")
    if not act.next:
        raise Inexpressible("no NextAction")
    return Decoded(lambda ref: A.SetCallbackNumber(number, ref(error)), act.next, (error,), error)


def loop_times(act: Action, cx: Context) -> Decoded:
    """``loop N times -> label``: ContinueLooping to the label, DoneLooping on."""
    act.only("LoopCount")
    act.errors_only()
    count = whole(act, "LoopCount", 0, MAX_LOOP_COUNT)
    branch = {operands: target for op, operands, target in act.conditions if op == "Equals"}
    if len(act.conditions) != 2 or set(branch) != {("ContinueLooping",), ("DoneLooping",)}:
        raise Inexpressible("conditions other than ContinueLooping and DoneLooping")
    again, done = branch[("ContinueLooping",)], branch[("DoneLooping",)]
    return Decoded(lambda ref: A.LoopTimes(count, ref(again)), done, (again,))


def if_queue(act: Action, cx: Context) -> Decoded:
    """``if queue [Q] has agents …|contacts OP N|oldest contact OP T -> label``: no match and errors go on."""
    act.only("MetricType", "QueueId")
    metric = METRICS.get(act.params.get("MetricType"))  # type: ignore[arg-type]
    if metric is None:
        raise Inexpressible(f"MetricType {act.params.get('MetricType')!r}")
    queue = _queue(act, cx)
    act.errors_only(NMC, NME)
    if len(act.conditions) != 1:
        raise Inexpressible("conditions other than one comparison")
    operator, operands, target = act.conditions[0]
    op = OPERATORS.get(operator)
    if op not in A.METRIC_OPS or len(operands) != 1 or not str(operands[0]).isdigit():
        raise Inexpressible(f"condition {operator} {list(operands)}")
    number = int(str(operands[0]))
    if metric in A.AGENT_STATES and (op, number) != (">", 0):
        raise Inexpressible(f"agents {op} {number} (a statement says only: more than none)")
    otherwise, error = otherwise_target(act), error_target(act)
    if error == otherwise:
        return Decoded(lambda ref: A.IfQueue(queue, metric, op, number, ref(target)), otherwise, (target,))
    return Decoded(lambda ref: A.IfQueue(queue, metric, op, number, ref(target), error=ref(error)), otherwise,
                   (target, error), error, keeps_error=True)


def load_metrics(act: Action, cx: Context) -> Decoded:
    """``load queue metrics [Q]``; its error goes on unless written."""
    act.no_conditions()
    act.only("QueueId")
    act.errors_only(NME)
    queue = _metrics_queue(act, cx)
    error = error_target(act)
    if not act.next:
        raise Inexpressible("no NextAction")
    written = error if error != act.next else None
    # no 'error' for the layout: an unwritten error here goes on, not to the 'on error:' block
    return Decoded(lambda ref: A.LoadMetrics(queue, ref(error) if written else None), act.next,
                   (error,) if written else ())


def set_routing(act: Action, cx: Context) -> Decoded:
    """``set routing priority N`` / ``set routing age T``."""
    act.no_conditions()
    act.errors_only()
    if set(act.params) == {"QueuePriority"}:
        which, number = "priority", whole(act, "QueuePriority", 1)
    elif set(act.params) == {"QueueTimeAdjustmentSeconds"}:
        which, number = "age", whole(act, "QueueTimeAdjustmentSeconds")
    else:
        act.only("QueuePriority", "QueueTimeAdjustmentSeconds")
        raise Inexpressible("not exactly one of QueuePriority or QueueTimeAdjustmentSeconds")
    return Decoded(lambda ref: A.SetRouting(which, number), act.next)


def distribute(act: Action, cx: Context) -> Decoded:
    """``distribute`` with ``N% -> label`` shares: conditions ``NumberLessThan`` running totals plus one."""
    act.only()
    act.errors_only(NMC)
    otherwise = otherwise_target(act)
    shares: list[tuple[int, str]] = []
    total = 0
    for operator, operands, target in act.conditions:
        if operator != "NumberLessThan" or len(operands) != 1 or not str(operands[0]).isdigit():
            raise Inexpressible(f"condition {operator} {list(operands)}")
        bound = int(str(operands[0])) - 1
        if bound <= total or bound > 100:
            raise Inexpressible("conditions that are not running totals of 1-100 %")
        shares.append((bound - total, target))
        total = bound
    if not shares:
        raise Inexpressible("no shares")
    return Decoded(lambda ref: A.Distribute(tuple(A.Share(p, ref(t)) for p, t in shares)), otherwise,
                   tuple(t for _p, t in shares))


def _copied_into(copy: Action) -> str | None:
    """NAME when ``copy`` sets only ``NAME = $.StoredCustomerInput`` and carries on, errors included."""
    attrs = copy.params.get("Attributes")
    if copy.type != "UpdateContactAttributes" or copy.conditions or not copy.next \
            or set(copy.params) != {"Attributes", "TargetContact"} or copy.params["TargetContact"] != "Current" \
            or not isinstance(attrs, Mapping) or len(attrs) != 1 or dict(copy.errors) != {NME: copy.next}:
        return None
    key, copied = next(iter(attrs.items()))
    return str(key) if copied == STORED_INPUT and NAME_RE.match(str(key)) else None


def fold_copies(start: str, acts: Mapping[str, Action], decoded: dict[str, Decoded]) -> None:
    """``store … into NAME``: a stored entry whose next block only copies it into an attribute (and nothing
    else reaches that block) becomes one statement."""
    incoming = Counter(t for ident in decoded for t in acts[ident].targets())
    for ident in list(decoded):
        act = acts[ident]
        if ident not in decoded or act.type != "GetParticipantInput" or act.params.get("StoreInput") != "True":
            continue
        copy_id = act.next
        if copy_id is None or copy_id == start or copy_id not in decoded or incoming[copy_id] != 1:
            continue
        key = _copied_into(acts[copy_id])
        if key is None:
            continue
        after, d = decoded.pop(copy_id), decoded[ident]
        decoded[ident] = replace(d, make=_with_into(d.make, key), follow=after.follow)


def _with_into(make: Callable[[Ref], A.Stmt], key: str) -> Callable[[Ref], A.Stmt]:
    """``make``, whose statement then also copies the entry into ``key``."""
    def build(ref: Ref) -> A.Stmt:
        stmt: Any = make(ref)
        return replace(stmt, into=A.Name(key))
    return build


#: the rows of this module, by action Type (GetParticipantInput with StoreInput is :func:`store`)
INPUT_ROWS = {
    "UpdateContactCallbackNumber": set_callback,
    "Loop": loop_times,
    "CheckMetricData": if_queue,
    "GetMetricData": load_metrics,
    "UpdateContactRoutingBehavior": set_routing,
    "DistributeByPercentage": distribute,
}

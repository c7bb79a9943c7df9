"""Amazon Connect test cases (the Connect testing language, ``"Version": "2025-06-21"``) from a conversation
suite, so the same tests run against the deployed instance.

Shape after the Connect API Reference pages "Testing language" and "Example test"
(APIReference/testing-language.html, testing-language-example.html): ``Observations`` chained by
``Transitions.NextObservations``, each with one ``Event`` (``TestInitiated``, ``MessageReceived``,
``FlowActionStarted``, ``TestCompleted``) and the ``Actions`` taken in response. The mapping:

- mocks -> ``OverrideSystemBehavior`` actions on the ``TestInitiated`` observation, strategy
  ``SubstituteResource`` (testing-simulation-action-override): the substitute is a ``${mock.KIND.NAME.arn}``
  token — a resource the team deploys to play the mock (what it must return is listed in ``Metadata``);
- caller steps -> ``SendInstruction`` actions (``DtmfInput`` / ``TextUtterance``) on the observation
  before them (testing-language-actions-send-instruction);
- ``hears`` -> a ``MessageReceived`` observation; ``queued`` and ``invoked`` -> ``FlowActionStarted``
  observations of ``UpdateContactTargetQueue`` / ``InvokeLambdaFunction`` (testing-language-events-flow-action-
  started); ``hangs up`` / ``ends`` -> ``TestCompleted``.

Resource ARNs stay ``${address.attr}`` tokens, as in the compiled flows. Steps with no documented
counterpart (``attributes``, ``intent``, ``not hears``, ``transferred``, the clock) are listed in
``Metadata.NotExported`` so nothing is dropped silently.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .site import token_name
from .suite import SuiteReport
from .testfile import Case

VERSION = "2025-06-21"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:80] or "test"


def _observation(ident: str, event_type: str, properties: dict[str, Any], actor: str = "System") -> dict[str, Any]:
    return {"Identifier": ident, "Event": {"Identifier": f"{ident}-event", "Type": event_type, "Actor": actor,
                                           "Properties": properties},
            "Usage": {"Type": "EXACTLY"}, "Actions": [], "Transitions": {"NextObservations": []}}


def _instruction(ident: str, kind: str, value: str) -> dict[str, Any]:
    return {"Identifier": ident, "Type": "SendInstruction",
            "Parameters": {"ActionType": "SendInstruction", "Actor": "Customer",
                           "Instruction": {"Type": kind, "Properties": {"Value": value}}},
            "Transitions": {"NextAction": ""}}


def _override(ident: str, action_type: str, parameters: dict[str, Any], substitute: str) -> dict[str, Any]:
    return {"Identifier": ident, "Type": "OverrideSystemBehavior",
            "Parameters": {"ActionType": "OverrideSystemBehavior", "Behavior": {
                "Type": "FlowAction", "Properties": {
                    "ActionType": action_type, "ActionParameters": parameters,
                    "Strategy": {"Type": "SubstituteResource", "SubstituteArn": substitute}}}},
            "Transitions": {"NextAction": ""}}


def function_tokens(site: Any) -> dict[str, str]:
    """How the site's flows name each function they invoke (an alias ARN, or the function's own)."""
    out: dict[str, str] = {}
    for flow in (site.flows.values() if site else []):
        for action in flow.actions.values():
            arn = (action.get("Parameters") or {}).get("LambdaFunctionARN")
            name = token_name(arn, "function")
            if name:
                out.setdefault(name, str(arn))
    return out


def connect_test_case(case: Case, functions: dict[str, str] | None = None) -> dict[str, Any]:
    """One test as a Connect test case document (``functions``: the token each function is invoked by)."""
    functions = functions or {}

    def function_arn(name: str) -> str:
        return functions.get(name, "${function.%s.alias.arn}" % name)

    start = _observation("start", "TestInitiated", {})
    observations = [start]
    mocks: dict[str, Any] = {}
    not_exported: list[str] = []
    for name, mock in sorted(case.given.functions.items()):
        start["Actions"].append(_override(f"mock-function-{_slug(name)}", "InvokeLambdaFunction",
                                          {"LambdaFunctionARN": function_arn(name)},
                                          "${mock.function.%s.arn}" % name))
        mocks[f"function.{name}"] = {"returns": mock.returns} if mock.returns is not None else \
            {"error": mock.error or "timeout"}
    for name, state in sorted(case.given.queues.items()):
        if state.at_capacity or state.in_queue is not None:
            start["Actions"].append(_override(f"mock-queue-{_slug(name)}", "TransferContactToQueue",
                                              {"QueueId": "${queue.%s.arn}" % name}, "${mock.queue.%s.arn}" % name))
            mocks[f"queue.{name}"] = {"at_capacity": True}
    for name, bot in sorted(case.given.bots.items()):
        start["Actions"].append(_override(f"mock-bot-{_slug(name)}", "ConnectParticipantWithLexBot",
                                          {"LexV2Bot": {"AliasArn": "${bot.%s.alias.arn}" % name}},
                                          "${mock.bot.%s.arn}" % name))
        mocks[f"bot.{name}"] = {"error": True} if bot.error else {"intent": bot.intent, "slots": bot.slots}
    for key in ("attributes", "fail"):
        if getattr(case.given, key):
            not_exported.append(f"given {key}: {sorted(getattr(case.given, key))}")
    not_exported.append(f"clock: {case.given.at.isoformat()}")
    last = start
    for n, step in enumerate(case.steps, 1):
        ident = f"step-{n}"
        if step.kind in ("says", "presses"):
            kind = "DtmfInput" if step.kind == "presses" else "TextUtterance"
            last["Actions"].append(_instruction(f"{ident}-{step.kind}", kind, str(step.value)))
            continue
        if step.kind == "waits":
            not_exported.append(f"{step.span.file}:{step.span.line}: waits (the test lets the block time out)")
            continue
        if step.kind == "hears":
            obs = _observation(ident, "MessageReceived", {"Text": str(step.value).strip("/")})
        elif step.kind == "queued":
            obs = _observation(ident, "FlowActionStarted", {"ActionType": "UpdateContactTargetQueue",
                                                            "ActionParameters": {"QueueId": "${queue.%s.arn}" %
                                                                                 step.value}})
        elif step.kind == "invoked":
            obs = _observation(ident, "FlowActionStarted", {"ActionType": "InvokeLambdaFunction",
                                                            "ActionParameters": {
                                                                "LambdaFunctionARN": function_arn(str(step.value))}})
        elif step.kind in ("hangs up", "ends"):
            if last["Event"]["Type"] == "TestCompleted":
                continue
            obs = _observation(ident, "TestCompleted", {})
        else:
            not_exported.append(f"{step.span.file}:{step.span.line}: {step.describe()}")
            continue
        last["Transitions"]["NextObservations"] = [obs["Identifier"]]
        observations.append(obs)
        last = obs
    if last["Event"]["Type"] != "TestCompleted":
        done = _observation("completed", "TestCompleted", {})
        last["Transitions"]["NextObservations"] = [done["Identifier"]]
        observations.append(done)
    entry = {"Channel": case.channel, "Flow": "${flow.%s.arn}" % case.entry}
    if case.number:
        entry["PhoneNumber"] = "${number.%s.phone_number}" % case.number
    return {"Version": VERSION,
            "Metadata": {"Name": case.name, "Source": f"{case.span.file}:{case.span.line}", "Entry": entry,
                         "Mocks": mocks, "NotExported": not_exported},
            "Observations": observations}


def write_connect_tests(report: SuiteReport, out: Path) -> list[str]:
    written: list[str] = []
    used: set[str] = set()
    functions = function_tokens(report.site)
    for case in report.suite.cases if report.suite else []:
        name = f"{Path(case.span.file).stem}-{_slug(case.name)}"
        while name in used:
            name += "-2"
        used.add(name)
        path = out / f"{name}.json"
        document = connect_test_case(case, functions)
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(str(path))
    return written

"""A figure for the compile summary: error branches of compiled flows that end the contact without a message.

An error branch is silent when, following ``NextAction`` from its target through actions that say nothing
(settings, compares, logging …), the contact reaches a DisconnectParticipant before any MessageParticipant,
Lex or menu prompt, transfer or loop prompts. A prompt that fails and carries on where it would have is
not counted, nor are flows reached only by tasks (a task has no caller to tell).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

#: actions that speak to the contact, or hand it on (somebody else speaks)
SPEAKS = frozenset({
    "MessageParticipant", "MessageParticipantIteratively", "GetParticipantInput", "ConnectParticipantWithLexBot",
    "TransferContactToQueue", "TransferToFlow", "TransferParticipantToThirdParty", "InvokeFlowModule",
    "CreateCallbackContact", "EndFlowExecution", "EndFlowModuleExecution",
})


def _ends_silently(actions: Mapping[str, dict], start: str) -> bool:
    seen: set[str] = set()
    current = start
    while current in actions and current not in seen:
        seen.add(current)
        action = actions[current]
        if action["Type"] == "DisconnectParticipant":
            return True
        if action["Type"] in SPEAKS:
            return False
        current = action.get("Transitions", {}).get("NextAction", "")
    return False


def silent_error_branches(content: Mapping) -> int:
    """How many error branches of one flow document end the contact without a message."""
    actions = {a["Identifier"]: a for a in content.get("Actions", [])}
    return sum(1 for a in actions.values() for e in a.get("Transitions", {}).get("Errors", [])
               if not _prompt_failed(a, e) and _ends_silently(actions, e.get("NextAction", "")))


def _prompt_failed(action: Mapping, error: Mapping) -> bool:
    """A prompt that could not play carries on where it would have: that is not an error path."""
    return action["Type"] == "MessageParticipant" and \
        error.get("NextAction") == action.get("Transitions", {}).get("NextAction")


def silent_error_branches_in(artefacts: Mapping[str, str],
                              channels: Mapping[str, frozenset[str]] | None = None) -> tuple[int, int, int]:
    """``(silent error branches, flows, task-only flows)`` over the ``flows/<name>.json`` artefacts of a compiled
    site; the error branches of flows whose only channel is task (``channels``: flow name → channels) are not
    counted."""
    docs: Iterable[tuple[str, str]] = [(path[len("flows/"):-len(".json")], text) for path, text in artefacts.items()
                                       if path.startswith("flows/")]
    total = flows = tasks_only = 0
    for name, text in docs:
        flows += 1
        if (channels or {}).get(name) == frozenset({"task"}):
            tasks_only += 1
            continue
        total += silent_error_branches(json.loads(text))
    return total, flows, tasks_only

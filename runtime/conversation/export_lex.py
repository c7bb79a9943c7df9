"""Lex V2 Test Workbench test sets from the bot turns of a conversation suite: one CSV per bot locale.

Columns follow "Test set columns supported by Test Workbench" (lexv2/latest/dg/file-input-test-sets.html)
and "Creating a test set from a CSV file" (create-test-set-from-CSV.html): ``Line #``, ``Conversation #``,
``Source`` (User/Agent), ``Input``, ``Expected Output Intent`` and one ``Expected Output Slot N`` column per
slot, each ``name = value``. A bot turn that takes one caller input is a single input (``Conversation #``
``N/A``); a turn with slot prompts or a confirmation is a conversation. The expected intent and slots are
what the test expects: the test's ``intent`` step where it has one, else what the offline bot matched.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from .suite import SuiteReport


def bot_turns(report: SuiteReport) -> dict[tuple[str, str], list[list[dict[str, Any]]]]:
    """Per (bot, locale): the dialogues of every bot turn of every passing test, in suite order."""
    out: dict[tuple[str, str], list[list[dict[str, Any]]]] = {}
    seen: set[tuple[str, str, str]] = set()
    for result in report.results:
        if result.status != "passed":
            continue
        for event in result.events:
            if event.kind != "intent" or not event.data.get("utterance"):
                continue
            key = (str(event.data["bot"]), str(event.data["locale"]))
            rows = [dict(row, intent=event.text) for row in event.data.get("dialogue") or []]
            fingerprint = repr([(r["source"], r["text"]) for r in rows])
            if (key[0], key[1], fingerprint) in seen:
                continue
            seen.add((key[0], key[1], fingerprint))
            out.setdefault(key, []).append(rows)
    return out


def lex_test_set_csv(dialogues: list[list[dict[str, Any]]]) -> str:
    width = max([len(r.get("slots") or {}) for d in dialogues for r in d] + [1])
    header = ["Line #", "Conversation #", "Source", "Input", "Expected Output Intent"] + \
        [f"Expected Output Slot {n}" for n in range(1, width + 1)]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    line, conversation = 0, 0
    for dialogue in dialogues:
        single = len(dialogue) == 1
        if not single:
            conversation += 1
        for row in dialogue:
            line += 1
            if row["source"] == "Agent":
                writer.writerow([line, conversation, "Agent", row["text"], ""] + [""] * width)
                continue
            slots = [f"{k} = {v}" for k, v in sorted((row.get("slots") or {}).items())]
            writer.writerow([line, "N/A" if single else conversation, "User", row["text"], row["intent"]] +
                            slots + [""] * (width - len(slots)))
    return buf.getvalue()


def write_lex_test_sets(report: SuiteReport, out: Path) -> list[str]:
    written = []
    for (bot, locale), dialogues in sorted(bot_turns(report).items()):
        path = out / f"{bot}_{locale}.csv"
        path.write_text(lex_test_set_csv(dialogues), encoding="utf-8")
        written.append(str(path))
    return written

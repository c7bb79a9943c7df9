"""SSML prompts (``say ssml "…"``) checked the way Amazon Polly reads them, before a caller hears silence.

- well-formed XML whose root is ``<speak>`` (https://docs.aws.amazon.com/polly/latest/dg/supportedtags.html);
- every ``<break time>`` at most 10 s (https://docs.aws.amazon.com/polly/latest/dg/break-tag.html);
- at most 6,000 characters (SynthesizeSpeech ``TextLengthExceededException``,
  https://docs.aws.amazon.com/polly/latest/dg/API_SynthesizeSpeech.html).

A text that is only a contact attribute (``say ssml "$.External.greeting"``) is given dynamically and read when the
block runs (MessageParticipant's ``SSML`` "may be specified statically or dynamically",
https://docs.aws.amazon.com/connect/latest/APIReference/participant-actions-messageparticipant.html): nothing
here can check it.

Each problem is E316 with the reason, at the place in the text where XML stops being well-formed or at the
``<break>`` that is too long, when the text says where (:func:`ssml_findings`).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from ..compact.strings import span_in_text
from ..diagnostics import Diagnostics
from ..source import UNKNOWN

MAX_BREAK_SECONDS = 10.0
MAX_CHARACTERS = 6000
BAD_SSML = "E316"
_TIME = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(ms|s)\s*$")
_ATTRIBUTE_ONLY = re.compile(r"^\s*\$\.[^\s<>]+\s*$")


#: where in the text: 0-based line and column
Place = tuple[int, int]


def ssml_problems(text: str) -> list[str]:
    """Why Polly would not speak ``text`` as SSML (empty when it would)."""
    return [problem for problem, _place in ssml_findings(text)]


def ssml_findings(text: str) -> list[tuple[str, Place | None]]:
    """Why Polly would not speak ``text`` as SSML, each with the place in the text it concerns when known."""
    if _ATTRIBUTE_ONLY.match(text):
        return []
    if len(text) > MAX_CHARACTERS:
        return [(f"SSML is {len(text):,} characters; Amazon Polly speaks at most {MAX_CHARACTERS:,}", None)]
    if not text.lstrip().startswith("<speak"):
        return [("SSML must be enclosed in <speak>…</speak>", None)]
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        reason = re.sub(r": line \d+, column \d+$", "", str(exc))  # the diagnostic is placed there
        return [(f"SSML is not well-formed XML ({reason})", (line - 1, column) if line > 0 else None)]
    problems: list[tuple[str, Place | None]] = []
    if root.tag != "speak":
        problems.append((f"SSML must be enclosed in <speak>…</speak> (the root is <{root.tag}>)", None))
    for node in root.iter("break"):
        time = node.get("time")
        match = _TIME.match(time or "") if time is not None else None
        if time is not None and not match:
            problems.append((f"<break time=\"{time}\"> is not a time such as 2s or 500ms", _break_at(text, time)))
        elif match:
            seconds = float(match.group(1)) / (1000 if match.group(2) == "ms" else 1)
            if seconds > MAX_BREAK_SECONDS:
                problems.append((f"<break time=\"{time}\"> is longer than Amazon Polly's 10 s", _break_at(text, time)))
    return problems


def _break_at(text: str, time: str | None) -> Place | None:
    """Where the first ``<break>`` with this ``time`` is written."""
    found = re.search(r"<break\b[^>]*?\btime\s*=\s*[\"']" + re.escape(time or ""), text)
    if found is None:
        return None
    before = text[: found.start()]
    return before.count("\n"), found.start() - (before.rfind("\n") + 1)


def report_ssml(s: Any, text: str, keyword: str, diags: Diagnostics) -> None:
    """E316 for each problem of a statement's SSML ``text``: at its place in the text when the text says where
    and the statement knows where its text starts (``text_at``), else at the statement's ``keyword``."""
    for problem, place in ssml_findings(text):
        start = getattr(s, "text_at", UNKNOWN)
        if place is None or start is UNKNOWN:
            diags.error(BAD_SSML, problem, s.span, length=len(keyword))
        else:
            diags.error(BAD_SSML, problem, span_in_text(start, *place))

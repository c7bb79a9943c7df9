"""SSML prompts (``say ssml "…"``) checked the way Amazon Polly reads them, before a caller hears silence.

- well-formed XML whose root is ``<speak>`` (https://docs.aws.amazon.com/polly/latest/dg/supportedtags.html);
- every ``<break time>`` at most 10 s (https://docs.aws.amazon.com/polly/latest/dg/break-tag.html);
- at most 6,000 characters (SynthesizeSpeech ``TextLengthExceededException``,
  https://docs.aws.amazon.com/polly/latest/dg/API_SynthesizeSpeech.html).

Each problem is E316 with the reason.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

MAX_BREAK_SECONDS = 10.0
MAX_CHARACTERS = 6000
BAD_SSML = "E316"
_TIME = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(ms|s)\s*$")


def ssml_problems(text: str) -> list[str]:
    """Why Polly would not speak ``text`` as SSML (empty when it would)."""
    if len(text) > MAX_CHARACTERS:
        return [f"SSML is {len(text):,} characters; Amazon Polly speaks at most {MAX_CHARACTERS:,}"]
    if not text.lstrip().startswith("<speak"):
        return ["SSML must be enclosed in <speak>…</speak>"]
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        return [f"SSML is not well-formed XML ({exc})"]
    problems = []
    if root.tag != "speak":
        problems.append(f"SSML must be enclosed in <speak>…</speak> (the root is <{root.tag}>)")
    for node in root.iter("break"):
        time = node.get("time")
        match = _TIME.match(time or "") if time is not None else None
        if time is not None and not match:
            problems.append(f"<break time=\"{time}\"> is not a time such as 2s or 500ms")
        elif match:
            seconds = float(match.group(1)) / (1000 if match.group(2) == "ms" else 1)
            if seconds > MAX_BREAK_SECONDS:
                problems.append(f"<break time=\"{time}\"> is longer than Amazon Polly's 10 s")
    return problems

"""Offline Lex V2 bots: a deterministic intent matcher over a compiled bot locale's own utterances and
slot types, with slot filling, confirmation and fallback.

Matching: text is normalised (case, punctuation, spaces). An utterance matches exactly when its words
match with each ``{slot}`` standing for a value of the slot's type (custom values and synonyms, or a
built-in type); that scores 1.0. Otherwise the score is the word-sequence similarity to the closest
utterance (slot references counting as one word each). The best intent wins if its score reaches the
bot's confidence threshold, else the turn is the built-in ``FallbackIntent`` (Lex V2: "Fallback intent",
https://docs.aws.amazon.com/lexv2/latest/dg/built-in-intent-fallback.html). Ties go to the intent
defined first in name order, so a run is reproducible.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

FALLBACK = "FallbackIntent"
SLOT_REF = re.compile(r"\{([A-Za-z][A-Za-z0-9_]*)\}")
NUMBER_WORDS = {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
                "seven": "7", "eight": "8", "nine": "9", "ten": "10", "twenty": "20", "fifty": "50",
                "hundred": "100", "thousand": "1000"}
YES = {"yes", "yeah", "yep", "sure", "ok", "okay", "please do", "go ahead", "correct", "right", "oui", "si", "sí"}
BUILTIN_PATTERNS = {
    "AMAZON.Number": r"-?\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS),
    "AMAZON.AlphaNumeric": r"[a-z0-9-]+",
}


def normalise(text: str) -> str:
    """Lower case, punctuation to spaces (keeping apostrophes, hyphens and dots inside words), single spaces."""
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"[^\w'\-. ]+", " ", text)
    text = re.sub(r"(?<!\w)[.'\-]|[.'\-](?!\w)", " ", text)
    return " ".join(text.split())


@dataclass
class Turn:
    """What the bot made of one caller turn."""

    intent: str
    confidence: float
    slots: dict[str, str] = field(default_factory=dict)
    utterance: str = ""


class Bot:
    """One compiled locale of a bot (the ``build/bots/<bot>/<locale>.json`` document)."""

    def __init__(self, name: str, definition: dict[str, Any]):
        self.name = name
        self.definition = definition
        self.locale = str(definition.get("locale", ""))
        self.threshold = float(definition.get("confidence") or 0.4)
        self.fallback_message = definition.get("fallback")
        self.intents: dict[str, dict] = dict(sorted((definition.get("intents") or {}).items()))
        self.slot_types: dict[str, dict] = definition.get("slot_types") or {}
        self._patterns: list[tuple[str, re.Pattern, list[str]]] = []
        self._words: list[tuple[str, list[str]]] = []
        for intent, spec in self.intents.items():
            slot_types = {s["name"]: s["type"] for s in spec.get("slots") or []}
            for utterance in spec.get("utterances") or []:
                regex, names = self._utterance_regex(utterance, slot_types)
                self._patterns.append((intent, regex, names))
                self._words.append((intent, normalise(SLOT_REF.sub(r" \1 ", utterance)).split()))

    # -- slot values ----------------------------------------------------------------------------------
    def values_of(self, slot_type: str) -> dict[str, str]:
        """Spoken form -> resolved value of a custom slot type (values and their synonyms)."""
        spec = self.slot_types.get(slot_type) or {}
        out: dict[str, str] = {}
        for value in spec.get("values") or []:
            out[normalise(str(value))] = str(value)
        for value, synonyms in (spec.get("synonyms") or {}).items():
            for synonym in synonyms or []:
                out[normalise(str(synonym))] = str(value)
        return out

    def _type_pattern(self, slot_type: str) -> str:
        if slot_type in self.slot_types:
            spoken = sorted(self.values_of(slot_type), key=len, reverse=True)
            return "|".join(re.escape(s) for s in spoken) or r"(?!)"
        return BUILTIN_PATTERNS.get(slot_type, r".+?")

    def _utterance_regex(self, utterance: str, slot_types: dict[str, str]) -> tuple[re.Pattern, list[str]]:
        names: list[str] = []
        out, pos = [], 0
        for m in SLOT_REF.finditer(utterance):
            out.append(re.escape(normalise(utterance[pos:m.start()])))
            names.append(m.group(1))
            out.append(f"(?P<s{len(names) - 1}>{self._type_pattern(slot_types.get(m.group(1), ''))})")
            pos = m.end()
        out.append(re.escape(normalise(utterance[pos:])))
        pattern = r"\s*".join(p for p in out if p)
        return re.compile(rf"^\s*{pattern}\s*$"), names

    def resolve(self, slot_type: str, spoken: str) -> str:
        spoken = normalise(spoken)
        if slot_type in self.slot_types:
            return self.values_of(slot_type).get(spoken, spoken)
        if slot_type == "AMAZON.Number":
            return NUMBER_WORDS.get(spoken, spoken)
        return spoken

    def slot_type(self, intent: str, slot: str) -> str:
        for s in self.intents.get(intent, {}).get("slots") or []:
            if s["name"] == slot:
                return str(s["type"])
        return ""

    # -- recognition ----------------------------------------------------------------------------------
    def recognise(self, text: str) -> Turn:
        said = normalise(text)
        for intent, regex, names in self._patterns:
            m = regex.match(said)
            if m:
                slots = {n: self.resolve(self.slot_type(intent, n), m.group(f"s{k}")) for k, n in enumerate(names)}
                return Turn(intent, 1.0, slots, text)
        best, score = FALLBACK, 0.0
        words = said.split()
        for intent, template in self._words:
            s = SequenceMatcher(None, words, template, autojunk=False).ratio()
            if s > score + 1e-9:
                best, score = intent, s
        if score < self.threshold:
            return Turn(FALLBACK, round(score, 2), {}, text)
        return Turn(best, round(score, 2), self.spot_slots(best, said), text)

    def spot_slots(self, intent: str, said: str) -> dict[str, str]:
        """Slot values named anywhere in a loosely matched turn (custom types only)."""
        out: dict[str, str] = {}
        for s in self.intents.get(intent, {}).get("slots") or []:
            for spoken, value in sorted(self.values_of(s["type"]).items(), key=lambda kv: -len(kv[0])):
                if re.search(rf"\b{re.escape(spoken)}\b", said):
                    out[s["name"]] = value
                    break
        return out

    def elicit_value(self, intent: str, slot: str, text: str) -> str | None:
        """The caller's answer to a slot prompt, resolved, or None when it is not a value of the type."""
        slot_type = self.slot_type(intent, slot)
        said = normalise(text)
        if slot_type in self.slot_types:
            values = self.values_of(slot_type)
            for spoken in sorted(values, key=len, reverse=True):
                if re.search(rf"\b{re.escape(spoken)}\b", said):
                    return values[spoken]
            return None
        pattern = BUILTIN_PATTERNS.get(slot_type)
        if pattern:
            m = re.search(rf"\b(?:{pattern})\b", said)
            return self.resolve(slot_type, m.group(0)) if m else None
        return said or None

    def missing_slots(self, intent: str, slots: dict[str, str]) -> list[dict]:
        """Required slots with a prompt that the turn did not fill, in priority order."""
        spec = self.intents.get(intent, {})
        wanted = sorted(spec.get("slots") or [], key=lambda s: s.get("priority") or 0)
        return [s for s in wanted if s.get("required") and s.get("prompt") and s["name"] not in slots]

    def confirmation(self, intent: str, slots: dict[str, str]) -> str | None:
        text = self.intents.get(intent, {}).get("confirm")
        return fill(text, slots) if text else None

    def closing(self, intent: str, slots: dict[str, str]) -> str | None:
        text = self.intents.get(intent, {}).get("closing")
        return fill(text, slots) if text else None


def fill(template: str, slots: dict[str, str]) -> str:
    return SLOT_REF.sub(lambda m: slots.get(m.group(1), m.group(0)), template)


def is_yes(text: str) -> bool:
    said = normalise(text)
    return said in YES or said.split()[:1] in (["yes"], ["yeah"], ["yep"], ["sure"])


def locale_of(language: str) -> str:
    """A contact's language code (``en-US``) as a Lex locale id (``en_US``)."""
    return language.replace("-", "_")

"""Lex V2 bots: locales with voices, slot types, intents with utterances and slots."""
from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field
from pydantic_core import PydanticCustomError

from .base import Name, Node, kind_of
from .compact_types import Duration, Prompt, Utterance
from .enums import SlotResolution, VoiceEngine


class LocaleVoice(Node):
    """The Polly voice of a bot locale; ``name`` is the locale (``en_GB``)."""

    voice: str
    engine: VoiceEngine | None = None

    shorthand_schema: ClassVar[dict | None] = {"type": "string", "description": "Polly voice, optionally with its "
                                               "engine: `Amy` or `Amy neural`"}

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        if isinstance(value, str):
            voice, _, engine = value.strip().partition(" ")
            return {"voice": voice, "engine": engine.strip()} if engine.strip() else {"voice": voice}
        return super().shorthand(value)


class SlotType(Node):
    """A custom slot type: its values (each value may list synonyms)."""

    values: list[str] = Field(min_length=1)
    synonyms: dict[str, list[str]] = Field(default_factory=dict)
    resolution: SlotResolution = "TopResolution"
    description: str | None = Field(None, max_length=200)

    shorthand_schema: ClassVar[dict | None] = {"type": "array", "items": {"type": "string"}, "minItems": 1}

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        if isinstance(value, list):
            return {"values": value}
        return super().shorthand(value)


class Slot(Node):
    """A slot of an intent; its type may also be given inline in an utterance (``{amount:AMAZON.Number}``)."""

    type: Name | None = None
    prompt: str | None = None
    required: bool = True


#: the reply to a declined confirmation when the intent writes none, per language (the locale's first part)
DEFAULT_DECLINE = {
    "en": "Okay, I won't do that.", "es": "De acuerdo, no lo haré.", "fr": "D'accord, je ne le ferai pas.",
    "de": "In Ordnung, das mache ich nicht.", "it": "Va bene, non lo farò.", "pt": "Tudo bem, não vou fazer isso.",
}


def default_decline(locale: str) -> str | None:
    """The built-in decline reply in the language of ``locale`` (None for a language without one)."""
    return DEFAULT_DECLINE.get(locale.split("_")[0])


class IntentText(Node):
    """An intent's text in one more locale: its own utterances, slot prompts, confirmation and closing."""

    utterances: list[Utterance] = Field(default_factory=list)
    prompts: dict[str, str] = Field(default_factory=dict)
    """slot -> the prompt that elicits it in this locale"""
    confirm: Prompt | None = None
    decline: Prompt | None = None
    closing: Prompt | None = None

    shorthand_schema: ClassVar[dict | None] = {"type": "array", "items": {"type": "string"}}

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        if isinstance(value, list):
            return {"utterances": value}
        raise PydanticCustomError("E103", "expected a list of utterances or a mapping, got {kind}",
                                  {"kind": kind_of(value)})


class BotText(Node):
    """A bot's own text in one more locale."""

    fallback: str | None = None
    """what the bot says in this locale when it does not understand"""

    shorthand_schema: ClassVar[dict | None] = {"type": "string", "description": "the fallback message"}

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        if isinstance(value, str):
            return {"fallback": value}
        return super().shorthand(value)


class Intent(Node):
    """An intent: sample utterances, slots, confirmation and closing responses."""

    utterances: list[Utterance] = Field(default_factory=list)
    slots: dict[str, Slot] = Field(default_factory=dict)
    confirm: Prompt | None = None
    """confirmation prompt; may mention slots as {slot}"""
    decline: Prompt | None = None
    """what the bot says when the caller says no to the confirmation (default: a short reply in the
    locale's language)"""
    hooks: list[Literal["dialog", "fulfillment"]] | None = None
    """which code hooks of the bot's `hook` function this intent calls: `dialog` (every turn) and/or
    `fulfillment` (default: `[fulfillment]` when the bot has a hook; `[]` for none)"""
    closing: Prompt | None = None
    """closing response; may mention slots as {slot}"""
    description: str | None = Field(None, max_length=200)
    text: dict[str, IntentText] = Field(default_factory=dict)
    """locale -> this intent's utterances, prompts, confirmation and closing in that locale; the fields above
    are the text of the bot's first locale"""

    def text_for(self, locale: str) -> IntentText | None:
        """The intent's own text in ``locale``, or None when that locale uses the fields above."""
        return self.text.get(locale)

    shorthand_schema: ClassVar[dict | None] = {"type": "array", "items": {"type": "string"}}

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        if isinstance(value, list):
            return {"utterances": value}
        raise PydanticCustomError("E103", "expected a list of utterances or a mapping, got {kind}",
                                  {"kind": kind_of(value)})


class Bot(Node):
    """A Lex V2 bot."""

    description: str | None = Field(None, max_length=200)
    locales: dict[str, LocaleVoice] = Field(min_length=1)
    """locale -> Polly voice, e.g. {en_GB: Ruth}"""
    confidence: float = Field(0.4, ge=0, le=1)
    """NLU intent confidence threshold"""
    idle_timeout: Duration = Field(default_factory=lambda: Duration(text="300s"))
    """idle session timeout (60s to 24h)"""
    hook: Name | None = None
    """fulfilment function (from `functions`)"""
    logs: Name | None = None
    """log group (from `logs`) for conversation logs"""
    fallback: str | None = None
    """what the bot says when it does not understand"""
    slot_types: dict[str, SlotType] = Field(default_factory=dict)
    intents: dict[str, Intent] = Field(min_length=1)
    text: dict[str, BotText] = Field(default_factory=dict)
    """locale -> the bot's own text (its fallback) in that locale"""

    @property
    def primary_locale(self) -> str:
        """The first locale: the one the intents' own utterances and prompts are written in."""
        return next(iter(self.locales))

    def fallback_for(self, locale: str) -> str | None:
        """The fallback message in ``locale``."""
        own = self.text.get(locale)
        return own.fallback if own is not None and own.fallback else self.fallback

"""Lex V2 bots: locales with voices, slot types, intents with utterances and slots."""
from __future__ import annotations

from typing import Any, ClassVar

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


class Intent(Node):
    """An intent: sample utterances, slots, confirmation and closing responses."""

    utterances: list[Utterance] = Field(default_factory=list)
    slots: dict[str, Slot] = Field(default_factory=dict)
    confirm: Prompt | None = None
    """confirmation prompt; may mention slots as {slot}"""
    closing: Prompt | None = None
    """closing response; may mention slots as {slot}"""
    description: str | None = Field(None, max_length=200)

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

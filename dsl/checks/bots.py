"""Bot checks: locales and voices that exist, slot types that resolve, slots mentioned in responses."""
from __future__ import annotations

import functools
import json
import re
from importlib import resources

from ..diagnostics import Diagnostics, did_you_mean
from ..model import Bot, Intent, IntentText, Site
from ..model.bots import default_decline
from ..source import Span
from .scope import Scope

#: Lex V2 built-in slot types
BUILTIN_SLOT_TYPES = (
    "AMAZON.AlphaNumeric", "AMAZON.City", "AMAZON.Confirmation", "AMAZON.Country", "AMAZON.Date",
    "AMAZON.Duration", "AMAZON.EmailAddress", "AMAZON.FirstName", "AMAZON.FreeFormInput", "AMAZON.LastName",
    "AMAZON.Number", "AMAZON.Percentage", "AMAZON.PhoneNumber", "AMAZON.State", "AMAZON.StreetName",
    "AMAZON.Time", "AMAZON.UKPostalCode",
)
SLOT_MENTION = re.compile(r"\{([A-Za-z0-9_-]+)\}")


@functools.cache
def voice_table() -> dict:
    """``dsl/data/voices.json``: Lex V2 locales and Polly voices with their engines."""
    return json.loads(resources.files("ccdsl.dsl").joinpath("data/voices.json").read_text("utf-8"))


#: the engine chosen when a bot locale names none: Lex defaults to ``standard``, which many voices lack
ENGINE_PREFERENCE = ("neural", "standard", "generative", "long-form")


def default_engine(voice: str) -> str | None:
    """The engine a bot locale uses when the site names none: the best the voice has (None if unknown).

    Lex V2 VoiceSettings.engine defaults to standard (Lex V2 API reference, VoiceSettings), and
    CreateBotLocale rejects a voice without that engine; the Polly voice table says which each has."""
    info = voice_table()["voices"].get(voice)
    if info is None:
        return None
    return next((e for e in ENGINE_PREFERENCE if e in info["engines"]), None)


def _language(polly: str) -> str:
    return "ar" if polly == "arb" else polly.split("-")[0]


def check_bots(site: Site, scope: Scope, diags: Diagnostics) -> None:
    utterance_owner: dict[str, tuple[str, str]] = {}
    for bot in site.bots.values():
        _check_locales(bot, diags)
        _check_texts(bot, scope, diags)
        _check_hooks_and_declines(bot, diags)
        for intent in bot.intents.values():
            _check_intent(bot, intent, scope, diags)
            for utterance in intent.utterances:
                key = " ".join(utterance.text.lower().split())
                owner = utterance_owner.get(f"{bot.name}\0{key}")
                if owner and owner[1] != intent.name:
                    diags.warning("W101", f"utterance '{utterance.text}' is also a sample of intent '{owner[1]}'",
                                  utterance.span, hint="Lex cannot tell the two intents apart on it")
                utterance_owner.setdefault(f"{bot.name}\0{key}", (bot.name, intent.name))


def _check_locales(bot: Bot, diags: Diagnostics) -> None:
    table = voice_table()
    locales, voices = table["locales"], table["voices"]
    for locale, setting in bot.locales.items():
        if locale not in locales:
            diags.error("E132", f"'{locale}' is not a Lex V2 locale", setting.span,
                        hint=did_you_mean(locale, locales), length=len(locale))
            continue
        info = voices.get(setting.voice)
        native = [name for name, v in voices.items() if locales[locale]["polly"] in v["polly"]]
        span = setting.span_of("voice")
        if info is None:
            diags.error("E131", f"'{setting.voice}' is not an Amazon Polly voice", span,
                        hint=did_you_mean(setting.voice, voices) or f"voices for {locale}: {', '.join(native)}",
                        length=len(setting.voice))
            continue
        if locales[locale]["language"] not in {_language(p) for p in info["polly"]}:
            diags.error("E130", f"voice '{setting.voice}' ({', '.join(info['polly'])}) does not speak the "
                        f"language of locale '{locale}'", span, hint=f"voices for {locale}: {', '.join(native)}",
                        length=len(setting.voice))
        elif setting.engine and setting.engine not in info["engines"]:
            diags.error("E133", f"voice '{setting.voice}' has no {setting.engine} engine "
                        f"(it has {', '.join(info['engines'])})", setting.span_of("engine"))


def _languages(bot: Bot) -> dict[str, str]:
    """locale -> its language (``es``), for the bot's locales Lex knows."""
    locales = voice_table()["locales"]
    return {loc: locales[loc]["language"] for loc in bot.locales if loc in locales}


def _check_texts(bot: Bot, scope: Scope, diags: Diagnostics) -> None:
    """Per-locale text: for a locale of the bot only, with every text the bot's first locale has when the
    locale speaks another language (Lex would otherwise answer a Spanish caller in English)."""
    locales = list(bot.locales)
    for entry in bot.text.values():
        scope.check("bot_locale", entry.name, entry.span, diags, f"(bot '{bot.name}')", candidates=locales)
    for intent in bot.intents.values():
        for text in intent.text.values():
            scope.check("bot_locale", text.name, text.span, diags, f"(bot '{bot.name}', intent '{intent.name}')",
                        candidates=locales)
            _check_text_slots(intent, text, scope, diags)
    languages = _languages(bot)
    primary = bot.primary_locale
    for locale in locales[1:]:
        if locale not in languages or languages.get(primary) in (None, languages[locale]):
            continue
        why = f"{locale} is not in the language of {primary}, the locale the bot's own text is written in"
        if bot.fallback and not (bot.text.get(locale) and bot.text[locale].fallback):
            diags.error("E134", f"bot '{bot.name}' has no {locale} fallback", bot.span_of("fallback"),
                        hint=f"{why}; add `text: {{{locale}: {{fallback: …}}}}` to the bot")
        for intent in bot.intents.values():
            _check_intent_text(bot, intent, locale, why, diags)


def _check_intent_text(bot: Bot, intent: Intent, locale: str, why: str, diags: Diagnostics) -> None:
    text = intent.text.get(locale)
    if text is None:
        if intent.utterances or intent.closing or intent.confirm or any(s.prompt for s in intent.slots.values()):
            diags.error("E134", f"intent '{intent.name}' of bot '{bot.name}' has no {locale} text", intent.span,
                        hint=f"{why}; add `text: {{{locale}: {{utterances: […]}}}}` to the intent")
        return
    missing = [f"{what}" for what, given, needed in (
        ("utterances", text.utterances, intent.utterances), ("confirm", text.confirm, intent.confirm),
        ("decline", text.decline, intent.decline), ("closing", text.closing, intent.closing)) if needed and not given]
    missing += [f"a prompt for slot '{slot}'" for slot, spec in intent.slots.items()
                if spec.prompt and slot not in text.prompts]
    if missing:
        diags.error("E134", f"the {locale} text of intent '{intent.name}' lacks {', '.join(missing)}", text.span,
                    hint=why)


def _check_hooks_and_declines(bot: Bot, diags: Diagnostics) -> None:
    """An intent's `hooks` need the bot's `hook` function (E165); a confirmation needs a decline reply in
    each locale whose language has no built-in one (E134)."""
    for intent in bot.intents.values():
        if intent.hooks and bot.hook is None:
            diags.error("E165", f"intent '{intent.name}' calls code hooks ({', '.join(intent.hooks)}) but bot "
                        f"'{bot.name}' has no hook function", intent.span_of("hooks"),
                        hint="add `hook: FUNCTION` to the bot, or remove `hooks`")
        if intent.confirm is None:
            continue
        for locale in bot.locales:
            own = intent.text.get(locale) if locale != bot.primary_locale else None
            if (own is not None and own.decline) or intent.decline or default_decline(locale):
                continue
            diags.error("E134", f"intent '{intent.name}' of bot '{bot.name}' confirms but has no {locale} reply "
                        "for a caller who declines", intent.span_of("confirm"),
                        hint=f"no built-in reply in {locale}'s language: add `decline: …` (or "
                        f"`text: {{{locale}: {{decline: …}}}}`)")


def _check_text_slots(intent: Intent, text: IntentText, scope: Scope, diags: Diagnostics) -> None:
    """Slots a locale's text mentions are slots of the intent."""
    known = set(intent.slots) | {p.name.value for u in intent.utterances for p in getattr(u.ast, "slots", ())}
    context = f"of intent '{intent.name}'"
    for utterance in text.utterances:
        for part in getattr(utterance.ast, "slots", ()):
            scope.check("slot", part.name.value, part.name.span, diags, context, candidates=known)
    for slot in text.prompts:
        scope.check("slot", slot, text.span_of("prompts"), diags, context, candidates=known)
    for prompt in (text.confirm, text.decline, text.closing):
        if prompt is None:
            continue
        for match in SLOT_MENTION.finditer(prompt.text):
            if match.group(1) not in known:
                origin = prompt.origin
                span = origin.span_at(0, match.start(1)) if origin else prompt.span
                scope.check("slot", match.group(1), span, diags, context, candidates=known)


def _check_intent(bot: Bot, intent: Intent, scope: Scope, diags: Diagnostics) -> None:
    custom = set(bot.slot_types)
    types = custom | set(BUILTIN_SLOT_TYPES)
    slot_types: dict[str, tuple[str, Span]] = {}
    for name, slot in intent.slots.items():
        if slot.type is not None:
            scope.check("slot_type", str(slot.type), slot.type.span, diags, f"(bot '{bot.name}')", candidates=types)
            slot_types[name] = (str(slot.type), slot.type.span)
        if slot.required and not slot.prompt:
            diags.error("E142", f"required slot '{name}' of intent '{intent.name}' needs a prompt", slot.span,
                        hint="add `prompt: …` or `required: false`")
    mentioned: set[str] = set()
    for utterance in intent.utterances:
        for part in getattr(utterance.ast, "slots", ()):
            slot_name = part.name.value
            mentioned.add(slot_name)
            if part.type is None:
                continue
            kind = part.type.value
            if not scope.check("slot_type", kind, part.type.span, diags, f"(bot '{bot.name}')", candidates=types):
                slot_types.setdefault(slot_name, (kind, part.type.span))  # reported; no "has no type" on top
                continue
            earlier = slot_types.get(slot_name)
            if earlier and earlier[0] != kind:
                diags.error("E141", f"slot '{slot_name}' has type '{kind}' here but '{earlier[0]}' at line "
                            f"{earlier[1].line}", part.type.span, length=len(kind))
            slot_types.setdefault(slot_name, (kind, part.type.span))
    for untyped in sorted(mentioned - set(slot_types)):
        if untyped not in custom:
            span = next(p.name.span for u in intent.utterances for p in getattr(u.ast, "slots", ())
                        if p.name.value == untyped)
            diags.error("E140", f"slot '{untyped}' of intent '{intent.name}' has no type", span,
                        hint=f"write {{{untyped}:Type}} or declare a slot type named '{untyped}'", length=len(untyped))
    known = mentioned | set(intent.slots)
    for prompt in (intent.confirm, intent.decline, intent.closing):
        if prompt is None:
            continue
        for match in SLOT_MENTION.finditer(prompt.text):
            if match.group(1) not in known:
                origin = prompt.origin
                span = origin.span_at(0, match.start(1)) if origin else prompt.span
                scope.check("slot", match.group(1), span, diags, f"of intent '{intent.name}'", candidates=known)

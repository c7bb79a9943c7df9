"""Lex V2 bots: bot, locale per locale, slot types, intents and slots per locale, the slot-priority
update after the slots (the intent↔slot cycle), the fallback intent update, the locale build,
a version, the alias with code hooks, a resource policy for Connect and the bot↔instance
association. Also writes ``bots/<bot>/<locale>.json``."""
from __future__ import annotations

import hashlib
import json
from typing import Any

from ccdsl.dsl import compact as C
from ccdsl.dsl.model import Bot, Intent, LocaleVoice, Slot, Utterance
from ccdsl.dsl.model.bots import DEFAULT_DECLINE, default_decline

from ...dsl.checks.bots import default_engine
from .. import addresses as A
from ..resources import Ref, to_jsonable
from ..values import dumps_indented, json_value, template
from .context import Context, span_of
from .functions import function_target, permission
from .storage import account

DRAFT = "DRAFT"
ALIAS_NAME = "live"
FALLBACK_INTENT_ID = "FALLBCKINT"


def _message(text: str) -> dict[str, Any]:
    return {"messageGroups": [{"message": {"plainTextMessage": {"value": text}}}]}


def utterance_text(utterance: Utterance) -> str:
    """Lex's form of a sample utterance: each slot as ``{slot}``, its inline type left out."""
    return "".join(part.text if isinstance(part, C.Text) else "{%s}" % part.name.value
                   for part in utterance.tree.parts)


def utterance_slots(utterance: Utterance) -> list[tuple[str, str | None]]:
    """(slot, inline type or None) of each slot an utterance mentions, in order."""
    return [(part.name.value, part.type.value if part.type is not None else None)
            for part in utterance.tree.parts if isinstance(part, C.Slot)]


def intent_slots(bot: Bot, intent: Intent) -> list[tuple[str, str, Slot | None]]:
    """(slot, type, model slot or None) in first-mention order: utterances first, then ``slots:``."""
    found: dict[str, str | None] = {}
    for utterance in intent.utterances:
        for slot, inline_type in utterance_slots(utterance):
            if slot not in found or (found[slot] is None and inline_type):
                found[slot] = inline_type
    for slot, spec in intent.slots.items():
        if spec.type:
            found[slot] = str(spec.type)
        else:
            found.setdefault(slot, None)
    out = []
    for slot, type_ in found.items():
        if type_ is None:
            type_ = slot if slot in bot.slot_types else "AMAZON.FreeFormInput"
        out.append((slot, type_, intent.slots.get(slot)))
    return out


def _locale_text(bot: Bot, intent: Intent, locale: str) -> tuple[list[Utterance], dict[str, str], Any, Any]:
    """(utterances, slot prompts, confirm, closing) of an intent in ``locale``: the locale's own text where
    written, the intent's fields otherwise (a locale in the first locale's language may share them)."""
    own = intent.text.get(locale) if locale != bot.primary_locale else None
    prompts = {slot: spec.prompt for slot, spec in intent.slots.items() if spec.prompt}
    if own is None:
        return list(intent.utterances), prompts, intent.confirm, intent.closing
    return (list(own.utterances or intent.utterances), {**prompts, **own.prompts},
            own.confirm or intent.confirm, own.closing or intent.closing)


def _decline(bot: Bot, intent: Intent, locale: str) -> str:
    """The reply to a declined confirmation in ``locale``: the locale's own, the intent's (in its language),
    or the built-in one of the locale's language."""
    own = intent.text.get(locale) if locale != bot.primary_locale else None
    if own is not None and own.decline:
        return own.decline.text
    if intent.decline:
        return intent.decline.text
    return default_decline(locale) or DEFAULT_DECLINE["en"]


def code_hooks(bot: Bot, intent: Intent) -> set[str]:
    """The code hooks an intent calls: its `hooks`, or fulfilment alone when the bot has a hook function."""
    if bot.hook is None:
        return set()
    return set(intent.hooks) if intent.hooks is not None else {"fulfillment"}


def _intent_body(bot_name: str, bot: Bot, intent_name: str, intent: Intent, locale: str,
                 locale_ref: Ref) -> dict[str, Any]:
    utterances, _, confirm, closing = _locale_text(bot, intent, locale)
    hooks = code_hooks(bot, intent)
    body: dict[str, Any] = {
        "intentName": intent_name,
        "botId": Ref(A.bot_addr(bot_name), "id"),
        "botVersion": DRAFT,
        "localeId": locale_ref,
        "sampleUtterances": [{"utterance": utterance_text(u)} for u in utterances],
        "fulfillmentCodeHook": {"enabled": "fulfillment" in hooks},
    }
    if "dialog" in hooks:
        body["dialogCodeHook"] = {"enabled": True}
    if intent.description:
        body["description"] = intent.description
    if confirm:
        body["intentConfirmationSetting"] = {
            "promptSpecification": {**_message(confirm.text), "maxRetries": 2, "allowInterrupt": True},
            "declinationResponse": _message(_decline(bot, intent, locale)),
        }
    if closing:
        body["intentClosingSetting"] = {"closingResponse": _message(closing.text), "active": True}
    return body


def expand_bots(ctx: Context, bots: dict[str, Bot]) -> None:
    for name in bots:
        expand_bot(ctx, name, bots[name])


def expand_bot(ctx: Context, name: str, bot: Bot) -> None:
    role_name = f"bot_{name}"
    role = ctx.role(role_name, "lexv2.amazonaws.com", bot.span)
    ctx.grant(role_name, ("polly:SynthesizeSpeech",), ["*"], sid="Voice")
    if bot.logs:
        ctx.grant(role_name, ("logs:CreateLogStream", "logs:PutLogEvents"),
                  [template(Ref(A.log_group_addr(bot.logs), "arn"), ":*")], sid="ConversationLogs")
    bot_addr = A.bot_addr(name)
    physical = ctx.physical(name, limit=100).replace(".", "-")
    inputs: dict[str, Any] = {
        "botName": physical, "roleArn": Ref(role, "arn"), "dataPrivacy": {"childDirected": False},
        "idleSessionTTLInSeconds": bot.idle_timeout.tree.seconds, "botTags": ctx.tag_map(),
    }
    if bot.description:
        inputs["description"] = bot.description
    ctx.add(bot_addr, "aws_lexv2models_bot", inputs, name=physical, span=bot.span)

    builds, definitions = [], {}
    for locale, voice in bot.locales.items():
        steps, definition = expand_locale(ctx, name, bot, locale, voice)
        build = A.bot_build_addr(name, locale)
        ctx.add(build, "lex_bot_locale_build", {
            "botId": Ref(bot_addr, "id"), "botVersion": DRAFT, "localeId": Ref(A.bot_locale_addr(name, locale), "id"),
        }, span=voice.span, extra_deps=steps)
        builds.append(build)
        definitions[locale] = definition
        ctx.artefacts[f"bots/{name}/{locale}.json"] = dumps_indented(definition, ensure_ascii=True) + "\n"

    digest = hashlib.sha256(json.dumps(definitions, sort_keys=True).encode()).hexdigest()[:16]
    version = A.bot_version_addr(name)
    ctx.add(version, "aws_lexv2models_bot_version", {
        "botId": Ref(bot_addr, "id"),
        "botVersionLocaleSpecification": {loc: {"sourceBotVersion": DRAFT} for loc in bot.locales},
        "description": f"ccdsl definition {digest}",
    }, span=bot.span, extra_deps=set(builds))

    alias = A.bot_alias_addr(name)
    locale_settings: dict[str, Any] = {}
    for locale in bot.locales:
        setting: dict[str, Any] = {"enabled": True}
        if bot.hook:
            setting["codeHookSpecification"] = {"lambdaCodeHook": {
                "lambdaARN": function_target(ctx, bot.hook), "codeHookInterfaceVersion": "1.0"}}
        locale_settings[locale] = setting
    alias_inputs: dict[str, Any] = {
        "botAliasName": ALIAS_NAME, "botId": Ref(bot_addr, "id"), "botVersion": Ref(version, "version"),
        "botAliasLocaleSettings": locale_settings, "sentimentAnalysisSettings": {"detectSentiment": False},
        "tags": ctx.tag_map(),
    }
    if bot.logs:
        alias_inputs["conversationLogSettings"] = {"textLogSettings": [{"enabled": True, "destination": {
            "cloudWatch": {"cloudWatchLogGroupArn": Ref(A.log_group_addr(bot.logs), "arn"), "logPrefix": f"{name}/"}}}]}
    ctx.add(alias, "aws_lexv2models_bot_alias", alias_inputs, name=ALIAS_NAME, span=bot.span)

    policy = A.bot_alias_policy_addr(name)
    ctx.add(policy, "lex_bot_alias_policy", {
        "resourceArn": Ref(alias, "arn"),
        "policy": json_value({"Version": "2012-10-17", "Statement": [{
            "Sid": "ConnectUsesBot", "Effect": "Allow", "Principal": {"Service": "connect.amazonaws.com"},
            "Action": ["lex:RecognizeText", "lex:StartConversation"], "Resource": Ref(alias, "arn"),
            "Condition": {"StringEquals": {"AWS:SourceAccount": account(ctx)},
                          "ArnEquals": {"AWS:SourceArn": ctx.instance_arn}}}]}),
    }, span=bot.span)
    deps = {policy}
    if bot.hook:
        deps.add(permission(ctx, bot.hook, f"bot.{name}", "lexv2.amazonaws.com", Ref(alias, "arn"),
                            span=span_of(bot, "hook") or bot.span))
    ctx.add(A.bot_association_addr(name), "connect_bot_association", {
        "InstanceId": ctx.instance_id, "LexV2Bot": {"AliasArn": Ref(alias, "arn")},
    }, span=bot.span, extra_deps=deps)


def expand_locale(ctx: Context, name: str, bot: Bot, locale: str, voice: LocaleVoice) -> tuple[set[str], dict]:
    """The locale's resources; returns the addresses the build waits for and the locale definition."""
    bot_ref = Ref(A.bot_addr(name), "id")
    locale_addr = A.bot_locale_addr(name, locale)
    voice_settings: dict[str, Any] = {"voiceId": voice.voice}
    engine = voice.engine or default_engine(voice.voice)  # Lex's own default (standard) many voices lack
    if engine:
        voice_settings["engine"] = engine
    ctx.add(locale_addr, "aws_lexv2models_bot_locale", {
        "botId": bot_ref, "botVersion": DRAFT, "localeId": locale,
        "nluIntentConfidenceThreshold": bot.confidence, "voiceSettings": voice_settings,
    }, span=voice.span)
    locale_ref = Ref(locale_addr, "id")
    steps: set[str] = set()
    definition: dict[str, Any] = {"bot": name, "locale": locale, "voice": voice_settings,
                                  "confidence": bot.confidence, "slot_types": {}, "intents": {},
                                  "fallback": bot.fallback_for(locale), "hook": bot.hook}
    for st_name, st in bot.slot_types.items():
        values = [{"sampleValue": {"value": v}, **({"synonyms": [{"value": s} for s in st.synonyms[v]]}
                                                     if st.synonyms.get(v) else {})} for v in st.values]
        addr = A.slot_type_addr(name, st_name, locale)
        ctx.add(addr, "aws_lexv2models_slot_type", {
            "slotTypeName": st_name, "botId": bot_ref, "botVersion": DRAFT, "localeId": locale_ref,
            "slotTypeValues": values,
            "valueSelectionSetting": {"resolutionStrategy": st.resolution},  # Lex's own values
        }, span=st.span)
        steps.add(addr)
        definition["slot_types"][st_name] = {"values": list(st.values), "synonyms": dict(st.synonyms),
                                             "resolution": st.resolution}
    for intent_name, intent in bot.intents.items():
        body = _intent_body(name, bot, intent_name, intent, locale, locale_ref)
        utterances, prompts, confirm, closing = _locale_text(bot, intent, locale)
        intent_addr = A.intent_addr(name, intent_name, locale)
        ctx.add(intent_addr, "aws_lexv2models_intent", body, span=intent.span)
        steps.add(intent_addr)
        slots = intent_slots(bot, intent)
        priorities = []
        for priority, (slot, type_, spec) in enumerate(slots, start=1):
            slot_addr = A.slot_addr(name, intent_name, slot, locale)
            type_id: str | Ref = (type_ if type_.startswith("AMAZON.")
                                  else Ref(A.slot_type_addr(name, type_, locale), "id"))
            required = spec.required if spec is not None else True
            prompt = prompts.get(slot) or f"What is the {slot.replace('_', ' ')}?"
            ctx.add(slot_addr, "aws_lexv2models_slot", {
                "slotName": slot, "slotTypeId": type_id, "botId": bot_ref, "botVersion": DRAFT,
                "localeId": locale_ref, "intentId": Ref(intent_addr, "id"),
                "valueElicitationSetting": {
                    "slotConstraint": "Required" if required else "Optional",
                    "promptSpecification": {**_message(prompt), "maxRetries": 2, "allowInterrupt": True},
                },
            }, span=(spec.span if spec is not None else intent.span))
            steps.add(slot_addr)
            priorities.append({"priority": priority, "slotId": Ref(slot_addr, "id")})
        if priorities:
            prio_addr = A.slot_priorities_addr(name, intent_name, locale)
            ctx.add(prio_addr, "lex_intent_slot_priorities",
                    {**body, "intentId": Ref(intent_addr, "id"), "slotPriorities": priorities},
                    span=intent.span)
            steps.add(prio_addr)
        definition["intents"][intent_name] = {
            "utterances": [utterance_text(u) for u in utterances],
            "slots": [{"name": s, "type": t, "priority": i,
                       "required": spec.required if spec is not None else True,
                       "prompt": prompts.get(s)}
                      for i, (s, t, spec) in enumerate(slots, start=1)],
            "confirm": confirm.text if confirm else None,
            "decline": _decline(bot, intent, locale) if confirm else None,
            "closing": closing.text if closing else None,
        }
    fallback = bot.fallback_for(locale)
    if fallback:
        fb = A.fallback_addr(name, locale)
        ctx.add(fb, "lex_fallback_intent", {
            "intentId": FALLBACK_INTENT_ID, "intentName": "FallbackIntent",
            "parentIntentSignature": "AMAZON.FallbackIntent", "botId": bot_ref, "botVersion": DRAFT,
            "localeId": locale_ref, "fulfillmentCodeHook": {"enabled": False},
            "intentClosingSetting": {"closingResponse": _message(fallback), "active": True},
        }, span=span_of(bot, "fallback") or bot.span)
        steps.add(fb)
    return steps, to_jsonable(definition)

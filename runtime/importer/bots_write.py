"""The ``bots:`` section of an imported instance, from what :mod:`.bots_read` read: per bot its locales and
voices, confidence, idle timeout, code hook, fallback reply, slot types and intents (utterances, slots,
confirmation, closing; a later locale's own text under ``text:``), each bot under a comment naming its alias ARN.

A bot's name in the site is its Lex name without the ``<site>-`` prefix ccdsl gives it; its ``logs:`` names the log
group its alias writes conversation text logs to (written by :mod:`.logs_write`). What the language cannot say
(audio conversation logs, a slot order other than first mention …) is a W507 naming the bot. Every Lex resource
the site compiles to is listed in ``found`` with its identifiers, and the role with what IAM holds, so
:mod:`.adopt` can record them (and checks the role's documents equal what the site would send).
"""
from __future__ import annotations

from typing import Any

from ccdsl.compiler import addresses as A
from ccdsl.compiler.importer.names import sanitize
from ccdsl.dsl.checks.bots import default_engine
from ccdsl.dsl.model.bots import DEFAULT_DECLINE, default_decline

from .logs_read import group_arn, text_logs
from .site_write import Problem, SiteText, write_entry

FALLBACK = "AMAZON.FallbackIntent"
_FUNCTION = "function:"


def _text(setting: Any) -> str | None:
    """The first plain-text message of a Lex response or prompt specification."""
    for group in (setting or {}).get("messageGroups") or []:
        value = ((group.get("message") or {}).get("plainTextMessage") or {}).get("value")
        if value:
            return str(value)
    return None


def _intent_text(intent: dict[str, Any], slot_types: dict[str, str]) -> dict[str, Any]:
    """What one locale says for an intent: utterances, slots (in priority order), confirm, decline, closing."""
    by_id = {s.get("slotId"): s for s in intent.get("slots") or []}
    order = [p.get("slotId") for p in sorted(intent.get("slotPriorities") or [], key=lambda p: p.get("priority", 0))]
    order += [i for i in by_id if i not in order]
    slots = []
    for slot_id in order:
        slot = by_id.get(slot_id)
        if slot is None:
            continue
        setting = slot.get("valueElicitationSetting") or {}
        type_id = str(slot.get("slotTypeId") or "")
        slots.append({"name": slot.get("slotName"), "type": slot_types.get(type_id, type_id),
                      "required": setting.get("slotConstraint", "Required") == "Required",
                      "prompt": _text(setting.get("promptSpecification"))})
    confirm = intent.get("intentConfirmationSetting") or {}
    closing = intent.get("intentClosingSetting") or {}
    return {"utterances": [u.get("utterance") for u in intent.get("sampleUtterances") or []], "slots": slots,
            "confirm": _text(confirm.get("promptSpecification")), "decline": _text(confirm.get("declinationResponse")),
            "closing": _text(closing.get("closingResponse")) if closing.get("active", True) else None,
            "hooks": {h for h, key in (("fulfillment", "fulfillmentCodeHook"), ("dialog", "dialogCodeHook"))
                      if (intent.get(key) or {}).get("enabled")},
            "description": intent.get("description")}


def _mention_order(utterances: list[str], slots: list[str]) -> list[str]:
    """The slot order a compiled site gives: first mention in the utterances, then the rest as written."""
    seen: list[str] = []
    for utterance in utterances:
        for part in utterance.split("{")[1:]:
            name = part.split("}", 1)[0].split(":", 1)[0]
            if name and name not in seen:
                seen.append(name)
    return [s for s in seen if s in slots] + [s for s in slots if s not in seen]


def write_bots(out: SiteText, bots: list[dict[str, Any]], site: str) -> None:
    """Append ``bots:`` to ``out`` and the Lex identifiers to ``out.found``."""
    if not bots:
        return
    out.lines += ["", "bots:"]
    taken: set[str] = set()
    for read in bots:
        bot, alias = read["bot"], read["alias"]
        physical = str(bot.get("botName") or read["aliasId"])
        short = physical[len(site) + 1:] if physical.startswith(f"{site}-") else physical
        name, n = sanitize(short, "bot"), 2
        while name in taken:
            name, n = f"{sanitize(short, 'bot')}_{n}", n + 1
        taken.add(name)
        out.names[read["aliasArn"]] = name
        out.declared.add(read["aliasArn"])
        _bot(out, read, name, bot, alias)


def _bot(out: SiteText, read: dict[str, Any], name: str, bot: dict[str, Any], alias: dict[str, Any]) -> None:
    arn = read["aliasArn"]
    locales = read["locales"]
    if not locales:
        out.problems.append(Problem("W507", f"bot '{bot.get('botName')}' has no locale: left out", arn))
        return
    settings = alias.get("botAliasLocaleSettings") or {}
    hooks = sorted(str(target) for s in settings.values()
                   if (target := ((s.get("codeHookSpecification") or {}).get("lambdaCodeHook") or {}).get("lambdaARN")))
    hook = None
    if hooks:
        function = hooks[0].split(_FUNCTION, 1)[-1].split(":", 1)[0]
        hook = out.names.get(hooks[0])
        if hook is None:  # declared under functions: (by ARN) when the import wrote that section
            hook = sanitize(function, "function")
            out.problems.append(Problem("W507", f"bot '{bot.get('botName')}' calls Lambda function {function}, "
                                         f"which is not imported: declare it under functions: as {hook}", arn))
    logs = _logs(out, bot, alias, name, arn)
    first = locales[0]
    voices: dict[str, str] = {}
    for locale in locales:
        voice = (locale.get("voiceSettings") or {}).get("voiceId") or "Joanna"
        engine = (locale.get("voiceSettings") or {}).get("engine")
        voices[locale["localeId"]] = voice if not engine or engine == default_engine(voice) else f"{voice} {engine}"
    confidence = first.get("nluIntentConfidenceThreshold")
    idle = bot.get("idleSessionTTLInSeconds")
    fallbacks = {loc["localeId"]: _text((i.get("intentClosingSetting") or {}).get("closingResponse"))
                 for loc in locales for i in loc["intents"] if i.get("parentIntentSignature") == FALLBACK}
    fallback = fallbacks.get(first["localeId"])
    slot_types: dict[str, Any] = {}
    for st in first.get("slotTypes") or []:
        values = [v.get("sampleValue", {}).get("value") for v in st.get("slotTypeValues") or []]
        synonyms = {v.get("sampleValue", {}).get("value"): [s.get("value") for s in v.get("synonyms") or []]
                    for v in st.get("slotTypeValues") or [] if v.get("synonyms")}
        resolution = (st.get("valueSelectionSetting") or {}).get("resolutionStrategy", "TopResolution")
        entry: dict[str, Any] = {"values": values}
        if synonyms:
            entry["synonyms"] = synonyms
        if resolution != "TopResolution":
            entry["resolution"] = resolution
        if st.get("description"):
            entry["description"] = st["description"]
        slot_types[st.get("slotTypeName")] = entry if len(entry) > 1 else values
    intents: dict[str, Any] = {}
    texts: dict[str, dict[str, Any]] = {}
    for locale in locales:
        type_names = {st.get("slotTypeId"): st.get("slotTypeName") for st in locale.get("slotTypes") or []}
        texts[locale["localeId"]] = {i.get("intentName"): _intent_text(i, type_names) for i in locale["intents"]
                                     if i.get("parentIntentSignature") != FALLBACK}
    for intent_name, said in texts[first["localeId"]].items():
        intents[intent_name] = _intent(out, bot, intent_name, said, first["localeId"], hook is not None, arn)
        for locale in locales[1:]:
            other = texts[locale["localeId"]].get(intent_name)
            own = _locale_intent(said, other, locale["localeId"]) if other else None
            if own:
                intent_entry = intents[intent_name]
                if isinstance(intent_entry, list):
                    intent_entry = intents[intent_name] = {"utterances": intent_entry}
                intent_entry.setdefault("text", {})[locale["localeId"]] = own
    bot_text = {loc: text for loc, text in fallbacks.items() if loc != first["localeId"] and text and text != fallback}
    write_entry(out, arn, name, [
        ("description", bot.get("description")), ("locales", voices),
        ("confidence", confidence if confidence not in (None, 0.4) else None),
        ("idle_timeout", f"{idle}s" if idle and idle != 300 else None), ("hook", hook), ("logs", logs),
        ("fallback", fallback),
        ("slot_types", slot_types or None), ("intents", intents), ("text", bot_text or None)])
    _found(out, read, name)


def _logs(out: SiteText, bot: dict[str, Any], alias: dict[str, Any], name: str, arn: str) -> str | None:
    """The log group (by its site name) the bot's alias writes conversation text logs to; audio logs, a log prefix
    other than the site's ``NAME/`` and a group that was not read are said (W507; W510 from the logs writer)."""
    settings = alias.get("conversationLogSettings") or {}
    if any(s.get("enabled") for s in settings.get("audioLogSettings") or []):
        out.problems.append(Problem("W507", f"bot '{bot.get('botName')}' writes audio conversation logs to S3: the "
                                     "site cannot say where (its text logs are imported)", arn))
    destinations = text_logs(alias)
    if not destinations:
        return None
    written = out.names.get(group_arn(destinations[0]["cloudWatchLogGroupArn"]))
    prefix = destinations[0].get("logPrefix") or ""
    if written and prefix != f"{name}/":
        out.problems.append(Problem("W507", f"bot '{bot.get('botName')}' writes its conversation logs under the "
                                     f"prefix '{prefix}': the site writes them under '{name}/'", arn))
    return written


def _intent(out: SiteText, bot: dict[str, Any], name: str, said: dict[str, Any], locale: str, has_hook: bool,
            arn: str) -> Any:
    slot_names = [s["name"] for s in said["slots"]]
    if _mention_order(said["utterances"], slot_names) != slot_names:
        out.problems.append(Problem("W507", f"bot '{bot.get('botName')}' intent {name}: its slots are elicited in "
                                     f"the order {', '.join(slot_names)}; the site elicits them in the order the "
                                     "utterances first mention them", arn))
    slots: dict[str, Any] = {}
    for slot in said["slots"]:
        entry: dict[str, Any] = {"type": slot["type"]}
        default = f"What is the {slot['name'].replace('_', ' ')}?"
        if slot["prompt"] and (slot["prompt"] != default or slot["required"]):  # a declared required slot says it
            entry["prompt"] = slot["prompt"]
        if not slot["required"]:
            entry["required"] = False
        slots[slot["name"]] = entry
    fields: dict[str, Any] = {"utterances": said["utterances"]}
    if slots:
        fields["slots"] = slots
    if said["confirm"]:
        fields["confirm"] = said["confirm"]
        if said["decline"] and said["decline"] != (default_decline(locale) or DEFAULT_DECLINE["en"]):
            fields["decline"] = said["decline"]
    if said["closing"]:
        fields["closing"] = said["closing"]
    if has_hook and said["hooks"] != {"fulfillment"}:
        fields["hooks"] = sorted(said["hooks"])
    elif not has_hook and said["hooks"]:
        out.problems.append(Problem("W507", f"bot '{bot.get('botName')}' intent {name} calls a code hook, but the "
                                     "bot's alias names no function: its hooks are left out", arn))
    if said["description"]:
        fields["description"] = said["description"]
    return fields if len(fields) > 1 else said["utterances"]


def _locale_intent(first: dict[str, Any], other: dict[str, Any], locale: str) -> dict[str, Any]:
    """A later locale's own text of an intent: only what differs from the first locale's."""
    own: dict[str, Any] = {}
    if other["utterances"] != first["utterances"]:
        own["utterances"] = other["utterances"]
    prompts = {s["name"]: s["prompt"] for s in other["slots"] if s["prompt"]
               and s["prompt"] != next((f["prompt"] for f in first["slots"] if f["name"] == s["name"]), None)}
    if prompts:
        own["prompts"] = prompts
    for key in ("confirm", "closing"):
        if other[key] and other[key] != first[key]:
            own[key] = other[key]
    if other["decline"] and other["decline"] not in (first["decline"], default_decline(locale)):
        own["decline"] = other["decline"]
    return own


def _found(out: SiteText, read: dict[str, Any], name: str) -> None:
    bot, alias = read["bot"], read["alias"]
    bot_id = bot.get("botId")
    out.found[A.bot_addr(name)] = {"id": bot_id, "name": bot.get("botName")}
    role = read.get("role") or {}
    if role.get("RoleId"):
        expect = {"AssumeRolePolicyDocument": role.get("AssumeRolePolicyDocument"),
                  "Description": role.get("Description")}
        out.found[A.bot_role_addr(name)] = {"id": role["RoleId"], "name": role["RoleName"], "arn": role["Arn"],
                                            "_expect": expect}
        for policy, document in (role.get("Policies") or {}).items():
            out.found[A.role_policy_addr(f"bot_{name}")] = {"_expect": {"PolicyName": policy,
                                                                        "PolicyDocument": document}}
    version = str(alias.get("botVersion") or "")
    out.found[A.bot_version_addr(name)] = {"id": version, "version": version}
    out.found[A.bot_alias_addr(name)] = {"id": read["aliasId"], "name": alias.get("botAliasName")}
    if read.get("policy"):
        out.found[A.bot_alias_policy_addr(name)] = {"revision": read["policy"].get("revisionId"),
                                                    "_expect": {"policy": read["policy"].get("policy")}}
    for locale in read["locales"]:
        loc = locale["localeId"]
        out.found[A.bot_locale_addr(name, loc)] = {"id": loc}
        for st in locale.get("slotTypes") or []:
            out.found[A.slot_type_addr(name, st["slotTypeName"], loc)] = {"id": st.get("slotTypeId"),
                                                                           "name": st["slotTypeName"]}
        for intent in locale["intents"]:
            iname = intent.get("intentName")
            out.found[A.intent_addr(name, iname, loc)] = {"id": intent.get("intentId"), "name": iname}
            for slot in intent.get("slots") or []:
                out.found[A.slot_addr(name, iname, slot.get("slotName"), loc)] = {"id": slot.get("slotId"),
                                                                                   "name": slot.get("slotName")}

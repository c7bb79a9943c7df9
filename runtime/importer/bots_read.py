"""The Lex V2 bots associated with a Connect instance, read with List and Describe calls only.

For each alias Connect lists (``ListBots``), :func:`read_bots` reads the bot, the alias (its version, code hook
and log settings), and in the version the alias serves: each locale with its voice and confidence threshold,
its slot types with their values, and its intents with their utterances, slots, confirmation and closing —
the calls and response shapes of the Lex V2 model-building API reference
(https://docs.aws.amazon.com/lexv2/latest/APIReference/API_Operations_Amazon_Lex_Model_Building_V2.html).
The alias's resource policy (``DescribeResourcePolicy``) and the bot's role (IAM ``GetRole``,
``ListRolePolicies``, ``GetRolePolicy``) are read too, so the site can adopt them when they are what it would make.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .site_read import pages

#: Lex V2 List calls name their page token in camel case
LEX_TOKEN = "nextToken"

_ALIAS = re.compile(r"^arn:aws[\w-]*:lex:[^:]*:[^:]*:bot-alias/([^/]+)/([^/]+)$")


def _strip(response: dict) -> dict:
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def read_bots(client: Callable[[str], Any], alias_arns: list[str]) -> list[dict[str, Any]]:
    """Each bot behind ``alias_arns``: ``{"aliasArn", "bot", "alias", "role", "locales": [...]}``."""
    lex = client("lexv2-models")
    out = []
    for arn in alias_arns:
        m = _ALIAS.match(arn)
        if not m:
            continue
        bot_id, alias_id = m.groups()
        bot = _strip(lex.describe_bot(botId=bot_id))
        alias = _strip(lex.describe_bot_alias(botId=bot_id, botAliasId=alias_id))
        version = str(alias.get("botVersion") or "DRAFT")
        ids = {"botId": bot_id, "botVersion": version}
        locales = []
        for summary in pages(lex.list_bot_locales, "botLocaleSummaries", **ids, token_key=LEX_TOKEN):
            where = {**ids, "localeId": summary["localeId"]}
            locale = _strip(lex.describe_bot_locale(**where))
            locale["slotTypes"] = [_strip(lex.describe_slot_type(**where, slotTypeId=s["slotTypeId"]))
                                   for s in pages(lex.list_slot_types, "slotTypeSummaries", **where,
                                                  token_key=LEX_TOKEN)]
            intents = []
            for s in pages(lex.list_intents, "intentSummaries", **where, token_key=LEX_TOKEN):
                intent = _strip(lex.describe_intent(**where, intentId=s["intentId"]))
                intent["slots"] = [_strip(lex.describe_slot(**where, intentId=s["intentId"], slotId=slot["slotId"]))
                                   for slot in pages(lex.list_slots, "slotSummaries", **where,
                                                     intentId=s["intentId"], token_key=LEX_TOKEN)]
                intents.append(intent)
            locale["intents"] = intents
            locales.append(locale)
        try:  # the alias's resource policy, which lets Connect use it (none: ResourceNotFoundException)
            policy = _strip(lex.describe_resource_policy(resourceArn=arn))
        except Exception as exc:
            if (getattr(exc, "response", None) or {}).get("Error", {}).get("Code") != "ResourceNotFoundException":
                raise
            policy = {}
        out.append({"aliasArn": arn, "aliasId": alias_id, "bot": bot, "alias": alias, "locales": locales,
                    "policy": policy, "role": _role(client, str(bot.get("roleArn") or ""))})
    return out


def _role(client: Callable[[str], Any], role_arn: str) -> dict[str, Any]:
    """The bot's role and its inline policies (``{}`` when IAM does not answer: the role is then not adopted)."""
    if not role_arn:
        return {}
    iam = client("iam")
    name = role_arn.rsplit("/", 1)[-1]
    try:
        role = iam.get_role(RoleName=name)["Role"]
        policies = {p: iam.get_role_policy(RoleName=name, PolicyName=p)["PolicyDocument"]
                    for p in iam.list_role_policies(RoleName=name).get("PolicyNames") or []}
    except Exception as exc:  # a denied IAM read costs the adoption of the role, not the import
        if getattr(exc, "response", None) is None:
            raise
        return {}
    return {"RoleName": role.get("RoleName"), "RoleId": role.get("RoleId"), "Arn": role.get("Arn"),
            "AssumeRolePolicyDocument": role.get("AssumeRolePolicyDocument"), "Description": role.get("Description"),
            "Policies": policies}

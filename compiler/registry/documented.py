"""AWS's documented request rules that botocore's service model does not carry, each with its citation.

Registered with :func:`~.rules.rule`; the simulator rejects a request that breaks one, the aws provider
refuses to send it, and ``ccdsl validate`` reports the ones a site itself can break at the value
(regions, voices, phone prefixes). Also here: the per-call caps both providers split lists by
(:func:`per_call`) and where each service runs (:func:`available`). The facts a site can be checked
against offline (regions, calling codes) live in :mod:`ccdsl.dsl.checks.availability`.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from ccdsl.dsl.checks.availability import CALLING_CODES, LEX_REGIONS, prefix_problem
from ccdsl.dsl.checks.bots import voice_table
from ccdsl.dsl.checks.numbers import CLAIMABLE
from ccdsl.dsl.checks.permissions import misspelt
from ccdsl.dsl.model.enums import CONNECT_REGIONS

from .rules import rule

UUID = re.compile(r"^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$")
PASSWORD = re.compile(r"^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[a-zA-Z\d\S]{8,64}$")

#: list members AWS takes a limited number of per call: member -> cap
#: (Connect API reference: CreateRoutingProfile / AssociateRoutingProfileQueues QueueConfigs "maximum of
#: 10 items"; CreateQueue / AssociateQueueQuickConnects QuickConnectIds "maximum of 50 items";
#: CreateRoutingProfile / AssociateRoutingProfileQueues ManualAssignmentQueueConfigs "maximum of 10 items")
PER_CALL = {"QueueConfigs": 10, "QuickConnectIds": 50, "ManualAssignmentQueueConfigs": 10}

def available(service: str, region: str) -> bool:
    """Whether ``service`` ("connect" or "lex") runs in ``region``."""
    regions = CONNECT_REGIONS if service == "connect" else LEX_REGIONS if service == "lex" else None
    return regions is None or region in regions


def per_call(request: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """The requests a provider sends for ``request``: capped lists split into as many calls as needed (the
    first call carries the first part of each, the further calls the rest, one member at a time)."""
    first = dict(request)
    rest: list[tuple[str, list]] = []
    for member, cap in PER_CALL.items():
        items = request.get(member)
        if isinstance(items, list) and len(items) > cap:
            first[member] = items[:cap]
            rest += [(member, items[start:start + cap]) for start in range(cap, len(items), cap)]
    yield first
    for member, part in rest:
        yield {**first, member: part}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


# -- client tokens ------------------------------------------------------------------------------
@rule("connect.claim_phone_number.client_token_uuid", "aws_connect_phone_number", "claim_phone_number",
      "https://docs.aws.amazon.com/connect/latest/APIReference/API_ClaimPhoneNumber.html ClientToken: a UUID")
def _claim_token(request: Mapping[str, Any]) -> str | None:
    token = request.get("ClientToken")
    if token is not None and not UUID.match(str(token)):
        return f"ValidationException: ClientToken {str(token)[:20]}… must be a UUID"
    return None


@rule("connect.client_token_length", ("aws_connect_instance", "aws_connect_phone_number"), "*",
      "https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateInstance.html "
      "(and ClaimPhoneNumber) ClientToken: at most 500 characters")
def _token_length(request: Mapping[str, Any]) -> str | None:
    token = request.get("ClientToken")
    if token is not None and len(str(token)) > 500:
        return "ValidationException: ClientToken is longer than 500 characters"
    return None


# -- voices -----------------------------------------------------------------------------------------
@rule("lex.bot_locale.voice_engine", "aws_lexv2models_bot_locale", "*",
      "https://docs.aws.amazon.com/lexv2/latest/APIReference/API_VoiceSettings.html "
      "engine defaults to standard; the voice must offer it")
def _voice_engine(request: Mapping[str, Any]) -> str | None:
    settings = request.get("voiceSettings") or {}
    voice = settings.get("voiceId")
    if not voice:
        return None
    info = voice_table()["voices"].get(voice)
    engine = settings.get("engine") or "standard"
    if info is not None and engine not in info["engines"]:
        return (f"ValidationException: {voice} and {engine} are not valid values for Voice Id and Engine "
                f"respectively ({voice} has {', '.join(info['engines'])})")
    return None


# -- users ----------------------------------------------------------------------------------------------
@rule("connect.create_user.password_pattern", "aws_connect_user", "create_user",
      "https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateUser.html "
      "Password: 8-64 characters with a lower, an upper case letter and a digit")
def _password(request: Mapping[str, Any]) -> str | None:
    password = request.get("Password")
    if password is not None and not PASSWORD.match(str(password)):
        return ("InvalidParameterException: the password needs 8-64 characters with a lower-case letter, "
                "a capital and a digit")
    return None


# -- IAM policy sizes -------------------------------------------------------------------------------------
def _size(document: Any) -> int:
    return len(re.sub(r"\s+", "", _text(document)))


@rule("iam.role_policy.size", "aws_iam_role_policy", "put_role_policy",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html "
      "role inline policies: 10,240 characters without whitespace")
def _inline_policy(request: Mapping[str, Any]) -> str | None:
    size = _size(request.get("PolicyDocument", ""))
    if size > 10_240:
        return f"LimitExceeded: Maximum policy size of 10240 bytes exceeded for role (the policy is {size})"
    return None


@rule("iam.managed_policy.size", "aws_iam_policy", "create_policy",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html "
      "managed policy: 6,144 characters without whitespace")
def _managed_policy(request: Mapping[str, Any]) -> str | None:
    size = _size(request.get("PolicyDocument", ""))
    if size > 6_144:
        return f"LimitExceeded: Cannot exceed quota for PolicySize: 6144 (the policy is {size})"
    return None


@rule("iam.role.trust_policy_size", "aws_iam_role", "create_role",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html "
      "role trust policy: 2,048 characters by default")
def _trust_policy(request: Mapping[str, Any]) -> str | None:
    size = _size(request.get("AssumeRolePolicyDocument", ""))
    if size > 2_048:
        return f"LimitExceeded: Cannot exceed quota for ACLSizePerRole: 2048 (the trust policy is {size})"
    return None


@rule("s3.bucket_policy.size", "aws_s3_bucket_policy", "put_bucket_policy",
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html "
      "bucket policies are limited to 20 KB")
def _bucket_policy(request: Mapping[str, Any]) -> str | None:
    size = len(_text(request.get("Policy", "")).encode())
    if size > 20_480:
        return f"PolicyTooLarge: bucket policies are limited to 20 KB (the policy is {size} bytes)"
    return None


# -- phone numbers ----------------------------------------------------------------------------------------
@rule("connect.phone_number.prefix_country", "aws_connect_phone_number", "*",
      "https://docs.aws.amazon.com/connect/latest/APIReference/API_SearchAvailablePhoneNumbers.html "
      "PhoneNumberPrefix: an E.164 prefix of the country")
def _prefix(request: Mapping[str, Any]) -> str | None:
    problem = prefix_problem(str(request.get("PhoneNumberCountryCode", "")), request.get("PhoneNumberPrefix"))
    return f"InvalidParameterException: {problem}" if problem else None


@rule("connect.phone_number.country_claimable", "aws_connect_phone_number", "*",
      "https://docs.aws.amazon.com/connect/latest/APIReference/API_SearchAvailablePhoneNumbers.html "
      "PhoneNumberCountryCode: one of the listed countries")
def _claimable(request: Mapping[str, Any]) -> str | None:
    country = request.get("PhoneNumberCountryCode")
    if country is not None and country not in CLAIMABLE:
        return f"ValidationException: Amazon Connect has no phone numbers in {country}"
    return None


# -- security profiles -------------------------------------------------------------------------------
@rule("connect.security_profile.permission_names", "connect_custom_security_profile", "*",
      "https://docs.aws.amazon.com/connect/latest/adminguide/security-profile-list.html "
      "Permissions: the API names of the list")
def _permissions(request: Mapping[str, Any]) -> str | None:
    for name in request.get("Permissions") or ():
        near = misspelt(str(name))
        if near is not None:
            return f"InvalidParameterException: '{name}' is not a security-profile permission (did you mean '{near}'?)"
    return None


# -- per-call caps ------------------------------------------------------------------------------------------
@rule("connect.routing_profile.queue_configs_per_call", ("aws_connect_routing_profile",
                                                         "connect_routing_profile_queues"), "*",
      "https://docs.aws.amazon.com/connect/latest/APIReference/API_AssociateRoutingProfileQueues.html "
      "QueueConfigs: at most 10 items a call")
def _queue_configs(request: Mapping[str, Any]) -> str | None:
    configs = request.get("QueueConfigs") or []
    if len(configs) > PER_CALL["QueueConfigs"]:
        return f"InvalidParameterException: {len(configs)} QueueConfigs in one call (at most 10)"
    return None


@rule("connect.routing_profile.manual_queue_configs_per_call", "aws_connect_routing_profile", "*",
      "https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateRoutingProfile.html "
      "ManualAssignmentQueueConfigs: at most 10 items a call")
def _manual_queue_configs(request: Mapping[str, Any]) -> str | None:
    configs = request.get("ManualAssignmentQueueConfigs") or []
    if len(configs) > PER_CALL["ManualAssignmentQueueConfigs"]:
        return f"InvalidParameterException: {len(configs)} ManualAssignmentQueueConfigs in one call (at most 10)"
    return None


@rule("connect.queue.quick_connects_per_call", ("aws_connect_queue", "connect_queue_quick_connects"), "*",
      "https://docs.aws.amazon.com/connect/latest/APIReference/API_AssociateQueueQuickConnects.html "
      "QuickConnectIds: at most 50 items a call")
def _quick_connects(request: Mapping[str, Any]) -> str | None:
    ids = request.get("QuickConnectIds") or []
    if len(ids) > PER_CALL["QuickConnectIds"]:
        return f"InvalidParameterException: {len(ids)} QuickConnectIds in one call (at most 50)"
    return None


# -- flows ------------------------------------------------------------------------------------------------
@rule("connect.contact_flow.description_length", "aws_connect_contact_flow", "*",
      "https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateContactFlow.html "
      "Description: at most 500 characters")
def _flow_description(request: Mapping[str, Any]) -> str | None:
    description = request.get("Description")
    if isinstance(description, str) and len(description) > 500:
        return "InvalidParameterException: Description is longer than 500 characters"
    return None


__all__ = ["CALLING_CODES", "LEX_REGIONS", "available", "per_call", "prefix_problem"]

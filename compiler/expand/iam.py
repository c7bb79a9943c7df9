"""IAM: one role per workload (function, bot, delivery stream, rule …) and one inline policy per
role, assembled from the grants the other areas made. Least privilege: named actions only (never
``"*"``), resources are the ARNs actually used; ``"*"`` as a resource only for actions AWS does not
scope to a resource."""
from __future__ import annotations

import json
import re
from typing import Any

from ccdsl.dsl.source import UNKNOWN

from .. import addresses as A
from ..resources import Ref, Secret, Template
from ..values import _PLACEHOLDER, dumps_indented, json_parts, json_value, json_value_of, template
from .context import Context

# Actions that AWS does not allow to be scoped to a resource ARN.
UNSCOPED_ACTIONS = frozenset({
    "cloudwatch:PutMetricData",
    *("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
      "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"),
    "polly:SynthesizeSpeech",
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
})


#: Confused-deputy prevention: a service may assume the role only on behalf of this account.
#: https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html — Firehose documents sts:ExternalId
#: (https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html); Lambda does not send the source
#: account when it assumes an execution role, so its trust policy carries no condition.
NO_SOURCE_CONDITION = frozenset({"lambda.amazonaws.com", "edgelambda.amazonaws.com"})


#: The resources on whose behalf a service assumes a role, as an ``aws:SourceArn`` pattern ({region}, {account}
#: filled in): the pattern is a wildcard because the resource (bot, rule, stream) needs the role before it exists.
#: CloudWatch Logs: "Subscription filters with Kinesis Data Streams" (logs User Guide); EventBridge: "Using
#: identity-based policies" (aws:SourceArn of the rule); Lex V2: "Cross-service confused deputy prevention";
#: CloudWatch metric streams: "Trust between CloudWatch and Kinesis Data Firehose".
SOURCE_ARNS = {
    "logs.amazonaws.com": "arn:aws:logs:{region}:{account}:*",
    "events.amazonaws.com": "arn:aws:events:{region}:{account}:rule/*",
    "lexv2.amazonaws.com": "arn:aws:lex:{region}:{account}:bot/*",
    "streams.metrics.cloudwatch.amazonaws.com": "arn:aws:cloudwatch:{region}:{account}:metric-stream/*",
}


def trust_policy(principal: str, account: Any = None, region: str | None = None) -> dict[str, Any]:
    statement: dict[str, Any] = {"Effect": "Allow", "Principal": {"Service": principal}, "Action": "sts:AssumeRole"}
    if account is not None and principal not in NO_SOURCE_CONDITION:
        key = "sts:ExternalId" if principal == "firehose.amazonaws.com" else "aws:SourceAccount"
        statement["Condition"] = {"StringEquals": {key: account}}
        pattern = SOURCE_ARNS.get(principal)
        if pattern is not None and region is not None:
            before, after = pattern.split("{account}")
            statement["Condition"]["ArnLike"] = {
                "aws:SourceArn": template(before.format(region=region), account, after)}
    return {"Version": "2012-10-17", "Statement": [statement]}


def policy_document(ctx: Context, role: str) -> dict[str, Any]:
    info = ctx.roles[role]
    statements = []
    seen: dict[str, int] = {}
    for i, grant in enumerate(info.grants):
        sid = grant.sid or f"S{i}"
        seen[sid] = seen.get(sid, 0) + 1
        if seen[sid] > 1:  # AWS rejects repeated statement IDs within one policy
            sid = f"{sid}{seen[sid]}"
        resources = list(grant.resources)
        if resources == ["*"]:
            assert set(grant.actions) <= UNSCOPED_ACTIONS, f"'*' resource for scoped actions {grant.actions}"
        st: dict[str, Any] = {
            "Sid": sid,
            "Effect": "Allow",
            "Action": sorted(set(grant.actions)),
            "Resource": resources if len(resources) != 1 else resources[0],
        }
        if grant.condition:
            st["Condition"] = grant.condition
        statements.append(st)
    return {"Version": "2012-10-17", "Statement": statements}


#: IAM's quota on the inline policies of one role, in characters without whitespace (IAM User Guide,
#: "IAM and AWS STS quotas": role policy size 10,240 characters)
INLINE_POLICY_CHARS = 10_240
#: the length a reference (an ARN known only at apply time) is counted at when sizing a policy
REF_CHARS = 120


def policy_chars(document: dict[str, Any]) -> int:
    """The size IAM will count for ``document``: its compact JSON with references (Refs, Secrets and Templates)
    as their ``${…}`` tokens, each token counted at a generous ARN length (:data:`REF_CHARS`)."""
    text = json.dumps(document, separators=(",", ":"), default=_token)
    return len(_TOKEN.sub("x" * REF_CHARS, text))


_TOKEN = re.compile(r"\$\{[^}]*\}")
#: a reference's token that json writes as it is (printable ASCII, no quote or backslash) and that the
#: pattern above matches whole (no ``}`` before its last character)
_PLAIN_TOKEN = re.compile(r"\$\{[ !#-\[\]-|~]*\}")


def policy_chars_of_parts(text: str, found: list[Any]) -> int | None:
    """:func:`policy_chars` of a document from its :func:`json_parts` (the key-sorted text with placeholders),
    without dumping it again; None when the text or a token is one the count could differ for.

    Key order does not change a text's length; the text is printable ASCII (so escaping it is a no-op), holds
    no ``${`` of its own, and every token is one ``${…}`` that json writes as it is: then each token, wherever
    it stands, is exactly one match of the pattern, counted at :data:`REF_CHARS` instead of its placeholder."""
    if "${" in text or not text.isascii() or "\x7f" in text:
        return None
    size = len(text)
    for i, value in enumerate(found):
        if _PLAIN_TOKEN.fullmatch(value.token) is None:
            return None
        size += REF_CHARS - len(_PLACEHOLDER % i)
    return size


def _token(value: Any) -> str:
    """A reference's token, for json's encoder (:func:`to_jsonable` without walking the whole document)."""
    if isinstance(value, (Ref, Secret, Template)):
        return value.token
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def check_policy_size(ctx: Context, name: str, document: dict[str, Any], size: int | None = None) -> None:
    """A compile error, at the role's site entry, when its inline policy ``document`` is over IAM's quota
    (``size``: its :func:`policy_chars`, when known)."""
    if size is None:
        size = policy_chars(document)
    if size <= INLINE_POLICY_CHARS:
        return
    info = ctx.roles[name]
    entries = sorted({".".join(r.address.split(".")[:2]) for g in info.grants for r in g.resources
                      if isinstance(r, Ref)})
    ctx.diagnostics.error(
        "E405", f"the IAM policy of role '{name}' would be about {size} characters, over IAM's "
        f"{INLINE_POLICY_CHARS} for a role's inline policies; it reaches {len(entries)} site entries "
        f"({', '.join(entries[:12])}{' …' if len(entries) > 12 else ''})", info.span or UNKNOWN,
        hint="give the entries that share this role fewer targets, or split them across functions")


def expand_roles(ctx: Context) -> None:
    """Create every declared role, its inline policy, and ``policies/<role>.json``."""

    trusts: dict[str, Any] = {}  # the trust policy's JSON per principal: roles of one service share it
    for name in sorted(ctx.roles):
        info = ctx.roles[name]
        role_address = A.role_addr(name)
        role_name = ctx.physical(name, limit=64)
        if info.principal not in trusts:
            trusts[info.principal] = json_value(trust_policy(info.principal, Ref(A.ACCOUNT, "account"), ctx.region))
        ctx.add(role_address, "aws_iam_role", {
            "RoleName": role_name,
            "AssumeRolePolicyDocument": trusts[info.principal],
            "Description": f"ccdsl {ctx.site}: {name}",
            "Tags": ctx.tag_list(),
        }, name=role_name, span=info.span)
        if not info.grants:
            continue
        document = policy_document(ctx, name)
        text, found = json_parts(document)  # the policy's JSON, dumped once for its size and its value
        check_policy_size(ctx, name, document, policy_chars_of_parts(text, found))
        ctx.add(A.role_policy_addr(name), "aws_iam_role_policy", {
            "RoleName": Ref(role_address, "name"),
            "PolicyName": "least-privilege",
            "PolicyDocument": json_value_of(text, found),
        }, name="least-privilege", span=info.span)
        ctx.artefacts[f"policies/{name}.json"] = dumps_indented(
            {"role": role_name, "assumed_by": info.principal, "policy": document}, ensure_ascii=True) + "\n"

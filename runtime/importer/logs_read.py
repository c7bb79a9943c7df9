"""The CloudWatch log groups the bots of an instance write their conversation text logs to, and the KMS keys that
encrypt them, read with Describe and List calls only.

Each bot alias's ``conversationLogSettings`` (Lex ``DescribeBotAlias``, already read by :mod:`.bots_read`) names
its text log group by ARN. :func:`read_logs` describes each group the site made (``/ccdsl/<site>/NAME``) once
(CloudWatch Logs ``DescribeLogGroups``: retention and ``kmsKeyId``;
https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html) and lists the
aliases of each key (KMS ``ListAliases``, whose alias names the key in the site;
https://docs.aws.amazon.com/kms/latest/APIReference/API_ListAliases.html). A group or key the account does not
let it read is recorded with why, never an error: it costs the bot its ``logs:``, not the import.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ccdsl.compiler.importer.names import sanitize

#: a log group ARN as Lex names it, and the name inside it (a trailing ``:*`` is DescribeLogGroups' other form)
_GROUP = ":log-group:"


@dataclass
class LogsRead:
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)  # group ARN -> DescribeLogGroups' LogGroup
    missing: dict[str, str] = field(default_factory=dict)  # group ARN -> why it could not be read
    aliases: dict[str, list[str]] = field(default_factory=dict)  # key ARN -> its alias names


def group_arn(arn: str) -> str:
    """A log group ARN without the trailing ``:*``."""
    return arn.removesuffix(":*")


def text_logs(alias: dict[str, Any]) -> list[dict[str, Any]]:
    """The enabled CloudWatch text-log destinations of a bot alias (``cloudWatchLogGroupArn``, ``logPrefix``)."""
    settings = (alias.get("conversationLogSettings") or {}).get("textLogSettings") or []
    return [s["destination"]["cloudWatch"] for s in settings
            if s.get("enabled") and ((s.get("destination") or {}).get("cloudWatch") or {}).get("cloudWatchLogGroupArn")]


def _denied_or_missing(exc: BaseException) -> str | None:
    """Why a read failed, when that failure costs only what was read (else None: the import's own error)."""
    response = getattr(exc, "response", None)
    if response is None:
        return None
    error = response.get("Error") or {}
    return f"{error.get('Code')}: {error.get('Message') or ''}".rstrip(": ")


def own_name(arn: str, site: str) -> str:
    """The site name of a log group the site ``site`` made (``/ccdsl/<site>/NAME``), else ``""``."""
    physical = group_arn(arn).split(_GROUP, 1)[-1]
    prefix = f"/ccdsl/{site}/"
    own = physical[len(prefix):] if physical.startswith(prefix) else ""
    return own if own and sanitize(own, "log") == own else ""


def read_logs(client: Callable[[str], Any], group_arns: Iterable[str], site: str) -> LogsRead:
    """Describe each log group of ``group_arns`` the site made (another is an existing log group: nothing of it is
    needed) and list the aliases of the keys that encrypt them."""
    out = LogsRead()
    wanted = list(dict.fromkeys(group_arn(a) for a in group_arns if _GROUP in a and own_name(a, site)))
    if not wanted:
        return out
    logs = client("logs")
    for arn in wanted:
        name = arn.split(_GROUP, 1)[1]
        try:
            found = _describe(logs, name)
        except Exception as exc:
            why = _denied_or_missing(exc)
            if why is None:
                raise
            out.missing[arn] = f"DescribeLogGroups failed ({why})"
            continue
        if found is None:
            out.missing[arn] = "the account has no such log group"
            continue
        out.groups[arn] = found
    keys = list(dict.fromkeys(str(g["kmsKeyId"]) for g in out.groups.values() if g.get("kmsKeyId")))
    if keys:
        kms = client("kms")
        for key in keys:
            try:
                out.aliases[key] = [str(a["AliasName"]) for a in _alias_pages(kms, key) if a.get("AliasName")]
            except Exception as exc:  # a key the account may not list: named for its id instead
                if _denied_or_missing(exc) is None:
                    raise
                out.aliases[key] = []
    return out


def _describe(logs: Any, name: str) -> dict[str, Any] | None:
    """The log group named exactly ``name`` (DescribeLogGroups matches a prefix: pages are followed)."""
    token = None
    while True:
        page = logs.describe_log_groups(logGroupNamePrefix=name, **({"nextToken": token} if token else {}))
        for group in page.get("logGroups") or []:
            if group.get("logGroupName") == name:
                return dict(group)
        token = page.get("nextToken")
        if not token:
            return None


def _alias_pages(kms: Any, key: str) -> Iterable[dict[str, Any]]:
    marker = None
    while True:
        page = kms.list_aliases(KeyId=key, **({"Marker": marker} if marker else {}))
        yield from page.get("Aliases") or []
        marker = page.get("NextMarker") if page.get("Truncated") else None
        if not marker:
            return

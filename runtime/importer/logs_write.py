"""The ``keys:`` and ``logs:`` sections of an imported instance: the log groups its bots write conversation text
logs to (read by :mod:`.logs_read`), and the KMS keys that encrypt them.

A log group named as a site names its own (``/ccdsl/<site>/NAME``) is written as a log group of the site, with its
retention and key, and adopted when the instance holds what the site would send. Any other log group is written as
an existing one named by its ARN (``NAME: {arn: …}``): the site writes to it, and its retention and encryption stay
its owner's. A key is always written as an existing key named by its ARN — the site encrypts with it, but its
policy, rotation and deletion are not taken over (removing the site must never schedule a key's deletion). A key
is named for its alias (``alias/<site>/data`` → ``data``). What cannot be read is a W510 naming the bot's group.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ccdsl.compiler import addresses as A
from ccdsl.compiler.importer.names import sanitize

from .logs_read import LogsRead, group_arn, own_name, text_logs
from .site_write import Problem, SiteText, write_entry

#: CloudWatch Logs' own default when a log group is made here without ``retention`` (the language's default)
DEFAULT_RETENTION_DAYS = 30


def _key_name(arn: str, aliases: list[str], site: str, taken: set[str]) -> str:
    own = [a for a in aliases if a.startswith(f"alias/{site}/")]
    other = [a for a in aliases if not a.startswith("alias/aws/")]
    if own:
        base = own[0][len(f"alias/{site}/"):]
    elif other:
        base = other[0].removeprefix("alias/")
    else:
        base = "key_" + arn.rsplit("/", 1)[-1].removeprefix("mrk-")[:8]
    base = sanitize(base, "key")
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def write_logs(out: SiteText, bots: Iterable[dict[str, Any]], read: LogsRead, site: str) -> None:
    """Append ``keys:`` and ``logs:`` for the bots' text log groups to ``out``; name each group in ``out.names``."""
    arns = list(dict.fromkeys(group_arn(d["cloudWatchLogGroupArn"]) for b in bots for d in text_logs(b["alias"])))
    for arn in arns:
        if arn in read.missing:
            out.problems.append(Problem("W510", f"log group {arn.split(':log-group:', 1)[-1]} that a bot writes its "
                                        f"conversation logs to could not be read: {read.missing[arn]} (the bot is "
                                        "written without `logs:`)", arn))
    keys: dict[str, str] = {}  # key ARN -> name
    taken: set[str] = set()
    for arn in arns:
        kms = (read.groups.get(arn) or {}).get("kmsKeyId")
        if kms and kms not in keys:
            keys[str(kms)] = _key_name(str(kms), read.aliases.get(str(kms)) or [], site, taken)
    if keys:
        out.lines += ["", "keys:"]
        for arn, name in keys.items():
            write_entry(out, arn, name, [("arn", arn)])
            out.declared.add(arn)
    groups = [a for a in arns if a not in read.missing]
    if not groups:
        return
    out.lines += ["", "logs:"]
    used = {own_name(a, site) for a in groups if a in read.groups}
    for arn in groups:
        out.declared.add(arn)
        if arn in read.groups:
            out.names[arn] = own_name(arn, site)
            _own_group(out, arn, out.names[arn], read.groups[arn], keys)
            continue
        base = sanitize(arn.split(":log-group:", 1)[-1].rsplit("/", 1)[-1], "log")
        name, n = base, 2
        while name in used:
            name, n = f"{base}_{n}", n + 1
        used.add(name)
        out.names[arn] = name
        write_entry(out, arn, name, [("arn", arn)])  # nothing to adopt: an existing log group is a local step


def _own_group(out: SiteText, arn: str, name: str, group: dict[str, Any], keys: dict[str, str]) -> None:
    """A log group the site made: written with its retention and key, and listed to adopt."""
    days = group.get("retentionInDays")
    kms = group.get("kmsKeyId")
    if days is None:
        out.problems.append(Problem("W507", f"log group {group.get('logGroupName')} keeps its events forever: the "
                                    f"site's log groups expire (retention: {DEFAULT_RETENTION_DAYS}d by default), "
                                    "so its retention is not adopted", arn))
    key = keys.get(str(kms)) if kms else ("none" if keys else None)
    write_entry(out, arn, name, [("retention", f"{days}d" if days and days != DEFAULT_RETENTION_DAYS else None),
                                 ("key", key)])
    physical = str(group.get("logGroupName"))
    out.found[A.log_group_addr(name)] = {"id": physical, "_expect": {"logGroupName": physical, "kmsKeyId": kms}}
    out.found[A.log_retention_addr(name)] = {"_expect": {"retentionInDays": days}}

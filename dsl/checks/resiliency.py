"""Amazon Connect Global Resiliency readiness (``ccdsl lint --global-resiliency``): warnings W126–W132 for
what would block, or not follow, a replica of the instance in the paired region.

Global Resiliency (ReplicateInstance and traffic distribution groups) copies the instance to one paired
region; it does not copy what the instance depends on. Each warning cites the AWS page it comes from:

- W126 the site's region has no Global Resiliency pair; W127 the instance does not sign agents in with SAML;
  ReplicateInstance fails without it
  (https://docs.aws.amazon.com/connect/latest/adminguide/create-replica-connect-instance.html);
- W128 a number claimed to the instance rather than to a traffic distribution group does not fail over
  (https://docs.aws.amazon.com/connect/latest/adminguide/claim-phone-numbers-traffic-distribution-groups.html);
- W129 a Lambda function, W130 a Lex bot exists only in the site's region: "ensure redundancy for
  integrations (Lambda, Lex) across Regions" (create-replica-connect-instance.html; Lex bot replicas:
  https://docs.aws.amazon.com/lexv2/latest/dg/navigation-gr.html);
- W131 a string names the site's region (a region literal or an ARN in it) and would point the replica back;
- W132 a bucket's name is global: a copy in the paired region needs another name
  (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostics
from ..located import LDict, LList, LStr
from ..model import Site
from ..source import Span

#: source region -> the region its replica may be created in (Amazon Connect Administrator Guide, "Create a
#: replica of your existing instance": us-east-1 <-> us-west-2, eu-west-2 <-> eu-central-1, ap-northeast-1 ->
#: ap-northeast-3)
REPLICA_REGION = {"us-east-1": "us-west-2", "us-west-2": "us-east-1", "eu-west-2": "eu-central-1",
                  "eu-central-1": "eu-west-2", "ap-northeast-1": "ap-northeast-3"}

#: the codes of this lint (``ccdsl validate`` never reports them)
CODES = ("W126", "W127", "W128", "W129", "W130", "W131", "W132")
REGION = re.compile(r"\b(?:us|eu|ap|sa|ca|me|af|il|mx)-(?:north|south|east|west|central)(?:east|west)?-\d\b")
#: sections whose region names are the point of them, not a dependency of the instance
_REGIONAL_KEYS = ("region", "targets")


def lint_global_resiliency(site: Site, tree: Any, diags: Diagnostics) -> None:
    """Every Global Resiliency finding of a valid site; ``tree`` is its located YAML tree."""
    region = site.region or ""
    pair = REPLICA_REGION.get(region)
    there = pair or "the replica's region"
    if region and pair is None:
        diags.warning("W126", f"region {region} has no Amazon Connect Global Resiliency: an instance here cannot "
                      "be replicated", site.span_of("region"),
                      hint=f"Global Resiliency pairs {', '.join(f'{a} -> {b}' for a, b in REPLICA_REGION.items())}",
                      length=len(region))
    instance = site.instance
    if instance is not None and instance.identity != "SAML":
        diags.warning("W127", f"the instance signs agents in with {instance.identity}: ReplicateInstance needs "
                      "SAML", instance.span_of("identity"), hint="set `identity: SAML`")
    for number in site.numbers.values():
        diags.warning("W128", f"number '{number.name}' is claimed to the instance, not to a traffic distribution "
                      f"group: its calls do not fail over to {there}", number.span,
                      hint="ccdsl claims numbers to the instance: once the replica exists, move the number "
                      "to a traffic distribution group (UpdatePhoneNumber with the group's ARN)")
    for function in site.functions.values():
        diags.warning("W129", f"function '{function.name}' exists only in {region}: the replica in {there} "
                      "needs its own copy", function.span, hint=f"deploy the function in {there} too")
    for bot in site.bots.values():
        diags.warning("W130", f"bot '{bot.name}' exists only in {region}: the replica needs a bot replica in "
                      f"{there}", bot.span, hint="replicate the bot (Lex V2 Global Resiliency, CreateBotReplica)")
    for bucket in site.buckets.values():
        diags.warning("W132", f"bucket '{bucket.name}' has a global name: a copy in {there} needs its own",
                      bucket.span, hint="S3 bucket names are unique across regions")
    for span, literal in region_literals(tree, region):
        what = f"this value names region {region}" if literal == region else f"ARN '{literal}' is in {region}"
        diags.warning("W131", f"{what}: the replica in {there} would still use it", span,
                      hint="refer to the resource (`${kind.name.arn}`) or take the value from `${env:…}`/`${ssm:…}` "
                      "per region", length=len(literal))


def region_literals(tree: Any, region: str) -> Iterator[tuple[Span, str]]:
    """Each place a string of the site names ``region`` (outside ``region:`` and ``targets:``), with the
    region or the ARN it is part of."""
    if not region or not isinstance(tree, LDict):
        return
    for key, value in tree.items():
        if key not in _REGIONAL_KEYS:
            yield from _strings(value, region)


def _strings(node: Any, region: str) -> Iterator[tuple[Span, str]]:
    if isinstance(node, LDict):
        for value in node.values():
            yield from _strings(value, region)
    elif isinstance(node, LList):
        for item in node:
            yield from _strings(item, region)
    elif isinstance(node, LStr) and region in node:
        for match in REGION.finditer(node):
            if match.group(0) != region:
                continue
            start, end = match.span()
            arn = node.rfind("arn:", 0, start)
            if arn >= 0 and not any(c.isspace() or c in "\"'," for c in node[arn:start]):
                start = arn
                while end < len(node) and not (node[end].isspace() or node[end] in "\"',)"):
                    end += 1
            yield _span_in(node, start, end - start), node[start:end]


def _span_in(text: LStr, offset: int, length: int) -> Span:
    """The file span of ``text[offset:]`` (the string's own span when its content cannot be located)."""
    origin = text.origin
    if origin is None:
        return text.span
    line0 = text.count("\n", 0, offset)
    col0 = offset - (text.rfind("\n", 0, offset) + 1)
    return origin.span_at(line0, col0, length)

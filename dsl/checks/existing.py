"""Existing KMS keys and log groups named by ARN (``keys: K: {arn: …}``, ``logs: L: {arn: …}``): nothing is made
for them, so they take none of the settings of one made here (E516), and they are in the site's Region (E517)."""
from __future__ import annotations

from ..diagnostics import Diagnostics
from ..model import Site
from ..source import Span

#: what only a key made here has (its policy is generated here too): the owner of an existing key sets these
KEY_SETTINGS = ("description", "rotation", "deletion_window")
#: what only a log group made here has: its retention policy and the key it is created with
LOG_SETTINGS = ("retention", "key")


def check_existing(site: Site, diags: Diagnostics) -> None:
    for name in sorted(site.keys):
        key = site.keys[name]
        if key.arn is None:
            continue
        for setting in KEY_SETTINGS:
            if setting in key.model_fields_set:
                diags.error("E516", f"key '{name}' is an existing key (`arn:`): `{setting}` is set by its owner, "
                            "not here", key.span_of(setting),
                            hint=f"remove `{setting}`, or make the key here (without `arn:`)")
        # a KMS key is used only in its own Region (a multi-Region key has another ARN in each Region):
        # https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html
        _region(site, diags, "key", name, key.arn, key.span_of("arn"), "a key encrypts only in its own Region")
    for name in sorted(site.logs):
        group = site.logs[name]
        if group.arn is None:
            continue
        for setting in LOG_SETTINGS:
            if setting in group.model_fields_set:
                diags.error("E516", f"log group '{name}' is an existing log group (`arn:`): `{setting}` is set by "
                            "its owner, not here", group.span_of(setting),
                            hint=f"remove `{setting}`, or make the log group here (without `arn:`)")
        # functions (LoggingConfig) and subscription filters name a log group by its name, looked up in the
        # caller's own Region (PutSubscriptionFilter's logGroupName):
        # https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html
        _region(site, diags, "log group", name, group.arn, group.span_of("arn"),
                "functions and subscription filters write only to log groups of their own Region")


def _region(site: Site, diags: Diagnostics, kind: str, name: str, arn: str, span: Span, why: str) -> None:
    region = arn.split(":")[3]
    if site.region and region != site.region:
        diags.error("E517", f"{kind} '{name}' is in {region}, the site in {site.region}: {why}", span,
                    hint=f"use the ARN of a {kind} in {site.region}")

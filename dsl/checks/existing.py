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


#: (section, what it is called, the settings only one made here has, why it must be in the site's Region)
_FORMS = (
    # a KMS key is used only in its own Region (a multi-Region key has another ARN in each Region):
    # https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html
    ("keys", "key", KEY_SETTINGS, "a key encrypts only in its own Region"),
    # functions (LoggingConfig) and subscription filters name a log group by its name, looked up in the
    # caller's own Region (PutSubscriptionFilter's logGroupName):
    # https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html
    ("logs", "log group", LOG_SETTINGS,
     "functions and subscription filters write only to log groups of their own Region"),
)


def check_existing(site: Site, diags: Diagnostics) -> None:
    for section, kind, settings, why in _FORMS:
        entries = getattr(site, section)
        for name in sorted(entries):
            entry = entries[name]
            if entry.arn is None:
                continue
            for setting in settings:
                if setting in entry.model_fields_set:
                    diags.error("E516", f"{kind} '{name}' is an existing {kind} (`arn:`): `{setting}` is set by its "
                                "owner, not here", entry.span_of(setting),
                                hint=f"remove `{setting}`, or make the {kind} here (without `arn:`)")
            _region(site, diags, kind, name, entry.arn, entry.span_of("arn"), why)


def _region(site: Site, diags: Diagnostics, kind: str, name: str, arn: str, span: Span, why: str) -> None:
    region = arn.split(":")[3]
    if site.region and region != site.region:
        diags.error("E517", f"{kind} '{name}' is in {region}, the site in {site.region}: {why}", span,
                    hint=f"use the ARN of a {kind} in {site.region}")

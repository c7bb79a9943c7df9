"""How the aws provider reaches AWS: region, profile, endpoint and patience.

Credentials always come from the standard boto3 chain (environment, shared config/credentials files,
SSO, instance or container roles); ccdsl never reads, stores or logs them. ``from_env`` reads:

- ``CCDSL_AWS_PROFILE`` (else ``AWS_PROFILE``) and ``CCDSL_AWS_REGION`` (else the site's region, else
  ``AWS_REGION``/``AWS_DEFAULT_REGION``);
- ``CCDSL_AWS_ENDPOINT_URL``: one endpoint for every service (a ``moto_server`` in tests);
- ``CCDSL_AWS_POLL_DELAY`` / ``CCDSL_AWS_POLL_TIMEOUT`` (seconds) for hand-written polls (Connect
  instance status, phone-number claims) and ``CCDSL_AWS_WAITER_DELAY`` /
  ``CCDSL_AWS_WAITER_MAX_ATTEMPTS`` for botocore waiters (Lex builds, DynamoDB, CloudFront …).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

# Kept on destroy unless asked: releasing a number starts a cooldown of up to 180 days.
KEEP_ON_DESTROY = frozenset({"aws_connect_phone_number"})


@dataclass(slots=True)
class AwsSettings:
    region: str | None = None
    profile: str | None = None
    endpoint_url: str | None = None
    poll_delay_s: float = 5.0
    poll_timeout_s: float = 900.0
    waiter_delay_s: int | None = None  # None: the waiter's own delay (10 s for Lex)
    waiter_max_attempts: int | None = None  # None: the waiter's own patience (35 for Lex)
    validate_requests: bool = True
    keep_on_destroy: frozenset[str] = field(default=KEEP_ON_DESTROY)

    @classmethod
    def from_env(cls, region: str | None = None, **overrides) -> AwsSettings:
        env = os.environ

        def number(name, kind):
            value = env.get(name)
            return kind(value) if value not in (None, "") else None

        found = dict(
            region=env.get("CCDSL_AWS_REGION") or region or env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION"),
            profile=env.get("CCDSL_AWS_PROFILE") or env.get("AWS_PROFILE") or None,
            endpoint_url=env.get("CCDSL_AWS_ENDPOINT_URL") or None,
            poll_delay_s=number("CCDSL_AWS_POLL_DELAY", float),
            poll_timeout_s=number("CCDSL_AWS_POLL_TIMEOUT", float),
            waiter_delay_s=number("CCDSL_AWS_WAITER_DELAY", int),
            waiter_max_attempts=number("CCDSL_AWS_WAITER_MAX_ATTEMPTS", int),
        )
        values = {k: v for k, v in found.items() if v is not None}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def waiter_config(self) -> dict[str, int]:
        config = {}
        if self.waiter_delay_s is not None:
            config["Delay"] = self.waiter_delay_s
        if self.waiter_max_attempts is not None:
            config["MaxAttempts"] = self.waiter_max_attempts
        return config

"""The service limits a deployment runs under, in one place: the runtime enforces them, the simulated
account throttles past them and the compiler's estimate schedules within them.

Rates are per rate bucket (:attr:`~.base.ResourceType.bucket`): requests per second and burst.
Concurrency is operations of the bucket in flight at once.
"""
from __future__ import annotations

# Connect API throttling, 2 requests/s with a burst of 5 per account (most control-plane operations):
# https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html
# Lex V2 runtime/model-building API rates and "concurrent bot locale builds per account: 5":
# https://docs.aws.amazon.com/lexv2/latest/dg/quotas.html
SERVICE_RATES: dict[str, tuple[float, float]] = {
    "connect": (2.0, 5.0),
    "lex": (10.0, 20.0),
    "lex-build": (10.0, 20.0),
}
SERVICE_CONCURRENCY: dict[str, int] = {"lex-build": 5}

# How a wait for a bucket reads in an estimate ("waits 3m for a Lex build slot").
SLOT_NAMES: dict[str, str] = {"lex-build": "a Lex build slot"}
RATE_NAMES: dict[str, str] = {"connect": "Connect's request rate", "lex": "Lex's request rate",
                              "lex-build": "Lex's build request rate"}


def slot_name(bucket: str) -> str:
    return SLOT_NAMES.get(bucket, f"a {bucket} slot")


def rate_name(bucket: str) -> str:
    return RATE_NAMES.get(bucket, f"the {bucket} request rate")

"""The AWS calls that belong to the account rather than to one resource type.

The aws provider's account id, ``${ssm:…}`` secrets and the read-only pre-flight checks (quotas,
concurrency) make these calls; per-type calls live in their type's entry (:attr:`ResourceType.procedure`).
"""
from __future__ import annotations

from .base import Call

ACCOUNT: dict[str, Call] = {
    # the caller's account id (ARN templates) and who is calling (pre-flight)
    "caller": Call("get_caller_identity", service="sts"),
    # ${ssm:/path}: a parameter read at apply time (SecureString decrypted), never stored
    "parameter": Call("get_parameter", service="ssm", args={"WithDecryption": True}),
    # pre-flight: the account's Lambda concurrency, and quotas by service code
    "lambda_settings": Call("get_account_settings", service="lambda"),
    "quotas": Call("list_service_quotas", service="service-quotas", items="Quotas"),
}


def account_call(role: str) -> Call:
    """The account-level call named ``role``."""
    return ACCOUNT[role]

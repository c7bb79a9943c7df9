"""The ``aws`` provider: boto3 against a real account (or ``moto_server`` in tests).

Importing this package does not import boto3; the first client does.
"""
from __future__ import annotations

from .provider import AwsProvider, make_provider
from .settings import AwsSettings

__all__ = ["AwsProvider", "AwsSettings", "make_provider"]

"""Where one site is deployed: its targets (accounts and regions) and how a rollout over them runs."""
from __future__ import annotations

from pydantic import Field

from .base import Node
from .patterns import REGION


class Target(Node):
    """One account and region the site is deployed to (a StackSet instance)."""

    account: str | None = Field(default=None, pattern=r"^[0-9]{12}$")
    """the AWS account id (12 digits)"""
    profile: str | None = None
    """the AWS CLI profile that reaches the account"""
    region: str | None = Field(default=None, pattern=REGION)
    """the region; the site's region when not written"""
    ou: str | None = Field(default=None, pattern=r"^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$")
    """an AWS Organizations unit (or root) to deploy to instead of one account (service-managed StackSets)"""
    parameters: dict[str, str] = Field(default_factory=dict)
    """template parameter overrides for this target (e.g. an e-mail address)"""


class Rollout(Node):
    """How a rollout over the targets runs (CloudFormation StackSets' operation preferences)."""

    max_concurrent: int = Field(default=1, ge=1)
    """targets deployed at the same time"""
    failure_tolerance: int = Field(default=0, ge=0)
    """failed targets tolerated before the rest are not started"""

"""Operations: monitoring (alarms, dashboard, CloudTrail) and the agent web page (CCP site)."""
from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field

from .base import Name, Node
from .compact_types import AlarmCondition, Metric, Rate
from .enums import PriceClass


class Trail(Node):
    bucket: Name
    """bucket (from `buckets`) for the trail's logs"""
    multi_region: bool = False


class Alarm(Node):
    """A CloudWatch alarm: a condition such as `queue(Q).contacts_in_queue > 50 for 5m`."""

    condition: AlarmCondition
    description: str | None = None

    shorthand_schema: ClassVar[dict | None] = {"type": "string"}

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        return {"condition": value}


class Monitoring(Node):
    notify: Name | None = None
    """topic (from `topics`) that alarms notify, or an e-mail address"""
    trail: Trail | None = None
    dashboard: list[Metric] = Field(default_factory=list)
    """metric expressions, one widget each"""
    alarms: dict[str, Alarm] = Field(default_factory=dict)


class Waf(Node):
    rate_limit: Rate | None = None
    """requests per client address, e.g. `2000 per 5m`"""


class AgentSite(Node):
    """The agents' web page: S3 + CloudFront + WAF, registered as an approved origin."""

    bucket: Name
    files: dict[str, Name] = Field(default_factory=dict)
    """object key -> local file, relative to the site file (inside its folder); each keeps its span"""
    waf: Waf | None = None
    price_class: PriceClass = "PriceClass_100"
    domain: str | None = None

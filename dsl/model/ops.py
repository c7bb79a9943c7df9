"""Operations: monitoring (alarms, dashboard, CloudTrail) and the agent web page (CCP site)."""
from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field, WithJsonSchema

from .base import Name, Node
from .compact_types import AlarmCondition, CompositeRule, Metric, Rate
from .enums import PriceClass


class Trail(Node):
    bucket: Name
    """bucket (from `buckets`) for the trail's logs"""
    multi_region: bool = False


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


#: alarm targets: one, or a list
Targets = Annotated[list[Name], BeforeValidator(_one_or_many), WithJsonSchema(
    {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]})]


class Alarm(Node):
    """A CloudWatch alarm: a condition such as `queue(Q).contacts_in_queue > 50 for 5m`."""

    condition: AlarmCondition
    description: str | None = None
    notify: Targets | None = None
    """where this alarm notifies instead of `monitoring.notify`: topics (from `topics`), e-mail addresses
    or ARNs of other alarm actions; `[]` for nowhere"""
    ok: bool = True
    """also notify when the alarm returns to OK"""

    shorthand_schema: ClassVar[dict | None] = {"type": "string"}

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        return {"condition": value}


class CompositeAlarm(Node):
    """A CloudWatch composite alarm: alarms of the site combined, `backlog and not ok(heartbeat)`."""

    rule: CompositeRule
    description: str | None = None
    notify: Targets | None = None
    """as an alarm's `notify`"""
    ok: bool = True
    """also notify when the composite alarm returns to OK"""

    shorthand_schema: ClassVar[dict | None] = {"type": "string"}

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        return {"rule": value}


class Monitoring(Node):
    notify: Name | None = None
    """topic (from `topics`) that alarms notify, or an e-mail address"""
    trail: Trail | None = None
    dashboard: list[Metric] = Field(default_factory=list)
    """metric expressions, one widget each"""
    alarms: dict[str, Alarm] = Field(default_factory=dict)
    composites: dict[str, CompositeAlarm] = Field(default_factory=dict)
    """composite alarms, named like alarms (the two share their names)"""


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

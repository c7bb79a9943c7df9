"""Composite alarms' documented rules: the simulator rejects what CloudWatch would, and the site's own
composite alarms pass."""
import asyncio

import pytest

from ccdsl.compiler.registry import rules
from ccdsl.runtime.clock import WallClock
from ccdsl.runtime.providers.base import ProviderError, ResolvedResource
from ccdsl.runtime.providers.sim.provider import SimProvider

TOPIC = "arn:aws:sns:eu-west-2:123456789012:alarms"
GOOD = {"AlarmName": "c", "AlarmRule": 'ALARM("a") AND NOT OK("b")', "AlarmActions": [TOPIC], "OKActions": [TOPIC]}
BAD = [
    ({**GOOD, "AlarmActions": ["arn:aws:automate:eu-west-2:ec2:stop"]}, "cloudwatch.composite_alarm.actions"),
    ({**GOOD, "AlarmRule": " OR ".join(f'ALARM("a{i}")' for i in range(101))}, "cloudwatch.composite_alarm.rule_alarms"),
]


@pytest.mark.parametrize("request_,rule_id", BAD, ids=[b[1] for b in BAD])
def test_the_rule_finds_the_violation(request_, rule_id):
    found = rules.violations("aws_cloudwatch_composite_alarm", "put_composite_alarm", request_)
    assert [r.id for r, _ in found] == [rule_id]
    assert found[0][0].citation.startswith("https://docs.aws.amazon.com/AmazonCloudWatch/")


def test_a_composite_alarm_to_sns_and_lambda_passes():
    request = {**GOOD, "OKActions": ["arn:aws:lambda:eu-west-2:123456789012:function:page"]}
    assert rules.violations("aws_cloudwatch_composite_alarm", "put_composite_alarm", request) == []


@pytest.mark.parametrize("request_,rule_id", BAD, ids=[b[1] for b in BAD])
def test_the_simulator_rejects_it(tmp_path, request_, rule_id):
    sim = SimProvider(tmp_path / "account.db", clock=WallClock(), region="eu-west-2", latency="zero")
    try:
        with pytest.raises(ProviderError, match=rule_id.replace(".", r"\.")):
            asyncio.run(sim.create(ResolvedResource("alarm.c", "aws_cloudwatch_composite_alarm", "c", request_)))
    finally:
        sim.close()

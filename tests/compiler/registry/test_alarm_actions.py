"""Alarm actions of every form — a topic by name or an e-mail address (both SNS topics by the time the
request is made) and an ARN as written — reach only the services CloudWatch allows for the kind of alarm."""
import pytest

from ccdsl.compiler.registry import rules
from ccdsl.dsl.checks.alarms import action_problem

TOPIC = "arn:aws:sns:eu-west-2:123456789012:acme-oncall-example"
COMPOSITE = {"AlarmName": "c", "AlarmRule": 'ALARM("a")', "AlarmActions": [TOPIC]}
METRIC = {"AlarmName": "m", "MetricName": "x", "Namespace": "AWS/Connect", "Period": 60, "EvaluationPeriods": 1,
          "Threshold": 1.0, "ComparisonOperator": "GreaterThanThreshold", "Statistic": "Sum", "AlarmActions": [TOPIC]}


@pytest.mark.parametrize("action", [
    "oncall@acme.example",                              # an e-mail that never became its topic
    "alarms",                                           # a topic name that never became its ARN
    "arn:aws:automate:eu-west-2:ec2:stop",              # EC2 actions: metric alarms only
    "arn:aws:sqs:eu-west-2:123456789012:queue",         # no alarm notifies a queue
])
def test_a_composite_alarm_refuses_every_other_form(action):
    for key in ("AlarmActions", "OKActions", "InsufficientDataActions"):
        found = rules.violations("aws_cloudwatch_composite_alarm", "put_composite_alarm", {**COMPOSITE, key: [action]})
        assert [r.id for r, _ in found] == ["cloudwatch.composite_alarm.actions"], (key, action)


def test_a_metric_alarm_takes_ec2_and_autoscaling_actions_but_not_a_queue():
    op = "put_metric_alarm"
    for action in (TOPIC, "arn:aws:automate:eu-west-2:ec2:reboot", "arn:aws:lambda:eu-west-2:1:function:f",
                   "arn:aws:autoscaling:eu-west-2:1:scalingPolicy:p"):
        assert rules.violations("aws_cloudwatch_metric_alarm", op, {**METRIC, "OKActions": [action]}) == []
    found = rules.violations("aws_cloudwatch_metric_alarm", op, {**METRIC, "AlarmActions": ["arn:aws:sqs:x:1:q"]})
    assert [r.id for r, _ in found] == ["cloudwatch.metric_alarm.actions"]
    assert "a metric alarm acts on sns, automate" in found[0][1]


def test_the_words_name_the_service():
    assert action_problem("composite", "arn:aws:automate:eu-west-2:ec2:stop") == (
        "'arn:aws:automate:eu-west-2:ec2:stop' is an ARN of automate: a composite alarm acts on "
        "sns, lambda, ssm, ssm-incidents only")
    assert "is not an ARN" in action_problem("metric", "oncall@acme.example")

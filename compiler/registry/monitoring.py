"""CloudWatch Logs, alarms, dashboards and metric streams, EventBridge, CloudTrail and SNS: their registry entries."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ccdsl.dsl.checks.alarms import action_problem

from .base import Call, Latency, ResourceType
from .rules import rule

TYPES = [
    ResourceType(
        "aws_cloudwatch_log_group",
        "logs",
        "create_log_group",
        group=1,
        bucket="logs",
        latency=Latency(create=(1, 2), delete=(0.5, 1)),
        read="describe_log_groups",
        delete="delete_log_group",
        outputs={
            "id": "in.logGroupName",
            "name": "in.logGroupName",
            "arn": "arn:{partition}:logs:{region}:{account}:log-group:{in.logGroupName}",
        },
        key={"logGroupName": "in.logGroupName"},
        replace_on=frozenset({"kmsKeyId", "logGroupName"}),
        exists=frozenset({"ResourceAlreadyExistsException"}),
        procedure={"groups": Call("describe_log_groups", "logGroups", args={"logGroupNamePrefix": "in.logGroupName"},
                                  outputs={"retention_in_days": "item.retentionInDays"})},
    ),
    ResourceType(
        "cloudwatch_log_group_existing",
        "local",
        "existing",
        group=1,
        bucket="local",
        latency=Latency(create=(0.1, 0.2), delete=(0.1, 0.2)),
        kind="step",
        outputs={"id": "in.LogGroupName", "name": "in.LogGroupName", "arn": "in.LogGroupArn"},
        note="a log group made elsewhere, named by its ARN (`logs: NAME: {arn: …}`): nothing at AWS",
    ),
    ResourceType(
        "cloudwatch_log_retention",
        "logs",
        "put_retention_policy",
        group=1,
        bucket="logs",
        latency=Latency(create=(1, 2), delete=(0.5, 1)),
        read="describe_log_groups",
        update="put_retention_policy",
        delete="delete_retention_policy",
        kind="step",
        outputs={"id": "in.logGroupName"},
        key={"logGroupName": "in.logGroupName"},
    ),
    ResourceType(
        "aws_cloudwatch_log_subscription_filter",
        "logs",
        "put_subscription_filter",
        group=8,
        bucket="logs",
        latency=Latency(create=(2, 5), delete=(1, 2.5)),
        read="describe_subscription_filters",
        update="put_subscription_filter",
        delete="delete_subscription_filter",
        outputs={"id": "in.filterName", "name": "in.filterName"},
        key={"logGroupName": "in.logGroupName", "filterName": "in.filterName"},
    ),
    ResourceType(
        "aws_sns_topic",
        "sns",
        "create_topic",
        group=1,
        bucket="sns",
        latency=Latency(create=(1, 3), delete=(0.5, 1.5)),
        read="get_topic_attributes",
        update="set_topic_attributes",
        delete="delete_topic",
        arn="arn:{partition}:sns:{region}:{account}:{in.Name}",
        outputs={"id": "res.TopicArn", "arn": "res.TopicArn", "name": "in.Name"},
        key={"TopicArn": "out.arn"},
        replace_on=frozenset({"Name"}),
        procedure={
            "attributes": Call("get_topic_attributes", args={"TopicArn": "out.arn"}),
            "set_attribute": Call("set_topic_attributes", args={"TopicArn": "out.arn"}),
            "tag": Call("tag_resource", args={"ResourceArn": "out.arn", "Tags": "in.Tags"}),
        },
    ),
    ResourceType(
        "aws_sns_topic_subscription",
        "sns",
        "subscribe",
        group=1,
        bucket="sns",
        latency=Latency(create=(1, 3), delete=(0.5, 1.5)),
        read="get_subscription_attributes",
        delete="unsubscribe",
        arn="{in.TopicArn}:{out.id}",
        outputs={"id": "res.SubscriptionArn", "arn": "res.SubscriptionArn"},
        key={"SubscriptionArn": "out.arn"},
        replace_on=frozenset({"Endpoint", "Protocol", "TopicArn"}),
        note="email endpoints stay 'pending confirmation'",
    ),
    ResourceType(
        "aws_cloudwatch_event_rule",
        "events",
        "put_rule",
        group=8,
        bucket="events",
        latency=Latency(create=(1, 3), delete=(0.5, 1.5)),
        read="describe_rule",
        update="put_rule",
        delete="delete_rule",
        arn="arn:{partition}:events:{region}:{account}:rule/{in.Name}",
        outputs={"id": "in.Name", "name": "in.Name", "arn": "res.RuleArn"},
        key={"Name": "in.Name"},
        replace_on=frozenset({"Name"}),
        read_outputs={"arn": "res.Arn"},
    ),
    ResourceType(
        "aws_cloudwatch_event_target",
        "events",
        "put_targets",
        group=8,
        bucket="events",
        latency=Latency(create=(1, 3), delete=(0.5, 1.5)),
        read="list_targets_by_rule",
        update="put_targets",
        delete="remove_targets",
        outputs={"id": "{in.Rule}:{in.Targets[0].Id}"},
        key={"Rule": "in.Rule", "Ids": "=[in.Targets[0].Id]"},
        gone="length(res.Targets) == `0`",
        delete_args={"Ids": "in.Targets[].Id"},
        create_result="res.FailedEntries[0].ErrorMessage",
        note="remove_targets takes Ids=[Targets[*].Id]",
    ),
    ResourceType(
        "aws_cloudwatch_metric_stream",
        "cloudwatch",
        "put_metric_stream",
        group=8,
        bucket="cloudwatch",
        latency=Latency(create=(5, 15), delete=(2.5, 7.5)),
        read="get_metric_stream",
        update="put_metric_stream",
        delete="delete_metric_stream",
        arn="arn:{partition}:cloudwatch:{region}:{account}:metric-stream/{in.Name}",
        outputs={"id": "in.Name", "name": "in.Name", "arn": "res.Arn"},
        key={"Name": "in.Name"},
    ),
    ResourceType(
        "aws_cloudwatch_metric_alarm",
        "cloudwatch",
        "put_metric_alarm",
        group=8,
        bucket="cloudwatch",
        latency=Latency(create=(1, 2), delete=(0.5, 1)),
        read="describe_alarms",
        update="put_metric_alarm",
        delete="delete_alarms",
        outputs={
            "id": "in.AlarmName",
            "name": "in.AlarmName",
            "arn": "arn:{partition}:cloudwatch:{region}:{account}:alarm:{in.AlarmName}",
        },
        key={"AlarmNames": "=[in.AlarmName]"},
        replace_on=frozenset({"AlarmName"}),
        gone="length(res.MetricAlarms) == `0` && length(res.CompositeAlarms || `[]`) == `0`",
        note="describe_alarms/delete_alarms take AlarmNames=[AlarmName]",
    ),
    ResourceType(
        "aws_cloudwatch_composite_alarm",
        "cloudwatch",
        "put_composite_alarm",
        group=8,
        bucket="cloudwatch",
        latency=Latency(create=(1, 2), delete=(0.5, 1)),
        read="describe_alarms",
        update="put_composite_alarm",
        update_mode="put",
        delete="delete_alarms",
        outputs={
            "id": "in.AlarmName",
            "name": "in.AlarmName",
            "arn": "arn:{partition}:cloudwatch:{region}:{account}:alarm:{in.AlarmName}",
        },
        # describe_alarms lists only metric alarms unless AlarmTypes names composites (delete ignores it)
        key={"AlarmNames": "=[in.AlarmName]", "AlarmTypes": "=['CompositeAlarm']"},
        replace_on=frozenset({"AlarmName"}),
        gone="length(res.CompositeAlarms || `[]`) == `0`",
        note="describe_alarms takes AlarmTypes=[CompositeAlarm]; delete_alarms takes AlarmNames=[AlarmName]",
    ),
    ResourceType(
        "aws_cloudwatch_dashboard",
        "cloudwatch",
        "put_dashboard",
        group=8,
        bucket="cloudwatch",
        latency=Latency(create=(1, 2), delete=(0.5, 1)),
        read="get_dashboard",
        update="put_dashboard",
        delete="delete_dashboards",
        outputs={
            "id": "in.DashboardName",
            "name": "in.DashboardName",
            "arn": "arn:{partition}:cloudwatch::{account}:dashboard/{in.DashboardName}",
        },
        key={"DashboardName": "in.DashboardName"},
        replace_on=frozenset({"DashboardName"}),
        delete_args={"DashboardNames": "[in.DashboardName]"},
        create_result="res.DashboardValidationMessages[?Message] | [0].Message",
        note="delete_dashboards takes DashboardNames=[DashboardName]",
    ),
    ResourceType(
        "aws_cloudtrail",
        "cloudtrail",
        "create_trail",
        group=8,
        bucket="cloudtrail",
        latency=Latency(create=(3, 10), delete=(1.5, 5)),
        read="get_trail",
        update="update_trail",
        delete="delete_trail",
        arn="arn:{partition}:cloudtrail:{region}:{account}:trail/{in.Name}",
        outputs={"id": "res.Name", "name": "res.Name", "arn": "res.TrailARN"},
        key={"Name": "in.Name"},
        replace_on=frozenset({"Name"}),
        read_outputs={"id": "res.Trail.Name", "name": "res.Trail.Name", "arn": "res.Trail.TrailARN"},
        exists=frozenset({"TrailAlreadyExistsException"}),
        then=("start_logging",),
        procedure={"start": Call("start_logging", args={"Name": "in.Name"})},  # a trail is created stopped
    ),
]

_COMPOSITE = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutCompositeAlarm.html"
_RULE_FUNCTIONS = re.compile(r"\b(ALARM|OK|INSUFFICIENT_DATA)\s*\(")


def _actions(kind: str, request: Mapping[str, Any]) -> str | None:
    """Every action of every form (a topic's ARN, an e-mail's topic, an ARN as written) is an ARN of a
    service the alarm kind allows (:data:`ccdsl.dsl.checks.alarms.ACTION_SERVICES`)."""
    for key in ("AlarmActions", "OKActions", "InsufficientDataActions"):
        for action in request.get(key) or ():
            problem = action_problem(kind, str(action))
            if problem:
                return f"ValidationError: {key} {problem}"
    return None


@rule("cloudwatch.composite_alarm.actions", "aws_cloudwatch_composite_alarm", "*",
      f"{_COMPOSITE} AlarmActions: SNS topics, Lambda functions, Systems Manager OpsItems and incidents")
def _composite_actions(request: Mapping[str, Any]) -> str | None:
    return _actions("composite", request)


@rule("cloudwatch.metric_alarm.actions", "aws_cloudwatch_metric_alarm", "*",
      "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html "
      "AlarmActions: SNS, EC2, Auto Scaling, Systems Manager and Lambda ARNs")
def _metric_actions(request: Mapping[str, Any]) -> str | None:
    return _actions("metric", request)


@rule("cloudwatch.composite_alarm.rule_alarms", "aws_cloudwatch_composite_alarm", "*", _COMPOSITE)
def _composite_rule_size(request: Mapping[str, Any]) -> str | None:
    """A composite alarm's rule names at most 100 alarms."""
    count = len(_RULE_FUNCTIONS.findall(str(request.get("AlarmRule") or "")))
    if count > 100:
        return f"ValidationError: the AlarmRule names {count} alarms; a composite alarm's rule names at most 100"
    return None

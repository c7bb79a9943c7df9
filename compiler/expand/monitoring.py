"""Monitoring: CloudWatch alarms (to the notify topic), the dashboard, and CloudTrail (with the
bucket-policy statements CloudTrail needs to write its logs)."""
from __future__ import annotations

from typing import Any

from ccdsl.dsl import compact as C
from ccdsl.dsl.checks.alarms import is_address
from ccdsl.dsl.compact.composites import AlarmNot, AlarmState, Expr
from ccdsl.dsl.model import Alarm, CompositeAlarm, Site, Trail
from ccdsl.dsl.source import Span

from .. import addresses as A
from ..resources import Ref
from ..values import json_value, parse_tokens, template
from .context import Context, span_of
from .storage import account

QUEUE_METRICS = {"contacts_in_queue": ("QueueSize", "Maximum"), "longest_wait": ("LongestQueueWaitTime", "Maximum"),
                 "abandon_rate": ("ContactsAbandoned", "Sum"), "missed_calls": ("MissedCalls", "Sum"),
                 "queue_capacity_exceeded": ("QueueCapacityExceededError", "Sum")}
FUNCTION_METRICS = {"errors": ("Errors", "Sum"), "error_rate": ("Errors", "Sum"), "duration": ("Duration", "Average"),
                    "throttles": ("Throttles", "Sum"), "invocations": ("Invocations", "Sum")}
BOT_METRICS = {"missed_utterances": ("MissedUtteranceCount", "Sum"), "runtime_errors": ("RuntimeSystemErrors", "Sum"),
               "requests": ("RuntimeRequestCount", "Sum")}
STATISTICS = {"sum": "Sum", "avg": "Average", "average": "Average", "max": "Maximum", "min": "Minimum",
              "count": "SampleCount", "p99": "p99", "p95": "p95", "p90": "p90"}
OPERATORS = {">": "GreaterThanThreshold", ">=": "GreaterThanOrEqualToThreshold", "<": "LessThanThreshold",
             "<=": "LessThanOrEqualToThreshold", "==": "GreaterThanOrEqualToThreshold"}


def _camel(text: str) -> str:
    return "".join(w.title() for w in text.split("_"))


def metric_spec(ctx: Context, m: C.Metric) -> tuple[str, str, list[dict[str, Any]], str]:
    """(Namespace, MetricName, Dimensions, Statistic) of a metric expression."""
    measure, target = m.name.value, m.target.value if m.target is not None else None
    if m.kind == "queue" and target:
        name, stat = QUEUE_METRICS.get(measure, (_camel(measure), "Sum"))
        return "AWS/Connect", name, [{"Name": "InstanceId", "Value": ctx.instance_id},
                                     {"Name": "MetricGroup", "Value": "Queue"},
                                     {"Name": "QueueName", "Value": Ref(A.queue_addr(target), "name")}], stat
    if m.kind == "function" and target:
        name, stat = FUNCTION_METRICS.get(measure, (_camel(measure), "Sum"))
        return "AWS/Lambda", name, [{"Name": "FunctionName", "Value": Ref(A.function_addr(target), "name")}], stat
    if m.kind == "bot" and target:
        name, stat = BOT_METRICS.get(measure, (_camel(measure), "Sum"))
        return "AWS/Lex", name, [{"Name": "BotId", "Value": Ref(A.bot_addr(target), "id")},
                                 {"Name": "BotAliasId", "Value": Ref(A.bot_alias_addr(target), "id")}], stat
    if m.kind == "instance":
        return "AWS/Connect", _camel(measure), [{"Name": "InstanceId", "Value": ctx.instance_id},
                                                {"Name": "MetricGroup", "Value": "VoiceCalls"}], "Sum"
    dims = [{"Name": name, "Value": value} for name, value in m.dimensions]
    return m.namespace or "", measure, dims, STATISTICS.get((m.stat or "sum").lower(), "Sum")


def expand_monitoring(ctx: Context, site: Site) -> None:
    mon = site.monitoring
    if mon is None:
        return
    topic = notify_topic(ctx, site)
    for name in sorted(mon.alarms):
        alarm = mon.alarms[name]
        cond = alarm.condition.tree
        namespace, metric, dims, stat = metric_spec(ctx, cond.metric)
        periods = max(1, (cond.period or 300) // 60)
        physical = ctx.physical(name, limit=255)
        inputs: dict[str, Any] = {
            "AlarmName": physical, "AlarmDescription": alarm.description or alarm.condition.text,
            "Namespace": namespace, "MetricName": metric, "Dimensions": dims, "Statistic": stat,
            "Period": 60, "EvaluationPeriods": periods, "DatapointsToAlarm": periods,
            "Threshold": float(cond.threshold), "ComparisonOperator": OPERATORS[cond.op],
            "TreatMissingData": "notBreaching", "Tags": ctx.tag_list(),
        }
        if stat.startswith("p"):
            inputs["ExtendedStatistic"] = inputs.pop("Statistic")
        inputs.update(alarm_actions(ctx, site, alarm, topic))
        ctx.add(A.alarm_addr(name), "aws_cloudwatch_metric_alarm", inputs, name=physical,
                span=span_of(alarm.condition) or alarm.span)
    expand_composites(ctx, site, topic)
    if mon.dashboard:
        widgets = []
        for i, m in enumerate(mon.dashboard):
            namespace, metric, dims, stat = metric_spec(ctx, m.tree)
            line: list[Any] = [namespace, metric]
            for d in dims:
                line += [d["Name"], d["Value"]]
            widgets.append({"type": "metric", "x": (i % 2) * 12, "y": (i // 2) * 6, "width": 12, "height": 6,
                            "properties": {"metrics": [line], "region": ctx.region, "stat": stat, "period": 60,
                                           "title": m.text}})
        physical = ctx.physical("main", limit=255)
        ctx.add(A.dashboard_addr(), "aws_cloudwatch_dashboard", {
            "DashboardName": physical, "DashboardBody": json_value({"widgets": widgets}),
        }, name=physical, span=span_of(mon, "dashboard") or mon.span)
    if mon.trail is not None:
        expand_trail(ctx, mon.trail)


def expand_composites(ctx: Context, site: Site, topic: Ref | None) -> None:
    """Composite alarms: the rule in CloudWatch's syntax over the physical names of the alarms it names
    (each a reference, so the alarms exist first)."""
    assert site.monitoring is not None
    for name in sorted(site.monitoring.composites):
        composite = site.monitoring.composites[name]
        physical = ctx.physical(name, limit=255)
        inputs: dict[str, Any] = {
            "AlarmName": physical, "AlarmDescription": composite.description or composite.rule.text,
            "AlarmRule": template(*rule_parts(composite.rule.tree.expr, None)), "ActionsEnabled": True,
            "Tags": ctx.tag_list(),
        }
        inputs.update(alarm_actions(ctx, site, composite, topic))
        ctx.add(A.alarm_addr(name), "aws_cloudwatch_composite_alarm", inputs, name=physical,
                span=span_of(composite.rule) or composite.span)


def rule_parts(expr: Expr, parent: str | None) -> list[Any]:
    """CloudWatch's AlarmRule text of a parsed rule, as template parts (alarm names are references)."""
    if isinstance(expr, AlarmState):
        return [f'{expr.state.upper()}("', Ref(A.alarm_addr(expr.name.value), "name"), '")']
    if isinstance(expr, AlarmNot):
        return ["NOT ", *rule_parts(expr.operand, "not")]
    parts: list[Any] = []
    for i, operand in enumerate(expr.operands):
        parts += ([f" {expr.op.upper()} "] if i else []) + rule_parts(operand, expr.op)
    return ["(", *parts, ")"] if parent is not None else parts


def alarm_actions(ctx: Context, site: Site, alarm: Alarm | CompositeAlarm, topic: Ref | None) -> dict[str, Any]:
    """AlarmActions (and OKActions unless `ok: false`): the alarm's own `notify`, else the site's."""
    if alarm.notify is None:
        targets: list[Any] = [topic] if topic is not None else []
    else:
        targets = [alarm_target(ctx, site, str(t), t.span) for t in alarm.notify]
    if not targets:
        return {}
    return {"AlarmActions": targets, **({"OKActions": list(targets)} if alarm.ok else {})}


def alarm_target(ctx: Context, site: Site, target: str, span: Span | None) -> Any:
    """A declared topic's ARN, an ARN as written, or the topic made for an e-mail address."""
    if target in site.topics:
        return Ref(A.topic_addr(target), "arn")
    if not is_address(target):
        return target
    mon = site.monitoring
    if mon is not None and mon.notify is not None and str(mon.notify) == target:
        return Ref(A.monitoring_topic_addr(), "arn")
    topic = A.alarm_email_topic_addr(target)
    if topic not in ctx.resources:
        physical = ctx.physical("alarms-" + topic.rsplit(".", 1)[-1], limit=256)
        ctx.add(topic, "aws_sns_topic", {"Name": physical, "Tags": ctx.tag_list()}, name=physical, span=span,
                phase=8)
        ctx.add(A.alarm_email_subscription_addr(target), "aws_sns_topic_subscription", {
            "TopicArn": Ref(topic, "arn"), "Protocol": "email", "Endpoint": target,
            "ReturnSubscriptionArn": True}, span=span, phase=8)
    return Ref(topic, "arn")


def notify_topic(ctx: Context, site: Site) -> Ref | None:
    """The topic alarms notify: a declared topic, or one made for an e-mail address."""
    notify = site.monitoring.notify if site.monitoring is not None else None
    if not notify:
        return None
    if str(notify) in site.topics:
        return Ref(A.topic_addr(str(notify)), "arn")
    topic = A.monitoring_topic_addr()
    span = notify.span
    physical = ctx.physical("alarms", limit=256)
    inputs: dict[str, Any] = {"Name": physical, "Tags": ctx.tag_list()}
    if ctx.site_key:  # encrypted like every topic when the site has a key
        inputs["Attributes"] = {"KmsMasterKeyId": Ref(A.key_addr(ctx.site_key), "arn")}
    ctx.add(topic, "aws_sns_topic", inputs, name=physical, span=span, phase=8)
    ctx.add(A.monitoring_subscription_addr(), "aws_sns_topic_subscription", {
        "TopicArn": Ref(topic, "arn"), "Protocol": "email", "Endpoint": parse_tokens(str(notify)),
        "ReturnSubscriptionArn": True}, span=span, phase=8)
    return Ref(topic, "arn")


def expand_trail(ctx: Context, trail: Trail) -> None:
    bucket = str(trail.bucket)
    bucket_arn = Ref(A.bucket_addr(bucket), "arn")
    statements = ctx.bucket_statements.setdefault(bucket, [])
    condition = {"StringEquals": {"aws:SourceAccount": account(ctx)}}
    statements.append({"Sid": "CloudTrailAcl", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
                       "Action": "s3:GetBucketAcl", "Resource": bucket_arn, "Condition": condition})
    statements.append({"Sid": "CloudTrailWrite", "Effect": "Allow",
                       "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject",
                       "Resource": template(bucket_arn, "/AWSLogs/", account(ctx), "/*"),
                       "Condition": {"StringEquals": {"aws:SourceAccount": account(ctx),
                                                      "s3:x-amz-acl": "bucket-owner-full-control"}}})
    physical = ctx.physical("trail", limit=128)
    inputs: dict[str, Any] = {"Name": physical, "S3BucketName": Ref(A.bucket_addr(bucket), "name"),
                              "IsMultiRegionTrail": bool(trail.multi_region), "IncludeGlobalServiceEvents": True,
                              "EnableLogFileValidation": True, "TagsList": ctx.tag_list()}
    key = ctx.bucket_key(bucket)
    if key:
        inputs["KmsKeyId"] = Ref(A.key_addr(key), "arn")
    # CloudTrail checks on create that the bucket policy lets it write
    ctx.add(A.trail_addr(), "aws_cloudtrail", inputs, name=physical, span=trail.span,
            extra_deps={A.bucket_part_addr(bucket, "policy")})

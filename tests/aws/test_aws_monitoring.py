"""Logs, CloudWatch alarms and dashboard, EventBridge and CloudTrail through the aws provider."""
import json

from aws_acme_moto import REGION, bucket, dedupe, firehose, log_group, role, stream, topic
from aws_stack import Stack


def test_log_groups_with_retention_and_subscription_to_a_stream(provider, boto):
    resources = dedupe(log_group("lex", 14) + stream("ai_reporting", 1, 24) + role(
        "logs_to_kinesis", "logs.amazonaws.com", {"Effect": "Allow", "Action": "kinesis:PutRecord", "Resource": "*"}) + [
        ("logs.lex.subscription", "aws_cloudwatch_log_subscription_filter", {
            "logGroupName": "${logs.lex.name}", "filterName": "to-ai-reporting", "filterPattern": "",
            "destinationArn": "${stream.ai_reporting.arn}", "roleArn": "${role.logs_to_kinesis.arn}"})])
    stack = Stack(provider, resources)
    out = stack.apply()
    logs = boto("logs")
    group = logs.describe_log_groups(logGroupNamePrefix="/acme-bank/lex")["logGroups"][0]
    assert group["retentionInDays"] == 14
    assert out["logs.lex"]["arn"] == f"arn:aws:logs:{REGION}:123456789012:log-group:/acme-bank/lex"
    filters = logs.describe_subscription_filters(logGroupName="/acme-bank/lex")["subscriptionFilters"]
    assert [(f["filterName"], f["destinationArn"]) for f in filters] == [("to-ai-reporting", out["stream.ai_reporting"]["arn"])]
    before = provider.write_calls
    stack.apply()
    assert provider.write_calls == before
    stack.destroy()
    assert logs.describe_log_groups()["logGroups"] == []


def test_queue_alarm_notifies_the_ops_topic_and_dashboard(provider, boto):
    body = {"widgets": [{"type": "metric", "x": 0, "y": 0, "width": 12, "height": 6, "properties": {
        "metrics": [["AWS/Connect", "QueueSize", "InstanceId", "i-1", "MetricGroup", "Queue"]],
        "region": REGION, "title": "Contacts in queue"}}]}
    resources = dedupe(topic("alarms") + [
        ("alarm.queue_size", "aws_cloudwatch_metric_alarm", {
            "AlarmName": "acme-bank-queue-size", "Namespace": "AWS/Connect", "MetricName": "QueueSize",
            "Statistic": "Maximum", "Period": 60, "EvaluationPeriods": 5, "Threshold": 50.0,
            "ComparisonOperator": "GreaterThanThreshold", "AlarmActions": ["${topic.alarms.arn}"],
            "Dimensions": [{"Name": "InstanceId", "Value": "i-1"}, {"Name": "MetricGroup", "Value": "Queue"}]}),
        ("dashboard", "aws_cloudwatch_dashboard", {"DashboardName": "acme-bank", "DashboardBody": json.dumps(body)}),
    ])
    stack = Stack(provider, resources)
    out = stack.apply()
    cw = boto("cloudwatch")
    alarm = cw.describe_alarms(AlarmNames=["acme-bank-queue-size"])["MetricAlarms"][0]
    assert alarm["AlarmActions"] == [out["topic.alarms"]["arn"]] and alarm["Threshold"] == 50.0
    assert json.loads(cw.get_dashboard(DashboardName="acme-bank")["DashboardBody"]) == body
    before = provider.write_calls
    stack.apply()
    assert provider.write_calls == before
    stack.destroy()
    assert cw.describe_alarms()["MetricAlarms"] == [] and cw.list_dashboards()["DashboardEntries"] == []


def test_eventbridge_rule_sends_contact_events_to_firehose(provider, boto):
    resources = dedupe(firehose("lifecycle_events", "lifecycle-events/") + role(
        "eventbridge_firehose", "events.amazonaws.com",
        {"Effect": "Allow", "Action": "firehose:PutRecord", "Resource": "*"}) + [
        ("rule.lifecycle", "aws_cloudwatch_event_rule", {
            "Name": "acme-bank-contact-events", "State": "ENABLED",
            "EventPattern": json.dumps({"source": ["aws.connect"], "detail-type": ["Amazon Connect Contact Event"]})}),
        ("rule.lifecycle.target", "aws_cloudwatch_event_target", {
            "Rule": "${rule.lifecycle.name}", "Targets": [{
                "Id": "firehose", "Arn": "${firehose.lifecycle_events.arn}", "RoleArn": "${role.eventbridge_firehose.arn}"}]}),
    ])
    stack = Stack(provider, resources)
    out = stack.apply()
    events = boto("events")
    rule = events.describe_rule(Name="acme-bank-contact-events")
    assert rule["Arn"] == out["rule.lifecycle"]["arn"]
    assert json.loads(rule["EventPattern"])["source"] == ["aws.connect"]
    targets = events.list_targets_by_rule(Rule="acme-bank-contact-events")["Targets"]
    assert [(t["Id"], t["Arn"]) for t in targets] == [("firehose", out["firehose.lifecycle_events"]["arn"])]
    before = provider.write_calls
    stack.apply()
    assert provider.write_calls == before
    stack.destroy()
    assert events.list_rules()["Rules"] == []


def test_cloudtrail_into_its_bucket_is_logging(provider, boto):
    policy = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "AclCheck", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": "s3:GetBucketAcl", "Resource": "arn:aws:s3:::acme-bank-cloudtrail"},
        {"Sid": "Write", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": "s3:PutObject", "Resource": "arn:aws:s3:::acme-bank-cloudtrail/AWSLogs/*"}]})
    resources = dedupe(bucket("cloudtrail") + [
        ("bucket.cloudtrail.policy", "aws_s3_bucket_policy", {"Bucket": "${bucket.cloudtrail.name}", "Policy": policy}),
        ("trail", "aws_cloudtrail", {"Name": "acme-bank", "S3BucketName": "${bucket.cloudtrail.name}",
                                     "IsMultiRegionTrail": True, "EnableLogFileValidation": True}),
    ])
    stack = Stack(provider, resources)
    out = stack.apply()
    ct = boto("cloudtrail")
    trail = ct.get_trail(Name="acme-bank")["Trail"]
    assert trail["TrailARN"] == out["trail"]["arn"] and trail["S3BucketName"] == "acme-bank-cloudtrail"
    assert ct.get_trail_status(Name="acme-bank")["IsLogging"] is True
    assert json.loads(boto("s3").get_bucket_policy(Bucket="acme-bank-cloudtrail")["Policy"]) == json.loads(policy)
    before = provider.write_calls
    stack.apply()
    assert provider.write_calls == before
    stack.destroy()
    assert ct.describe_trails()["trailList"] == [] and boto("s3").list_buckets()["Buckets"] == []

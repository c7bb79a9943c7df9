"""Pipelines, monitoring, the agent site, Connect and storage as acme-bank expands them."""
import json

import pytest

from ccdsl.compiler.registry import REGISTRY as CATALOG
from ccdsl.compiler.resources import Ref, Template, to_jsonable


@pytest.fixture
def r(acme_bank):
    return acme_bank.resources


def test_every_resource_type_is_in_the_catalogue_and_inputs_are_kwargs(r):
    for res in r.values():
        spec = CATALOG[res.type]
        assert res.estimate_s > 0
        for key in res.inputs:
            assert key[0].isalpha(), (res.address, key)
        assert res.phase in range(1, 11)
        del spec


def test_streams_firehose_and_connect_streaming(r):
    ctr = r["stream.ctr"]
    assert ctr.inputs["ShardCount"] == 4
    assert r["stream.ctr.retention"].inputs["RetentionPeriodHours"] == 168
    assert "stream.agent_events.retention" not in r  # 24 h is the default
    storage = r["connect.storage.CONTACT_TRACE_RECORDS"].inputs["StorageConfig"]
    assert storage == {"StorageType": "KINESIS_STREAM", "KinesisStreamConfig": {"StreamArn": Ref("stream.ctr", "arn")}}
    fh = r["firehose.ctr"].inputs
    assert fh["DeliveryStreamType"] == "KinesisStreamAsSource"
    assert fh["KinesisStreamSourceConfiguration"]["KinesisStreamARN"] == Ref("stream.ctr", "arn")
    assert fh["ExtendedS3DestinationConfiguration"]["Prefix"] == "ctr/"
    assert fh["ExtendedS3DestinationConfiguration"]["BucketARN"] == Ref("bucket.datalake", "arn")
    assert r["firehose.lifecycle"].inputs["DeliveryStreamType"] == "DirectPut"
    assert r["events.lifecycle.target"].inputs["Targets"][0]["Arn"] == Ref("firehose.lifecycle", "arn")
    assert "role.firehose.policy" in r["firehose.ctr"].depends_on


def test_log_subscriptions_metric_stream_and_glue(r):
    for group in ("bedrock_mcp", "lex", "banking_lex", "sales_lex"):
        sub = r[f"logs.{group}.subscription"].inputs
        assert sub["destinationArn"] == Ref("stream.ai_reporting", "arn")
    ms = r["metric_stream.metrics"].inputs
    assert [f["Namespace"] for f in ms["IncludeFilters"]] == ["AWS/Connect", "AWS/Lex", "AWS/Lambda"]
    assert r["glue.database"].inputs["DatabaseInput"]["Name"] == "connect_comprehensive_datalake"
    assert {a for a in r if a.startswith("glue.table.")} == {
        "glue.table.ctr", "glue.table.agent_events", "glue.table.ai_insights", "glue.table.lifecycle_events"}
    loc = r["glue.table.ai_insights"].inputs["TableInput"]["StorageDescriptor"]["Location"]
    assert isinstance(loc, Template) and loc.token == "s3://${bucket.datalake.name}/ai-insights/"


def test_alarms_dashboard_and_trail(r):
    alarm = r["alarm.queue_size"].inputs
    assert (alarm["Namespace"], alarm["MetricName"], alarm["Threshold"]) == ("AWS/Connect", "QueueSize", 50.0)
    assert alarm["ComparisonOperator"] == "GreaterThanThreshold" and alarm["EvaluationPeriods"] == 5
    assert alarm["AlarmActions"] == [Ref("topic.alarms", "arn")]
    assert {"Name": "QueueName", "Value": Ref("queue.GeneralAgentQueue", "name")} in alarm["Dimensions"]
    assert len([a for a in r if a.startswith("alarm.")]) == 8
    body = json.loads(to_jsonable(r["dashboard.main"].inputs["DashboardBody"]))
    assert len(body["widgets"]) == 8
    trail = r["trail.main"]
    assert trail.inputs["IsMultiRegionTrail"] is True
    assert "bucket.cloudtrail.policy" in trail.depends_on
    policy = json.loads(to_jsonable(r["bucket.cloudtrail.policy"].inputs["Policy"]))
    assert {s["Sid"] for s in policy["Statement"]} == {"DenyInsecureTransport", "CloudTrailAcl", "CloudTrailWrite"}


def test_agent_site_cloudfront_only_reads_and_origin_is_approved(r):
    dist = r["site.distribution"].inputs["DistributionConfig"]
    assert dist["WebACLId"] == Ref("site.waf", "arn")
    assert dist["Origins"]["Items"][0]["OriginAccessControlId"] == Ref("site.oac", "id")
    assert r["site.waf"].inputs["Rules"][0]["Statement"]["RateBasedStatement"]["Limit"] == 2000
    assert "site.distribution" in r["bucket.ccp_site.policy"].depends_on
    origin = r["connect.approved_origin"].inputs["Origin"]
    assert origin.token == "https://${site.distribution.domain_name}"
    assert {"site.object.index.html", "site.object.ccp.js"} <= set(r)


def test_connect_configuration(r):
    assert r["connect.instance"].inputs["InboundCallsEnabled"] is True
    assert {a for a in r if a.startswith("connect.attribute.")} == {
        "connect.attribute.CONTACT_LENS", "connect.attribute.EARLY_MEDIA",
        "connect.attribute.AUTO_RESOLVE_BEST_VOICES", "connect.attribute.CONTACTFLOW_LOGS"}
    rec = r["connect.storage.CALL_RECORDINGS"].inputs["StorageConfig"]["S3Config"]
    assert rec["EncryptionConfig"]["KeyId"] == Ref("key.connect", "arn")
    hours = r["hours.office"].inputs
    assert hours["TimeZone"] == "Europe/London"
    assert [c["Day"] for c in hours["Config"]] == ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"]
    q = r["queue.GeneralAgentQueue"].inputs
    assert q["OutboundCallerConfig"]["OutboundCallerIdNumberId"] == Ref("number.main", "id")
    user = r["agent.test_user"].inputs
    assert user["SecurityProfileIds"] == [Ref(f"security_profile.{p}", "id") for p in ("Admin", "Agent", "CallCenterManager")]
    assert user["PhoneConfig"]["PhoneType"] == "DESK_PHONE"
    qc = r["queue.AccountQueue.quick_connects"].inputs["QuickConnectIds"]
    assert len(qc) == 4
    assert r["quick_connect.General"].inputs["QuickConnectConfig"]["QueueConfig"]["ContactFlowId"] == \
        Ref("flow.queue_transfer", "id")
    assert r["number.main.flow"].inputs["ContactFlowId"] == Ref("flow.bedrock_primary", "id")
    # voice_entry and bedrock_primary transfer to each other: both created first, content set after
    assert "flow.bedrock_primary.content" in r and "flow.voice_entry.content" in r


def test_storage_foundation(r):
    assert r["key.connect.rotation"].inputs == {"KeyId": Ref("key.connect", "id")}
    assert r["logs.lex.retention"].inputs["retentionInDays"] == 14
    t = r["table.conversation_history"].inputs
    assert t["KeySchema"] == [{"AttributeName": "session_id", "KeyType": "HASH"},
                              {"AttributeName": "turn", "KeyType": "RANGE"}]
    assert {"AttributeName": "turn", "AttributeType": "N"} in t["AttributeDefinitions"]
    assert r["table.conversation_history.ttl"].inputs["TimeToLiveSpecification"]["AttributeName"] == "expires_at"
    sub = r["topic.alarms.subscription.0"].inputs
    assert sub["Protocol"] == "email" and sub["Endpoint"].token == "${env:ACME_OPS_EMAIL:-ops@acme.example}"
    assert r["function.bedrock_mcp.provisioned"].inputs["ProvisionedConcurrentExecutions"] == 2
    env = r["function.bedrock_mcp"].inputs["Environment"]["Variables"]
    assert env["HISTORY_TABLE"] == Ref("table.conversation_history", "name")

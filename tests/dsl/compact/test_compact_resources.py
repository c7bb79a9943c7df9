"""Pipelines, metrics and alarms, lifecycles, access and routes: values, canonical text, errors."""
import pytest
from compact_support import bad, ok

from ccdsl.dsl.compact import (
    Access,
    FirehoseStage,
    LakeStage,
    Name,
    PathParam,
    Source,
    StreamStage,
    TableStage,
    Transition,
    access_to_text,
    alarm_to_text,
    lifecycle_to_text,
    metric_to_text,
    parse_access,
    parse_alarm,
    parse_lifecycle,
    parse_metric,
    parse_pipeline,
    parse_route,
    pipeline_to_text,
    route_to_text,
)

# --------------------------------------------------------------------------------------- pipelines


def test_full_pipeline():
    p = ok(parse_pipeline, "contact_records -> stream ctr(shards=4, retention=168h) -> firehose -> lake ctr/ -> table ctr")
    assert p.source == Source("contact_records")
    assert p.stages == (StreamStage(Name("ctr"), 4, 7 * 86400), FirehoseStage(), LakeStage("ctr/"), TableStage(Name("ctr")))
    assert pipeline_to_text(p) == "contact_records -> stream ctr(shards=4, retention=7d) -> firehose -> lake ctr/ -> table ctr"


def test_pipeline_without_source_and_a_source_named_like_a_stream():
    p = ok(parse_pipeline, "stream agent_events(shards=1) -> firehose(buffer=60s) -> lake agent-events/")
    assert p.source is None
    assert p.stages[1] == FirehoseStage(60)


def test_log_and_metric_sources():
    logs = ok(parse_pipeline, "logs bedrock_mcp, lex -> stream ai_reporting").source
    assert logs.kind == "logs" and [n.value for n in logs.names] == ["bedrock_mcp", "lex"]
    assert (logs.names[1].span.line, logs.names[1].span.col) == (7, 12 + 18)
    metrics = ok(parse_pipeline, "metrics AWS/Connect, Acme/Assistant -> firehose -> lake metrics/").source
    assert [n.value for n in metrics.names] == ["AWS/Connect", "Acme/Assistant"]


def test_pipeline_unknown_option():
    p = bad(parse_pipeline, "stream x(shard=2)")
    assert p.at() == ("E017", 7, 21)
    assert p.first.hint == "did you mean 'shards'?"


@pytest.mark.parametrize("text,code,col", [
    ("stream x(shards=0)", "E014", 28),
    ("stream x(retention=5y)", "E014", 32),
    ("firehose -> lake ctr", "E014", 29),
    ("stream x -> table t", "E019", 24),
    ("contact_records -> lake x/", "E019", 31),
    ("stream x(shards=1, shards=2)", "E019", 31),
    ("contact_records", "E012", 27),
    ("contact_records -> pipe x", "E011", 31),
])
def test_pipeline_errors(text, code, col):
    assert bad(parse_pipeline, text).at() == (code, 7, col)


# ---------------------------------------------------------------------------------- metrics, alarms


def test_resource_metric():
    m = ok(parse_metric, "queue(GeneralAgentQueue).contacts_in_queue")
    assert (m.kind, m.target.value, m.name.value, m.stat) == ("queue", "GeneralAgentQueue", "contacts_in_queue", None)
    assert (m.target.span.col, m.name.span.col) == (12 + 6, 12 + 25)
    assert metric_to_text(m) == "queue(GeneralAgentQueue).contacts_in_queue"


def test_cloudwatch_metric():
    m = ok(parse_metric, "metric(AWS/Bedrock, InvocationClientErrors).p99")
    assert (m.kind, m.namespace, m.name.value, m.stat) == ("metric", "AWS/Bedrock", "InvocationClientErrors", "p99")


def test_resource_metric_with_a_statistic():
    m = ok(parse_metric, "function(bedrock_mcp).duration.p99")
    assert (m.name.value, m.stat) == ("duration", "p99")
    assert metric_to_text(m) == "function(bedrock_mcp).duration.p99"
    assert bad(parse_metric, "function(f).duration.p999").at() == ("E017", 7, 12 + 21)


def test_unknown_metric_name_did_you_mean():
    p = bad(parse_metric, "function(bedrock_mcp).error_rat")
    assert p.at() == ("E017", 7, 12 + 22)
    assert p.first.hint == "did you mean 'error_rate'?"


def test_unknown_statistic():
    assert bad(parse_metric, "metric(A, B).avrg").first.hint == "did you mean 'avg'?"
    assert bad(parse_metric, "metric(A, B).p101").first.code == "E017"


@pytest.mark.parametrize("text,threshold,unit,period", [
    ("queue(Q).contacts_in_queue > 50 for 5m", 50, None, 300),
    ("queue(Q).longest_wait > 5m for 5m", 300, "s", 300),
    ("queue(Q).abandon_rate > 10% for 15m", 10, "%", 900),
    ("metric(Acme/Assistant, HallucinationRate).avg >= 2.5 for 1h", 2.5, None, 3600),
])
def test_alarms(text, threshold, unit, period):
    a = ok(parse_alarm, text)
    assert (a.threshold, a.unit, a.period) == (threshold, unit, period)
    assert ok(parse_alarm, alarm_to_text(a)) == a


@pytest.mark.parametrize("text,code,col", [
    ("queue(Q).contacts_in_queue => 5 for 5m", "E011", 39),
    ("queue(Q).contacts_in_queue > 5x for 5m", "E014", 42),
    ("queue(Q).contacts_in_queue > 5 for", "E012", 46),
    ("queue(Q).contacts_in_queue > 5 for 5q", "E014", 48),
    ("queues(Q).contacts_in_queue > 5 for 5m", "E011", 17),
])
def test_alarm_errors(text, code, col):
    assert bad(parse_alarm, text).at() == (code, 7, col)


# -------------------------------------------------------------------------------------- lifecycles


def test_lifecycle():
    lc = ok(parse_lifecycle, "infrequent after 30d, glacier after 90d, expire after 2555d")
    assert lc.transitions == (Transition("infrequent", 30), Transition("glacier", 90))
    assert lc.expire_days == 2555
    assert lifecycle_to_text(lc) == "infrequent after 30d, glacier after 90d, expire after 2555d"
    assert ok(parse_lifecycle, "expire after 365d").transitions == ()


@pytest.mark.parametrize("text,code,col", [
    ("glacer after 30d", "E017", 12),
    ("glacier after 12h", "E014", 26),
    ("glacier after 90d, deep_archive after 60d", "E019", 31),
    ("glacier after 30d, infrequent after 60d", "E019", 31),
    ("glacier after 30d, expire after 10d", "E019", 31),
    ("expire after 10d, expire after 20d", "E019", 30),
    ("glacier 30d", "E011", 20),
])
def test_lifecycle_errors(text, code, col):
    assert bad(parse_lifecycle, text).at() == (code, 7, col)


# ----------------------------------------------------------------------------------- access, routes


@pytest.mark.parametrize("text,expected", [
    ("table conversation_history rw", Access("table", "rw", Name("conversation_history"))),
    ("stream ai_reporting write", Access("stream", "write", Name("ai_reporting"))),
    ("topic auth publish", Access("topic", "publish", Name("auth"))),
    ("bucket reports read", Access("bucket", "read", Name("reports"))),
    ("bedrock invoke", Access("bedrock", "invoke")),
    ("connect outbound", Access("connect", "outbound")),
])
def test_access(text, expected):
    a = ok(parse_access, text)
    assert a == expected
    assert access_to_text(a) == text


@pytest.mark.parametrize("text,col,hint", [
    ("tabel x rw", 12, "did you mean 'table'?"),
    ("table x reed", 20, "did you mean 'read'?"),
    ("bedrock x invoke", 12, None),
    ("table x", 12, None),
])
def test_access_errors(text, col, hint):
    p = bad(parse_access, text)
    assert p.at() == ("E017", 7, col)
    assert p.first.hint == hint


def test_routes():
    r = ok(parse_route, "POST /customers/{id}/notes")
    assert r.method == "POST" and r.segments == ("customers", PathParam("id"), "notes")
    assert r.params == ("id",) and route_to_text(r) == "POST /customers/{id}/notes"
    assert ok(parse_route, "ANY /{proxy+}").segments == (PathParam("proxy", True),)
    assert ok(parse_route, "GET /").path == "/"


@pytest.mark.parametrize("text,code,col", [
    ("get /x", "E011", 12),
    ("GET x", "E011", 16),
    ("GET /{a+}/b", "E014", 17),
    ("GET /{a}/{a}", "E019", 22),
    ("GET /a b", "E011", 18),
])
def test_route_errors(text, code, col):
    assert bad(parse_route, text).at() == (code, 7, col)

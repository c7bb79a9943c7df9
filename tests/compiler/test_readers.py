"""The readers that turn validated compact values into API shapes."""
from ccdsl.compiler.expand import readers as R


def test_seconds_and_days():
    assert R.seconds("30s") == 30 and R.seconds("1h 30m") == 5400 and R.seconds("168h") == 168 * 3600
    assert R.seconds(None, 7) == 7 and R.days("2555d") == 2555


def test_hours():
    tz, config = R.hours_config("24/7")
    assert tz == "UTC" and len(config) == 7 and config[0]["EndTime"] == {"Hours": 0, "Minutes": 0}
    tz, config = R.hours_config("Fri-Mon 09:30-17:00 @ Europe/Paris")
    assert tz == "Europe/Paris"
    assert [c["Day"] for c in config] == ["FRIDAY", "SATURDAY", "SUNDAY", "MONDAY"]
    assert config[0]["StartTime"] == {"Hours": 9, "Minutes": 30}


def test_lifecycle():
    (rule,) = R.lifecycle_rules("infrequent after 30d, glacier after 90d, expire after 2555d")
    assert rule["Transitions"] == [{"Days": 30, "StorageClass": "STANDARD_IA"}, {"Days": 90, "StorageClass": "GLACIER"}]
    assert rule["Expiration"] == {"Days": 2555}


def test_conditions_and_metrics():
    c = R.condition("queue(GeneralAgentQueue).abandon_rate > 10% for 15m")
    assert (c.metric.subject, c.metric.args, c.metric.measure) == ("queue", ["GeneralAgentQueue"], "abandon_rate")
    assert (c.op, c.threshold, c.percent, c.period_s) == (">", 10.0, True, 900)
    c = R.condition("metric(Acme/Assistant, ValidationTimeouts).sum >= 5 for 10m")
    assert c.metric.args == ["Acme/Assistant", "ValidationTimeouts"] and c.op == ">=" and c.period_s == 600
    assert R.condition("queue(Q).longest_wait > 5m for 5m").threshold == 300


def test_pipelines_routes_rates_utterances():
    stages = R.pipeline("contact_records -> stream ctr(shards=4, retention=168h) -> firehose -> lake ctr/ -> table ctr")
    assert [s.kind for s in stages] == ["contact_records", "stream", "firehose", "lake", "table"]
    assert stages[1].name == "ctr" and stages[1].args == {"shards": "4", "retention": "168h"}
    assert R.pipeline("logs a, b -> stream s")[0].names == ["a", "b"]
    assert R.route("post /customers/{id}") == ("POST", "/customers/{id}")
    assert R.rate("2000 per 5m") == (2000, 300)
    assert R.utterance("send {amount:AMAZON.Number} to {account}") == (
        "send {amount} to {account}", [("amount", "AMAZON.Number"), ("account", None)])
    assert R.access_rule("table calls rw") == R.AccessRule("table", "calls", "rw")
    assert R.access_rule("bedrock invoke") == R.AccessRule("bedrock", None, "invoke")

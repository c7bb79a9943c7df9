"""API shapes the expansion builds from the parser's typed trees (no text is read twice)."""
import pytest

from ccdsl.compiler.expand.bots import utterance_slots, utterance_text
from ccdsl.compiler.expand.connect import hours_config
from ccdsl.compiler.expand.context import Context
from ccdsl.compiler.expand.functions import route_key
from ccdsl.compiler.expand.monitoring import metric_spec
from ccdsl.compiler.expand.storage import lifecycle_rules
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.model import AlarmCondition, Duration, HoursSpec, Lifecycle, Metric, Route, Utterance


def test_hours_from_tree():
    tz, config = hours_config(HoursSpec("24/7").tree)
    assert tz == "UTC" and len(config) == 7 and config[0]["EndTime"] == {"Hours": 0, "Minutes": 0}
    tz, config = hours_config(HoursSpec("Sat 09:00-17:00, Mon-Fri 08:30-24:00 @ Europe/Paris").tree)
    assert tz == "Europe/Paris"
    assert [c["Day"] for c in config] == ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"]
    assert config[0]["StartTime"] == {"Hours": 8, "Minutes": 30} and config[0]["EndTime"] == {"Hours": 0, "Minutes": 0}


def test_lifecycle_uses_the_languages_storage_classes():
    (rule,) = lifecycle_rules(Lifecycle("infrequent after 30d, glacier after 90d, expire after 2555d").tree)
    assert rule["Transitions"] == [{"Days": 30, "StorageClass": "STANDARD_IA"}, {"Days": 90, "StorageClass": "GLACIER"}]
    assert rule["Expiration"] == {"Days": 2555} and rule["NoncurrentVersionExpiration"] == {"NoncurrentDays": 2555}


def test_routes_and_utterances():
    assert route_key(Route("GET /accounts/{id}/{rest+}").tree) == ("GET", "/accounts/{id}/{rest+}")
    assert route_key(Route("ANY /").tree) == ("ANY", "/")
    u = Utterance("transfer {amount:AMAZON.Number} to {account}")
    assert utterance_text(u) == "transfer {amount} to {account}"
    assert utterance_slots(u) == [("amount", "AMAZON.Number"), ("account", None)]


def test_metrics_and_conditions():
    ctx = Context(site="s", region="eu-west-2", tags={}, diagnostics=Diagnostics())
    assert metric_spec(ctx, Metric("metric(Acme/Assistant, ValidationTimeouts).p99").tree) == (
        "Acme/Assistant", "ValidationTimeouts", [], "p99")
    cond = AlarmCondition("queue(GeneralAgentQueue).abandon_rate > 10% for 15m").tree
    namespace, name, dims, stat = metric_spec(ctx, cond.metric)
    assert (namespace, name, stat, cond.unit, cond.period) == ("AWS/Connect", "ContactsAbandoned", "Sum", "%", 900)
    assert dims[-1]["Value"].address == "queue.GeneralAgentQueue"


def test_a_value_built_in_python_is_parsed_on_first_use_and_bad_text_is_refused():
    assert Duration("5m").tree.seconds == 300
    with pytest.raises(ValueError, match="not valid"):
        _ = HoursSpec("Mon-Fri 8 till late").tree


def test_storage_targets_and_channel_concurrencies_in_connect_order():
    from ccdsl.dsl.model import Channels, Storage

    storage = Storage.model_validate({"chat_transcripts": {"bucket": "b"}, "call_recordings": {"bucket": "r"}})
    assert [(kind, rt, str(t.bucket)) for kind, rt, t in storage.targets()] == [
        ("call_recordings", "CALL_RECORDINGS", "r"), ("chat_transcripts", "CHAT_TRANSCRIPTS", "b")]
    assert Channels(email=2, voice=1).concurrencies() == [("VOICE", 1), ("EMAIL", 2)]

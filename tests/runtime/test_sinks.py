import io
import json

from factory import bot_site

from ccdsl.runtime.limits import Limits
from ccdsl.runtime.providers.sim.faults import Faults, FaultSpecError
from ccdsl.runtime.session import apply_site
from ccdsl.runtime.sinks import JsonLinesSink, PlainSink


def test_plain_lines_json_lines_and_live_view(tmp_path):
    from rich.console import Console

    from ccdsl.runtime.sinks.live import RichLiveSink

    out = io.StringIO()
    live_out = io.StringIO()
    live = RichLiveSink(console=Console(file=live_out, force_terminal=True, width=100))
    result = apply_site(bot_site(), state_path=str(tmp_path / "s.db"), time_scale=float("inf"),
                        faults="fail=bot.b.alias", sinks=[PlainSink(out), JsonLinesSink(tmp_path / "e.jsonl"), live])
    assert result.exit_code == 1
    text = out.getvalue()
    assert "[00:00] start   create  connect.instance" in text
    assert "FAILED  create  bot.b.alias: InternalFailure" in text
    assert "skipped         bot.b.association (depends on failed bot.b.alias)" in text
    assert "bots: FAILED in" in text and "critical path as it ran:" in text
    assert "FAILED bot.b.alias: InternalFailure: injected failure of bot.b.alias" in text
    lines = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert lines[0] == {"kind": "ccdsl_events", "schema_version": 1}
    assert lines[1]["kind"] == "plan_ready" and lines[-1]["kind"] == "apply_done"
    assert lines[-1]["counts"]["failed"] == 1 and lines[-1]["counts"]["skipped"] == 1
    assert "Bot versions & aliases" in live_out.getvalue() and "critical path as it ran" in live_out.getvalue()


def test_fault_and_limit_specs():
    f = Faults.parse("throttle=0.2,transient=0.05,fail=a.b,fail=c")
    assert (f.throttle, f.transient, f.fail) == (0.2, 0.05, {"a.b", "c"})
    for bad in ("throttle", "throttle=x", "transient=1.5", "explode=1"):
        try:
            Faults.parse(bad)
        except FaultSpecError:
            continue
        raise AssertionError(bad)
    limits = Limits.parse("connect=4/8,lex-build=2")
    assert limits.rates["connect"] == (4.0, 8.0) and limits.concurrency["lex-build"] == 2


def test_sim_rejects_what_aws_would():
    from ccdsl.compiler.registry import entry, violations

    cases = [
        ("aws_connect_instance", {"InstanceAlias": "d-starts-like-a-directory"}),
        ("aws_s3_bucket", {"Bucket": "Upper_Case"}),
        ("aws_lexv2models_bot", {"botName": "b", "idleSessionTTLInSeconds": 30}),
        ("aws_lexv2models_intent", {"intentName": "I", "botVersion": "1"}),
        ("aws_connect_routing_profile", {"Name": "r", "MediaConcurrencies": [{"Channel": "FAX", "Concurrency": 1}]}),
        ("aws_connect_contact_flow", {"Name": "f", "Type": "BOGUS", "Content": "{}"}),
        ("aws_connect_contact_flow", {"Name": "f", "Type": "CONTACT_FLOW", "Content": "not json"}),
        ("aws_iam_role_policy", {"RoleName": "r", "PolicyName": "p", "PolicyDocument":
                                 '{"Statement": [{"Sid": "A", "Effect": "Allow"}, {"Sid": "A", "Effect": "Allow"}]}'}),
    ]
    for rtype, inputs in cases:
        assert violations(rtype, entry(rtype).create, inputs), (rtype, inputs)
    assert not violations("aws_connect_contact_flow", "create_contact_flow",
                          {"Name": "f", "Type": "CONTACT_FLOW", "Content": "x", "Status": "SAVED"})

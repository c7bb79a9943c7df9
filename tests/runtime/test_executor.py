import threading

from factory import bot_site, site_from, wide_site
from sim_account import account_entries, assert_no_duplicates

from ccdsl.compiler.resources import Ref, Secret
from ccdsl.runtime.control import RunControl
from ccdsl.runtime.session import plan_site


def kinds(result, kind):
    return [e for e in result.events if e.kind == kind]


def test_highest_remaining_path_starts_first(run):
    spec = {f"quick{i}": {"type": "aws_s3_bucket", "inputs": {"Bucket": f"quick-{i}"}} for i in range(5)}
    spec["cdn"] = {"type": "aws_cloudfront_distribution", "inputs": {"Bucket": Ref("origin", "id")}}
    spec["origin"] = {"type": "aws_s3_bucket", "inputs": {"Bucket": "origin-bucket"}}
    result = run(site_from(spec), parallelism=1, latency="midpoint")
    started = [e.address for e in kinds(result, "resource_started")]
    assert started[:2] == ["origin", "cdn"]
    assert result.ok


def test_a_failure_skips_exactly_its_descendants(run):
    result = run(bot_site(), faults="fail=bot.b.locale.en_GB")
    assert result.exit_code == 1
    assert {e.address for e in kinds(result, "resource_failed")} == {"bot.b.locale.en_GB"}
    assert {e.address for e in kinds(result, "resource_skipped")} == {
        "bot.b.intent.Check.en_GB", "bot.b.intent.Agent.en_GB", "bot.b.build.en_GB", "bot.b.version",
        "bot.b.alias", "bot.b.association"}
    assert {e.address for e in kinds(result, "resource_done")} == {
        "connect.instance", "hours.always", "queue.General", "bot.b"}
    assert "injected failure" in result.failures["bot.b.locale.en_GB"]
    # The next apply retries the failed resource and what it blocked, nothing else.
    again = run(bot_site())
    assert again.ok and again.counts["done"] == 7



def test_throttling_and_transient_faults_converge(run, state_path):
    site = wide_site(60, rtype="aws_connect_queue")
    for r in site.resources.values():
        r.inputs["InstanceId"] = Ref("connect.instance", "id")
    inst = site_from({"connect.instance": {"type": "aws_connect_instance", "inputs": {"InstanceAlias": "x1"}}})
    site.resources.update(inst.resources)
    site.graph.add_node("connect.instance")
    for a in list(site.resources):
        if a != "connect.instance":
            site.graph.add_edge("connect.instance", a)
    result = run(site, faults="throttle=0.2,transient=0.05", seed=3)
    assert result.ok, result.failures
    assert kinds(result, "resource_retrying")
    entries = assert_no_duplicates(state_path)
    assert len(entries) == 61
    assert not plan_site(site, state_path=state_path).plan.has_changes


def test_connect_rate_limit_is_respected_without_throttling(run):
    spec = {"connect.instance": {"type": "aws_connect_instance", "inputs": {"InstanceAlias": "rate"}}}
    for i in range(25):
        spec[f"q{i}"] = {"type": "aws_connect_queue", "inputs": {"InstanceId": Ref("connect.instance", "id"),
                                                                 "Name": f"q{i}"}}
    result = run(site_from(spec), latency="zero")
    assert result.ok and not kinds(result, "resource_retrying")
    calls = sorted(e.t for e in kinds(result, "resource_done") if e.address.startswith("q"))
    assert calls[-1] - calls[0] >= (25 - 5) / 2.0 - 1e-6  # 2 requests/s after a burst of 5
    fifo = run(site_from({**spec, "connect.instance": {"type": "aws_connect_instance",
                                                       "inputs": {"InstanceAlias": "rate2"}}}),
               state_path=_other(), latency="zero", policy="fifo",
               parallelism=10)
    assert fifo.ok and kinds(fifo, "resource_retrying")  # the Terraform-like policy gets throttled


def _other():
    import tempfile

    return tempfile.mkdtemp() + "/state.db"


def test_stop_finishes_in_flight_work_and_a_rerun_resumes(run, state_path):
    control = RunControl()

    def stop_after_first(event):
        if event.kind == "resource_done":
            control.request_stop()

    from ccdsl.runtime.session import apply_site

    site = bot_site()
    result = apply_site(site, state_path=state_path, time_scale=float("inf"), sinks=[stop_after_first],
                        control=control)
    assert result.exit_code == 1 and result.counts["pending"] > 0 and result.counts["done"] >= 1
    assert result.counts["failed"] == 0
    resumed = run(site)
    assert resumed.ok and resumed.counts["done"] == result.counts["pending"]
    assert_no_duplicates(state_path)


def test_hard_stop_abandons_and_a_rerun_converges(run, state_path):
    control = RunControl()

    def hard_stop(event):
        if event.kind == "resource_started" and event.address == "bot.b.build.en_GB":
            control.request_stop(hard=True)

    from ccdsl.runtime.session import apply_site

    result = apply_site(bot_site(), state_path=state_path, time_scale=float("inf"), sinks=[hard_stop],
                        control=control)
    assert result.exit_code == 1 and result.counts["pending"] >= 4
    again = run(bot_site())
    assert again.ok
    assert_no_duplicates(state_path)


def test_pause_and_resume_from_another_thread(state_path):
    from ccdsl.runtime.session import apply_site

    control = RunControl()
    seen = []

    def sink(event):
        seen.append(event.kind)
        if event.kind == "resource_done" and "run_paused" not in seen:
            control.pause()
            threading.Timer(0.05, control.resume).start()

    result = apply_site(bot_site(), state_path=state_path, time_scale=float("inf"), sinks=[sink], control=control)
    assert result.ok
    assert seen.index("run_paused") < seen.index("run_resumed")


def test_secrets_never_reach_state_or_events(tmp_path, monkeypatch):
    from ccdsl.runtime.session import apply_site
    from ccdsl.runtime.sinks import JsonLinesSink

    secret = "s3cr3t-Value-4711"
    monkeypatch.setenv("CCDSL_TEST_PASSWORD", secret)
    spec = {"connect.instance": {"type": "aws_connect_instance", "inputs": {"InstanceAlias": "sec"}},
            "agent.a": {"type": "aws_connect_user",
                        "inputs": {"InstanceId": Ref("connect.instance", "id"), "Username": "a",
                                   "Password": Secret("env", "CCDSL_TEST_PASSWORD"),
                                   "IdentityInfo": {"Email": Secret("env", "CCDSL_NOT_SET", "x@example.com")}},
                        "create_only": ["Password"]}}
    state = tmp_path / ".ccdsl" / "state.db"
    events = tmp_path / "events.jsonl"
    result = apply_site(site_from(spec), state_path=str(state), time_scale=float("inf"),
                        sinks=[JsonLinesSink(events)])
    assert result.ok, result.failures
    for path in list(state.parent.glob("state.db*")) + [events]:
        assert secret.encode() not in path.read_bytes(), path
    # The simulated account (standing in for AWS) did receive it.
    assert any(e.inputs.get("Password") == secret for e in account_entries(str(state)))


def test_missing_secret_fails_that_resource_only(run):
    spec = {"a": {"type": "aws_sns_topic", "inputs": {"Name": "a", "Token": Secret("env", "CCDSL_SURELY_UNSET")}},
            "b": {"type": "aws_sns_topic", "inputs": {"Name": "b"}}}
    result = run(site_from(spec))
    assert result.exit_code == 1
    assert "CCDSL_SURELY_UNSET" in result.failures["a"]
    assert {e.address for e in kinds(result, "resource_done")} == {"b"}


def test_replace_gives_a_new_identity_that_dependants_pick_up(run, state_path):
    from factory import chain_site

    # a KMS key's id is AWS's to mint (a topic's id is its ARN, made from its name: a replacement keeps it)
    assert run(chain_site(1, 3, rtype="aws_kms_key")).ok
    before = {e.owner: e for e in account_entries(state_path)}
    changed = chain_site(1, 3, rtype="aws_kms_key")
    changed.resources["c0.r0"].inputs["Value"] = 99
    changed.resources["c0.r0"].replace_on = frozenset({"Value"})
    result = run(changed)
    assert result.ok, result.failures
    after = {e.owner: e for e in account_entries(state_path)}
    assert len(after) == 3
    assert after["c0.r0"].id != before["c0.r0"].id
    assert after["c0.r1"].inputs["Parent"] == after["c0.r0"].id  # the update sent the new id
    assert after["c0.r2"].inputs == before["c0.r2"].inputs


def test_refresh_recreates_what_vanished_from_the_account(run, state_path):
    from pathlib import Path

    from ccdsl.runtime.providers.sim.account import Account

    assert run(bot_site()).ok
    account = Account(Path(state_path).parent / "sim.db")
    queue = next(e for e in account.all() if e.owner == "queue.General")
    account.delete(queue.key)  # deleted behind ccdsl's back
    account.close()
    assert run(bot_site()).counts["done"] == 0  # state alone does not know
    refreshed = plan_site(bot_site(), state_path=state_path, refresh=True).plan
    assert [c.address for c in refreshed.steps] == ["queue.General"]
    result = run(bot_site(), refresh=True)
    assert result.ok and [e.address for e in kinds(result, "resource_done")] == ["queue.General"]
    assert len(assert_no_duplicates(state_path)) == len(bot_site().resources)


def test_duplicate_names_are_rejected_like_aws_does(run):
    inst = {"type": "aws_connect_instance", "inputs": {"InstanceAlias": "dup"}}
    queue = {"type": "aws_connect_queue", "inputs": {"InstanceId": Ref("connect.instance", "id"), "Name": "Same"}}
    result = run(site_from({"connect.instance": inst, "queue.a": queue, "queue.b": dict(queue)}))
    assert result.exit_code == 1
    [(address, error)] = result.failures.items()
    assert address in ("queue.a", "queue.b") and "DuplicateResourceException" in error

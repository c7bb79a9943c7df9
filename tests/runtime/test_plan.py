from factory import bot_site, chain_site, site_from

from ccdsl.compiler.resources import Ref
from ccdsl.runtime.session import plan_site


def actions(plan):
    return {c.address: c.action for c in plan.steps}


def test_first_plan_creates_everything_and_a_second_apply_is_a_noop(run, state_path):
    site = bot_site()
    assert set(actions(plan_site(site, state_path=state_path).plan).values()) == {"create"}
    first = run(site)
    assert first.ok, first.failures
    again = plan_site(site, state_path=state_path).plan
    assert not again.has_changes
    second = run(site)
    assert second.ok and second.write_calls == 0 and second.counts["done"] == 0


def test_changing_one_utterance_plans_only_its_chain(run, state_path):
    assert run(bot_site()).ok
    plan = plan_site(bot_site(utterance="how much money have I got"), state_path=state_path).plan
    assert actions(plan) == {
        "bot.b.intent.Check.en_GB": "update",
        "bot.b.build.en_GB": "update",  # rebuilt: an intent it is built from changed
        "bot.b.version": "replace",  # a new numbered version
        "bot.b.alias": "update",  # points at the new version
    }
    result = run(bot_site(utterance="how much money have I got"))
    assert result.ok, result.failures
    assert not plan_site(bot_site(utterance="how much money have I got"), state_path=state_path).plan.has_changes


def test_a_name_change_updates_in_place_and_a_replace_on_input_replaces(run, state_path):
    assert run(bot_site()).ok
    plan = plan_site(bot_site(queue_name="Renamed"), state_path=state_path).plan
    assert actions(plan) == {"queue.General": "update"}
    site = chain_site(1, 3)
    state2 = state_path.replace("state.db", "other.db")
    assert run(site, state_path=state2).ok
    changed = chain_site(1, 3)
    changed.resources["c0.r0"].inputs["Value"] = 99
    changed.resources["c0.r0"].replace_on = frozenset({"Value"})
    plan = plan_site(changed, state_path=state2).plan
    # r0 gets a new identity, so r1 (which references r0.id) must be updated; r2 references r1 only.
    assert actions(plan) == {"c0.r0": "replace", "c0.r1": "update"}


def test_resources_that_left_the_file_are_deleted_dependants_first(run, state_path):
    site = chain_site(1, 3)
    assert run(site).ok
    smaller = site_from({"c0.r0": {"type": "aws_sns_topic", "inputs": dict(site.resources["c0.r0"].inputs)}})
    plan = plan_site(smaller, state_path=state_path).plan
    assert actions(plan) == {"c0.r1": "delete", "c0.r2": "delete"}
    assert plan.changes["c0.r1"].after == ("c0.r2",)
    result = run(smaller)
    done = [e.address for e in result.events if e.kind == "resource_done"]
    assert done == ["c0.r2", "c0.r1"]


def test_create_only_inputs_are_not_compared(run, state_path):
    spec = {"a": {"type": "aws_sns_topic", "inputs": {"Name": "a", "Password": "x1"}, "create_only": ["Password"]}}
    assert run(site_from(spec)).ok
    spec["a"]["inputs"]["Password"] = "x2"
    assert not plan_site(site_from(spec), state_path=state_path).plan.has_changes


def test_plan_critical_path_follows_the_longest_chain(state_path):
    spec = {
        "slow": {"type": "aws_cloudfront_distribution", "inputs": {}},
        "fast": {"type": "aws_s3_bucket", "inputs": {"Bucket": "fast-bucket"}},
        "after_slow": {"type": "aws_s3_bucket_policy", "inputs": {"X": Ref("slow", "id")}},
    }
    plan = plan_site(site_from(spec), state_path=state_path).plan
    assert plan.critical_path == ["slow", "after_slow"]
    assert plan.critical_length_s == 360.0 + 2.0


def test_a_failed_update_is_retried_even_when_the_input_goes_back(run, state_path):
    assert run(bot_site()).ok
    failed = run(bot_site(queue_name="Renamed"), faults="fail=queue.General")
    assert failed.exit_code == 1
    plan = plan_site(bot_site(), state_path=state_path).plan
    assert actions(plan) == {"queue.General": "update"}
    assert "previous update failed" in plan.changes["queue.General"].reasons
    assert run(bot_site()).ok
    assert not plan_site(bot_site(), state_path=state_path).plan.has_changes


def test_the_site_digest_of_a_plan_is_the_digest_of_its_site():
    from ccdsl.runtime.plan import make_plan, site_digest

    site = bot_site()
    plan = make_plan(site, {})
    assert plan.site_digest == site_digest(site)  # the plan reuses its diff's hashes; same digest
    changed = bot_site(utterance="how much money have I got")
    assert site_digest(changed) != site_digest(bot_site())


def test_a_create_s_digests_are_those_a_diff_compares_and_state_records(run, state_path):
    from ccdsl.runtime.inputs import desired_hashes
    from ccdsl.runtime.plan import make_plan
    from ccdsl.runtime.state import open_state

    spec = {"a": {"type": "aws_sns_topic", "inputs": {"Name": "a", "Attrs": {"Policy": "p", "Mode": 1}},
                  "replace_on": ["Attrs.Mode"]}}
    site = site_from(spec)
    eager = desired_hashes(site.resources["a"], extra_paths=["Attrs.Mode"])
    assert "Attrs.Mode" in eager[1]
    created = make_plan(site, {}).changes["a"]
    assert created.action == "create" and (created.inputs_hash, created.hashes) == eager
    assert run(site).ok
    state = open_state(state_path)
    try:
        records = state.load()
    finally:
        state.close()
    assert (records["a"].inputs_hash, records["a"].hashes) == eager
    kept = make_plan(site, records).changes["a"]
    assert kept.action == "noop" and (kept.inputs_hash, kept.hashes) == eager
    deleted = make_plan(site, records, destroy=True).changes["a"]
    assert deleted.action == "delete" and (deleted.inputs_hash, deleted.hashes) == ("", {})

"""The deploy estimate plays the executor's policy under the service limits."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ccdsl.compiler.estimate import Estimate, estimate, remaining_paths
from ccdsl.compiler.registry.limits import SERVICE_CONCURRENCY, SERVICE_RATES

ROOT = Path(__file__).resolve().parents[2]


def test_without_limits_the_estimate_is_the_critical_path():
    durations = {"a": 5.0, "b": 10.0, "c": 2.0}
    after = {"b": ["a"], "c": ["a"]}
    est = estimate(durations, after, {}, rates={}, concurrency={})
    assert est.makespan_s == 15.0
    assert [k.address for k in est.chain] == ["a", "b"]
    assert est.waits_s == 0.0


def test_start_and_finish_by_address_are_made_when_read_in_the_order_steps_started():
    durations = {"c": 1.0, "a": 5.0, "b": 10.0}
    est = estimate(durations, {"b": ["a"], "c": ["a"]}, {}, rates={}, concurrency={})
    assert list(est.start_s.items()) == [("a", 0.0), ("b", 5.0), ("c", 5.0)]  # b first: the longer path
    assert list(est.finish_s.items()) == [("a", 5.0), ("b", 15.0), ("c", 6.0)]
    assert est == Estimate(15.0, est.chain, {"a": 0.0, "b": 5.0, "c": 5.0}, {"a": 5.0, "b": 15.0, "c": 6.0})
    assert est != Estimate(15.0, est.chain, {"a": 0.0, "b": 5.0, "c": 5.0}, {"a": 5.0, "b": 15.0, "c": 7.0})
    assert Estimate().start_s == {} and Estimate().finish_s == {} and Estimate() == Estimate()


def test_a_concurrency_limit_makes_builds_wait_for_a_slot():
    durations = {f"build{i}": 100.0 for i in range(7)}
    est = estimate(durations, {}, {a: "lex-build" for a in durations}, rates={}, concurrency={"lex-build": 5})
    assert est.makespan_s == 200.0
    last = est.chain[-1]
    assert last.wait_s == 100.0 and last.waited_for == "a Lex build slot"


def test_a_rate_limit_spreads_calls_after_the_burst():
    durations = {f"q{i}": 1.0 for i in range(15)}
    est = estimate(durations, {}, {a: "connect" for a in durations}, rates={"connect": (2.0, 5.0)}, concurrency={})
    # 5 at once from the burst, then one every 0.5 s: the 15th call starts at 5.0 s
    assert est.makespan_s == pytest.approx(6.0)
    assert est.chain[-1].waited_for == "Connect's request rate"


def test_parallelism_caps_steps_in_flight():
    durations = {f"s{i}": 10.0 for i in range(4)}
    est = estimate(durations, {}, {}, rates={}, concurrency={}, parallelism=2)
    assert est.makespan_s == 20.0


def test_highest_remaining_path_goes_first():
    # one slot: the step with the long tail must go first, as the executor orders them
    durations = {"short": 10.0, "head": 10.0, "tail": 100.0}
    after = {"tail": ["head"]}
    buckets = {"short": "x", "head": "x"}
    assert remaining_paths(durations, after)["head"] == 110.0
    est = estimate(durations, after, buckets, rates={}, concurrency={"x": 1})
    assert est.makespan_s == 110.0


def test_limits_are_defined_once_for_runtime_and_simulator():
    from ccdsl.runtime.limits import Limits
    from ccdsl.runtime.providers.sim import provider

    assert Limits().rates == SERVICE_RATES and Limits().concurrency == SERVICE_CONCURRENCY
    assert provider.SERVICE_RATES is SERVICE_RATES
    assert provider.MAX_LEX_BUILDS == SERVICE_CONCURRENCY["lex-build"]


@pytest.mark.parametrize("name", ["lex12", "queues400"])
def test_plan_estimate_matches_the_simulated_run(tmp_path, name):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from sites import SITES
    finally:
        sys.path.pop(0)
    from ccdsl.runtime.session import RunOptions, apply_site, plan_site

    (tmp_path / "functions" / "common").mkdir(parents=True)
    (tmp_path / "functions" / "common" / "index.py").write_text("def handler(event, context):\n    return {}\n")
    site = tmp_path / "site.ccd"
    site.write_text(SITES[name]())
    state = str(tmp_path / "state.db")
    plan = plan_site(str(site), state_path=state).plan
    assert plan.estimated_s > 1.5 * plan.critical_length_s  # the limits dominate these sites
    result = apply_site(str(site), RunOptions(state_path=state, time_scale=float("inf"), seed=0, latency="midpoint"))
    assert result.ok
    assert plan.estimated_s == pytest.approx(result.elapsed_s, rel=0.05)
    assert result.estimated_s == pytest.approx(plan.estimated_s)
    assert any(k.wait_s > 0 for k in plan.estimated_chain)

"""A plan that creates a whole compiled site takes the compile's critical path: the same figures as its own."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ccdsl.compiler.cpm import critical_path_of
from ccdsl.compiler.pipeline import assemble
from ccdsl.compiler.resources import CompiledSite, Ref, Resource
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.runtime.plan import Plan, _compiled_path_applies, make_plan
from ccdsl.runtime.state.base import ResourceRecord


@st.composite
def dags(draw: st.DrawFn) -> dict[str, tuple[float, list[int]]]:
    """Resources ``r<i>`` (names out of order, so addresses do not sort like the graph), each with a duration
    (few distinct values: ties between paths) and refs to earlier ones."""
    n = draw(st.integers(1, 14))
    names = draw(st.permutations([f"r{i:02d}" for i in range(n)]))
    out = {}
    for i, name in enumerate(names):
        seconds = draw(st.sampled_from([0.5, 1.0, 2.0, 3.0, 12.5]))
        deps = draw(st.lists(st.integers(0, i - 1), max_size=3, unique=True)) if i else []
        out[name] = (seconds, [names[d] for d in deps])
    return out


def compiled(spec: dict[str, tuple[float, list[int]]], zero: str | None = None) -> CompiledSite:
    resources = {
        a: Resource(address=a, type="aws_sns_topic", phase=1, estimate_s=0.0 if a == zero else seconds,
                    inputs={"Name": a, **{f"Dep{j}": Ref(d, "arn") for j, d in enumerate(deps)}})
        for a, (seconds, deps) in spec.items()
    }
    site = assemble("s", "eu-west-2", resources, Diagnostics())
    assert site is not None
    return site


def own_path(plan: Plan) -> tuple[dict, dict, list[str], float]:
    """The plan's critical path worked out from its own steps, as for any plan."""
    steps = plan.steps
    timings, path, length = critical_path_of({c.address: c.estimate_s for c in steps},
                                             {c.address: c.after for c in steps})
    return ({a: t.earliest_start for a, t in timings.items()},
            {a: length - t.latest_start for a, t in timings.items()}, path, length)


@settings(max_examples=150, deadline=None)
@given(dags())
def test_creating_a_whole_site_takes_the_compile_s_critical_path(spec: dict) -> None:
    plan = make_plan(compiled(spec), {})
    assert _compiled_path_applies(plan)
    assert (plan.earliest_start_s, plan.remaining_s, plan.critical_path, plan.critical_length_s) == own_path(plan)


@settings(max_examples=50, deadline=None)
@given(dags(), st.data())
def test_a_step_timed_otherwise_than_the_compile_gets_the_plan_s_own_path(spec: dict, data: st.DataObject) -> None:
    zero = data.draw(st.sampled_from(sorted(spec)))
    plan = make_plan(compiled(spec, zero=zero), {})  # no estimate in the compile: the plan takes its type's
    assert plan.changes[zero].estimate_s > 0 and not _compiled_path_applies(plan)
    assert (plan.earliest_start_s, plan.remaining_s, plan.critical_path, plan.critical_length_s) == own_path(plan)


def test_a_plan_with_unchanged_resources_or_deletes_gets_its_own_path() -> None:
    site = compiled({"a": (1.0, []), "b": (2.0, ["a"]), "c": (3.0, ["a"])})
    first = make_plan(site, {})
    assert _compiled_path_applies(first) and first.critical_path == ["a", "c"]

    def record(address: str, **changed: str) -> ResourceRecord:
        c = first.changes[address]
        return ResourceRecord(address=address, type=c.type, inputs_hash=c.inputs_hash, hashes={**c.hashes, **changed})

    kept = make_plan(site, {"a": record("a"), "c": record("c")})  # only b is created
    assert not _compiled_path_applies(kept) and kept.critical_path == ["b"] and kept.critical_length_s == 2.0
    gone = ResourceRecord(address="old", type="aws_sns_topic")
    renamed = {"a": record("a", Name="x"), "b": record("b", Name="x"), "c": record("c", Name="x"), "old": gone}
    updates = make_plan(site, renamed)  # every resource changes (a new name replaces a topic), and one is deleted
    assert len(updates.steps) == 4 and updates.changes["old"].action == "delete"
    assert not _compiled_path_applies(updates)
    assert (updates.earliest_start_s, updates.remaining_s, updates.critical_path, updates.critical_length_s) == \
        own_path(updates)
    assert not _compiled_path_applies(make_plan(site, {}, destroy=True))

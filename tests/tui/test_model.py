"""The run model and the live critical path, fed a scripted run."""
from tui_helpers import FAIL, events, plan  # noqa: F401 (fixtures)

from ccdsl.runtime import events as ev
from ccdsl.runtime.progress import RunModel, project
from ccdsl.tui.render import fmt_dur


def test_counts_and_phases_follow_the_events(plan, events):
    m = RunModel()
    m.apply_all(events)
    assert m.total == 60
    assert m.counts["failed"] == 1 and m.counts["skipped"] > 0
    assert m.counts["done"] + m.counts["failed"] + m.counts["skipped"] == 60
    assert m.counts["running"] == 0 and not m.running
    assert m.state() == "failed"
    lambda_phase = m.phases[3]
    assert lambda_phase.failed == 1 and lambda_phase.status() == "failed"
    assert m.phases[1].status() == "done" and m.phases[1].done == m.phases[1].total
    assert sum(ph.total for ph in m.phases.values()) == 60
    assert m.resources[FAIL].error.startswith("LimitExceeded")


def test_mid_run_state_has_running_work_and_waiting_phases(events):
    m = RunModel()
    m.apply_all(events[: len(events) // 3])
    assert m.state() == "running"
    assert m.running and all(r.status in ("running", "retrying") for r in m.running.values())
    statuses = {ph.status() for ph in m.phases.values()}
    assert "waiting" in statuses and "running" in statuses


def test_live_critical_path_runs_through_running_work_and_gives_an_eta(events):
    m = RunModel()
    m.apply_all(events[: len(events) // 2])
    proj = project(m)
    assert proj.chain, "a chain while work remains"
    statuses = [s.status for s in proj.chain]
    # done steps first, then at most one running step on a chain, then waiting ones
    assert statuses == sorted(statuses, key=["done", "running", "retrying", "queued", "pending"].index)
    assert proj.eta > 0
    assert proj.end >= m.t
    # slack is reported for running resources, zero for the one on the chain
    assert set(proj.slack) == set(m.running)
    for a in proj.on_path_running:
        assert proj.slack[a] == 0
    # consecutive steps are dependencies
    for a, b in zip(proj.chain, proj.chain[1:]):
        assert a.address in m.resources[b.address].deps


def test_eta_reaches_zero_at_the_end(plan):
    import synthetic

    evs = synthetic.script(plan, seed=3)
    m = RunModel()
    m.apply_all(evs)
    proj = project(m)
    assert m.finished is not None and m.finished.ok
    assert proj.eta == 0
    assert proj.chain[-1].finish == m.t  # the chain as it ran ends with the run
    assert all(s.actual is not None for s in proj.chain)


def test_pause_stop_and_log_bound():
    m = RunModel(log_size=5)
    m.apply(ev.RunPaused(t=1.0))
    assert m.paused
    m.apply(ev.RunResumed(t=2.0))
    assert not m.paused
    m.apply(ev.StopRequested(t=3.0))
    assert m.stopping
    for i in range(20):
        m.apply(ev.RunPaused(t=float(i)))
    assert len(m.log) == 5 and m.log[-1].seq == m.log_seq


def test_fmt_dur():
    assert fmt_dur(0) == "0:00"
    assert fmt_dur(61.4) == "1:01"
    assert fmt_dur(3725) == "1:02:05"
    assert fmt_dur(None) == "-"


def test_once_stopping_the_remaining_time_is_the_in_flight_work(events):
    from ccdsl.tui.view import View

    m = RunModel()
    m.apply_all(events[: len(events) // 2])
    proj = project(m)
    assert View(m, proj, m.t).eta == proj.eta
    m.apply(ev.StopRequested(t=m.t))
    view = View(m, proj, m.t)
    assert view.eta == max(proj.finish[a] for a in m.running) - m.t
    assert view.eta < proj.eta  # waiting work no longer counts


def test_summary_words_a_destroy_as_one_and_compares_with_the_seeds_destroy(plan):
    import dataclasses
    import io

    import synthetic
    from rich.console import Console

    from ccdsl.tui.report import summary

    deletes = dataclasses.replace(plan, resources=tuple(dataclasses.replace(p, action="delete")
                                                        for p in plan.resources))
    m = RunModel()
    m.apply_all(synthetic.script(deletes, seed=3))
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(summary(m, project(m)))
    text = console.export_text()
    assert m.destroying and "Destroyed 60 resources" in text and "seed's destroy" in text and "8:00–12:00" in text


def test_the_model_keeps_the_retry_and_the_tui_words_it(plan):
    from ccdsl.tui.render import log_text, note

    m = RunModel()
    a = plan.resources[0].address
    m.apply_all([plan, ev.ResourceStarted(t=1.0, address=a, action="create"),
                 ev.ResourceRetrying(t=2.0, address=a, attempt=2, reason="Throttling", delay_s=4.6)])
    r = m.resources[a]
    assert r.retry is not None and r.message == "" and m.retries == 1
    assert note(r) == "retry 2 in 5s: Throttling"
    assert log_text(m.log[-1], m) == f"retry {a} #2 in 5s: Throttling"
    m.apply(ev.ResourceProgress(t=3.0, address=a, message="waiting for ACTIVE"))
    assert note(r) == "waiting for ACTIVE" and r.retry is None

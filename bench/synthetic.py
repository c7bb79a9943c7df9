"""A deterministic scripted run: a generated resource graph shaped like the seed's ten phases and the
events an unlimited-parallelism apply of it would emit. For the TUI's benchmark (``bench/tui.py``), the
tests (``tests/conftest.py`` puts ``bench/`` on the import path) and demos — any number of resources, the
same sequence for the same seed, no runtime needed.
"""
from __future__ import annotations

import heapq
import random

from ccdsl.runtime import events as ev

# phase -> (resource types, estimate range in seconds, share of resources)
SHAPE = {
    1: (("aws_iam_role", "aws_s3_bucket", "aws_kms_key", "aws_cloudwatch_log_group", "aws_dynamodb_table"),
        (3, 40), 0.22),
    2: (("aws_connect_instance", "aws_kinesis_stream", "aws_kinesis_firehose_delivery_stream"), (30, 150), 0.06),
    3: (("aws_lambda_function", "aws_api_gateway_rest_api"), (20, 90), 0.08),
    4: (("aws_lexv2models_bot", "aws_lexv2models_intent", "lex_bot_locale_build"), (10, 420), 0.08),
    5: (("aws_lexv2models_bot", "aws_lexv2models_intent", "lex_bot_locale_build"), (10, 480), 0.10),
    6: (("aws_connect_queue", "aws_connect_routing_profile", "aws_connect_hours_of_operation"), (2, 15), 0.12),
    7: (("aws_connect_contact_flow", "aws_connect_quick_connect"), (3, 20), 0.12),
    8: (("aws_cloudwatch_metric_alarm", "aws_cloudwatch_dashboard"), (2, 10), 0.12),
    9: (("aws_s3_object", "aws_cloudfront_distribution"), (2, 300), 0.04),
    10: (("aws_glue_catalog_database", "aws_glue_catalog_table"), (2, 8), 0.06),
}
SEQUENTIAL = (4, 5, 7, 9)  # phases whose steps build on each other (bot builds, flows, the web site)
# phase -> phases it may depend on (the seed's ordering)
AFTER = {1: (), 2: (1,), 3: (1,), 4: (3,), 5: (3,), 6: (2,), 7: (4, 5, 6), 8: (1,), 9: (2, 7), 10: (2,)}


def generate(n: int = 60, seed: int = 7) -> ev.PlanReady:
    """A plan of ``n`` resources over the ten phases, with its CPM critical path."""
    rng = random.Random(seed)
    by_phase: dict[int, list[str]] = {p: [] for p in SHAPE}
    rows: list[dict] = []
    counts = {p: max(1, round(n * share)) for p, (_, _, share) in SHAPE.items()}
    while sum(counts.values()) > n and max(counts.values()) > 1:
        counts[max(counts, key=counts.get)] -= 1
    while sum(counts.values()) < n:
        counts[1] += 1
    for phase, (types, (lo, hi), _) in SHAPE.items():
        for i in range(counts[phase]):
            rtype = types[i % len(types)]
            address = f"{rtype.removeprefix('aws_')}.p{phase}_{i}"
            pool = [a for p in AFTER[phase] for a in by_phase[p]]
            pool += by_phase[phase][-2:] if phase in SEQUENTIAL else []
            deps = tuple(sorted(set(rng.sample(pool, min(len(pool), rng.randint(1, 3)))))) if pool else ()
            estimate = float(rng.randint(lo, hi)) if "build" in rtype or "distribution" in rtype or \
                "instance" in rtype else float(rng.randint(lo, max(lo, hi // 3)))
            rows.append({"address": address, "type": rtype, "phase": phase, "estimate": estimate, "deps": deps})
            by_phase[phase].append(address)
    est = {r["address"]: r["estimate"] for r in rows}
    es: dict[str, float] = {}
    pred: dict[str, str | None] = {}
    for r in rows:  # rows are in dependency order
        best = max(r["deps"], key=lambda d: (es[d] + est[d], d), default=None)
        pred[r["address"]] = best
        es[r["address"]] = es[best] + est[best] if best else 0.0
    ends = {r["address"]: es[r["address"]] + r["estimate"] for r in rows}
    length = max(ends.values())
    node: str | None = max(ends, key=lambda a: (ends[a], a))
    path = []
    while node:
        path.append(node)
        node = pred[node]
    path.reverse()
    critical = set(path)
    latest: dict[str, float] = {}
    succ: dict[str, list[str]] = {r["address"]: [] for r in rows}
    for r in rows:
        for d in r["deps"]:
            succ[d].append(r["address"])
    for r in reversed(rows):
        a = r["address"]
        latest[a] = min((latest[s] - est[s] for s in succ[a]), default=length)
    planned = tuple(
        ev.PlannedResource(address=r["address"], type=r["type"], phase=r["phase"], action="create",
                           estimate_s=r["estimate"], depends_on=r["deps"], critical=r["address"] in critical,
                           slack_s=max(0.0, latest[r["address"]] - ends[r["address"]]))
        for r in rows
    )
    return ev.PlanReady(t=0.0, site="synthetic", provider="sim", resources=planned, critical_path=tuple(path),
                        critical_length_s=length)


def script(plan: ev.PlanReady, seed: int = 7, fail: str | None = None, progress: bool = True) -> list[ev.Event]:
    """The events of applying ``plan`` with unlimited parallelism; real durations vary around the estimates.

    ``fail`` names a resource that fails (its descendants are skipped), as the sim's fault injection does.
    """
    rng = random.Random(seed)
    res = {p.address: p for p in plan.resources}
    succ: dict[str, list[str]] = {a: [] for a in res}
    for p in plan.resources:
        for d in p.depends_on:
            succ[d].append(p.address)
    waiting = {a: len(p.depends_on) for a, p in res.items()}
    phase_left: dict[int, int] = {}
    phase_start: dict[int, float] = {}
    for p in plan.resources:
        phase_left[p.phase] = phase_left.get(p.phase, 0) + 1
    out: list[ev.Event] = [plan]
    heap: list[tuple[float, int, str, str]] = []  # (t, seq, what, address)
    seq = 0
    status: dict[str, str] = {}
    started: dict[str, float] = {}

    def start(a: str, t: float) -> None:
        nonlocal seq
        out.append(ev.ResourceQueued(t=t, address=a))
        out.append(ev.ResourceStarted(t=t, address=a, action="create"))
        phase_start.setdefault(res[a].phase, t)
        status[a] = "running"
        started[a] = t
        duration = round(res[a].estimate_s * rng.uniform(0.7, 1.4), 1)
        if progress and duration > 60:
            seq += 1
            heapq.heappush(heap, (t + duration / 2, seq, "progress", a))
        seq += 1
        heapq.heappush(heap, (t + duration, seq, "end", a))

    def phase_tick(a: str, t: float) -> None:
        ph = res[a].phase
        phase_left[ph] -= 1
        if phase_left[ph] == 0:
            out.append(ev.PhaseDone(t=t, phase=ph, elapsed_s=t - phase_start.get(ph, t)))

    for a in res:
        if waiting[a] == 0:
            start(a, 0.0)
    t = 0.0
    while heap:
        t, _, what, a = heapq.heappop(heap)
        if what == "progress":
            out.append(ev.ResourceProgress(t=t, address=a, message="waiting for the resource to become active"))
            continue
        if a == fail:
            status[a] = "failed"
            out.append(ev.ResourceFailed(t=t, address=a, action="create", attempts=3,
                                         error="LimitExceededException: injected failure"))
            phase_tick(a, t)
            stack = list(succ[a])
            while stack:
                s = stack.pop()
                if s not in status:
                    status[s] = "skipped"
                    out.append(ev.ResourceSkipped(t=t, address=s, because=a))
                    phase_tick(s, t)
                    stack.extend(succ[s])
            continue
        status[a] = "done"
        out.append(ev.ResourceDone(t=t, address=a, action="create", duration_s=round(t - started[a], 1),
                                   outputs={"arn": f"arn:aws:sim:us-east-1:000000000000:{a}", "id": a.split(".")[-1]}))
        phase_tick(a, t)
        for s in succ[a]:
            waiting[s] -= 1
            if waiting[s] == 0 and s not in status:
                start(s, t)
    counts = {k: sum(1 for s in status.values() if s == k) for k in ("done", "failed", "skipped")}
    counts["pending"] = len(res) - sum(counts.values())
    counts["noop"] = 0
    ok = counts["done"] == len(res)
    out.append(ev.ApplyDone(t=t, ok=ok, elapsed_s=t, estimated_s=plan.critical_length_s, counts=counts,
                            critical_path=plan.critical_path))
    return out


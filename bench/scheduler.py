"""Makespan of acme-bank on the simulator with the seed's latencies (midpoints: deterministic) and
Connect's rate limit, against the lower bound and two baselines computed in the same run:

* lower bound: max(critical path, rate-limit bound) — the rate bound is, per rate-limited service,
  (calls - burst) / rate, and for Lex builds the total build time over the 5 builds allowed at once;
* Terraform-like: ready resources in FIFO order, no client-side rate limiting (throttled calls are retried
  with backoff, 25 attempts as Terraform's AWS provider), at the same parallelism as ccdsl: both capped at
  10 (Terraform's default) and both uncapped;
* phased: the seed's phase-by-phase order (a phase starts when the earlier ones are finished), 10 at a
  time, throttle-and-retry like Terraform. The seed deployed its first bot in a phase of its own before
  the others; :func:`seed_phases` puts that back (ccdsl's own display groups follow resource kinds).

Last line: {"makespan_s", "lower_bound_s", "capped_makespan_s", "terraform_like_s",
"terraform_like_uncapped_s", "phased_s"} (``terraform_like_s``: at parallelism 10 like ``capped_makespan_s``;
a failed baseline run is reported as null with its failures). Target: ours within 5 % of the lower bound.

    python bench/scheduler.py [SITE]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from ccdsl.runtime import typeinfo
from ccdsl.runtime.limits import DEFAULT_CONCURRENCY, DEFAULT_RATES
from ccdsl.runtime.session import RunOptions, apply_site, plan_site

ROOT = Path(__file__).resolve().parents[1]


def rate_bound(plan) -> tuple[float, str]:
    calls: dict[str, int] = {}
    busy: dict[str, float] = {}
    for c in plan.steps:
        b = typeinfo.bucket(c.type)
        calls[b] = calls.get(b, 0) + 1
        lo, hi = typeinfo.latency_range(c.type)
        busy[b] = busy.get(b, 0.0) + (lo + hi) / 2
    best, why = 0.0, ""
    for b, n in calls.items():
        if b in DEFAULT_RATES:
            rate, burst = DEFAULT_RATES[b]
            bound = max(0.0, (n - burst) / rate)
            if bound > best:
                best, why = bound, f"{n} {b} calls at {rate:g}/s after a burst of {burst:g}"
        if b in DEFAULT_CONCURRENCY:
            bound = busy[b] / DEFAULT_CONCURRENCY[b]
            if bound > best:
                best, why = bound, f"{busy[b]:.0f}s of {b} work, {DEFAULT_CONCURRENCY[b]} at once"
    return best, why


BOT_GROUPS = (4, 5)  # the registry's bot display groups: definitions and builds, versions and aliases


def seed_phases(site):
    """The site with the seed's bot phases: every resource of the first bot in phase 4, of the others in 5."""
    import dataclasses

    bots = [a for a, r in site.resources.items() if r.type == "aws_lexv2models_bot"]
    if not bots:
        return site
    first = bots[0]

    def phase(address: str, r) -> int:
        if r.phase not in BOT_GROUPS:
            return r.phase
        return 4 if address == first or address.startswith(first + ".") else 5

    resources = {a: dataclasses.replace(r, phase=phase(a, r)) for a, r in site.resources.items()}
    return dataclasses.replace(site, resources=resources)


def run(site, policy: str, parallelism=None, max_attempts: int = 25) -> tuple[float | None, int, int]:
    """(makespan or None when resources failed, retries, failed resources)."""
    with tempfile.TemporaryDirectory() as tmp:
        events = []
        options = RunOptions(state_path=str(Path(tmp) / "state.db"), time_scale=float("inf"), seed=0,
                             latency="midpoint", policy=policy, parallelism=parallelism, max_attempts=max_attempts)
        result = apply_site(site, options, sinks=[events.append])
        retries = sum(1 for e in events if e.kind == "resource_retrying")
        if not result.ok:
            if policy == "critical_path":
                raise SystemExit(f"{policy}: apply failed: {result.failures or result.diagnostics}")
            return None, retries, len(result.failures)
        return result.elapsed_s, retries, 0


def _show(label: str, value: float | None, ours: float, retries: int, failed: int) -> str:
    if value is None:
        return f"  {label:<32} failed: {failed} resource(s) gave up after 25 attempts, {retries} retries"
    return f"  {label:<32} {value:8.1f}s  {value / ours:.2f}x ours, {retries} retries"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="critical-path-first scheduling against its lower bound and baselines")
    ap.add_argument("site", nargs="?", default=str(ROOT / "examples" / "acme-bank" / "site.ccd"))
    args = ap.parse_args(argv)
    from ccdsl.runtime.wiring import SetupError, load_site

    try:
        site, _ = load_site(args.site)
    except SetupError as exc:
        print(exc, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        plan = plan_site(site, state_path=str(Path(tmp) / "state.db")).plan
    cp = plan.critical_length_s
    rb, why = rate_bound(plan)
    lower = max(cp, rb)
    ours, ours_retries, _ = run(site, "critical_path")
    capped, capped_retries, _ = run(site, "critical_path", parallelism=10)
    tf, tf_retries, tf_failed = run(site, "fifo", parallelism=10)
    tfu, tfu_retries, tfu_failed = run(site, "fifo")
    phased, ph_retries, ph_failed = run(seed_phases(site), "phased", parallelism=10)
    assert ours is not None and capped is not None
    print(f"{site.site}: {len(plan.steps)} resources")
    print(f"  critical path                    {cp:8.1f}s  ({len(plan.critical_path)} steps)")
    print(f"  rate-limit bound                 {rb:8.1f}s  ({why or 'no limited service'})")
    print(f"  lower bound                      {lower:8.1f}s")
    print(f"  ccdsl (critical path, uncapped)  {ours:8.1f}s  {100 * (ours / lower - 1):+.1f}% over the bound, "
          f"{ours_retries} retries")
    print(f"  ccdsl at parallelism 10          {capped:8.1f}s  {100 * (capped / lower - 1):+.1f}% over the bound, "
          f"{capped_retries} retries")
    print(_show("Terraform-like (FIFO, 10)", tf, capped, tf_retries, tf_failed).replace("ours", "ccdsl@10"))
    print(_show("Terraform-like (FIFO, uncapped)", tfu, ours, tfu_retries, tfu_failed))
    print(_show("seed's phased order (10)", phased, capped, ph_retries, ph_failed).replace("ours", "ccdsl@10"))

    def r(v):
        return None if v is None else round(v, 1)

    print(json.dumps({"makespan_s": r(ours), "lower_bound_s": r(lower), "capped_makespan_s": r(capped),
                      "terraform_like_s": r(tf), "terraform_like_uncapped_s": r(tfu), "phased_s": r(phased),
                      "max_attempts": 25, "parallelism_capped": 10}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

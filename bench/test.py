"""``ccdsl test`` speed: the whole-process time of a site's conversation suite (target for acme-bank: under
1 s) and the interpreter's rate in flow actions per second (target: at least 2,000).

Usage: python bench/test.py [--runs N] [SITE]. The whole-process figure runs ``ccdsl test SITE --format json``
(compile included) as a user would, as wall-clock and CPU time (on a busy machine the CPU time is the fairer
figure); the rate runs the already-loaded suite's tests again in this process
(functions mocked or cached, as in the suite) and divides the actions interpreted by the time. Prints each
run, then the figures; the last line is a JSON object of them.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("site", nargs="?", default=str(ROOT / "examples" / "acme-bank" / "site.ccd"))
    args = parser.parse_args()
    command = [sys.executable, "-m", "ccdsl", "test", args.site, "--format", "json"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, capture_output=True, check=False, env=env)  # warm-up: caches and bytecode
    times, cpu, tests = [], [], 0
    for run in range(args.runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, check=False, env=env)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        if result.returncode != 0:
            print(result.stdout.decode()[-2000:], result.stderr.decode()[-2000:], file=sys.stderr)
            return 1
        tests = json.loads(result.stdout)["tests"]
        times.append(elapsed)
        print(f"run {run + 1}: {elapsed:.3f} s wall, {cpu[-1]:.3f} s CPU ({tests} tests)")

    from ccdsl.runtime.conversation.runner import run_case
    from ccdsl.runtime.conversation.suite import run_suite

    report = run_suite(args.site)
    cache: dict = {}
    actions, interpreted = 0, 0.0
    for _round in range(args.runs):
        start = time.perf_counter()
        for case in report.suite.cases:
            actions += run_case(report.site, case, cache).actions
        interpreted += time.perf_counter() - start
    rate = actions / interpreted if interpreted else 0.0
    median = statistics.median(times)
    print(f"whole process: median {median:.3f} s wall ({statistics.median(cpu):.3f} s CPU), min {min(times):.3f} s "
          f"over {len(times)} runs (target < 1 s)")
    print(f"interpreter: {actions} actions in {interpreted:.3f} s = {rate:,.0f} actions/s (target >= 2,000)")
    print(json.dumps({"median_s": round(median, 4), "min_s": round(min(times), 4),
                      "median_cpu_s": round(statistics.median(cpu), 4), "runs": len(times),
                      "tests": tests, "actions_per_s": round(rate), "actions": actions}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

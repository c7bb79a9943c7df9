"""Whole-process time of ``ccdsl validate examples/acme-bank/site.ccd`` (target: median under 0.5 s).

Usage: python bench/validate.py [--runs N] [FILE]. Prints each run, then median and minimum; the last
line is a JSON object of the figures. The runs use Python's default bytecode caching (a warm-up run
writes ``__pycache__``), as an installed ccdsl does, even when PYTHONDONTWRITEBYTECODE is set here.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("file", nargs="?", default=str(ROOT / "examples" / "acme-bank" / "site.ccd"))
    args = parser.parse_args()
    command = [sys.executable, "-m", "ccdsl", "validate", args.file]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, capture_output=True, check=False, env=env)  # warm-up: caches and bytecode
    times = []
    for run in range(args.runs):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, check=False, env=env)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            print(result.stdout.decode(), result.stderr.decode(), file=sys.stderr)
            return 1
        times.append(elapsed)
        print(f"run {run + 1}: {elapsed:.3f} s")
    median, fastest = statistics.median(times), min(times)
    print(f"median {median:.3f} s, min {fastest:.3f} s over {len(times)} runs (target: median < 0.5 s)")
    print(json.dumps({"median_s": round(median, 4), "min_s": round(fastest, 4), "runs": len(times)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

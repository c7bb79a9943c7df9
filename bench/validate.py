"""Whole-process time of ``ccdsl validate examples/acme-bank/site.ccd`` as a ratio to
``python -c "import ruamel.yaml"``, both measured in the same run, alternating, so the figure holds on a
loaded machine (target: ratio such that validate stays within 0.25 s on a quiet machine of this class).

Usage: python bench/validate.py [--runs N] [--other PYTHON] [--cold] [FILE]. Prints each pair, then medians; the
last line is a JSON object: ``{"median_s", "min_s", "cpu_median_s", "baseline_median_s", "ratio", "cpu_ratio",
"runs"}`` — ``ratio`` is the median over runs of validate / baseline wall time, ``cpu_ratio`` the median CPU of
validate over that of the baseline (on a loaded machine a process also waits for a core: CPU is the steadier
figure). ``--other PYTHON`` also times ``ccdsl validate`` under another interpreter (a virtualenv with another
ccdsl, e.g. an older commit) in the same loop, adding ``other_median_s``, ``other_cpu_median_s``,
``other_ratio`` and ``other_cpu_ratio``: a before/after from one sitting. ``--cold`` also times each run's first
validate with an empty cache folder (a new ``XDG_CACHE_HOME``: nothing stored yet, as after an install), adding
``cold_median_s``, ``cold_cpu_median_s``, ``cold_ratio`` and ``cold_cpu_ratio``. The runs use Python's default
bytecode caching (a warm-up run writes ``__pycache__``), as an installed ccdsl does, even when
PYTHONDONTWRITEBYTECODE is set here.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of the child, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_utime + usage.ru_stime, proc.returncode


def _summarise(figures: dict, prefix: str, walls: list[float], cpus: list[float], ratios: list[float],
               base_cpu: float, label: str) -> None:
    """Add ``PREFIX_median_s``, ``PREFIX_cpu_median_s``, ``PREFIX_ratio`` and ``PREFIX_cpu_ratio`` and print them."""
    figures.update({f"{prefix}_median_s": round(statistics.median(walls), 4),
                    f"{prefix}_cpu_median_s": round(statistics.median(cpus), 4),
                    f"{prefix}_ratio": round(statistics.median(ratios), 3),
                    f"{prefix}_cpu_ratio": round(statistics.median(cpus) / base_cpu, 3)})
    print(f"{label}: median {figures[f'{prefix}_median_s']:.3f} s, cpu {figures[f'{prefix}_cpu_median_s']:.3f} s; "
          f"{figures[f'{prefix}_ratio']:.2f}x import ruamel.yaml ({figures[f'{prefix}_cpu_ratio']:.2f}x its cpu)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--other", metavar="PYTHON", help="also time validate under this interpreter")
    parser.add_argument("--cold", action="store_true", help="also time validate with an empty cache folder")
    parser.add_argument("file", nargs="?", default=str(ROOT / "examples" / "acme-bank" / "site.ccd"))
    args = parser.parse_args()
    command = [sys.executable, "-m", "ccdsl", "validate", args.file]
    baseline = [sys.executable, "-c", "import ruamel.yaml"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    other = [args.other, *command[1:]] if args.other else None
    for warm in (command, baseline, other):  # warm-up: caches and bytecode
        if warm:
            subprocess.run(warm, capture_output=True, check=False, env=env)
    walls, cpus, bases, base_cpus, ratios = [], [], [], [], []
    o_walls, o_cpus, o_ratios = [], [], []
    c_walls, c_cpus, c_ratios = [], [], []
    for run in range(args.runs):
        base, base_cpu, _ = timed(baseline, env)
        base_cpus.append(base_cpu)
        if args.cold:
            with tempfile.TemporaryDirectory(prefix="ccdsl-cold-") as empty:
                c_wall, c_cpu, c_code = timed(command, {**env, "XDG_CACHE_HOME": empty})
            if c_code != 0:
                print(f"ccdsl validate with an empty cache folder exited {c_code}", file=sys.stderr)
                return 1
            c_walls.append(c_wall)
            c_cpus.append(c_cpu)
            c_ratios.append(c_wall / base)
        wall, cpu, code = timed(command, env)
        if code != 0:
            print(f"ccdsl validate exited {code}", file=sys.stderr)
            return 1
        if other:
            o_wall, o_cpu, o_code = timed(other, env)
            if o_code != 0:
                print(f"ccdsl validate under {args.other} exited {o_code}", file=sys.stderr)
                return 1
            o_walls.append(o_wall)
            o_cpus.append(o_cpu)
            o_ratios.append(o_wall / base)
        walls.append(wall)
        cpus.append(cpu)
        bases.append(base)
        ratios.append(wall / base)
        print(f"run {run + 1}: validate {wall:.3f} s (cpu {cpu:.3f}), import ruamel.yaml {base:.3f} s, "
              f"ratio {wall / base:.2f}")
    median, fastest, ratio = statistics.median(walls), min(walls), statistics.median(ratios)
    print(f"median {median:.3f} s, min {fastest:.3f} s, cpu {statistics.median(cpus):.3f} s; "
          f"{ratio:.2f}x import ruamel.yaml ({statistics.median(bases):.3f} s) over {len(walls)} runs")
    base_cpu = statistics.median(base_cpus)
    print(f"cpu {statistics.median(cpus):.3f} s, {statistics.median(cpus) / base_cpu:.2f}x the cpu of "
          f"import ruamel.yaml ({base_cpu:.3f} s)")
    figures = {"median_s": round(median, 4), "min_s": round(fastest, 4),
               "cpu_median_s": round(statistics.median(cpus), 4),
               "baseline_median_s": round(statistics.median(bases), 4), "ratio": round(ratio, 3),
               "cpu_ratio": round(statistics.median(cpus) / base_cpu, 3), "runs": len(walls)}
    if other:
        _summarise(figures, "other", o_walls, o_cpus, o_ratios, base_cpu, f"under {args.other}")
    if args.cold:
        _summarise(figures, "cold", c_walls, c_cpus, c_ratios, base_cpu, "with an empty cache folder")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How validate, compile and plan grow: CPU seconds and peak memory of the whole ``ccdsl`` process at
generated sites of about 1k, 10k and 100k resources, with the fitted growth exponent, plus an end-to-end
compile (validate + compile + write) of a realistic generated centre (:func:`sites.centre`: every queue
offers every quick connect, routing profiles serve all queues, thousands of agents, numbers, flows, bots).

CPU (user + system of the child) is the figure: wall time on a shared, loaded machine is up to twice it.
The kernel's share is printed beside it (``{command}_{size}_sys_s``): compile's is mostly creating the
build's files, which varies from run to run with the disk.
Prints a line per measure; the JSON last line holds ``{command}_{size}_cpu_s``, ``{command}_{size}_mib``,
``{command}_exponent`` (k in cpu ~ n^k between the smallest and largest size; ``{command}_exponent_top``
between the two largest, where the fixed start-up cost weighs least), ``reapply_{size}_over_validate``
(a no-op re-apply on the simulator over validate, CPU; sizes up to ``--reapply-max``) and ``centre_*``.

    python bench/scale.py                       # 1k, 10k, 100k (the last takes minutes)
    python bench/scale.py --sizes 1000 10000
"""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compile import site_text  # noqa: E402
from sites import centre  # noqa: E402

UNITS_PER_RESOURCE = 1000 / 16265  # the generator makes about 16 resources per unit (1,000 units: 16,265)


def run(args: list[str], cwd: Path) -> tuple[float, float, float]:
    """(CPU seconds, peak MiB, of the CPU the kernel's share) of one ``ccdsl`` process; exits on failure."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: warnings of a big site would fill a pipe
        proc = subprocess.Popen([sys.executable, "-m", "ccdsl", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                                stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        errors.seek(0)
        err = errors.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) not in (0,):
        raise SystemExit(f"ccdsl {' '.join(args)} failed:\n{err[-2000:]}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, usage.ru_stime


def measure(folder: Path, text: str, reapply: bool = False) -> dict[str, tuple[float, float, float]]:
    folder.mkdir(parents=True)
    (folder / "functions" / "common").mkdir(parents=True)
    (folder / "functions" / "common" / "index.py").write_text("def handler(event, context):\n    return {}\n")
    site = folder / "site.ccd"
    site.write_text(text)
    return {
        "validate": run(["validate", str(site)], folder),
        "compile": run(["compile", str(site), "-o", str(folder / "build")], folder),
        "plan": run(["plan", str(site), "--state", str(folder / "state.db")], folder),
        **(noop_reapply(folder, site) if reapply else {}),
    }


def noop_reapply(folder: Path, site: Path) -> dict[str, tuple[float, float, float]]:
    """Apply the site on the simulator (instantly), then apply it again: the second run has nothing to do."""
    flags = ["--state", str(folder / "applied.db"), "--yes", "--plain", "--time-scale", "inf", "--latency", "zero",
             "--skip-preflight"]
    return {"apply": run(["apply", str(site), *flags], folder), "reapply": run(["apply", str(site), *flags], folder)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--reapply-max", type=int, default=10000,
                        help="also apply and re-apply (no-op) on the simulator at sizes up to this (default 10000)")
    args = parser.parse_args(argv)
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            figures = measure(Path(tmp) / f"s{size}", site_text(max(1, int(size * UNITS_PER_RESOURCE))),
                              reapply=size <= args.reapply_max)
            for command, (cpu, mib, system) in figures.items():
                out[f"{command}_{size}_cpu_s"] = round(cpu, 3)
                out[f"{command}_{size}_sys_s"] = round(system, 3)
                out[f"{command}_{size}_mib"] = round(mib, 1)
                print(f"{command:<8} ~{size:>6} resources: {cpu:7.2f} s CPU (kernel {system:5.2f}), "
                      f"{mib:7.1f} MiB peak")
            if "reapply" in figures:
                ratio = figures["reapply"][0] / figures["validate"][0]
                out[f"reapply_{size}_over_validate"] = round(ratio, 2)
                print(f"no-op re-apply ~{size:>6} resources: {ratio:.2f}x validate (CPU)")
        sizes = sorted(set(args.sizes))
        pairs = [("exponent", sizes[0], sizes[-1])]
        if len(sizes) > 2:
            pairs.append(("exponent_top", sizes[-2], sizes[-1]))
        for key, lo, hi in pairs if len(sizes) > 1 else []:  # the top pair is the fairer: start-up is small there
            for command in ("validate", "compile", "plan"):
                k = math.log(out[f"{command}_{hi}_cpu_s"] / out[f"{command}_{lo}_cpu_s"]) / math.log(hi / lo)
                out[f"{command}_{key}"] = round(k, 3)
                print(f"{command:<8} grows as n^{k:.2f} between {lo} and {hi}")
        figures = measure(Path(tmp) / "centre", centre())
        for command, (cpu, mib, _) in figures.items():
            out[f"centre_{command}_cpu_s"] = round(cpu, 3)
            out[f"centre_{command}_mib"] = round(mib, 1)
            print(f"centre   {command:<8}: {cpu:7.2f} s CPU, {mib:7.1f} MiB peak (end to end, through the CLI)")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

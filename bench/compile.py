"""Compile benchmark, end to end through the CLI: ``ccdsl compile SITE -o build`` (parse, validate, compile,
write graph.json, plan.md, flows, bots and policies) as a whole process, on realistic generated centres
(:func:`sites.centre`: agents with routing profiles, routing profiles serving every queue, every queue
offering every quick connect, numbers, entry flows, bots — about 30 dependencies per resource at the edges
that have them), scaled by the number of queues (10 agents per queue).

CPU (user + system of the child) is the figure to compare; wall time is printed too (a shared machine
inflates it). One line per size, then a JSON object as the last line: per size ``{q}q_resources``,
``{q}q_edges``, ``{q}q_cpu_s``, ``{q}q_wall_s``, ``{q}q_mib``, ``{q}q_us_per_resource`` and ``exponent`` (k in
cpu ~ resources^k between the smallest and largest size).

    python bench/compile.py                    # 100, 200 and 400 queues
    python bench/compile.py --queues 100 400

``site_text(units)`` (the uniform generated site of ``bench/scale.py``) also lives here.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sites import centre  # noqa: E402


def unit(i: int) -> dict[str, str]:
    """The .ccd entries of one generated unit, per section."""
    out = {
        "buckets": f"  b{i}: {{key: k{i % 4}}}\n",
        "logs": f"  l{i}: {{retention: 14d}}\n",
        "tables": f"  t{i}: {{key: id, ttl: expires_at}}\n",
        "topics": f"  n{i}: {{}}\n",
        "functions": f"  f{i}: {{source: functions/common, timeout: 10s, alias: live, logs: l{i}, "
                     f"access: [table t{i} rw, topic n{i} publish]}}\n",
        "queues": f"  q{i}: {{hours: always, max_contacts: 10}}\n",
    }
    if i % 5 == 0:
        out["flows"] = (f"  flow{i}:\n    do: |\n      say \"Hello {i}.\"\n      invoke f{i}\n        error -> q\n"
                        f"      q:\n        queue q{i}\n        transfer\n          at capacity -> bye\n"
                        f"      bye:\n        hangup\n")
    if i % 20 == 0:
        out["bots"] = (f"  bot{i}:\n    locales: {{en_GB: Amy}}\n    hook: f{i}\n    intents:\n"
                       f"      Hello: [hello, hi there]\n      Help: [help me, I need help]\n"
                       f"      Bye: [goodbye, bye now]\n")
    return out


SECTIONS = ["keys", "buckets", "logs", "tables", "topics", "functions", "bots", "hours", "queues", "flows"]


def site_text(units: int) -> str:
    parts: dict[str, list[str]] = {s: [] for s in SECTIONS}
    parts["keys"] = [f"  k{j}: {{}}\n" for j in range(4)]
    parts["hours"] = ["  always: 24/7\n"]
    for i in range(units):
        for section, text in unit(i).items():
            parts[section].append(text)
    head = "ccdsl: 1\nsite: bench\nregion: eu-west-2\ninstance: {alias: bench-site}\n"
    return head + "".join(f"{s}:\n" + "".join(parts[s]) for s in SECTIONS if parts[s])


def compile_once(folder: Path, text: str) -> dict[str, float]:
    """Write the site, run ``ccdsl compile`` on it in a new process; its CPU, wall, peak memory and graph size."""
    folder.mkdir(parents=True)
    (folder / "functions" / "common").mkdir(parents=True)
    (folder / "functions" / "common" / "index.py").write_text("def handler(event, context):\n    return {}\n")
    site = folder / "site.ccd"
    site.write_text(text)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen([sys.executable, "-m", "ccdsl", "compile", str(site), "-o", str(folder / "build")],
                                cwd=folder, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        errors.seek(0)
        err = errors.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"ccdsl compile failed:\n{err[-2000:]}")
    graph = json.loads((folder / "build" / "graph.json").read_text())
    resources = graph["resources"]
    edges = sum(len(r.get("depends_on", ())) for r in resources)
    most = max(len(r.get("depends_on", ())) for r in resources)
    return {"resources": len(resources), "edges": edges, "max_deps": most,
            "cpu_s": usage.ru_utime + usage.ru_stime, "wall_s": wall, "mib": usage.ru_maxrss / 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queues", type=int, nargs="+", default=[100, 200, 400],
                        help="centre sizes by queues, 10 agents per queue (default: 100 200 400)")
    args = parser.parse_args(argv)
    out: dict[str, float | int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "ccdsl", "--version"], capture_output=True, check=False)  # warm caches
        for queues in args.queues:
            f = compile_once(Path(tmp) / f"q{queues}", centre(queues=queues, agents=10 * queues))
            per = f["cpu_s"] / f["resources"] * 1e6
            for key in ("resources", "edges", "max_deps"):
                out[f"{queues}q_{key}"] = int(f[key])
            for key in ("cpu_s", "wall_s", "mib"):
                out[f"{queues}q_{key}"] = round(f[key], 3)
            out[f"{queues}q_us_per_resource"] = round(per, 1)
            print(f"{queues:>5} queues: {f['resources']:>6} resources, {f['edges']:>7} dependencies "
                  f"(up to {f['max_deps']} on one): {f['cpu_s']:6.2f} s CPU ({f['wall_s']:.2f} s wall), "
                  f"{f['mib']:.0f} MiB peak, {per:.0f} us CPU per resource", flush=True)
    lo, hi = min(args.queues), max(args.queues)
    if hi > lo:
        k = (math.log(out[f"{hi}q_cpu_s"] / out[f"{lo}q_cpu_s"])
             / math.log(out[f"{hi}q_resources"] / out[f"{lo}q_resources"]))
        out["exponent"] = round(k, 3)
        print(f"grows as resources^{k:.2f} between {lo} and {hi} queues (end to end, including start-up)")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

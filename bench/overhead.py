"""Scheduler overhead through the CLI: ``ccdsl apply`` of a generated site of about 10,000 resources on the
simulator with zero latency, as a user runs it (a new process: start-up, validate, compile, plan, execute,
one state transaction per resource), then a no-op re-apply of the same file.

The execution overhead is the apply's CPU less the CPU of ``ccdsl plan`` on the same file and empty state
(what the apply does before it starts executing): what scheduling, the simulated provider, events and state
writes cost per resource. The no-op re-apply must write nothing: the state file's bytes are compared.
CPU (user + system of the child) is the figure to compare; wall times are printed too.

    python bench/overhead.py [--resources 10000]

The last line is JSON: ``resources``, ``plan_cpu_s``, ``apply_cpu_s``, ``apply_wall_s``, ``execute_cpu_s``,
``execute_resources_per_cpu_s``, ``resources_per_wall_s`` (whole process), ``noop_reapply_cpu_s``,
``noop_reapply_wall_s``, ``validate_cpu_s``, ``noop_over_validate``, ``noop_state_unchanged``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compile import site_text  # noqa: E402

RESOURCES_PER_UNIT = 16.265  # the uniform generator makes about 16 resources per unit


def generated_site(n: int) -> Any:
    """A compiled layered DAG of ``n`` resources, each referencing up to three earlier ones (the in-process
    site ``bench/tui.py`` feeds the dashboard with)."""
    import networkx as nx

    from ccdsl.compiler.resources import CompiledSite, Ref, Resource

    resources = {}
    graph = nx.DiGraph()
    for i in range(n):
        inputs: dict[str, Any] = {"Name": f"r{i}", "Value": i}
        for k, j in enumerate(sorted({i // 2, i // 3, i // 7} - {i})):
            inputs[f"P{k}"] = Ref(f"r{j}", "id")
        r = Resource(address=f"r{i}", type="aws_sns_topic", phase=1 + i % 10, inputs=inputs, estimate_s=1.0,
                     name=f"r{i}")
        resources[r.address] = r
        graph.add_node(r.address)
        for d in r.depends_on:
            graph.add_edge(d, r.address)
    return CompiledSite(site="generated", region="eu-west-2", resources=resources, graph=graph, timings={},
                        critical_path=[], critical_length_s=0.0)


def ccdsl(args: list[str], cwd: Path) -> tuple[float, float, str]:
    """(CPU seconds, wall seconds, stdout) of one ``ccdsl`` process; exits on failure."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "ccdsl", *args], cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"ccdsl {' '.join(args)} failed:\n{stderr[-2000:]}")
    return usage.ru_utime + usage.ru_stime, wall, stdout


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=10_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "functions" / "common").mkdir(parents=True)
        (folder / "functions" / "common" / "index.py").write_text("def handler(event, context):\n    return {}\n")
        (folder / "site.ccd").write_text(site_text(max(1, round(args.resources / RESOURCES_PER_UNIT))))
        run = ["site.ccd", "--state", "state.db", "--yes", "--plain", "--time-scale", "inf", "--latency", "zero",
               "--skip-preflight"]
        validate_cpu, _, _ = ccdsl(["validate", "site.ccd"], folder)
        plan_cpu, _, _ = ccdsl(["plan", "site.ccd", "--state", "empty.db"], folder)
        apply_cpu, apply_wall, out = ccdsl(["apply", *run], folder)
        created = next((line for line in out.splitlines() if line.startswith("Apply complete")), "")
        before = digest(folder / "state.db")
        noop_cpu, noop_wall, out = ccdsl(["apply", *run], folder)
        unchanged = digest(folder / "state.db") == before
        if "No changes" not in out:
            raise SystemExit(f"the re-apply was not a no-op:\n{out[-2000:]}")
        count = len(json.loads(ccdsl(["plan", "site.ccd", "--state", "empty.db", "--json"], folder)[2])["changes"])
    execute = apply_cpu - plan_cpu
    figures = {
        "resources": count, "validate_cpu_s": round(validate_cpu, 3), "plan_cpu_s": round(plan_cpu, 3),
        "apply_cpu_s": round(apply_cpu, 3), "apply_wall_s": round(apply_wall, 3),
        "execute_cpu_s": round(execute, 3), "execute_resources_per_cpu_s": round(count / execute, 1),
        "resources_per_wall_s": round(count / apply_wall, 1), "noop_reapply_cpu_s": round(noop_cpu, 3),
        "noop_reapply_wall_s": round(noop_wall, 3), "noop_over_validate": round(noop_cpu / validate_cpu, 2),
        "noop_state_unchanged": unchanged,
    }
    print(f"{created or 'applied'}")
    print(f"apply of {count} resources through the CLI (zero latency): {apply_cpu:.2f} s CPU, {apply_wall:.2f} s wall "
          f"({count / apply_wall:,.0f} resources/s whole process)")
    print(f"execution beyond planning: {execute:.2f} s CPU ({count / execute:,.0f} resources per CPU second)")
    print(f"no-op re-apply: {noop_cpu:.2f} s CPU ({noop_cpu / validate_cpu:.2f}x validate at {validate_cpu:.2f} s), "
          f"state {'unchanged' if unchanged else 'WRITTEN'}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Estimate against the simulated deployment: the plan's estimate (the executor's policy played under the
service limits) beside the makespan the simulator measures at midpoint latencies, on acme-bank and two
generated sites that live on AWS's limits (:mod:`sites`: 12 bots x 2 locales, 400 queues).

Prints one line per site with the chain's waits, then the JSON last line
``{"acme-bank": ratio, "lex12": ratio, "queues400": ratio, ...}`` (estimate / makespan; target 0.95-1.05).

    python bench/estimate.py
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sites import SITES  # noqa: E402

from ccdsl.runtime.session import RunOptions, apply_site, plan_site  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def site_files(folder: Path) -> dict[str, Path]:
    files = {"acme-bank": ROOT / "examples" / "acme-bank" / "site.ccd"}
    for name, make in SITES.items():
        d = folder / name
        (d / "functions" / "common").mkdir(parents=True)
        (d / "functions" / "common" / "index.py").write_text("def handler(event, context):\n    return {}\n")
        (d / "site.ccd").write_text(make())
        files[name] = d / "site.ccd"
    return files


def measure(path: Path, work: Path) -> dict:
    from ccdsl.runtime.wiring import load_site

    site, _ = load_site(str(path))
    state = str(work / "state.db")
    plan = plan_site(site, state_path=state).plan
    options = RunOptions(state_path=state, time_scale=float("inf"), seed=0, latency="midpoint")
    result = apply_site(site, options)
    if not result.ok:
        raise SystemExit(f"{path}: apply failed: {result.failures or result.diagnostics}")
    waits = [k for k in plan.estimated_chain if k.wait_s > 0]
    return {"resources": len(plan.steps), "critical_path_s": plan.critical_length_s, "estimate_s": plan.estimated_s,
            "makespan_s": result.elapsed_s, "waits": [(k.address, round(k.wait_s, 1), k.waited_for) for k in waits]}


def main() -> int:
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in site_files(Path(tmp)).items():
            work = Path(tmp) / f"run-{name}"
            work.mkdir()
            m = measure(path, work)
            ratio = m["estimate_s"] / m["makespan_s"] if m["makespan_s"] else 1.0
            out[name] = round(ratio, 4)
            out[f"{name}_estimate_s"] = round(m["estimate_s"], 1)
            out[f"{name}_makespan_s"] = round(m["makespan_s"], 1)
            print(f"{name}: {m['resources']} changes, critical path {m['critical_path_s']:.1f}s, "
                  f"estimate {m['estimate_s']:.1f}s, simulated {m['makespan_s']:.1f}s, ratio {ratio:.3f}")
            for address, wait, why in m["waits"][:5]:
                print(f"    {address} waits {wait:.1f}s for {why}")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

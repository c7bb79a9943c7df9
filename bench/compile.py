"""Compile-time benchmark: generated sites of about 1k, 10k and 50k resources.

Prints one line per size, then a JSON object of figures as the last line:
``{"1k_s": …, "10k_s": …, "50k_s": …, …}``. ``N_s`` is the compile step (validated model →
resources, graph, critical path, artefacts); ``validate_N_s`` the parse + validation before it and
``end_to_end_N_s`` both. Target: 10k under 3 s, growing linearly.

    python bench/compile.py            # all three sizes
    python bench/compile.py --sizes 1000 10000
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path


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


def measure(units: int, folder: Path) -> tuple[int, float, float]:
    from ccdsl.compiler.pipeline import compile_model
    from ccdsl.dsl.diagnostics import Diagnostics
    from ccdsl.dsl.validate import validate_file

    path = folder / f"site-{units}.ccd"
    path.write_text(site_text(units))
    t0 = time.perf_counter()
    site, diags = validate_file(path)
    t1 = time.perf_counter()
    if site is None or diags.has_errors:
        raise SystemExit("generated site does not validate: " + "; ".join(
            f"{d.span}: {d.code} {d.message}" for d in list(diags)[:5]))
    bag = Diagnostics()
    compiled = compile_model(site, bag, str(folder))
    t2 = time.perf_counter()
    if compiled is None:
        raise SystemExit("generated site does not compile: " + "; ".join(d.message for d in list(bag)[:5]))
    return len(compiled.resources), t1 - t0, t2 - t1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000],
                        help="target resource counts (default: 1000 10000 50000)")
    args = parser.parse_args(argv)
    figures: dict[str, float | int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "functions" / "common").mkdir(parents=True)
        (folder / "functions" / "common" / "handler.py").write_text("def handler(event, context):\n    return {}\n")
        per_unit = measure(20, folder)[0] / 20
        for target in args.sizes:
            units = max(1, round(target / per_unit))
            count, validate_s, compile_s = measure(units, folder)
            label = f"{target // 1000}k" if target >= 1000 else str(target)
            figures[f"{label}_s"] = round(compile_s, 3)
            figures[f"validate_{label}_s"] = round(validate_s, 3)
            figures[f"end_to_end_{label}_s"] = round(validate_s + compile_s, 3)
            figures[f"{label}_resources"] = count
            print(f"{count:>7} resources: compile {compile_s:7.3f} s  validate {validate_s:7.3f} s  "
                  f"({compile_s / count * 1e6:6.1f} us/resource)", flush=True)
    print(json.dumps(figures, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Validation of large and hostile sites: time and peak memory of ``ccdsl validate`` on generated sites.

Budgets (issue 13): any input up to 5 MB is validated or refused within 10 s and 500 MB; valid sites
scale linearly. Sites: a valid 2 MB site (thousands of queues and routing profiles), a 5 MB site of
the same shape (refused by the value limit, E023), a 5 MB site that is mostly comment (valid), and a
1 KB alias bomb (refused, E023). Each runs in a fresh process; the figures are wall time, CPU time
(user + system, less sensitive to a busy machine) and peak resident memory.

Usage: python bench/validate_scale.py [--sizes 2,5]. The last line is a JSON object of the figures.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAD = (ROOT / "examples" / "minimal" / "site.ccd").read_text()


def big_site(megabytes: float) -> str:
    """The minimal example grown to ``megabytes`` with queues (half) and routing profiles (half)."""
    target = int(megabytes * 1_000_000)
    queues, routes, size, n = [], [], len(HEAD), 0
    while size < target // 2:
        line = f'  Q{n}: {{hours: office, description: "queue number {n} of the large site"}}\n'
        queues.append(line)
        size, n = size + len(line), n + 1
    m = 0
    while size < target:
        entry = (f"  r{m}:\n    queues: [Q{m % n}, Q{(m + 1) % n}]\n    channels: {{voice: 1, chat: 2}}\n"
                 f"    outbound: Q{m % n}\n")
        routes.append(entry)
        size, m = size + len(entry), m + 1
    text = HEAD.replace("queues:\n", "queues:\n" + "".join(queues), 1)
    return text.replace("routing:\n", "routing:\n" + "".join(routes), 1)


def comment_site(megabytes: float) -> str:
    line = "# " + "x" * 97 + "\n"
    return HEAD + line * int(megabytes * 1_000_000 / len(line))


def alias_bomb() -> str:
    lines = [HEAD, "x:\n", '  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n']
    lines += [f"  a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)]
    return "".join(lines)


def measure(path: Path) -> dict:
    """Wall and CPU seconds, peak memory (MB) and exit code of one ``ccdsl validate`` process."""
    with tempfile.TemporaryFile("w+") as out:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "ccdsl", "validate", str(path)], stdout=out,
                                   stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own resource usage
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    codes = sorted({part.split("]")[0] for part in text.split("error[")[1:]})
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_mb": round(usage.ru_maxrss / 1024), "exit": process.returncode, "codes": codes,
            "bytes": path.stat().st_size}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="2,5", help="megabytes of the generated valid-shaped sites")
    args = parser.parse_args()
    cases = {f"sites_{s}mb": big_site(float(s)) for s in args.sizes.split(",")}
    cases["comment_5mb"] = comment_site(4.9)
    cases["alias_bomb"] = alias_bomb()
    figures = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, text in cases.items():
            path = Path(folder, f"{name}.ccd")
            path.write_text(text)
            figures[name] = found = measure(path)
            print(f"{name:14} {found['bytes'] / 1e6:5.2f} MB  wall {found['wall_s']:6.2f} s  "
                  f"cpu {found['cpu_s']:6.2f} s  peak {found['peak_mb']:4d} MB  exit {found['exit']} "
                  f"{' '.join(found['codes'])}")
            os.unlink(path)
    print("budget: every case within 10 s and 500 MB; a valid 2 MB site within 3 s")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How many events a second the TUI absorbs at 10k resources (headless, ``App.run_test``).

1. A scripted 10k-resource run (queued, started, progress, done per resource) is pushed from a worker
   thread as fast as the app takes it, at 80x24 and 200x50.
2. A real apply of bench/overhead.py's generated 10k-resource site on the zero-latency simulator feeds
   the app (runtime, state writes and TUI together), against the same apply with no sink.

The app drains its bounded buffer on its timer and redraws once per drain. Prints the figures; the last
line is a JSON object.

    python bench/tui.py [--resources 10000] [--hz 15] [--capacity 4096]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

from ccdsl.tui.app import DeployApp
from ccdsl.tui.sources import ApplySource, ReplaySource

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402  (a scripted run of any size)
from overhead import generated_site  # noqa: E402  (the runtime benchmark's 10k-resource site)


async def measure(resources: int, hz: float, capacity: int, size: tuple[int, int]) -> dict:
    events = synthetic.script(synthetic.generate(resources, seed=1), seed=1)
    source = ReplaySource(events)
    app = DeployApp(source, hz=hz, capacity=capacity, auto_summary=False)
    redraw_s = 0.0
    original = app.redraw

    def timed_redraw(now: float) -> None:
        nonlocal redraw_s
        t0 = time.perf_counter()
        original(now)
        redraw_s += time.perf_counter() - t0

    app.redraw = timed_redraw
    async with app.run_test(size=size) as pilot:
        start = time.perf_counter()
        while not (app.source_done.is_set() and app.model.events == len(events)):
            await pilot.pause(0.01)
        elapsed = time.perf_counter() - start
        app.tick(force=True)
    return {
        "resources": resources,
        "events": len(events),
        "seconds": round(elapsed, 3),
        "events_per_s": round(len(events) / elapsed),
        "ticks": app.ticks,
        "redraws": app.redraws,
        "mean_redraw_ms": round(1000 * redraw_s / max(app.redraws, 1), 2),
        "buffer_capacity": capacity,
        "buffer_high_water": app.buffer.high_water,
        "producer_waits": app.buffer.waits,
        "hz": hz,
        "terminal": f"{size[0]}x{size[1]}",
    }


async def measure_runtime(resources: int, hz: float, capacity: int) -> dict:
    from ccdsl.runtime.session import RunOptions, apply_site

    site = generated_site(resources)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        fast = RunOptions(time_scale=float("inf"), latency="zero", seed=1)
        await asyncio.to_thread(apply_site, site, fast.with_(state_path=str(Path(tmp) / "alone.db")))
        alone = time.perf_counter() - t0
        source = ApplySource(site, fast.with_(state_path=str(Path(tmp) / "tui.db")))
        app = DeployApp(source, hz=hz, capacity=capacity, auto_summary=False)
        async with app.run_test(size=(120, 40)) as pilot:
            start = time.perf_counter()
            while not (app.source_done.is_set() and len(app.buffer) == 0):
                await pilot.pause(0.01)
            app.tick(force=True)
            elapsed = time.perf_counter() - start
    events = app.model.events
    return {"resources": resources, "events": events, "seconds": round(elapsed, 3),
            "events_per_s": round(events / elapsed), "apply_alone_s": round(alone, 3),
            "redraws": app.redraws, "ticks": app.ticks, "buffer_high_water": app.buffer.high_water,
            "producer_waits": app.buffer.waits, "ok": app.model.finished is not None and app.model.finished.ok}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--hz", type=float, default=15.0)
    parser.add_argument("--capacity", type=int, default=4096)
    args = parser.parse_args()
    results = []
    for size in ((80, 24), (200, 50)):
        r = asyncio.run(measure(args.resources, args.hz, args.capacity, size))
        results.append(r)
        print(f"{r['terminal']:>7}: {r['events']} events in {r['seconds']} s = {r['events_per_s']} events/s; "
              f"{r['redraws']} redraws in {r['ticks']} ticks, {r['mean_redraw_ms']} ms each; "
              f"buffer high water {r['buffer_high_water']}/{r['buffer_capacity']}, "
              f"producer waited {r['producer_waits']}×")
    real = asyncio.run(measure_runtime(args.resources, args.hz, args.capacity))
    print(f"runtime: apply of {real['resources']} generated resources with the TUI: {real['events']} events in "
          f"{real['seconds']} s = {real['events_per_s']} events/s ({real['redraws']} redraws); the same apply "
          f"alone {real['apply_alone_s']} s; buffer high water {real['buffer_high_water']}, "
          f"producer waited {real['producer_waits']}×")
    print(json.dumps({"benchmark": "tui", "events_per_s": min(r["events_per_s"] for r in results), "runs": results,
                      "runtime": real}))


if __name__ == "__main__":
    main()

"""Deployment time. Events carry ``t`` = seconds since the run started on the run's clock.

``WallClock``: real seconds (the aws provider). ``VirtualClock``: simulated seconds for the sim provider.
It is a discrete-event clock: when every task in the loop is waiting on the clock, time jumps to the next
timer, paced so that one wall second shows ``time_scale`` simulated seconds (``inf``: no pacing at all,
a whole deployment plays in the time its bookkeeping takes). Durations in simulated seconds are therefore
exact, whatever the machine's load.
"""
from __future__ import annotations

import asyncio
import heapq
import itertools
import math
import time


class WallClock:
    def __init__(self) -> None:
        self._t0 = time.monotonic()

    def now(self) -> float:
        return time.monotonic() - self._t0

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))

    def start(self) -> None:
        self._t0 = time.monotonic()

    async def close(self) -> None:
        pass


class VirtualClock:
    def __init__(self, time_scale: float = 60.0) -> None:
        self.time_scale = float(time_scale) if time_scale and time_scale > 0 else math.inf
        self._now = 0.0
        self._timers: list[tuple[float, int, asyncio.Future]] = []
        self._seq = itertools.count()
        self._driver: asyncio.Task | None = None
        self._wake: asyncio.Event | None = None
        self._anchor_wall = 0.0
        self._anchor_virtual = 0.0

    def now(self) -> float:
        return self._now

    def start(self) -> None:
        """Start the driver in the running loop (idempotent)."""
        if self._driver is None:
            self._wake = asyncio.Event()
            self._anchor_wall = time.monotonic()
            self._anchor_virtual = self._now
            self._driver = asyncio.get_running_loop().create_task(self._drive(), name="virtual-clock")

    async def sleep(self, seconds: float) -> None:
        if self._driver is None:
            self.start()
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        fut = asyncio.get_running_loop().create_future()
        heapq.heappush(self._timers, (self._now + seconds, next(self._seq), fut))
        assert self._wake is not None  # made by start()
        self._wake.set()
        await fut

    async def close(self) -> None:
        if self._driver is not None:
            self._driver.cancel()
            try:
                await self._driver
            except asyncio.CancelledError:
                pass
            self._driver = None
        for _, _, fut in self._timers:
            if not fut.done():
                fut.cancel()
        self._timers.clear()

    async def _settle(self) -> None:
        """Return once every other task is blocked (the loop has nothing else ready to run)."""
        loop = asyncio.get_running_loop()
        ready = getattr(loop, "_ready", None)
        for _ in range(10_000):
            await asyncio.sleep(0)
            if ready is not None:
                if not ready:
                    return
            else:  # an event loop without the ready queue: give others a few turns
                if _ > 20:
                    return

    async def _drive(self) -> None:
        wake = self._wake
        assert wake is not None  # made by start() before the driver runs
        while True:
            await self._settle()
            while self._timers and self._timers[0][2].cancelled():
                heapq.heappop(self._timers)
            if not self._timers:
                wake.clear()
                await wake.wait()
                continue
            when = self._timers[0][0]
            if math.isfinite(self.time_scale):
                due_wall = self._anchor_wall + (when - self._anchor_virtual) / self.time_scale
                delay = due_wall - time.monotonic()
                if delay > 0:
                    wake.clear()
                    try:
                        await asyncio.wait_for(wake.wait(), timeout=delay)
                        continue  # an earlier timer may have arrived: look again
                    except TimeoutError:
                        pass
                elif delay < -1.0:  # the loop fell behind (busy): don't race to catch up
                    self._anchor_wall = time.monotonic()
                    self._anchor_virtual = when
            self._now = max(self._now, when)
            while self._timers and self._timers[0][0] <= self._now:
                _, _, fut = heapq.heappop(self._timers)
                if not fut.done():
                    fut.set_result(None)

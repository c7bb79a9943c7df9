"""Per-service limits: token buckets for request rates and semaphores for concurrent long operations.

Defaults follow AWS: Connect's API allows about 2 requests/s with a burst of 5; Lex allows 5 locale
builds at once per account. Both are configurable (``Limits.parse("connect=2/5,lex-build=5")``).
Time is the run's clock, so on the simulator the limits hold in simulated seconds.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from ccdsl.compiler.registry.limits import SERVICE_CONCURRENCY, SERVICE_RATES

# bucket -> (requests per second, burst); bucket -> operations in flight at once (AWS's own limits)
DEFAULT_RATES: dict[str, tuple[float, float]] = SERVICE_RATES
DEFAULT_CONCURRENCY: dict[str, int] = SERVICE_CONCURRENCY


class TokenBucket:
    def __init__(self, clock, rate: float, burst: float) -> None:
        self.clock = clock
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.stamp = clock.now()
        self._lock = asyncio.Lock()

    def _refill(self) -> None:
        now = self.clock.now()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    async def acquire(self) -> None:
        async with self._lock:  # first come, first served
            while True:
                self._refill()
                if self.tokens >= 1.0 - 1e-9:
                    self.tokens -= 1.0
                    return
                await self.clock.sleep((1.0 - self.tokens) / self.rate)


@dataclass(slots=True)
class Limits:
    rates: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(DEFAULT_RATES))
    concurrency: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_CONCURRENCY))
    client_rate_limiting: bool = True  # False: send and let the service throttle (the Terraform-like policy)

    @classmethod
    def parse(cls, text: str | None) -> Limits:
        """``connect=2/5`` (rate/burst), ``lex-build=5`` (concurrency) … comma-separated, over the defaults."""
        limits = cls()
        for item in filter(None, (p.strip() for p in (text or "").split(","))):
            key, _, value = item.partition("=")
            if "/" in value:
                rate, _, burst = value.partition("/")
                limits.rates[key.strip()] = (float(rate), float(burst))
            else:
                limits.concurrency[key.strip()] = int(value)
        return limits


class Limiter:
    def __init__(self, clock, limits: Limits) -> None:
        self.clock = clock
        self.limits = limits
        self._buckets: dict[str, TokenBucket] = {}
        self._sems: dict[str, asyncio.Semaphore] = {}

    async def request(self, bucket: str) -> None:
        """Wait for one request's worth of rate in ``bucket``."""
        if not self.limits.client_rate_limiting:
            return
        spec = self.limits.rates.get(bucket)
        if spec is None:
            return
        tb = self._buckets.get(bucket)
        if tb is None:
            tb = self._buckets[bucket] = TokenBucket(self.clock, *spec)
        await tb.acquire()

    def slot(self, bucket: str) -> asyncio.Semaphore | None:
        n = self.limits.concurrency.get(bucket) if self.limits.client_rate_limiting else None
        if n is None:
            return None
        sem = self._sems.get(bucket)
        if sem is None:
            sem = self._sems[bucket] = asyncio.Semaphore(n)
        return sem

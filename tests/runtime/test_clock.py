import asyncio

from ccdsl.runtime.clock import VirtualClock
from ccdsl.runtime.limits import Limiter, Limits


def test_virtual_clock_jumps_to_each_timer_in_order():
    async def scenario():
        clock = VirtualClock(float("inf"))
        clock.start()
        seen = []

        async def sleeper(name, seconds):
            await clock.sleep(seconds)
            seen.append((name, clock.now()))
            await clock.sleep(seconds)
            seen.append((name, clock.now()))

        await asyncio.gather(sleeper("a", 300.0), sleeper("b", 120.0))
        await clock.close()
        return seen

    assert asyncio.run(scenario()) == [("b", 120.0), ("b", 240.0), ("a", 300.0), ("a", 600.0)]


def test_token_bucket_spaces_requests_after_the_burst():
    async def scenario():
        clock = VirtualClock(float("inf"))
        clock.start()
        limiter = Limiter(clock, Limits.parse("connect=2/5"))
        times = []
        for _ in range(9):
            await limiter.request("connect")
            times.append(clock.now())
        await clock.close()
        return times

    times = asyncio.run(scenario())
    assert times[:5] == [0.0] * 5
    assert [round(b - a, 6) for a, b in zip(times[4:], times[5:])] == [0.5] * 4

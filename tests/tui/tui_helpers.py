"""Helpers for the TUI tests: waiting for the app without timed assertions."""
from __future__ import annotations

FAIL = "lambda_function.p3_0"  # the resource the scripted run fails


async def settle(pilot, until, limit: int = 500) -> None:
    """Let the app run until ``until()`` holds; fails (rather than hangs) after ``limit`` short pauses."""
    for _ in range(limit):
        if until():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app did not get there")


async def caught_up(pilot, app, source, count: int) -> None:
    """Wait until ``count`` events were played and folded, then redraw once more."""
    await settle(pilot, lambda: source.played >= count and len(app.buffer) == 0 and app.model.events >= count)
    app.tick()
    for _ in range(3):  # the log scrolls to its end after a refresh
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()


def run_async(fn):
    """Run an ``async def`` test on a fresh event loop (keeps the suite free of an async plugin)."""
    import asyncio
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper

"""Helpers for the TUI tests: the scripted-run fixtures and waiting for the app without timed assertions.

The fixtures live here rather than in a conftest.py, because another test folder imports its conftest
by name; test modules import them (``from tui_helpers import events, plan``).
"""
from __future__ import annotations

import asyncio
import functools

import pytest
import synthetic

FAIL = "lambda_function.p3_0"  # the resource the scripted run fails


@pytest.fixture
def plan():
    """A 60-resource graph over the ten phases (seed 3)."""
    return synthetic.generate(60, seed=3)


@pytest.fixture
def events(plan):
    """Its scripted run, in which ``FAIL`` fails."""
    return synthetic.script(plan, seed=3, fail=FAIL)


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
    app.tick(force=True)
    for _ in range(3):  # the log scrolls to its end after a refresh
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()


def run_async(fn):
    """Run an ``async def`` test on a fresh event loop (keeps the suite free of an async plugin)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper

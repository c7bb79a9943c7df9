"""Amazon Connect's documented rules for hours overrides and the agent hierarchy, in one place: the site
checks (E109, E159, E160, E161) report them at the value, and the registry's rules on the requests
(:mod:`ccdsl.compiler.registry.connect_rules`) make both providers refuse a request that breaks them.
"""
from __future__ import annotations

import datetime
import re

#: CreateHoursOfOperationOverride EffectiveFrom / EffectiveTill: ^\d{4}-\d{2}-\d{2}$, a calendar day; Config:
#: at most 100 entries; OverrideType STANDARD, OPEN or CLOSED
#: (https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateHoursOfOperationOverride.html)
OVERRIDE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_OVERRIDE_CONFIG = 100

#: an agent hierarchy has at most five levels, LevelOne to LevelFive, each named before groups are made on it
#: (https://docs.aws.amazon.com/connect/latest/APIReference/API_HierarchyStructureUpdate.html;
#: https://docs.aws.amazon.com/connect/latest/adminguide/agent-hierarchy.html)
HIERARCHY_LEVELS = ("LevelOne", "LevelTwo", "LevelThree", "LevelFour", "LevelFive")


def calendar_day(text: str) -> datetime.date | None:
    """The day ``text`` names in the form the API takes (YYYY-MM-DD), None when it is not one."""
    if not OVERRIDE_DATE.match(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def override_dates_problem(first: str, last: str) -> str | None:
    """What is wrong with an override effective from ``first`` till ``last`` (None when nothing is)."""
    for key, value in (("EffectiveFrom", first), ("EffectiveTill", last)):
        if calendar_day(value) is None:
            return f"{key} '{value}' is not a calendar date (YYYY-MM-DD)"
    if calendar_day(last) < calendar_day(first):  # type: ignore[operator]
        return f"EffectiveTill {last} is before EffectiveFrom {first}"
    return None


def override_times_problem(start: int, end: int) -> str | None:
    """An OPEN override's times, minutes after midnight (``end`` 0 or 1440: midnight at the end of the day)."""
    if end % 1440 and end <= start:
        return f"closes ({end // 60:02d}:{end % 60:02d}) before it opens ({start // 60:02d}:{start % 60:02d})"
    return None


def hierarchy_depth_problem(depth: int, levels: int) -> str | None:
    """A group ``depth`` levels down in a hierarchy of ``levels`` named levels (0: its parents form a cycle)."""
    if depth == 0:
        return "is its own ancestor"
    if depth > len(HIERARCHY_LEVELS):
        return f"is on level {depth}: Connect hierarchies have at most {len(HIERARCHY_LEVELS)} levels"
    if depth > levels:
        return f"is on level {depth}, but the hierarchy names {levels} level(s)"
    return None

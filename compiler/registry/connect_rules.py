"""Documented rules of Connect's hours overrides and agent hierarchy requests, each citing its AWS page.

The facts live in :mod:`ccdsl.dsl.checks.schedule_rules`, which ``ccdsl validate`` reports at the value;
here they constrain the requests, so the simulator rejects and the aws provider refuses to send one that
breaks them (a request built by hand, an imported or edited state).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ccdsl.dsl.checks.schedule_rules import (
    HIERARCHY_LEVELS,
    MAX_OVERRIDE_CONFIG,
    override_dates_problem,
    override_times_problem,
)

from .rules import rule

_OVERRIDE = "https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateHoursOfOperationOverride.html"
_STRUCTURE = "https://docs.aws.amazon.com/connect/latest/APIReference/API_HierarchyStructureUpdate.html"


@rule("connect.hours_override.dates", "aws_connect_hours_of_operation_override", "*",
      f"{_OVERRIDE} EffectiveFrom/EffectiveTill: YYYY-MM-DD days, the till not before the from")
def _override_dates(request: Mapping[str, Any]) -> str | None:
    first, last = request.get("EffectiveFrom"), request.get("EffectiveTill")
    if first is None or last is None:
        return None
    problem = override_dates_problem(str(first), str(last))
    return f"InvalidParameterException: {problem}" if problem else None


def _minutes(clock: Any) -> int:
    clock = clock if isinstance(clock, Mapping) else {}
    return int(clock.get("Hours", 0) or 0) * 60 + int(clock.get("Minutes", 0) or 0)


@rule("connect.hours_override.config", "aws_connect_hours_of_operation_override", "*",
      f"{_OVERRIDE} Config: at most 100 day entries; an OPEN override opens before it closes")
def _override_config(request: Mapping[str, Any]) -> str | None:
    config = request.get("Config") or []
    if len(config) > MAX_OVERRIDE_CONFIG:
        return f"InvalidParameterException: {len(config)} Config entries (at most {MAX_OVERRIDE_CONFIG})"
    if request.get("OverrideType") != "OPEN":
        return None
    for entry in config:
        problem = override_times_problem(_minutes(entry.get("StartTime")), _minutes(entry.get("EndTime")))
        if problem:
            return f"InvalidParameterException: {entry.get('Day', 'a day')} {problem}"
    return None


@rule("connect.hierarchy_structure.levels", "connect_user_hierarchy_structure", "*",
      f"{_STRUCTURE} LevelOne to LevelFive, named in order from the top")
def _structure_levels(request: Mapping[str, Any]) -> str | None:
    structure = request.get("HierarchyStructure") or {}
    unknown = sorted(set(structure) - set(HIERARCHY_LEVELS))
    if unknown:
        return (f"InvalidParameterException: {', '.join(unknown)}: a hierarchy has at most "
                f"{len(HIERARCHY_LEVELS)} levels, LevelOne to LevelFive")
    named = [level for level in HIERARCHY_LEVELS if level in structure]
    if named != list(HIERARCHY_LEVELS[:len(named)]):
        missing = next(level for level in HIERARCHY_LEVELS if level not in structure)
        return f"InvalidParameterException: {missing} is not named, but a level below it is"
    return None

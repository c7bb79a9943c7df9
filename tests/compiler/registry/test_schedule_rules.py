"""Hours overrides and the agent hierarchy: the documented rules as registry rules on the requests (both
providers refuse a request that breaks one), from the facts validate reports at the value."""
import pytest

from ccdsl.compiler.registry import rules
from ccdsl.dsl.checks.schedule_rules import hierarchy_depth_problem, override_dates_problem

OVERRIDE = {"InstanceId": "i", "HoursOfOperationId": "h", "Name": "xmas", "OverrideType": "CLOSED",
            "EffectiveFrom": "2026-12-25", "EffectiveTill": "2026-12-26",
            "Config": [{"Day": "FRIDAY", "StartTime": {"Hours": 0, "Minutes": 0},
                        "EndTime": {"Hours": 0, "Minutes": 0}}]}


def _ids(resource_type: str, operation: str, request: dict) -> list[str]:
    return [r.id for r, _ in rules.violations(resource_type, operation, request)]


@pytest.mark.parametrize("change,rule_id", [
    ({"EffectiveFrom": "2026-02-30"}, "connect.hours_override.dates"),
    ({"EffectiveTill": "26-12-2026"}, "connect.hours_override.dates"),
    ({"EffectiveTill": "2026-12-24"}, "connect.hours_override.dates"),
    ({"Config": OVERRIDE["Config"] * 101}, "connect.hours_override.config"),
    ({"OverrideType": "OPEN", "Config": [{"Day": "FRIDAY", "StartTime": {"Hours": 14, "Minutes": 0},
                                          "EndTime": {"Hours": 9, "Minutes": 30}}]}, "connect.hours_override.config"),
])
def test_a_bad_override_request_is_refused(change, rule_id):
    for operation in ("create_hours_of_operation_override", "update_hours_of_operation_override"):
        assert _ids("aws_connect_hours_of_operation_override", operation, {**OVERRIDE, **change}) == [rule_id]


def test_good_override_requests_pass():
    assert _ids("aws_connect_hours_of_operation_override", "create_hours_of_operation_override", OVERRIDE) == []
    open_late = {**OVERRIDE, "OverrideType": "OPEN", "Config": [{"Day": "FRIDAY", "StartTime": {"Hours": 10},
                                                                  "EndTime": {"Hours": 0, "Minutes": 0}}]}
    assert _ids("aws_connect_hours_of_operation_override", "create_hours_of_operation_override", open_late) == []


def test_the_hierarchy_structure_names_levels_one_to_five_in_order():
    op = "update_user_hierarchy_structure"
    ok = {"InstanceId": "i", "HierarchyStructure": {"LevelOne": {"Name": "Region"}, "LevelTwo": {"Name": "Team"}}}
    assert _ids("connect_user_hierarchy_structure", op, ok) == []
    gap = {"InstanceId": "i", "HierarchyStructure": {"LevelOne": {"Name": "Region"}, "LevelThree": {"Name": "T"}}}
    sixth = {"InstanceId": "i", "HierarchyStructure": {"LevelSix": {"Name": "Desk"}}}
    for request in (gap, sixth):
        found = rules.violations("connect_user_hierarchy_structure", op, request)
        assert [r.id for r, _ in found] == ["connect.hierarchy_structure.levels"]
        assert found[0][0].citation.startswith("https://docs.aws.amazon.com/connect/")


def test_the_facts_validate_reports():
    assert override_dates_problem("2026-12-25", "2026-12-25") is None
    assert "before" in override_dates_problem("2026-12-25", "2026-12-01")
    assert hierarchy_depth_problem(0, 3) == "is its own ancestor"
    assert "at most 5 levels" in hierarchy_depth_problem(6, 5)
    assert hierarchy_depth_problem(3, 3) is None


def test_the_simulator_rejects_a_bad_override(tmp_path):
    from ccdsl.runtime.providers.sim import checks

    with pytest.raises(checks.InvalidRequest, match="hours_override.dates"):
        checks.documented_rules("aws_connect_hours_of_operation_override", "create",
                                {**OVERRIDE, "EffectiveTill": "2026-12-01"}, "us-east-1")

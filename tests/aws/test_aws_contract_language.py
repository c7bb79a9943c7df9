"""Contract tests for hours overrides, custom security profiles and the agent hierarchy: botocore Stubbers with
real-shaped responses; every request is also checked against the full service model."""
from test_aws_contract_connect import INSTANCE, arn, res, uid


def test_hours_override_is_created_on_its_hours(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    inputs = {"InstanceId": INSTANCE, "HoursOfOperationId": uid(2), "Name": "christmas",
              "Config": [{"Day": "FRIDAY", "StartTime": {"Hours": 0, "Minutes": 0},
                          "EndTime": {"Hours": 0, "Minutes": 0}}],
              "EffectiveFrom": "2026-12-25", "EffectiveTill": "2026-12-25", "OverrideType": "CLOSED"}
    connect.add_response("create_hours_of_operation_override", {"HoursOfOperationOverrideId": uid(9)}, inputs)
    out = provider.create_sync(res("hours.h.override.christmas", "aws_connect_hours_of_operation_override", inputs))
    assert out == {"id": uid(9), "name": "christmas"}
    connect.add_response("delete_hours_of_operation_override", {}, {
        "InstanceId": INSTANCE, "HoursOfOperationId": uid(2), "HoursOfOperationOverrideId": uid(9)})
    provider.delete_sync(res("hours.h.override.christmas", "aws_connect_hours_of_operation_override", inputs), out)
    connect.assert_no_pending_responses()


def test_custom_security_profile_is_adopted_by_name(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    inputs = {"InstanceId": INSTANCE, "SecurityProfileName": "Coach", "Permissions": ["BasicAgentAccess"]}
    coach = {"Id": uid(5), "Arn": arn("security-profile", 5), "Name": "Coach"}
    connect.add_response("list_security_profiles", {"SecurityProfileSummaryList": [coach]}, {"InstanceId": INSTANCE})
    connect.add_response("update_security_profile", {}, {
        "InstanceId": INSTANCE, "SecurityProfileId": uid(5), "Permissions": ["BasicAgentAccess"]})
    out = provider.create_sync(res("security_profile.Coach", "connect_custom_security_profile", inputs))
    assert out["id"] == uid(5)


def test_hierarchy_levels_then_a_group_under_its_parent(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    levels = {"InstanceId": INSTANCE, "HierarchyStructure": {"LevelOne": {"Name": "Region"},
                                                             "LevelTwo": {"Name": "Team"}}}
    connect.add_response("update_user_hierarchy_structure", {}, levels)
    provider.create_sync(res("connect.hierarchy", "connect_user_hierarchy_structure", levels))
    group = {"InstanceId": INSTANCE, "Name": "London", "ParentGroupId": uid(6)}
    connect.add_response("list_user_hierarchy_groups", {"UserHierarchyGroupSummaryList": []}, {"InstanceId": INSTANCE})
    connect.add_response("create_user_hierarchy_group", {"HierarchyGroupId": uid(7),
                                                         "HierarchyGroupArn": arn("agent-group", 7)}, group)
    out = provider.create_sync(res("hierarchy.London", "aws_connect_user_hierarchy_group", group))
    assert out == {"id": uid(7), "arn": arn("agent-group", 7), "name": "London"}
    connect.assert_no_pending_responses()


def test_kms_key_deletion_waits_its_declared_window(stubbed):
    provider, stub = stubbed
    kms = stub("kms")
    inputs = {"Description": "t main", "KeyUsage": "ENCRYPT_DECRYPT", "KeySpec": "SYMMETRIC_DEFAULT",
              "PendingWindowInDays": 12}
    key_id = "1234abcd-12ab-34cd-56ef-1234567890ab"
    kms.add_response("schedule_key_deletion", {"KeyId": key_id}, {"KeyId": key_id, "PendingWindowInDays": 12})
    provider.delete_sync(res("key.main", "aws_kms_key", inputs), {"id": key_id, "arn": f"arn:aws:kms:::key/{key_id}"})
    kms.assert_no_pending_responses()

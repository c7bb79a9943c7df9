"""The Connect instance (the one Connect resource moto serves): polled until ACTIVE, adopted by alias."""
from aws_stack import Stack

INSTANCE = [("instance", "aws_connect_instance", {
    "InstanceAlias": "acme-bank", "IdentityManagementType": "CONNECT_MANAGED",
    "InboundCallsEnabled": True, "OutboundCallsEnabled": True, "Tags": {"team": "contact-centre"}})]


def test_instance_is_created_polled_to_active_and_read_back(provider, boto):
    stack = Stack(provider, INSTANCE)
    out = stack.apply()
    connect = boto("connect")
    got = connect.describe_instance(InstanceId=out["instance"]["id"])["Instance"]
    assert got["InstanceStatus"] == "ACTIVE" and got["InstanceAlias"] == "acme-bank"
    assert got["Arn"] == out["instance"]["arn"]
    assert got["IdentityManagementType"] == "CONNECT_MANAGED"
    polls = [c.operation for c in provider.clients.calls if c.service == "connect"]
    assert polls[-1] == "DescribeInstance"  # no waiter exists for instances: the provider polls
    before = provider.write_calls
    stack.apply()
    assert provider.write_calls == before


def test_instance_with_the_same_alias_is_adopted_not_duplicated(provider, boto):
    first = Stack(provider, INSTANCE).apply()
    second = Stack(provider, INSTANCE).apply()  # state lost (moto would accept a duplicate alias)
    assert second["instance"]["id"] == first["instance"]["id"]
    assert len(boto("connect").list_instances()["InstanceSummaryList"]) == 1


def test_destroy_deletes_the_instance(provider, boto):
    stack = Stack(provider, INSTANCE)
    stack.apply()
    stack.destroy()
    assert boto("connect").list_instances()["InstanceSummaryList"] == []

"""The simulator and the aws provider read the same registry entry: a request that breaks a documented rule
is rejected by both, with the same message, and the aws provider sends nothing."""
import asyncio

import pytest

from ccdsl.compiler.registry import entry, violations
from ccdsl.runtime.clock import VirtualClock
from ccdsl.runtime.providers.base import ProviderError, ResolvedResource
from ccdsl.runtime.providers.sim.provider import SimProvider

CASES = [
    ("aws_s3_bucket", {"Bucket": "Upper_Case_Bucket"}),
    ("aws_iam_role", {"RoleName": "a role with spaces", "AssumeRolePolicyDocument": "{}"}),
    ("aws_lexv2models_bot", {"botName": "helpdesk", "roleArn": "arn:aws:iam::123456789012:role/r",
                             "dataPrivacy": {"childDirected": False}, "idleSessionTTLInSeconds": 30}),
]


@pytest.mark.parametrize("rtype,inputs", CASES, ids=[c[0] for c in CASES])
def test_both_providers_reject_a_rule_violation(rtype, inputs, stubbed, tmp_path):
    broken = violations(rtype, entry(rtype).create, inputs)
    assert broken
    message = broken[0][1]

    sim = SimProvider(tmp_path / "account.db", clock=VirtualClock(), latency="zero")
    try:
        with pytest.raises(ProviderError) as from_sim:
            asyncio.run(sim.create(ResolvedResource("x.y", rtype, "y", dict(inputs))))
    finally:
        sim.close()
    assert message in str(from_sim.value)

    provider, stub = stubbed
    service = stub(entry(rtype).service)  # nothing queued: any request sent would fail the stubber
    if entry(rtype).find is not None:
        find = entry(rtype).find
        service.add_response(find.op, {find.items.split(".")[0]: []}, None)
    with pytest.raises(ProviderError) as from_aws:
        provider.create_sync(ResolvedResource("x.y", rtype, "y", dict(inputs)))
    assert f"{entry(rtype).create}: not sent: {message}" in str(from_aws.value)
    assert not [c for c in provider.clients.writes()]

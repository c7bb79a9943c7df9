"""Security-profile permissions: Connect's documented API names; a misspelt one is refused by validate, the
registry rule and so both providers, with the name it was meant to be."""
import asyncio

import pytest

from ccdsl.compiler.registry import rules
from ccdsl.dsl.checks.permissions import PERMISSIONS, misspelt
from ccdsl.runtime.clock import WallClock
from ccdsl.runtime.providers.base import ProviderError, ResolvedResource
from ccdsl.runtime.providers.sim.provider import SimProvider

PROFILE = {"InstanceId": "i", "SecurityProfileName": "Coach", "Permissions": ["BasicAgentAccess", "AccessMetric"]}


def test_the_list_spells_out_every_action():
    assert {"BasicAgentAccess", "Queues.View", "Queues.EnableAndDisable", "ContactFlows.Publish",
            "QConnectAIAgents.Delete", "MetricsReports.Schedule"} <= PERMISSIONS
    assert not any("/" in p or " " in p for p in PERMISSIONS)


def test_misspellings_point_at_the_documented_name():
    assert misspelt("AccessMetric") == "AccessMetrics"
    assert misspelt("queues.view") == "Queues.View"
    assert misspelt("Queues.View") is None
    assert misspelt("Dashboards.View") is None  # not close to any: possibly newer than the list, not refused


def test_the_rule_refuses_a_misspelt_permission():
    found = rules.violations("connect_custom_security_profile", "create_security_profile", PROFILE)
    assert [r.id for r, _ in found] == ["connect.security_profile.permission_names"]
    assert "did you mean 'AccessMetrics'" in found[0][1]
    assert not rules.violations("connect_custom_security_profile", "create_security_profile",
                                {**PROFILE, "Permissions": ["BasicAgentAccess", "AccessMetrics"]})


def test_the_simulator_rejects_it(tmp_path):
    sim = SimProvider(tmp_path / "account.db", clock=WallClock(), region="eu-west-2", latency="zero")
    try:
        with pytest.raises(ProviderError, match="permission_names"):
            asyncio.run(sim.create(ResolvedResource("security.Coach", "connect_custom_security_profile", "Coach",
                                                    PROFILE)))
    finally:
        sim.close()


def test_the_aws_provider_does_not_send_it():
    from ccdsl.runtime.providers.aws.errors import refuse_documented

    with pytest.raises(ProviderError, match="not sent: .*AccessMetrics"):
        refuse_documented("connect_custom_security_profile", "create_security_profile", PROFILE)

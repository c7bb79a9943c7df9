"""What Connect offers to claim: the countries SearchAvailablePhoneNumbers searches and the documented
prefixes of a type in a country, as validate, the registry rule and the simulator's search see them."""
import asyncio
import random

import pytest

from ccdsl.compiler.registry import rules
from ccdsl.dsl.checks.numbers import CLAIMABLE, offer_problem
from ccdsl.runtime.clock import WallClock
from ccdsl.runtime.providers.base import ProviderError, ResolvedResource
from ccdsl.runtime.providers.sim.ids import Minter
from ccdsl.runtime.providers.sim.provider import SimProvider

INSTANCE = "arn:aws:connect:ap-northeast-1:123456789012:instance/c8b1a3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"


def test_the_claimable_countries_are_the_api_s_valid_values():
    botocore = pytest.importorskip("botocore.session")
    model = botocore.get_session().get_service_model("connect")
    assert set(CLAIMABLE) == set(model.shape_for("PhoneNumberCountryCode").enum)


def test_japanese_numbers_only_under_the_documented_prefixes():
    assert offer_problem("JP", "DID", "+8150") is None
    assert offer_problem("JP", "DID", "+81") is None  # wider than an offered prefix: a search may find one
    assert offer_problem("JP", "TOLL_FREE", "+81120555") is None
    assert "only under +81120, +81800" in offer_problem("JP", "TOLL_FREE", "+8150")
    assert offer_problem("GB", "TOLL_FREE", "+44800") is None  # no documented table: not judged offline
    assert offer_problem("AX", "DID", None) == "Amazon Connect has no phone numbers in AX"


def test_the_rule_refuses_a_claim_in_a_country_without_numbers():
    request = {"TargetArn": INSTANCE, "PhoneNumberCountryCode": "GF", "PhoneNumberType": "DID"}
    found = rules.violations("aws_connect_phone_number", "claim_phone_number", request)
    assert [r.id for r, _ in found] == ["connect.phone_number.country_claimable"]
    assert found[0][0].citation.startswith("https://docs.aws.amazon.com/connect/")
    assert not rules.violations("aws_connect_phone_number", "claim_phone_number",
                                {**request, "PhoneNumberCountryCode": "GB"})


def _claim(tmp_path, **inputs):
    sim = SimProvider(tmp_path / "account.db", clock=WallClock(), region="ap-northeast-1", latency="zero")
    try:
        instance = asyncio.run(sim.create(ResolvedResource("connect.instance", "aws_connect_instance", "x", {
            "InstanceAlias": "acme", "IdentityManagementType": "CONNECT_MANAGED", "InboundCallsEnabled": True,
            "OutboundCallsEnabled": True})))
        return asyncio.run(sim.create(ResolvedResource("number.main", "aws_connect_phone_number", "main", {
            "TargetArn": instance["arn"], "InstanceId": instance["id"], **inputs})))
    finally:
        sim.close()


def test_the_simulator_finds_no_number_connect_does_not_offer(tmp_path):
    with pytest.raises(ProviderError, match=r"no DID number in JP starting \+816 is available: .* \+8150, \+813"):
        _claim(tmp_path, PhoneNumberCountryCode="JP", PhoneNumberType="DID", PhoneNumberPrefix="+816")


def test_the_simulator_claims_under_an_offered_prefix(tmp_path):
    out = _claim(tmp_path, PhoneNumberCountryCode="JP", PhoneNumberType="TOLL_FREE")
    assert out["number"].startswith(("+81120", "+81800"))
    minter = Minter(random.Random(2), "ap-northeast-1", "123456789012")
    assert minter.phone_number("DID", "JP").startswith("+8150")
    assert minter.phone_number("DID", "JP", "+813").startswith("+813")

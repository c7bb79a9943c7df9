"""Claiming a specific phone number: ClaimPhoneNumber of that number with no search, adoption of that
number when it is already claimed, and the number on the simulator."""
import asyncio

from ccdsl.runtime.clock import WallClock
from ccdsl.runtime.providers.aws.handlers.numbers import client_token
from ccdsl.runtime.providers.base import ResolvedResource
from ccdsl.runtime.providers.sim.provider import SimProvider

INSTANCE_ARN = "arn:aws:connect:eu-west-2:123456789012:instance/c8b1a3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
NUMBER_ID = "00000014-0000-4000-8000-000000000014"
NUMBER_ARN = "arn:aws:connect:eu-west-2:123456789012:phone-number/" + NUMBER_ID
INPUTS = {"TargetArn": INSTANCE_ARN, "PhoneNumberCountryCode": "GB", "PhoneNumberType": "DID",
          "PhoneNumberDescription": "main", "PhoneNumber": "+441234567890"}
LISTING = {"TargetArn": INSTANCE_ARN, "PhoneNumberCountryCodes": ["GB"], "PhoneNumberTypes": ["DID"]}


def test_the_named_number_is_claimed_without_a_search(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    connect.add_response("list_phone_numbers_v2", {"ListPhoneNumbersSummaryList": []}, LISTING)
    connect.add_response("claim_phone_number", {"PhoneNumberId": NUMBER_ID, "PhoneNumberArn": NUMBER_ARN}, {
        "TargetArn": INSTANCE_ARN, "PhoneNumber": "+441234567890", "PhoneNumberDescription": "main",
        "ClientToken": client_token("number.main")})
    connect.add_response("describe_phone_number", {"ClaimedPhoneNumberSummary": {
        "PhoneNumberId": NUMBER_ID, "PhoneNumber": "+441234567890", "PhoneNumberStatus": {"Status": "CLAIMED"}}},
        {"PhoneNumberId": NUMBER_ID})
    out = provider.create_sync(ResolvedResource("number.main", "aws_connect_phone_number", "main", INPUTS))
    assert out == {"id": NUMBER_ID, "arn": NUMBER_ARN, "number": "+441234567890"}
    assert not [c for c in provider.clients.writes() if c.operation == "SearchAvailablePhoneNumbers"]


def test_the_named_number_already_claimed_is_adopted_and_no_other(stubbed):
    provider, stub = stubbed
    connect = stub("connect")
    other = {"PhoneNumberId": "00000015-0000-4000-8000-000000000015", "PhoneNumber": "+442071234567",
             "PhoneNumberArn": NUMBER_ARN.replace("14", "15"), "TargetArn": INSTANCE_ARN}
    mine = {"PhoneNumberId": NUMBER_ID, "PhoneNumber": "+441234567890", "PhoneNumberArn": NUMBER_ARN,
            "TargetArn": INSTANCE_ARN}
    connect.add_response("list_phone_numbers_v2", {"ListPhoneNumbersSummaryList": [other, mine]}, LISTING)
    connect.add_response("describe_phone_number", {"ClaimedPhoneNumberSummary": {
        "PhoneNumberId": NUMBER_ID, "PhoneNumber": "+441234567890", "PhoneNumberDescription": "claimed by hand",
        "PhoneNumberStatus": {"Status": "CLAIMED"}}}, {"PhoneNumberId": NUMBER_ID})
    out = provider.create_sync(ResolvedResource("number.main", "aws_connect_phone_number", "main", INPUTS))
    assert out == {"id": NUMBER_ID, "arn": NUMBER_ARN, "number": "+441234567890"}


def test_the_simulator_claims_the_named_number(tmp_path):
    sim = SimProvider(tmp_path / "account.db", clock=WallClock(), region="eu-west-2", latency="zero")
    try:
        out = asyncio.run(sim.create(ResolvedResource("number.main", "aws_connect_phone_number", "main", INPUTS)))
    finally:
        sim.close()
    assert out["number"] == "+441234567890"

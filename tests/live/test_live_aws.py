"""Acceptance against a real account: apply ``examples/minimal`` and a one-bot site, check what cannot be
settled offline, then destroy (releasing the numbers). See README, "Verifying against your account".

What each test settles:
- a flow-cycle stub created PUBLISHED keeps status PUBLISHED after UpdateContactFlowContent, and a number
  can be associated with it;
- the alias policy statement coexists with AssociateBot (the association appears in ListBots and our
  statement is still in the policy);
- claimed numbers reach CLAIMED with a UUID client token;
- what destroy does to a number that is kept while its instance is deleted (reported, not asserted).
"""
import json
import os
from pathlib import Path

import pytest

from ccdsl.runtime.session import apply_site
from ccdsl.runtime.state import open_state

ROOT = Path(__file__).resolve().parents[2]
REGION = os.environ.get("CCDSL_LIVE_REGION", "us-east-1")
ONE_BOT = f"""\
ccdsl: 1
site: ccdsl-live-bot
region: {REGION}
instance: {{alias: ccdsl-live-bot-{{suffix}}}}
hours:
  always: 24/7
queues:
  Help: {{hours: always}}
routing:
  help: {{queues: all, channels: {{voice: 1}}, outbound: Help}}
bots:
  helper:
    locales: {{en_US: Ruth}}
    intents:
      Agent: [talk to someone, an agent please]
numbers:
  main: {{type: DID, country: US, flow: front}}
flows:
  front:
    do: |
      ask helper "How can we help?"
        Agent -> queue_it
      queue_it:
        transfer to flow back
  back:
    do: |
      say "One moment."
      queue Help
      transfer
        at capacity -> bye
      bye:
        transfer to flow front
"""


def _outputs(state_path: Path) -> dict[str, dict]:
    state = open_state(str(state_path))
    try:
        return {address: record.outputs for address, record in state.load().items()}
    finally:
        state.close()


def _apply(site: Path, state: Path, destroy: bool = False):
    return apply_site(str(site), provider="aws", state_path=str(state), destroy=destroy, release_numbers=destroy)


@pytest.fixture
def one_bot_site(tmp_path):
    site = tmp_path / "site.ccd"
    site.write_text(ONE_BOT.replace("{suffix}", os.urandom(3).hex()))
    return site


def test_minimal_applies_and_destroys(live_account, tmp_path):
    import boto3

    state = tmp_path / "state.db"
    result = _apply(ROOT / "examples" / "minimal" / "site.ccd", state)
    try:
        assert result.ok, result.failures
        outputs = _outputs(state)
        connect = boto3.client("connect", region_name="us-east-1")
        number = connect.describe_phone_number(PhoneNumberId=outputs["number.main"]["id"])
        assert number["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"] == "CLAIMED"
    finally:
        assert _apply(ROOT / "examples" / "minimal" / "site.ccd", state, destroy=True).ok


def test_one_bot_site_settles_what_the_offline_audit_could_not(live_account, one_bot_site, tmp_path):
    import boto3

    state = tmp_path / "state.db"
    result = _apply(one_bot_site, state)
    try:
        assert result.ok, result.failures
        outputs = _outputs(state)
        connect = boto3.client("connect", region_name=REGION)
        lex = boto3.client("lexv2-models", region_name=REGION)
        instance = outputs["connect.instance"]["id"]
        for flow in ("front", "back"):  # the cycle's stubs, published, then given their content
            described = connect.describe_contact_flow(InstanceId=instance, ContactFlowId=outputs[f"flow.{flow}"]["id"])
            assert described["ContactFlow"]["Status"] == "PUBLISHED"
        alias_arn = outputs["bot.helper.alias"]["arn"]
        bots = connect.list_bots(InstanceId=instance, LexVersion="V2")["LexBots"]
        assert alias_arn in {b["LexV2Bot"]["AliasArn"] for b in bots}
        policy = json.loads(lex.describe_resource_policy(resourceArn=alias_arn)["policy"])
        assert "ConnectUsesBot" in {s.get("Sid") for s in policy["Statement"]}
        number = connect.describe_phone_number(PhoneNumberId=outputs["number.main"]["id"])
        assert number["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"] == "CLAIMED"
    finally:
        assert _apply(one_bot_site, state, destroy=True).ok


def test_destroy_keeps_numbers_as_the_readme_says(live_account, tmp_path):
    """Destroy without --release-numbers keeps the number claimed while the instance goes: checked here,
    then the number is released so the account is left as it was."""
    import boto3

    state = tmp_path / "state.db"
    site = ROOT / "examples" / "minimal" / "site.ccd"
    assert _apply(site, state).ok
    number_id = _outputs(state)["number.main"]["id"]
    connect = boto3.client("connect", region_name="us-east-1")
    try:
        assert apply_site(str(site), provider="aws", state_path=str(state), destroy=True).ok
        kept = connect.describe_phone_number(PhoneNumberId=number_id)["ClaimedPhoneNumberSummary"]
        assert kept["PhoneNumberStatus"]["Status"] == "CLAIMED", kept
    finally:
        try:
            connect.release_phone_number(PhoneNumberId=number_id)
        except connect.exceptions.ResourceNotFoundException:
            pass

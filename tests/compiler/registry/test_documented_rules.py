"""AWS's documented rules: each rule rejects the request it describes, in the simulator as in the aws
provider, and lets the compiled examples through."""
import asyncio
import json

import pytest

from ccdsl.compiler.registry import documented, rules
from ccdsl.runtime.clock import WallClock
from ccdsl.runtime.providers.base import ProviderError, ResolvedResource
from ccdsl.runtime.providers.sim.provider import SimProvider

UUID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
INSTANCE = "arn:aws:connect:eu-west-2:123456789012:instance/c8b1a3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
BIG_POLICY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Sid": f"S{i}", "Effect": "Allow", "Action": ["dynamodb:GetItem"],
     "Resource": f"arn:aws:dynamodb:eu-west-2:123456789012:table/table-number-{i:04d}"} for i in range(140)]})
QUEUE = {"QueueReference": {"QueueId": "q", "Channel": "VOICE"}, "Priority": 1, "Delay": 0}

# (resource type, violating request, rule id)
VIOLATIONS = [
    ("aws_connect_phone_number", {"TargetArn": INSTANCE, "PhoneNumberCountryCode": "GB", "PhoneNumberType": "DID",
                                  "ClientToken": "c7b2f14e" * 8}, "connect.claim_phone_number.client_token_uuid"),
    ("aws_connect_phone_number", {"TargetArn": INSTANCE, "PhoneNumberCountryCode": "GB", "PhoneNumberType": "DID",
                                  "ClientToken": UUID, "PhoneNumberPrefix": "+1206"},
     "connect.phone_number.prefix_country"),
    ("aws_lexv2models_bot_locale", {"botId": "B", "botVersion": "DRAFT", "localeId": "en_GB",
                                    "nluIntentConfidenceThreshold": 0.4, "voiceSettings": {"voiceId": "Ruth"}},
     "lex.bot_locale.voice_engine"),
    ("aws_connect_user", {"Username": "ann", "InstanceId": "i", "Password": "password", "SecurityProfileIds": ["x"],
                          "RoutingProfileId": "r", "PhoneConfig": {"PhoneType": "SOFT_PHONE"}},
     "connect.create_user.password_pattern"),
    ("aws_iam_role_policy", {"RoleName": "r", "PolicyName": "p", "PolicyDocument": BIG_POLICY}, "iam.role_policy.size"),
    ("aws_s3_bucket_policy", {"Bucket": "b", "Policy": BIG_POLICY + " " * 20_480}, "s3.bucket_policy.size"),
    ("aws_iam_role_policy", {"RoleName": "r", "PolicyName": "p", "PolicyDocument": "{\"Statement\": []}"},
     "iam.policy.document"),
    ("aws_connect_routing_profile", {"InstanceId": "i", "Name": "rp", "Description": "d",
                                     "DefaultOutboundQueueId": "q", "QueueConfigs": [QUEUE] * 11,
                                     "MediaConcurrencies": [{"Channel": "VOICE", "Concurrency": 1}]},
     "connect.routing_profile.queue_configs_per_call"),
    ("aws_connect_routing_profile", {"InstanceId": "i", "Name": "rp", "Description": "d",
                                     "DefaultOutboundQueueId": "q", "ManualAssignmentQueueConfigs": [
                                         {"QueueReference": {"QueueId": "q", "Channel": "TASK"}}] * 11,
                                     "MediaConcurrencies": [{"Channel": "TASK", "Concurrency": 1}]},
     "connect.routing_profile.manual_queue_configs_per_call"),
    ("aws_connect_task_template", {"InstanceId": "i", "Name": "t", "Fields": [
        {"Id": {"Name": "Title"}, "Type": "NAME"}, {"Id": {"Name": "x"}, "Type": "TEXT", "SingleSelectOptions": ["a"]}]},
     "connect.task_template.fields"),
    ("aws_connect_task_template", {"InstanceId": "i", "Name": "t", "Fields": [{"Id": {"Name": "Title"}, "Type": "NAME"}],
                                   "Constraints": {"RequiredFields": [{"Id": {"Name": "order"}}]}},
     "connect.task_template.fields"),
    ("aws_connect_view", {"InstanceId": "i", "Name": "v", "Status": "PUBLISHED",
                          "Content": {"Template": "not json", "Actions": ["Submit"]}}, "connect.view.content"),
    ("aws_connect_queue", {"InstanceId": "i", "Name": "q", "HoursOfOperationId": "h",
                           "QuickConnectIds": [f"qc{i}" for i in range(51)]}, "connect.queue.quick_connects_per_call"),
    ("aws_connect_contact_flow", {"InstanceId": "i", "Name": "f", "Type": "CONTACT_FLOW", "Status": "SAVED",
                                  "Content": "x" * 256_001}, "connect.contact_flow.content"),
    ("aws_connect_contact_flow", {"InstanceId": "i", "Name": "f", "Type": "CONTACT_FLOW", "Status": "SAVED",
                                  "Content": "{}", "Description": "d" * 501}, "connect.contact_flow.description_length"),
]


def _operation(resource_type: str) -> str:
    from ccdsl.runtime import typeinfo

    return typeinfo.spec(resource_type).create


@pytest.mark.parametrize("rtype,request_,rule_id", VIOLATIONS, ids=[v[2] for v in VIOLATIONS])
def test_the_rule_finds_the_violation_and_cites_aws(rtype, request_, rule_id):
    found = rules.violations(rtype, _operation(rtype), request_)
    assert rule_id in {r.id for r, _ in found}
    assert all(r.citation for r, _ in found)


def test_iam_counts_a_policy_without_whitespace():
    """IAM's quotas count characters without whitespace: a small policy padded past 10,240 characters passes,
    one past the limit without its whitespace is refused — by the one size rule there is."""
    small = json.dumps(json.loads(BIG_POLICY)["Statement"][0], indent=40)
    padded = json.dumps({"Version": "2012-10-17", "Statement": [json.loads(small)]}, indent=2000)
    assert len(padded) > 10_240
    assert rules.violations("aws_iam_role_policy", "put_role_policy",
                            {"RoleName": "r", "PolicyName": "p", "PolicyDocument": padded}) == []
    found = rules.violations("aws_iam_role_policy", "put_role_policy",
                             {"RoleName": "r", "PolicyName": "p", "PolicyDocument": BIG_POLICY})
    assert [r.id for r, _ in found] == ["iam.role_policy.size"]


def test_caps_apply_per_call_so_split_requests_pass():
    request = {"InstanceId": "i", "QueueConfigs": [QUEUE] * 25}
    calls = list(documented.per_call(request))
    assert [len(c["QueueConfigs"]) for c in calls] == [10, 10, 5]
    assert not any(rules.violations("aws_connect_routing_profile", "create_routing_profile", c) for c in calls)
    manual = {"QueueReference": {"QueueId": "q", "Channel": "TASK"}}
    both = list(documented.per_call({**request, "ManualAssignmentQueueConfigs": [manual] * 12}))
    assert [(len(c["QueueConfigs"]), len(c["ManualAssignmentQueueConfigs"])) for c in both] == [
        (10, 10), (10, 10), (5, 10), (10, 2)]
    assert not any(rules.violations("aws_connect_routing_profile", "create_routing_profile", c) for c in both)


def _sim(tmp_path, region="eu-west-2"):
    return SimProvider(tmp_path / "account.db", clock=WallClock(), region=region, latency="zero")


@pytest.mark.parametrize("rtype,request_,rule_id", [v for v in VIOLATIONS if v[0] not in (
    "aws_connect_routing_profile", "aws_connect_queue")], ids=[v[2] for v in VIOLATIONS if v[0] not in (
        "aws_connect_routing_profile", "aws_connect_queue")])
def test_the_simulator_rejects_the_violating_request(tmp_path, rtype, request_, rule_id):
    sim = _sim(tmp_path)
    try:
        # the simulator's older policy check (which counts whitespace) may fire first: rejected either way
        with pytest.raises(ProviderError, match=rule_id.replace(".", r"\.") + "|LimitExceeded|1-256000"):
            asyncio.run(sim.create(ResolvedResource(f"x.{rtype}", rtype, "x", request_)))
    finally:
        sim.close()


def test_the_simulator_splits_capped_lists_as_the_provider_does():
    """11 queue configs are two calls (10 + 1) for both providers: accepted, not a violation."""
    from ccdsl.runtime.providers.sim import checks

    checks.documented_rules("aws_connect_routing_profile", "create", {"QueueConfigs": [QUEUE] * 11}, "eu-west-2")
    checks.documented_rules("aws_connect_queue", "create", {"QuickConnectIds": ["q"] * 120}, "eu-west-2")


def test_the_simulator_has_no_connect_or_lex_where_aws_has_none(tmp_path):
    sim = _sim(tmp_path, region="eu-north-1")
    try:
        with pytest.raises(ProviderError, match="Amazon Connect does not run in eu-north-1"):
            asyncio.run(sim.create(ResolvedResource("connect.instance", "aws_connect_instance", "x", {
                "InstanceAlias": "acme", "IdentityManagementType": "CONNECT_MANAGED",
                "InboundCallsEnabled": True, "OutboundCallsEnabled": True})))
    finally:
        sim.close()
    assert documented.available("lex", "eu-west-1") and not documented.available("connect", "eu-west-1")


def test_the_simulator_hands_out_numbers_of_the_country_and_prefix():
    import random

    from ccdsl.runtime.providers.sim.ids import Minter

    minter = Minter(random.Random(1), "eu-west-2", "123456789012")
    assert minter.phone_number("DID", "GB", "+44161").startswith("+44161")
    assert minter.phone_number("DID", "DE").startswith("+49")
    assert minter.phone_number("TOLL_FREE", "US").startswith("+1800")
    assert len({minter.phone_number("DID", "GB") for _ in range(20)}) == 20


def test_the_aws_provider_refuses_to_send_a_violating_request():
    from ccdsl.runtime.providers.aws.errors import refuse_documented

    with pytest.raises(ProviderError, match=r"not sent: .*client_token_uuid: https://docs.aws.amazon.com/connect/"):
        refuse_documented("aws_connect_phone_number", "claim_phone_number", {"ClientToken": "nope"})
    refuse_documented("aws_connect_phone_number", "claim_phone_number", {"ClientToken": UUID})


def test_prefix_problem_names_the_calling_code():
    assert documented.prefix_problem("GB", "+1206") == "prefix +1206 is not a GB number: GB numbers start +44"
    assert documented.prefix_problem("GB", "+4420") is None
    assert documented.prefix_problem("ZZ", "+99") is None  # unknown country: not ours to judge


def _instance_and_user(tmp_path, identity: str, password: str | None):
    sim = _sim(tmp_path)
    instance = asyncio.run(sim.create(ResolvedResource("connect.instance", "aws_connect_instance", "x", {
        "InstanceAlias": "acme", "IdentityManagementType": identity, "InboundCallsEnabled": True,
        "OutboundCallsEnabled": True, **({"DirectoryId": "d-1234567890"} if identity != "CONNECT_MANAGED" else {})})))
    user = {"Username": "ann", "InstanceId": instance["id"], "SecurityProfileIds": ["x"], "RoutingProfileId": "r",
            "PhoneConfig": {"PhoneType": "SOFT_PHONE"}, "Tags": {"ccdsl:site": "acme"}}
    if password:
        user["Password"] = password
    return sim, ResolvedResource("agent.ann", "aws_connect_user", "ann", user)


def test_the_simulator_gives_a_connect_managed_agent_a_password_as_the_provider_does(tmp_path):
    sim, user = _instance_and_user(tmp_path, "CONNECT_MANAGED", None)
    try:
        out = asyncio.run(sim.create(user))
        assert out["password_secret"] == "ccdsl/acme/agents/ann"
        assert documented.PASSWORD.match(sim.account.parameter("ccdsl/acme/agents/ann"))
    finally:
        sim.close()


def test_the_simulator_rejects_a_password_for_a_directory_instance(tmp_path):
    sim, user = _instance_and_user(tmp_path, "EXISTING_DIRECTORY", "Sup3r-Secret-1")
    try:
        with pytest.raises(ProviderError, match="password_identity"):
            asyncio.run(sim.create(user))
    finally:
        sim.close()


def test_a_saml_site_sends_no_agent_password(tmp_path):
    from ccdsl.compiler.pipeline import compile_site

    site = tmp_path / "site.ccd"
    site.write_text("""ccdsl: 1
site: t
region: eu-west-2
instance: {alias: t-site, identity: SAML}
hours: {h: 24/7}
queues:
  Q: {hours: h}
routing:
  r: {queues: all, channels: {voice: 1}, outbound: Q}
agents:
  ann: {routing: r, security: [Agent], password: "${env:ANN_PASSWORD}"}
""")
    compiled, diags = compile_site(site)
    assert compiled is not None, [d.message for d in diags]
    assert "W104" in {d.code for d in diags}
    assert "Password" not in compiled.resources["agent.ann"].inputs

"""Reading a whole instance for ``ccdsl import --instance`` against botocore's Stubber, which checks every
request and response against the Amazon Connect service model (the shapes the API reference documents)."""
import boto3
import pytest
from botocore.stub import Stubber

from ccdsl.runtime.importer.site_import import import_instance
from ccdsl.runtime.importer.site_read import read_site
from ccdsl.runtime.importer.site_write import schedule_text, write_site

INSTANCE = "0c5a5c2e-1111-4d4d-8e8e-000000000001"
BASE = f"arn:aws:connect:eu-west-2:111122223333:instance/{INSTANCE}"
INST = {"InstanceId": INSTANCE}


def ident(kind: str, n: int) -> tuple[str, str]:
    id_ = f"{n:08d}-0000-4000-8000-000000000000"
    return id_, f"{BASE}/{kind}/{id_}"


HOURS_ID, HOURS_ARN = ident("operating-hours", 1)
QUEUE_ID, QUEUE_ARN = ident("queue", 2)
OTHER_ID, OTHER_ARN = ident("queue", 3)
RP_ID, RP_ARN = ident("routing-profile", 4)
SP_ID, SP_ARN = ident("security-profile", 5)
AGENT_SP, AGENT_SP_ARN = ident("security-profile", 6)
USER_ID, USER_ARN = ident("agent", 7)
QC_ID, QC_ARN = ident("transfer-destination", 8)
PROMPT_ID, PROMPT_ARN = ident("prompt", 9)
NUMBER_ID = "00000010-0000-4000-8000-000000000000"
NUMBER_ARN = f"arn:aws:connect:eu-west-2:111122223333:phone-number/{NUMBER_ID}"
FLOW_ID, FLOW_ARN = ident("contact-flow", 11)


@pytest.fixture
def connect():
    client = boto3.client("connect", region_name="eu-west-2", aws_access_key_id="x", aws_secret_access_key="x")
    with Stubber(client) as stub:
        yield client, stub
        stub.assert_no_pending_responses()


def day(name, start, end):
    return {"Day": name, "StartTime": {"Hours": start, "Minutes": 0}, "EndTime": {"Hours": end, "Minutes": 0}}


def stub_site(stub, queue_status="ENABLED"):
    stub.add_response("describe_instance", {"Instance": {
        "Id": INSTANCE, "Arn": BASE, "IdentityManagementType": "CONNECT_MANAGED", "InstanceAlias": "Contoso-Care",
        "InboundCallsEnabled": True, "OutboundCallsEnabled": False, "InstanceStatus": "ACTIVE",
        "Tags": {"team": "care"}}}, INST)
    stub.add_response("list_instance_attributes", {"Attributes": [
        {"AttributeType": "CONTACT_LENS", "Value": "true"}, {"AttributeType": "EARLY_MEDIA", "Value": "false"}]}, INST)
    stub.add_response("list_hours_of_operations", {"HoursOfOperationSummaryList": [
        {"Id": HOURS_ID, "Arn": HOURS_ARN, "Name": "Office Hours"}]}, INST)
    stub.add_response("describe_hours_of_operation", {"HoursOfOperation": {
        "HoursOfOperationId": HOURS_ID, "HoursOfOperationArn": HOURS_ARN, "Name": "Office Hours",
        "TimeZone": "Europe/London", "Config": [day(d, 9, 17) for d in ("MONDAY", "TUESDAY", "WEDNESDAY")]
        + [day("SATURDAY", 10, 0)]}}, {**INST, "HoursOfOperationId": HOURS_ID})
    stub.add_response("list_hours_of_operation_overrides", {"HoursOfOperationOverrideList": [
        {"HoursOfOperationOverrideId": "ov-1", "HoursOfOperationId": HOURS_ID, "Name": "Christmas Day",
         "Config": [{"Day": "FRIDAY", "StartTime": {"Hours": 0, "Minutes": 0},
                     "EndTime": {"Hours": 0, "Minutes": 0}}],
         "EffectiveFrom": "2026-12-25", "EffectiveTill": "2026-12-25", "OverrideType": "CLOSED"},
        {"HoursOfOperationOverrideId": "ov-2", "HoursOfOperationId": HOURS_ID, "Name": "stocktake",
         "Config": [day("MONDAY", 10, 14)], "EffectiveFrom": "2027-01-04", "EffectiveTill": "2027-01-04",
         "OverrideType": "OPEN", "RecurrenceConfig": {"RecurrencePattern": {"Frequency": "YEARLY", "Interval": 1}}},
    ]}, {**INST, "HoursOfOperationId": HOURS_ID})
    stub.add_response("list_queues", {"QueueSummaryList": [
        {"Id": QUEUE_ID, "Arn": QUEUE_ARN, "Name": "Sales", "QueueType": "STANDARD"},
        {"Id": OTHER_ID, "Arn": OTHER_ARN, "Name": "Care", "QueueType": "STANDARD"}]}, {**INST, "QueueTypes": ["STANDARD"]})
    stub.add_response("describe_queue", {"Queue": {
        "Name": "Sales", "QueueArn": QUEUE_ARN, "QueueId": QUEUE_ID, "HoursOfOperationId": HOURS_ID,
        "MaxContacts": 25, "Status": queue_status, "OutboundCallerConfig": {
            "OutboundCallerIdName": "Contoso", "OutboundCallerIdNumberId": NUMBER_ID, "OutboundFlowId": FLOW_ID}}},
        {**INST, "QueueId": QUEUE_ID})
    stub.add_response("list_queue_quick_connects", {"QuickConnectSummaryList": [
        {"Id": QC_ID, "Arn": QC_ARN, "Name": "Escalate", "QuickConnectType": "USER"}]}, {**INST, "QueueId": QUEUE_ID})
    stub.add_response("describe_queue", {"Queue": {
        "Name": "Care", "QueueArn": OTHER_ARN, "QueueId": OTHER_ID, "HoursOfOperationId": HOURS_ID,
        "Status": "ENABLED", "Description": "After-sales care"}}, {**INST, "QueueId": OTHER_ID})
    stub.add_response("list_queue_quick_connects", {"QuickConnectSummaryList": []}, {**INST, "QueueId": OTHER_ID})
    stub.add_response("list_routing_profiles", {"RoutingProfileSummaryList": [
        {"Id": RP_ID, "Arn": RP_ARN, "Name": "Advisers"}]}, INST)
    stub.add_response("describe_routing_profile", {"RoutingProfile": {
        "InstanceId": INSTANCE, "Name": "Advisers", "RoutingProfileArn": RP_ARN, "RoutingProfileId": RP_ID,
        "Description": "Sales and care", "DefaultOutboundQueueId": QUEUE_ID, "MediaConcurrencies": [
            {"Channel": "VOICE", "Concurrency": 1}, {"Channel": "CHAT", "Concurrency": 2,
                                                    "CrossChannelBehavior": {"BehaviorType": "ROUTE_ANY_CHANNEL"}}]}},
        {**INST, "RoutingProfileId": RP_ID})
    stub.add_response("list_routing_profile_queues", {"RoutingProfileQueueConfigSummaryList": [
        {"QueueId": QUEUE_ID, "QueueArn": QUEUE_ARN, "QueueName": "Sales", "Priority": 2, "Delay": 15,
         "Channel": "VOICE"},
        {"QueueId": QUEUE_ID, "QueueArn": QUEUE_ARN, "QueueName": "Sales", "Priority": 2, "Delay": 15,
         "Channel": "CHAT"},
        {"QueueId": OTHER_ID, "QueueArn": OTHER_ARN, "QueueName": "Care", "Priority": 1, "Delay": 0,
         "Channel": "CHAT"}]}, {**INST, "RoutingProfileId": RP_ID})
    stub.add_response("list_security_profiles", {"SecurityProfileSummaryList": [
        {"Id": AGENT_SP, "Arn": AGENT_SP_ARN, "Name": "Agent"}, {"Id": SP_ID, "Arn": SP_ARN, "Name": "Team Lead"}]}, INST)
    stub.add_response("describe_security_profile", {"SecurityProfile": {
        "Id": SP_ID, "Arn": SP_ARN, "SecurityProfileName": "Team Lead", "Description": "Leads a team",
        "AllowedAccessControlTags": {"team": "care"}}}, {**INST, "SecurityProfileId": SP_ID})
    stub.add_response("list_security_profile_permissions", {"Permissions": ["BasicAgentAccess", "AccessMetrics"]},
                      {**INST, "SecurityProfileId": SP_ID})
    stub.add_response("list_users", {"UserSummaryList": [{"Id": USER_ID, "Arn": USER_ARN,
                                                          "Username": "ana@contoso.com"}]}, INST)
    stub.add_response("describe_user", {"User": {
        "Id": USER_ID, "Arn": USER_ARN, "Username": "ana@contoso.com",
        "IdentityInfo": {"FirstName": "Ana", "LastName": "Silva", "Email": "ana@contoso.com"},
        "PhoneConfig": {"PhoneType": "SOFT_PHONE", "AutoAccept": False, "AfterContactWorkTimeLimit": 45},
        "SecurityProfileIds": [AGENT_SP, SP_ID], "RoutingProfileId": RP_ID, "HierarchyGroupId": "hg-1"}},
        {**INST, "UserId": USER_ID})
    stub.add_response("list_user_hierarchy_groups", {"UserHierarchyGroupSummaryList": [
        {"Id": "hg-1", "Arn": f"{BASE}/agent-group/hg-1", "Name": "North"},
        {"Id": "hg-2", "Arn": f"{BASE}/agent-group/hg-2", "Name": "North Leeds"}]}, INST)
    north = {"Id": "hg-1", "Arn": f"{BASE}/agent-group/hg-1", "Name": "North"}
    stub.add_response("describe_user_hierarchy_group", {"HierarchyGroup": {
        **north, "LevelId": "1", "HierarchyPath": {"LevelOne": north}}}, {**INST, "HierarchyGroupId": "hg-1"})
    leeds = {"Id": "hg-2", "Arn": f"{BASE}/agent-group/hg-2", "Name": "North Leeds"}
    stub.add_response("describe_user_hierarchy_group", {"HierarchyGroup": {
        **leeds, "LevelId": "2", "HierarchyPath": {"LevelOne": north, "LevelTwo": leeds}}},
        {**INST, "HierarchyGroupId": "hg-2"})
    stub.add_response("describe_user_hierarchy_structure", {"HierarchyStructure": {
        "LevelOne": {"Id": "1", "Arn": f"{BASE}/agent-group-level/1", "Name": "Region"},
        "LevelTwo": {"Id": "2", "Arn": f"{BASE}/agent-group-level/2", "Name": "Site"}}}, INST)
    stub.add_response("list_flow_associations", {"FlowAssociationSummaryList": [
        {"ResourceId": NUMBER_ARN, "FlowId": FLOW_ID, "ResourceType": "VOICE_PHONE_NUMBER"}]},
        {**INST, "ResourceType": "VOICE_PHONE_NUMBER"})
    stub.add_response("list_phone_numbers_v2", {"ListPhoneNumbersSummaryList": [
        {"PhoneNumberId": NUMBER_ID, "PhoneNumberArn": NUMBER_ARN, "PhoneNumber": "+442071234567",
         "PhoneNumberCountryCode": "GB", "PhoneNumberType": "DID", "TargetArn": BASE,
         "PhoneNumberDescription": "main line"},
        {"PhoneNumberId": "n2", "PhoneNumberArn": f"{NUMBER_ARN}2", "PhoneNumber": "+4470000",
         "PhoneNumberCountryCode": "GB", "PhoneNumberType": "SHORT_CODE", "TargetArn": BASE}]}, {"TargetArn": BASE})
    stub.add_response("list_quick_connects", {"QuickConnectSummaryList": [
        {"Id": QC_ID, "Arn": QC_ARN, "Name": "Escalate", "QuickConnectType": "USER"},
        {"Id": "qc-2", "Arn": f"{BASE}/transfer-destination/qc-2", "Name": "Fraud", "QuickConnectType": "PHONE_NUMBER"}]},
        INST)
    stub.add_response("describe_quick_connect", {"QuickConnect": {
        "QuickConnectARN": QC_ARN, "QuickConnectId": QC_ID, "Name": "Escalate", "QuickConnectConfig": {
            "QuickConnectType": "USER", "UserConfig": {"UserId": USER_ID, "ContactFlowId": FLOW_ID}}}},
        {**INST, "QuickConnectId": QC_ID})
    stub.add_response("describe_quick_connect", {"QuickConnect": {
        "QuickConnectARN": f"{BASE}/transfer-destination/qc-2", "QuickConnectId": "qc-2", "Name": "Fraud",
        "Description": "Fraud desk", "QuickConnectConfig": {
            "QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": "+442070000000"}}}},
        {**INST, "QuickConnectId": "qc-2"})
    stub.add_response("list_prompts", {"PromptSummaryList": [{"Id": PROMPT_ID, "Arn": PROMPT_ARN,
                                                              "Name": "Hold Music"}]}, INST)


def test_every_section_is_read_and_written_with_where_it_came_from(connect):
    client, stub = connect
    stub_site(stub)
    read = read_site(lambda service: client, INSTANCE)
    site = write_site(read, {FLOW_ID: "entry", FLOW_ARN: "entry"}, "eu-west-2", played={PROMPT_ARN})
    text = "\n".join(site.lines)
    assert "site: contoso-care\n" in text and "tags: {team: care}" in text
    assert "instance:\n  alias: Contoso-Care\n  features: [inbound, contact_lens]" in text
    assert f"  # from {HOURS_ARN}\n  Office_Hours:\n    schedule: Mon-Wed 09:00-17:00, Sat 10:00-24:00 @ Europe/London" \
        in text
    assert "      Christmas_Day:\n        date: \"2026-12-25\"\n        closed: true" in text
    assert "      stocktake:\n        date: \"2027-01-04\"\n        open: 10:00-14:00" in text
    assert (f"  # from {QUEUE_ARN}\n  Sales:\n    hours: Office_Hours\n    max_contacts: 25\n    caller_id: main_line\n"
            "    caller_name: Contoso\n    outbound_flow: entry\n    quick_connects: [Escalate]") in text
    assert "    queues:\n      Sales:\n        priority: 2\n        delay: 15\n      Care:\n        channels: [chat]\n" \
        in text
    assert "    channels:\n      voice: 1\n      chat: 2\n    outbound: Sales\n    description: Sales and care" in text
    assert ("  Team_Lead:\n    permissions: [AccessMetrics, BasicAgentAccess]\n    description: Leads a team\n"
            "    access_tags:\n      team: care") in text
    assert ("  ana@contoso.com:\n    email: ana@contoso.com\n    first_name: Ana\n    last_name: Silva\n"
            "    routing: Advisers\n    security: [Agent, Team_Lead]\n    hierarchy: North\n    phone:\n      type: soft\n"
            "      acw_timeout: 45s") in text
    assert "  main_line:\n    type: DID\n    country: GB\n    number: \"+442071234567\"\n    flow: entry\n" \
        "    description: main line" in text
    assert "  Escalate:\n    user: ana@contoso.com\n    flow: entry" in text
    assert "  Fraud:\n    number: \"+442070000000\"\n    description: Fraud desk" in text
    # what the site cannot say is a warning naming the resource; nothing is dropped silently
    said = {(p.code, p.message.split(":")[0]) for p in site.problems}
    assert ("W507", "hours 'Office Hours' override 'stocktake' recurs") in said
    assert ("W507", "routing profile 'Advisers'") in said  # CHAT routes ROUTE_ANY_CHANNEL
    assert "hierarchy:\n  levels: [Region, Site]\n  groups:\n" in text
    assert "    North: {}\n" in text and "    North_Leeds:\n      parent: North\n" in text
    assert "    security: [Agent, Team_Lead]\n    hierarchy: North\n" in text
    assert site.found["hierarchy.North_Leeds"] == {"id": "hg-2", "arn": f"{BASE}/agent-group/hg-2",
                                                   "name": "North_Leeds"}
    assert ("W507", "hierarchy group 'North Leeds' is named North_Leeds in the site (the language's name rules)") \
        in said
    assert ("W507", "phone number +4470000 is SHORT_CODE") in said
    # a prompt a flow plays is an existing prompt named by its ARN (its audio stays in the instance)
    assert f"prompts:\n  # from {PROMPT_ARN}\n  Hold_Music:\n    arn: {PROMPT_ARN}" in text
    assert PROMPT_ARN in site.declared and site.names[PROMPT_ARN] == "Hold_Music"
    assert not any(p.code == "W508" for p in site.problems)
    assert site.found["queue.Sales"] == {"id": QUEUE_ID, "arn": QUEUE_ARN, "name": "Sales"}
    assert site.found["security_profile.Agent"]["id"] == AGENT_SP
    assert site.found["number.main_line.flow"] == {"id": NUMBER_ID}


def test_a_prompt_no_flow_plays_is_left_out(connect):
    client, stub = connect
    stub_site(stub)
    site = write_site(read_site(lambda service: client, INSTANCE), {}, "eu-west-2", played={"arn:other"})
    assert "prompts:" not in "\n".join(site.lines) and PROMPT_ARN not in site.declared
    assert not any(p.code == "W508" for p in site.problems)


def test_a_disabled_queue_is_a_warning_naming_it(connect):
    client, stub = connect
    stub_site(stub, queue_status="DISABLED")
    site = write_site(read_site(lambda service: client, INSTANCE), {}, "eu-west-2")
    assert any(p.code == "W507" and "queue 'Sales' is DISABLED" in p.message and p.arn == QUEUE_ARN
               for p in site.problems)


def test_schedule_text_writes_the_compact_hours_syntax():
    every = [day(d, 0, 0) for d in ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")]
    assert schedule_text(every, "UTC") == "24/7"
    assert schedule_text(every, "Europe/Paris") == "24/7 @ Europe/Paris"
    split = [day("FRIDAY", 22, 0), day("SATURDAY", 0, 6), day("MONDAY", 9, 17), day("WEDNESDAY", 9, 17)]
    assert schedule_text(split, "UTC") == "Mon Wed 09:00-17:00, Fri 22:00-24:00, Sat 00:00-06:00"


@pytest.mark.parametrize("error, code", [
    ("AccessDeniedException", "E506"), ("ResourceNotFoundException", "E507"), ("ThrottlingException", "E508"),
    ("InternalServiceException", "E509")])
def test_a_failed_call_is_a_diagnostic_with_a_code_not_a_traceback(connect, error, code):
    client, stub = connect
    stub.add_client_error("describe_instance", service_error_code=error, service_message="no", expected_params=INST)
    result = import_instance(lambda service: client, INSTANCE, "eu-west-2")
    assert [d.code for d in result.diagnostics] == [code]
    assert result.diagnostics.has_errors and result.run.text == ""


def test_a_call_denied_later_is_e506_naming_the_operation(connect):
    client, stub = connect
    stub.add_response("describe_instance", {"Instance": {"Id": INSTANCE, "Arn": BASE, "InstanceAlias": "x"}}, INST)
    stub.add_client_error("list_instance_attributes", service_error_code="AccessDeniedException",
                          service_message="not authorized to perform connect:ListInstanceAttributes")
    result = import_instance(lambda service: client, INSTANCE, "eu-west-2")
    (diagnostic,) = list(result.diagnostics)
    assert diagnostic.code == "E506" and "ListInstanceAttributes" in diagnostic.message

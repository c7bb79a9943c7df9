"""``ccdsl import --instance``: reading a live instance's flows and names, against botocore's Stubber with the
response shapes the Amazon Connect and Lex V2 API references document."""
import json

import boto3
import pytest
from botocore.stub import Stubber

from ccdsl.compiler.importer.run import import_documents
from ccdsl.runtime.importer.instance import read_instance

INSTANCE = "0c5a5c2e-1111-4d4d-8e8e-000000000001"
BASE = f"arn:aws:connect:eu-west-2:111122223333:instance/{INSTANCE}"
QUEUE = {"Id": "4bca1082-f46a-4580-8c76-79db54b8d49a", "Arn": f"{BASE}/queue/4bca1082-f46a-4580-8c76-79db54b8d49a",
         "Name": "Sales Queue", "QueueType": "STANDARD"}
HOURS = {"Id": "9e1d2c3b-0000-4000-8000-000000000009", "Name": "Office",
         "Arn": f"{BASE}/operating-hours/9e1d2c3b-0000-4000-8000-000000000009"}
FLOW_ID = "5f2f3f62-834a-4387-9add-93fbbd326985"
ALIAS = "arn:aws:lex:eu-west-2:111122223333:bot-alias/BOTID12345/TSTALIASID"
CONTENT = {"Version": "2019-10-30", "StartAction": "h", "Metadata": {}, "Actions": [
    {"Identifier": "h", "Type": "CheckHoursOfOperation", "Parameters": {"HoursOfOperationId": HOURS["Arn"]},
     "Transitions": {"NextAction": "q", "Errors": [{"NextAction": "q", "ErrorType": "NoMatchingError"}],
                     "Conditions": [{"NextAction": "a", "Condition": {"Operator": "Equals", "Operands": ["True"]}},
                                    {"NextAction": "q", "Condition": {"Operator": "Equals", "Operands": ["False"]}}]}},
    {"Identifier": "a", "Type": "ConnectParticipantWithLexBot",
     "Parameters": {"Text": "How can I help?", "LexV2Bot": {"AliasArn": ALIAS}},
     "Transitions": {"NextAction": "d", "Errors": [{"NextAction": "q", "ErrorType": "NoMatchingCondition"},
                                                   {"NextAction": "d", "ErrorType": "NoMatchingError"}]}},
    {"Identifier": "q", "Type": "UpdateContactTargetQueue", "Parameters": {"QueueId": QUEUE["Arn"]},
     "Transitions": {"NextAction": "t", "Errors": [{"NextAction": "d", "ErrorType": "NoMatchingError"}]}},
    {"Identifier": "t", "Type": "TransferContactToQueue", "Parameters": {},
     "Transitions": {"NextAction": "d", "Errors": [{"NextAction": "d", "ErrorType": "QueueAtCapacity"},
                                                   {"NextAction": "d", "ErrorType": "NoMatchingError"}]}},
    {"Identifier": "d", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}]}


@pytest.fixture
def clients():
    connect = boto3.client("connect", region_name="eu-west-2", aws_access_key_id="x", aws_secret_access_key="x")
    lex = boto3.client("lexv2-models", region_name="eu-west-2", aws_access_key_id="x", aws_secret_access_key="x")
    with Stubber(connect) as c, Stubber(lex) as lx:
        yield {"connect": connect, "lexv2-models": lex}, c, lx
        c.assert_no_pending_responses()
        lx.assert_no_pending_responses()


def stub_instance(c, lx, content=CONTENT):
    flow_arn = f"{BASE}/contact-flow/{FLOW_ID}"
    c.add_response("list_queues", {"QueueSummaryList": [QUEUE], "NextToken": "page2"},
                   {"InstanceId": INSTANCE, "QueueTypes": ["STANDARD"]})
    c.add_response("list_queues", {"QueueSummaryList": []},
                   {"InstanceId": INSTANCE, "QueueTypes": ["STANDARD"], "NextToken": "page2"})
    c.add_response("list_hours_of_operations", {"HoursOfOperationSummaryList": [HOURS]}, {"InstanceId": INSTANCE})
    c.add_response("list_contact_flows", {"ContactFlowSummaryList": [
        {"Id": FLOW_ID, "Arn": flow_arn, "Name": "Main Entry", "ContactFlowType": "CONTACT_FLOW",
         "ContactFlowState": "ACTIVE"},
        {"Id": "old", "Arn": f"{BASE}/contact-flow/old", "Name": "Old", "ContactFlowType": "CONTACT_FLOW",
         "ContactFlowState": "ARCHIVED"}]}, {"InstanceId": INSTANCE})
    c.add_response("list_contact_flow_modules", {"ContactFlowModulesSummaryList": []},
                   {"InstanceId": INSTANCE, "ContactFlowModuleState": "ACTIVE"})
    c.add_response("list_bots", {"LexBots": [{"LexV2Bot": {"AliasArn": ALIAS}}]},
                   {"InstanceId": INSTANCE, "LexVersion": "V2"})
    lx.add_response("describe_bot", {"botId": "BOTID12345", "botName": "banking", "botStatus": "Available"},
                    {"botId": "BOTID12345"})
    c.add_response("describe_contact_flow", {"ContactFlow": {
        "Arn": flow_arn, "Id": FLOW_ID, "Name": "Main Entry", "Type": "CONTACT_FLOW", "State": "ACTIVE",
        "Content": json.dumps(content)}}, {"InstanceId": INSTANCE, "ContactFlowId": FLOW_ID})


def test_an_instance_flow_imports_with_the_instance_names(clients):
    factory, c, lx = clients
    stub_instance(c, lx)
    read = read_instance(lambda service: factory[service], INSTANCE)
    assert [d.name for d in read.documents] == ["Main Entry"]
    assert read.names[QUEUE["Arn"]] == "Sales_Queue" and read.names[ALIAS] == "banking"
    run = import_documents(read.documents, read.names)
    assert run.bodies == 1
    assert "  Main_Entry:\n    do: |\n      if open Office -> a\n      goto q\n" in run.text
    assert "ask banking \"How can I help?\"" in run.text and "queue Sales_Queue" in run.text
    assert f"# queues: Sales_Queue  <- {QUEUE['Arn']}" in run.text


def test_a_flow_whose_content_is_not_json_is_skipped(clients):
    factory, c, lx = clients
    stub_instance(c, lx)
    c._queue[-1]["response"][1]["ContactFlow"]["Content"] = "{not json"  # the describe response
    read = read_instance(lambda service: factory[service], INSTANCE)
    assert read.documents == [] and read.skipped[0].startswith("Main Entry: its Content is not JSON")

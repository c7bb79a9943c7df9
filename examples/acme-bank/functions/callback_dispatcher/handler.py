"""Claims waiting callbacks and starts an outbound call for each."""
from __future__ import annotations

import os

import boto3
from boto3.dynamodb.conditions import Attr

table = boto3.resource("dynamodb").Table(os.environ["CALLBACK_TABLE"])
connect = boto3.client("connect")


def handler(event: dict, context: object = None) -> dict:
    waiting = table.scan(FilterExpression=Attr("status").eq("waiting")).get("Items", [])
    started = 0
    for item in waiting[: int(event.get("batch", 10))]:
        table.update_item(Key={"callback_id": item["callback_id"]}, UpdateExpression="SET #s = :c",
                          ConditionExpression="#s = :w", ExpressionAttributeNames={"#s": "status"},
                          ExpressionAttributeValues={":c": "claimed", ":w": "waiting"})
        connect.start_outbound_voice_contact(
            DestinationPhoneNumber=item["number"], InstanceId=event["instance_id"],
            ContactFlowId=event["flow_id"], QueueId=event.get("queue_id"))
        started += 1
    return {"started": started}

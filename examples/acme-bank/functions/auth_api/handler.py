"""The authentication API: login, one-time-code verification and status, over an HTTP API."""
from __future__ import annotations

import json
import os
import secrets
import time

import boto3

table = boto3.resource("dynamodb").Table(os.environ["STATE_TABLE"])
sns = boto3.client("sns")


def reply(status: int, body: dict) -> dict:
    return {"statusCode": status, "headers": {"content-type": "application/json"}, "body": json.dumps(body)}


def handler(event: dict, context: object = None) -> dict:
    route = event.get("routeKey", "")
    body = json.loads(event.get("body") or "{}")
    if route == "POST /login":
        session, code = secrets.token_hex(16), f"{secrets.randbelow(10**6):06d}"
        table.put_item(Item={"session_id": session, "code": code, "verified": False,
                             "expires_at": int(time.time()) + 300})
        sns.publish(TopicArn=os.environ["TOPIC"], Message=f"Your Acme Bank code is {code}")
        return reply(200, {"session_id": session})
    if route == "POST /verify":
        item = table.get_item(Key={"session_id": body.get("session_id", "")}).get("Item")
        if not item or item["code"] != body.get("code"):
            return reply(401, {"verified": False})
        table.update_item(Key={"session_id": item["session_id"]}, UpdateExpression="SET verified = :t",
                          ExpressionAttributeValues={":t": True})
        return reply(200, {"verified": True})
    if route == "GET /status":
        return reply(200, {"ok": True})
    return reply(404, {"error": "no such route"})

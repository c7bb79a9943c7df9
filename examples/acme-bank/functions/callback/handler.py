"""Records a callback request from a contact flow; the dispatcher claims it later."""
from __future__ import annotations

import os
import time
import uuid

import boto3

table = boto3.resource("dynamodb").Table(os.environ["CALLBACK_TABLE"])


def handler(event: dict, context: object = None) -> dict:
    contact = event.get("Details", {}).get("ContactData", {})
    number = (contact.get("CustomerEndpoint") or {}).get("Address", "")
    callback_id = str(uuid.uuid4())
    table.put_item(Item={"callback_id": callback_id, "number": number, "status": "waiting",
                         "contact_id": contact.get("ContactId", ""), "expires_at": int(time.time()) + 86400})
    return {"callback_id": callback_id, "status": "waiting"}

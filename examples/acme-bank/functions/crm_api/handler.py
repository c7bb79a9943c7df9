"""A small customer API for the agents' page: look up a customer, add a note."""
from __future__ import annotations

import json

CUSTOMERS = {"1001": {"id": "1001", "name": "Ada Lovelace", "segment": "premier", "notes": []}}


def handler(event: dict, context: object = None) -> dict:
    route = event.get("routeKey", "")
    customer_id = (event.get("pathParameters") or {}).get("id", "")
    customer = CUSTOMERS.get(customer_id)
    if customer is None:
        return {"statusCode": 404, "body": json.dumps({"error": "unknown customer"})}
    if route == "POST /customers/{id}/notes":
        customer["notes"].append(json.loads(event.get("body") or "{}").get("text", ""))
    return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": json.dumps(customer)}

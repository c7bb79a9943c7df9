"""Looks a caller up: gold for account 42, silver otherwise; fails for account 'boom'."""


def handler(event, context=None):
    account = event["Details"]["Parameters"].get("account", "")
    if account == "boom":
        raise RuntimeError("lookup failed")
    return {"tier": "gold" if account == "42" else "silver", "channel": event["Details"]["ContactData"]["Channel"]}

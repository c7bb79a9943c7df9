"""Fulfilment of the banking bot: answers its intents in the Lex V2 response format."""
from __future__ import annotations

import os

ANSWERS = {
    "CheckBalance": "Your {account} account balance is available in the app; an adviser can read it to you.",
    "TransferMoney": "Done: {amount} pounds are on their way to your {account} account.",
    "GetStatement": "Your statement is on its way to your registered address.",
    "SetupDirectDebit": "You can set up a direct debit in the app under Payments.",
    "ReportLostCard": "I've blocked your card. A new one will arrive within five working days.",
    "ChangePIN": "You can change your PIN at any of our cash machines or in the app.",
}


def slot_value(intent: dict, name: str, default: str) -> str:
    slot = (intent.get("slots") or {}).get(name) or {}
    value = slot.get("value") or {}
    return value.get("interpretedValue") or value.get("originalValue") or default


def close(intent: dict, message: str, state: str = "Fulfilled") -> dict:
    intent = dict(intent, state=state)
    return {
        "sessionState": {"dialogAction": {"type": "Close"}, "intent": intent},
        "messages": [{"contentType": "PlainText", "content": message}],
    }


def handler(event: dict, context: object = None) -> dict:
    intent = event.get("sessionState", {}).get("intent", {})
    name = intent.get("name", "")
    if name == "TransferToAgent":
        return close(intent, "Let me put you through to an adviser.")
    template = ANSWERS.get(name)
    if template is None:
        return close(intent, "Sorry, I can't help with that here.", state="Failed")
    message = template.format(account=slot_value(intent, "account", "current"),
                              amount=slot_value(intent, "amount", "the"))
    if os.environ.get("BANKING_DEBUG"):
        print({"intent": name, "message": message})
    return close(intent, message)

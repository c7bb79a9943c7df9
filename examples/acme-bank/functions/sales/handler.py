"""Fulfilment of the sales bot: product information and pricing in the Lex V2 response format."""
from __future__ import annotations

PRODUCTS = {
    "mortgage": "fixed and tracker mortgages from 4.1% APR",
    "savings account": "easy-access savings at 3.5% AER",
    "credit card": "a cashback credit card at 22.9% APR representative",
    "personal loan": "personal loans from 6.4% APR",
}


def handler(event: dict, context: object = None) -> dict:
    intent = event.get("sessionState", {}).get("intent", {})
    slot = ((intent.get("slots") or {}).get("product") or {}).get("value") or {}
    product = (slot.get("interpretedValue") or "").lower()
    if intent.get("name") == "ProductInfo" and product in PRODUCTS:
        message = f"We offer {PRODUCTS[product]}."
    elif intent.get("name") in ("ProductInfo", "Pricing"):
        message = "We offer " + "; ".join(PRODUCTS.values()) + "."
    else:
        message = "Let me find an adviser for you."
    return {
        "sessionState": {"dialogAction": {"type": "Close"}, "intent": dict(intent, state="Fulfilled")},
        "messages": [{"contentType": "PlainText", "content": message}],
    }

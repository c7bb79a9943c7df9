"""Fulfilment of the assistant bot: order tracking, returns and store hours, in the Lex V2 response format."""
from __future__ import annotations

import os

MESSAGES = {
    "en_US": {"ReturnItem": "I've started your return; a label is on its way by e-mail.",
              "StoreHours": "Our stores open 10am to 8pm, Monday to Saturday.",
              "TrackOrder": "Order {order} is on its way."},
    "es_US": {"ReturnItem": "He iniciado tu devolución; te enviamos la etiqueta por correo.",
              "StoreHours": "Nuestras tiendas abren de 10 a 20 h, de lunes a sábado.",
              "TrackOrder": "El pedido {order} está en camino."},
    "fr_CA": {"ReturnItem": "J'ai lancé votre retour; l'étiquette arrive par courriel.",
              "StoreHours": "Nos magasins sont ouverts de 10 h à 20 h, du lundi au samedi.",
              "TrackOrder": "La commande {order} est en route."},
}


def lookup(order: str) -> dict | None:
    """The order from the orders table (None without a table, e.g. in tests)."""
    table_name = os.environ.get("ORDERS_TABLE")
    if not table_name:
        return None
    import boto3

    return boto3.resource("dynamodb").Table(table_name).get_item(Key={"order_id": order}).get("Item")


def handler(event: dict, context: object = None) -> dict:
    intent = event.get("sessionState", {}).get("intent", {})
    locale = event.get("bot", {}).get("localeId", "en_US")
    texts = MESSAGES.get(locale, MESSAGES["en_US"])
    slot = ((intent.get("slots") or {}).get("order") or {}).get("value") or {}
    order = slot.get("interpretedValue", "")
    name = intent.get("name", "")
    message = texts.get(name, texts["StoreHours"]).format(order=order)
    if name == "TrackOrder" and order and lookup(order) is None and os.environ.get("ORDERS_TABLE"):
        message = {"es_US": "No encuentro ese pedido.", "fr_CA": "Je ne trouve pas cette commande."}.get(
            locale, "I can't find that order.")
    return {"sessionState": {"dialogAction": {"type": "Close"}, "intent": dict(intent, state="Fulfilled")},
            "messages": [{"contentType": "PlainText", "content": message}]}

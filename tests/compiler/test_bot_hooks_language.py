"""Per-intent code hooks and the reply to a declined confirmation, per locale."""
from ccdsl.compiler import addresses as A

SITE = """\
functions:
  orders: {source: orders}
bots:
  b:
    locales: {en_US: Joanna, es_US: Lupe, fr_CA: Gabrielle}
    hook: orders
    intents:
      Track:
        utterances: [track my order]
        hooks: [dialog, fulfillment]
        text: {es_US: [rastrear mi pedido], fr_CA: [suivre ma commande]}
      Hours:
        utterances: [when are you open]
        hooks: []
        text: {es_US: [cuándo abren], fr_CA: [quand êtes-vous ouverts]}
      Cancel:
        utterances: [cancel my order]
        confirm: Cancel it?
        text:
          es_US: {utterances: [cancelar mi pedido], confirm: ¿Lo cancelo?, decline: "Muy bien, sigue en pie."}
          fr_CA: {utterances: [annuler ma commande], confirm: Je l'annule?}
"""


def _decline(inputs: dict) -> str:
    return inputs["intentConfirmationSetting"]["declinationResponse"]["messageGroups"][0]["message"][
        "plainTextMessage"]["value"]


def test_each_intent_calls_the_code_hooks_it_names(compile_text):
    cs, diags = compile_text(SITE)
    assert cs is not None, [d.message for d in diags]
    r = cs.resources
    track = r[A.intent_addr("b", "Track", "es_US")].inputs
    assert track["dialogCodeHook"] == {"enabled": True} and track["fulfillmentCodeHook"] == {"enabled": True}
    hours = r[A.intent_addr("b", "Hours", "en_US")].inputs
    assert hours["fulfillmentCodeHook"] == {"enabled": False} and "dialogCodeHook" not in hours
    cancel = r[A.intent_addr("b", "Cancel", "en_US")].inputs
    assert cancel["fulfillmentCodeHook"] == {"enabled": True} and "dialogCodeHook" not in cancel


def test_a_declined_confirmation_is_answered_in_the_locales_language(compile_text):
    cs, _ = compile_text(SITE)
    r = cs.resources
    assert _decline(r[A.intent_addr("b", "Cancel", "en_US")].inputs) == "Okay, I won't do that."
    assert _decline(r[A.intent_addr("b", "Cancel", "es_US")].inputs) == "Muy bien, sigue en pie."
    assert _decline(r[A.intent_addr("b", "Cancel", "fr_CA")].inputs) == "D'accord, je ne le ferai pas."

"""The offline intent matcher: exact utterances with slot values, synonyms, similarity, threshold, fallback."""
from __future__ import annotations

from ccdsl.runtime.conversation.bots import FALLBACK, Bot, is_yes, locale_of, normalise

DEFINITION = {
    "locale": "en_GB", "confidence": 0.5, "fallback": "Sorry?",
    "slot_types": {"CardType": {"values": ["debit", "credit"], "synonyms": {"debit": ["bank card"]}}},
    "intents": {
        "LostCard": {"utterances": ["I lost my card", "my {card} card was stolen"],
                     "slots": [{"name": "card", "type": "CardType", "required": True, "priority": 1,
                                "prompt": "Which card?"}]},
        "Transfer": {"utterances": ["send {amount} pounds"],
                     "slots": [{"name": "amount", "type": "AMAZON.Number", "required": True, "priority": 1,
                                "prompt": "How much?"}]},
        "Agent": {"utterances": ["agent please", "talk to a person"], "slots": []},
    },
}


def test_exact_utterance_scores_one() -> None:
    turn = Bot("b", DEFINITION).recognise("I lost my card!")
    assert (turn.intent, turn.confidence) == ("LostCard", 1.0)


def test_slot_values_synonyms_and_numbers_resolve() -> None:
    bot = Bot("b", DEFINITION)
    assert bot.recognise("My credit card was stolen").slots == {"card": "credit"}
    assert bot.recognise("my bank card card was stolen").slots == {"card": "debit"}
    assert bot.recognise("send twenty pounds").slots == {"amount": "20"}
    assert bot.recognise("send 12.50 pounds").slots == {"amount": "12.50"}


def test_close_wording_matches_above_the_threshold() -> None:
    turn = Bot("b", DEFINITION).recognise("I have lost my card")
    assert turn.intent == "LostCard" and 0.5 <= turn.confidence < 1.0


def test_unrelated_text_is_the_fallback_intent() -> None:
    assert Bot("b", DEFINITION).recognise("what is the weather like in Paris").intent == FALLBACK
    assert Bot("b", DEFINITION).recognise("").intent == FALLBACK


def test_threshold_decides() -> None:
    strict = dict(DEFINITION, confidence=0.95)
    assert Bot("b", strict).recognise("I have lost my card").intent == FALLBACK


def test_slot_elicitation_answers() -> None:
    bot = Bot("b", DEFINITION)
    assert bot.elicit_value("LostCard", "card", "the debit one") == "debit"
    assert bot.elicit_value("LostCard", "card", "no idea") is None
    assert bot.elicit_value("Transfer", "amount", "about 40 I think") == "40"
    assert [s["name"] for s in bot.missing_slots("LostCard", {})] == ["card"]


def test_helpers() -> None:
    assert normalise("  What's   my BALANCE? ") == "what's my balance"
    assert is_yes("Yes please") and not is_yes("no thanks")
    assert locale_of("en-GB") == "en_GB"


# -- properties: every example bot recognises its own utterances -----------------------------------------------
import functools  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ccdsl.runtime.conversation.bots import SLOT_REF  # noqa: E402


@functools.lru_cache(maxsize=1)
def _example_bots() -> list[Bot]:
    from pathlib import Path

    from ccdsl.runtime.conversation.site import load_site

    root = Path(__file__).resolve().parents[3] / "examples"
    out = []
    for site_file in sorted(root.glob("*/site.ccd")):
        site, _ = load_site(site_file)
        for name, locales in sorted((site.bots if site else {}).items()):
            out += [Bot(name, definition) for _locale, definition in sorted(locales.items())]
    return out


SAMPLE_VALUES = {"AMAZON.Number": ["12", "three"], "AMAZON.Date": ["next monday"]}


@st.composite
def own_utterance(draw):
    bot = draw(st.sampled_from(_example_bots()))
    intent = draw(st.sampled_from(sorted(bot.intents)))
    spec = bot.intents[intent]
    utterance = draw(st.sampled_from(spec["utterances"]))
    types = {s["name"]: s["type"] for s in spec.get("slots") or []}

    def value(m):
        slot_type = types.get(m.group(1), "")
        choices = sorted(bot.values_of(slot_type)) if slot_type in bot.slot_types else \
            SAMPLE_VALUES.get(slot_type, ["something"])
        return draw(st.sampled_from(choices))

    text = SLOT_REF.sub(value, utterance)
    case = draw(st.sampled_from([str.lower, str.upper, str.title, lambda s: s + "!", lambda s: "  " + s]))
    return bot, intent, case(text)


@settings(max_examples=150, deadline=None)
@given(own_utterance())
def test_every_utterance_reaches_its_intent_with_confidence_one(sample) -> None:
    bot, intent, text = sample
    turn = bot.recognise(text)
    assert (turn.intent, turn.confidence) == (intent, 1.0), text

"""The interpreter on a small site: the site's own suite, Connect behaviours that bite, failure messages."""
from __future__ import annotations

import dataclasses
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from ccdsl.runtime.conversation.contact import Given, Input
from ccdsl.runtime.conversation.interpreter import Interpreter
from ccdsl.runtime.conversation.suite import run_suite

from .conftest import SITES

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=ZoneInfo("Europe/London"))


class Script:
    def __init__(self, *turns: tuple[str, str]):
        self.turns = [Input(kind, value) for kind, value in turns]

    def next_input(self, want: str):
        return self.turns.pop(0) if self.turns else None


def run(site, flow: str, *turns, channel: str = "VOICE", **given):
    ix = Interpreter(site, Given(at=given.pop("at", NOON), **given), Script(*turns))
    from ccdsl.runtime.conversation.functions import FunctionRunner
    ix.functions = FunctionRunner(site.functions, ix.given.functions)
    return ix, ix.run(flow, channel)


def kinds(events):
    return [(e.kind, e.text) for e in events if e.kind not in ("note", "attributes", "hours")]


def test_the_sites_own_suite_passes() -> None:
    report = run_suite(SITES / "bank" / "site.ccd")
    assert not report.diagnostics.has_errors
    failed = [r.message for r in report.results if r.status != "passed"]
    assert failed == [] and len(report.results) >= 10


def test_bot_without_the_contacts_locale_takes_the_error_branch(bank_site) -> None:
    """The contact's language defaults to en-US; an en_GB-only bot then fails (set-voice.html#set-voice-lexv2bot).
    The flow JSON is what the compiler emitted before flows could set the language: it asks without setting it."""
    en_gb_only = dataclasses.replace(bank_site, bots={"cards": {"en_GB": bank_site.bots["cards"]["en_GB"]}})
    ix, events = run(en_gb_only, "bot_entry", ("says", "I lost my card"))
    assert ("prompt", "The assistant is unavailable.") in kinds(events)
    assert not any(e.kind == "input" for e in events)  # the caller never got a turn
    assert ("bot_entry", "start-1 ask", "NoMatchingError") in ix.taken
    note = next(e for e in events if e.kind == "note")
    assert "no locale en_US" in note.text


def test_bot_in_the_contacts_language_runs(bank_site) -> None:
    ix, events = run(bank_site, "bot_entry", ("says", "my credit card was stolen"), language="en-GB")
    assert ("queued", "Cards") in kinds(events)
    assert ix.contact.lex["Slots"] == {"card": "credit"}
    en_gb_only = dataclasses.replace(bank_site, bots={"cards": {"en_GB": bank_site.bots["cards"]["en_GB"]}})
    _ix, events = run(en_gb_only, "bot_entry", ("says", "agent please"), language="en-GB")
    assert ("queued", "General") in kinds(events)


def test_chat_contact_reaching_a_keypad_menu_takes_the_error_branch(bank_site) -> None:
    """Get customer input with DTMF on chat: "No - Error branch" (block-support-by-channel.html)."""
    ix, events = run(bank_site, "main", ("presses", "1"), channel="CHAT")
    assert not any(e.kind == "prompt" and "Press 1" in e.text for e in events)
    assert events[-1].kind == "disconnect"
    assert ("main", "start-5 menu", "NoMatchingError") in ix.taken


def test_hours_use_the_hours_time_zone(bank_site) -> None:
    # 08:30 in New York is 13:30 in London: open
    at = datetime(2026, 12, 1, 8, 30, tzinfo=ZoneInfo("America/New_York"))
    _ix, events = run(bank_site, "main", ("presses", "1"), at=at)
    assert ("queued", "Cards") in kinds(events)
    saturday = datetime(2026, 12, 5, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    _ix, events = run(bank_site, "main", at=saturday)
    assert kinds(events)[0] == ("prompt", "We are closed.")


def test_attributes_and_paths(bank_site) -> None:
    ix, _events = run(bank_site, "main", ("presses", "2"), attributes={"account": "7"})
    assert ix.contact.attributes["source"] == "phone"
    assert ix.contact.attributes["caller"] == "+447700900123"
    assert ix.contact.external == {"tier": "silver", "channel": "VOICE"}


def test_a_function_in_another_runtime_needs_a_mock(bank_site) -> None:
    _ix, events = run(bank_site, "node_entry")
    invoked = next(e for e in events if e.kind == "invoked")
    assert "only Python functions run offline" in invoked.data["error"]
    assert ("prompt", "The lookup failed.") in kinds(events)


def test_a_caller_with_nothing_more_to_say_stops_the_conversation(bank_site) -> None:
    _ix, events = run(bank_site, "main")
    assert events[-1].kind == "stop"


def _copy_site(tmp_path: Path) -> Path:
    shutil.copytree(SITES / "bank", tmp_path / "bank")
    return tmp_path / "bank" / "site.ccd"


def test_changing_a_branch_target_fails_a_test_pointing_at_both_lines(tmp_path: Path) -> None:
    site = _copy_site(tmp_path)
    text = site.read_text()
    site.write_text(text.replace("        1 -> cards\n", "        1 -> general\n"))
    report = run_suite(site)
    failed = [r for r in report.results if r.status == "failed"]
    assert [r.name for r in failed] == ["cards by key", "busy cards queue"]
    message = failed[0].message
    assert "tests/calls.yaml:11: step 4 `queued: Cards`" in message
    assert "expected: to be queued in Cards" in message
    assert "queued in General" in message
    assert "action 'start-5 menu' (" in message and "site.ccd:54) took 1 → general-1 queue" in message


def test_changing_a_prompt_fails_a_test(tmp_path: Path) -> None:
    site = _copy_site(tmp_path)
    site.write_text(site.read_text().replace('"We are closed."', '"Sorry, closed."'))
    report = run_suite(site)
    failed = [r for r in report.results if r.status == "failed"]
    assert [r.name for r in failed] == ["closed at night"]
    assert 'expected: to hear "We are closed"' in failed[0].message
    assert 'heard "Sorry, closed."' in failed[0].message
    assert "site.ccd:49) took False → closed-1 say" in failed[0].message

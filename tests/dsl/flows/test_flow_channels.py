"""Channels: the block table, derivation from numbers, tasks and transfers, narrowing on $.Channel, E315."""
from __future__ import annotations

import textwrap

from ccdsl.dsl.build import build_site
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.compact_bind import bind_compact
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows import check_flows
from ccdsl.dsl.flows.channels import CHANNEL_RULES, plan_channels, supported
from ccdsl.dsl.loader import load_text

HEAD = """\
ccdsl: 1
site: t
region: us-east-1
instance: {alias: t1}
numbers:
  main: {type: DID, country: US, flow: front}
flows:
"""


def site_of(flows: str):
    text = HEAD + textwrap.indent(textwrap.dedent(flows), "  ")
    diags = Diagnostics()
    site, _ = build_site(load_text(text, "site.ccd", diags), "site.ccd", diags)
    bind_compact(site, diags)
    assert not diags.has_errors, [d.message for d in diags]
    return site


def codes(site) -> list[tuple[str, int]]:
    diags = Diagnostics()
    check_flows(site, diags)
    return [(d.code, d.span.line) for d in diags if d.code.startswith("E")]


def test_every_rule_cites_its_reference_page():
    assert all(rule.source.endswith(".html") and rule.channels for rule in CHANNEL_RULES.values())


def test_keypad_menu_and_hold_flow_are_voice_only():
    menu = A.Menu("Press 1", (A.MenuOption("1", A.Name("x")),))
    assert supported(menu).channels == {"voice"}
    assert supported(A.SetFlow("hold", A.Name("h"))).channels == {"voice"}
    assert supported(A.SetFlow("queue", A.Name("h"))) is None  # every channel
    assert "chat" in supported(A.Ask(A.Name("b"), "Hi")).channels


def test_numbers_make_voice_tasks_make_task_and_transfers_propagate():
    site = site_of("""\
    front:
      do: |
        task "Call back" flow task_flow
        transfer to flow second
    second:
      do: hangup
    task_flow:
      do: hangup
    lonely:
      do: hangup
    """)
    plan = plan_channels(site)
    assert set(plan.channels["front"]) == {"voice"}
    assert set(plan.channels["second"]) == {"voice"}
    assert set(plan.channels["task_flow"]) == {"task"}
    assert plan.channels["lonely"] == {}


def test_voice_only_statements_are_fine_on_voice():
    site = site_of("""\
    front:
      do: |
        menu "Press 1"
          1 -> out
        out:
          transfer to number "+442071838750"
    """)
    assert codes(site) == []


def test_a_compare_on_channel_routes_chat_around_a_menu():
    site = site_of("""\
    front:
      channels: [voice, chat]
      do: |
        if $.Channel == "CHAT" -> chat
        menu "Press 1"
          1 -> done
        chat:
          say "Hi"
        done:
          hangup
    """)
    assert codes(site) == []


def test_a_task_reaching_a_wait_is_fine_but_a_menu_is_not():
    site = site_of("""\
    front:
      do: task "x" flow task_flow
    task_flow:
      do: |
        wait 5m
        menu "Press 1"
          1 -> done
        done:
          hangup
    """)
    assert codes(site) == [("E315", 13)]


def test_a_not_equal_compare_on_the_channel_narrows_both_ways():
    site = site_of("""\
    front:
      channels: [voice, chat]
      do: |
        if $.Channel != "VOICE" -> other
        store digits "Your account number?" max 8
          error -> other
        hangup
        other:
          say "Hi"
          hangup
    """)
    assert codes(site) == []
    site = site_of("""\
    front:
      channels: [voice, chat]
      do: |
        if $.Channel != "CHAT" -> voice_path
        set callback number $.CustomerEndpoint.Address
          error -> voice_path
        voice_path:
          hangup
    """)
    assert codes(site) == [("E315", 12)]


def test_stored_input_and_callback_number_are_voice_only():
    assert supported(A.StoreInput("digits", "x")).channels == {"voice"}
    assert supported(A.SetCallbackNumber(A.AttrPath("$.StoredCustomerInput"))).channels == {"voice"}
    assert supported(A.IfQueue(None, "online", ">", 0, A.Name("x"))) is None  # every channel

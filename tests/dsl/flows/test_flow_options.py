"""Parameter variants of existing statements the corpus exports use: DTMF digits read from a contact attribute
when transferring to a number (transfer-to-phone-number.html: the digits may be set dynamically)."""
from __future__ import annotations

from ccdsl.compiler.flows.compile import compile_flows
from ccdsl.dsl.build import build_site
from ccdsl.dsl.compact import flow_ast as A
from ccdsl.dsl.compact.flow_parser import parse_flow
from ccdsl.dsl.compact.flow_printer import flow_to_text
from ccdsl.dsl.compact_bind import bind_compact
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows import check_flows
from ccdsl.dsl.flows.check import check_flow
from ccdsl.dsl.loader import load_text
from ccdsl.dsl.source import TextOrigin

ORIGIN = TextOrigin("x.ccd", 1, 1, block_indent=0)
HEAD = "ccdsl: 1\nsite: t\nregion: eu-west-2\ninstance: {alias: t1}\nflows:\n  main:\n    channels: [voice]\n    do: |\n"


def compiled(body: str) -> dict:
    text = HEAD + "".join("      " + line + "\n" for line in body.splitlines())
    diags = Diagnostics()
    site, _ = build_site(load_text(text, "site.ccd", diags), "site.ccd", diags)
    bind_compact(site, diags)
    check_flows(site, diags)
    flows = compile_flows(site, diags)
    assert not diags.has_errors, [f"{d.code} {d.message}" for d in diags]
    return flows["main"].content


def test_transfer_digits_from_an_attribute_parse_print_and_lower():
    text = ('transfer to number $.External.number caller id $.SystemEndpoint.Address digits $.External.dtmf '
            'resume\nhangup\n')
    diags = Diagnostics()
    body = parse_flow(text, ORIGIN, diags)
    assert body is not None and not diags.items
    stmt = body.statements[0]
    assert isinstance(stmt, A.TransferToNumber) and isinstance(stmt.digits, A.AttrPath)
    assert flow_to_text(body) == text
    checks = Diagnostics()
    check_flow("f", "CONTACT_FLOW", body, None, checks)
    assert not [d for d in checks if d.code == "E307"]  # only static digits are checked
    content = compiled(text)
    action = next(a for a in content["Actions"] if a["Type"] == "TransferParticipantToThirdParty")
    assert action["Parameters"]["ThirdPartyDTMFDigits"] == "$.External.dtmf"
    assert action["Parameters"]["CallerId"] == {"Number": "$.SystemEndpoint.Address"}


def test_static_digits_are_still_checked():
    body = parse_flow('transfer to number "+442071838750" digits "12x"\nhangup\n', ORIGIN, Diagnostics())
    assert body is not None
    checks = Diagnostics()
    check_flow("f", "CONTACT_FLOW", body, None, checks)
    assert [d.code for d in checks if d.code == "E307"] == ["E307"]


def test_ask_a_bot_named_by_an_attribute():
    """get-customer-input.html: the Lex bot may be set dynamically (an alias ARN in a contact attribute)."""
    text = 'ask $.External.lexBotArn "How can I help?" with ContactId = $.ContactId\n  Yes -> done\ndone:\n  hangup\n'
    body = parse_flow(text, ORIGIN, Diagnostics())
    assert body is not None and isinstance(body.statements[0], A.Ask)
    assert isinstance(body.statements[0].bot, A.AttrPath) and flow_to_text(body) == text
    content = compiled(text)
    action = next(a for a in content["Actions"] if a["Type"] == "ConnectParticipantWithLexBot")
    assert action["Parameters"]["LexV2Bot"] == {"AliasArn": "$.External.lexBotArn"}
    assert content["Metadata"]["ActionMetadata"][action["Identifier"]]["useDynamicLexBotArn"] is True
    checks = Diagnostics()
    check_flow("f", "CONTACT_FLOW", parse_flow('ask $.Atributes.bot "Hi?"\nhangup\n', ORIGIN, Diagnostics()),
               None, checks)
    assert [d.code for d in checks if d.code == "W305"] == ["W305"]  # a misspelt path root

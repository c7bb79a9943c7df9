"""Flow checks on real .ccd text: positions are those of the file, names resolve against the site."""
from __future__ import annotations

import textwrap

from ccdsl.dsl.build import build_site
from ccdsl.dsl.compact import parse_flow
from ccdsl.dsl.compact_bind import bind_compact
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows import check_flows
from ccdsl.dsl.flows.check import check_flow
from ccdsl.dsl.flows.context import FlowContext
from ccdsl.dsl.loader import load_text
from ccdsl.dsl.source import TextOrigin

SITE = """\
ccdsl: 1
site: test
region: eu-west-2
instance: {alias: test-site, language: en_GB}
hours:
  office: Mon-Fri 08:00-20:00 @ Europe/London
queues:
  GeneralAgentQueue: {hours: office}
  AccountQueue: {hours: office}
functions:
  lookup: {source: functions/lookup, runtime: python3.12}
bots:
  banking:
    locales: {en_GB: Ruth}
    intents:
      CheckBalance: [what's my balance]
      TransferToAgent: [agent please]
flows:
  main:
    do: |
      logging on
      if closed office -> closed
      ask banking "How can I help?"
        CheckBalance -> agent
        otherwise -> agent
      agent:
        queue GeneralAgentQueu
        transfer
          at capacity -> closed
      closed:
        say "Goodbye."
        hangup
"""


def check_site(text: str) -> list:
    diags = Diagnostics()
    tree = load_text(text, "site.ccd", diags)
    site, _ = build_site(tree, "site.ccd", diags)
    bind_compact(site, diags)
    assert not diags.has_errors, [f"{d.span} {d.code} {d.message}" for d in diags]
    flow_diags = Diagnostics()
    check_flows(site, flow_diags)
    return [d for d in flow_diags if d.code != "W306"]  # unhandled error branches: tested on their own


def test_one_letter_queue_typo_at_its_line_and_column_with_the_queue_meant():
    (d,) = check_site(SITE)
    assert d.code == "E201"
    assert (d.span.file, d.span.line, d.span.col) == ("site.ccd", 27, 15)
    assert SITE.splitlines()[26][14:].startswith("GeneralAgentQueu")
    assert d.hint == "did you mean 'GeneralAgentQueue'?"


def test_intent_of_that_bot_and_hours():
    text = SITE.replace("GeneralAgentQueu\n", "GeneralAgentQueue\n").replace(
        "CheckBalance -> agent", "CheckBalanc -> agent").replace("closed office", "closed offce")
    found = {d.code: d for d in check_site(text)}
    assert set(found) == {"E204", "E202"}
    assert (found["E204"].span.line, found["E204"].span.col) == (24, 9)
    assert found["E204"].hint == "did you mean 'CheckBalance'?"
    assert (found["E202"].span.line, found["E202"].span.col) == (22, 17)


def test_clean_site_flow():
    assert check_site(SITE.replace("GeneralAgentQueu\n", "GeneralAgentQueue\n")) == []


def parse(body: str):
    diags = Diagnostics()
    tree = parse_flow(textwrap.dedent(body), TextOrigin("f.ccd", 10, 7, block_indent=6), diags)
    assert tree is not None, [d.message for d in diags]
    return tree


def test_parsed_bodies_through_the_checks():
    body = parse("""\
        say "hi"
        goto lobby
        say "never"
        lobby:
          say "waiting"
          goto lobby
        """)
    diags = Diagnostics()
    check_flow("f", "CONTACT_FLOW", body, FlowContext(), diags)
    assert sorted((d.code, d.span.line) for d in diags) == [("E303", 14), ("W301", 12)]
    whisper = parse("""\
        say "Caller from the website"
        end
        """)
    diags = Diagnostics()
    check_flow("w", "AGENT_WHISPER", whisper, FlowContext(), diags)
    assert list(diags) == []
    check_flow("w", "CONTACT_FLOW", whisper, FlowContext(), diags)
    assert [(d.code, d.span.line) for d in diags] == [("E305", 11)]


HOP = """{
  "Version": "2019-10-30",
  "StartAction": "go",
  "Actions": [
    {"Identifier": "go", "Type": "TransferToFlow", "Parameters": {"ContactFlowId": "{{ flow(vars.target) }}"},
     "Transitions": {"NextAction": "bye", "Errors": [{"ErrorType": "NoMatchingError", "NextAction": "bye"}]}},
    {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
  ]
}
"""


def test_template_flows_are_checked_by_validate(tmp_path):
    from ccdsl.dsl.validate import validate_file

    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "hop.json.j2").write_text(HOP, encoding="utf-8")
    site = SITE.replace("GeneralAgentQueu\n", "GeneralAgentQueue\n") + \
        "  hop:\n    template: flows/hop.json.j2\n    vars: {target: mian}\n"
    (tmp_path / "site.ccd").write_text(site, encoding="utf-8")
    (tmp_path / "functions" / "lookup").mkdir(parents=True)
    _, diags = validate_file(tmp_path / "site.ccd")
    found = [(d.code, d.span.file.endswith("hop.json.j2"), d.span.line, d.hint) for d in diags if d.is_error]
    assert found == [("E207", True, 5, "did you mean 'main'?")]
    (tmp_path / "site.ccd").write_text(site.replace("target: mian", "target: main"), encoding="utf-8")
    _, diags = validate_file(tmp_path / "site.ccd")
    assert not diags.has_errors


def test_flows_named_by_numbers_and_quick_connects_have_the_right_type():
    def site(number_flow, qc_flow):
        return SITE.replace("GeneralAgentQueu\n", "GeneralAgentQueue\n") + \
            "  qt: {type: queue_transfer, do: transfer}\n" + \
            f"numbers:\n  main: {{type: DID, country: GB, flow: {number_flow}}}\n" + \
            f"quick_connects:\n  General: {{queue: GeneralAgentQueue, flow: {qc_flow}}}\n"

    text = site("qt", "main")
    lines = text.splitlines()
    number_line = next(i for i, line in enumerate(lines, 1) if "country: GB" in line)
    qc_line = next(i for i, line in enumerate(lines, 1) if "General:" in line)
    found = sorted((d.code, d.span.line, d.span.col) for d in check_site(text))
    assert found == [("E231", number_line, lines[number_line - 1].index("qt}") + 1),
                     ("E231", qc_line, lines[qc_line - 1].index("main}") + 1)]
    assert check_site(site("main", "qt")) == []

"""Reading a compiled site: every action of a ``do:`` flow finds the ``.ccd`` line of its statement."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ccdsl.runtime.conversation.site import load_site, token_name

ROOT = Path(__file__).resolve().parents[3]
SHARED = {"disconnect", "end flow"}


@pytest.mark.parametrize("example", sorted(p.parent.name for p in (ROOT / "examples").glob("*/site.ccd")))
def test_every_action_has_its_statement_line(example: str) -> None:
    site, diags = load_site(ROOT / "examples" / example / "site.ccd")
    assert site is not None, [str(d) for d in diags]
    text = (ROOT / "examples" / example / "site.ccd").read_text().splitlines()
    for flow in site.flows.values():
        for ident, _action in flow.actions.items():
            span = flow.where(ident)
            assert span is not None and span.line > 0, (flow.name, ident)
            if ident in SHARED or ident.endswith((" language", " into")):
                continue
            assert ident in flow.sources, (flow.name, ident)
            # the statement's position is at the statement's keyword
            # identifiers are '<label>-<n> <statement>' and a label may hold spaces ('on error')
            keyword = re.match(r"^.*?-\d+ (\S+)", ident).group(1)
            line = text[span.line - 1][span.col - 1:]
            assert line.startswith({"hours": "if", "compare": "if", "check": "check"}.get(keyword, keyword)), \
                (flow.name, ident, line)


def test_tokens_name_site_resources() -> None:
    assert token_name("${queue.Support.arn}", "queue") == "Support"
    assert token_name("${bot.gateway.alias.arn}", "bot") == "gateway"
    assert token_name("${queue.Support.arn}", "bot") is None
    assert token_name("arn:aws:connect:eu-west-2:1:instance/x/queue/y") is None

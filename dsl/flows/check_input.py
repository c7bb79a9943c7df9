"""Checks of the caller-input, loop, queue-status and routing statements (and the prompt options of ``ask``,
``menu`` and ``transfer to number``), each at the statement it is about.

- E307 a value outside what Connect accepts: ``loop N times`` 0-100 (loop.html), ``store … max`` at least 1,
  ``ending`` up to 5 keys of 0-9 * # (store-customer-input.html), ``set routing priority`` at least 1
  (set-routing-priority.html), ``digits`` up to 50 of 0-9 , * # (transfer-to-phone-number.html);
- E311 an empty prompt; E312 a callback number or caller ID that is not E.164;
- E316 SSML Amazon Polly would not speak (``ssml`` prompts of ``ask``, ``menu`` and ``store``);
- E330 ``distribute`` shares that are not 1-100 % or add up to more than 100 % (distribute-by-percentage.html);
- E331 ``store phone … country XX`` that is not an ISO 3166-1 country code.
"""
from __future__ import annotations

import re

from ..compact import flow_ast as ast
from ..diagnostics import Diagnostics, did_you_mean
from ..model.enums import COUNTRIES
from ..model.patterns import E164
from .cfg import FlowGraph
from .ssml import report_ssml

BAD_SHARES = "E330"
BAD_COUNTRY = "E331"
MAX_LOOP_COUNT = 100
ENDING = re.compile(r"[0-9#*]{1,5}")
DTMF_DIGITS = re.compile(r"[0-9,*#]{0,50}")


def check_input_statements(graph: FlowGraph, diags: Diagnostics) -> None:
    """Every rule of the module docstring, over every statement of a flow body."""
    for node in graph.nodes:
        s = node.stmt
        if isinstance(s, (ast.Ask, ast.Menu, ast.StoreInput)) and s.ssml:
            report_ssml(s, s.prompt, "store" if isinstance(s, ast.StoreInput) else type(s).__name__.lower(), diags)
        if isinstance(s, ast.StoreInput):
            _store(s, diags)
        elif isinstance(s, ast.LoopTimes) and not 0 <= s.count <= MAX_LOOP_COUNT:
            diags.error("E307", f"'loop' runs {s.count} times; Connect allows 0-{MAX_LOOP_COUNT}", s.span,
                        length=len("loop"))
        elif isinstance(s, ast.SetRouting) and s.which == "priority" and s.value < 1:
            diags.error("E307", "routing priority 1 is the highest; it cannot be 0", s.span, length=len("set"))
        elif isinstance(s, ast.SetCallbackNumber) and isinstance(s.number, ast.Str):
            _e164(s.number.value, "callback number", s, diags)
        elif isinstance(s, ast.TransferToNumber):
            if isinstance(s.caller_id, ast.Str):
                _e164(s.caller_id.value, "caller ID", s, diags)
            if isinstance(s.digits, str) and not DTMF_DIGITS.fullmatch(s.digits):
                diags.error("E307", f"digits '{s.digits}': Connect sends up to 50 of 0-9 , * #", s.span,
                            length=len("transfer"))
        elif isinstance(s, ast.Distribute):
            _shares(s, diags)


def _store(s: ast.StoreInput, diags: Diagnostics) -> None:
    if not s.prompt.strip():
        diags.error("E311", "'store' has an empty prompt; Connect needs something to say", s.span, length=len("store"))
    if s.max_digits is not None and s.max_digits < 1:
        diags.error("E307", "'store … max' must be at least 1 digit", s.span, length=len("store"))
    if s.ending is not None and not ENDING.fullmatch(s.ending):
        diags.error("E307", f"ending '{s.ending}' must be 1-5 keys of 0-9, * and #", s.span, length=len("store"))
    if s.country is not None and s.country.value not in COUNTRIES:
        diags.error(BAD_COUNTRY, f"'{s.country.value}' is not an ISO 3166-1 country code", s.country.span,
                    hint=did_you_mean(s.country.value, COUNTRIES) or "two capital letters, e.g. GB, US",
                    length=max(len(s.country.value), 1))


def _e164(number: str, what: str, s: ast.Stmt, diags: Diagnostics) -> None:
    if not re.fullmatch(E164, number):
        diags.error("E312", f"{what} '{number}' is not a phone number in E.164 form", s.span,
                    hint="write it as +<country code><number>, e.g. +442071838750", length=len("set"))


def _shares(s: ast.Distribute, diags: Diagnostics) -> None:
    if not s.shares:
        diags.error(BAD_SHARES, "'distribute' needs at least one share ('30% -> label')", s.span,
                    length=len("distribute"))
        return
    total = 0
    for share in s.shares:
        total += share.percent
        if not 1 <= share.percent <= 100:
            diags.error(BAD_SHARES, f"a share of {share.percent}%: each share is 1-100%", share.span)
        elif total > 100:
            diags.error(BAD_SHARES, f"the shares add up to {total}% here; together they can take at most 100%",
                        share.span, hint="the contacts left over continue after 'distribute' (or go to 'otherwise')")

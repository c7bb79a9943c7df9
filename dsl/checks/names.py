"""Name rules of the entries themselves: patterns and lengths AWS enforces (E110, E111)."""
from __future__ import annotations

import re

from ..diagnostics import Diagnostics
from ..model import Site
from ..model import patterns as p
from ..source import Span

#: section -> (pattern, what it allows)
ENTRY_RULES = {
    "queues": (r"^[A-Za-z0-9][A-Za-z0-9_-]{0,126}$", "letters, digits, '_' and '-', at most 127"),
    "flows": (r"^[A-Za-z0-9][A-Za-z0-9_-]{0,126}$", "letters, digits, '_' and '-', at most 127"),
    "prompts": (r"^[A-Za-z0-9][A-Za-z0-9_-]{0,126}$", "letters, digits, '_' and '-', at most 127"),
    "hours": (r"^[A-Za-z0-9][A-Za-z0-9_-]{0,126}$", "letters, digits, '_' and '-', at most 127"),
    "routing": (r"^[A-Za-z0-9][A-Za-z0-9_-]{0,126}$", "letters, digits, '_' and '-', at most 127"),
    "quick_connects": (r"^[A-Za-z0-9][A-Za-z0-9_-]{0,126}$", "letters, digits, '_' and '-', at most 127"),
    "numbers": (p.IDENT, "letters, digits and '_'"),
    "agents": (p.USERNAME, "letters, digits and _ - . @, at most 64"),
    "bots": (p.BOT_NAME, "letters and digits, single '_' or '-' between them, at most 100"),
    "functions": (p.FUNCTION_NAME, "letters, digits, '_' and '-', at most 64"),
    "keys": (p.IDENT, "letters, digits and '_'"),
    "buckets": (p.IDENT, "letters, digits and '_'"),
    "logs": (p.IDENT, "letters, digits and '_'"),
    "tables": (r"^[a-zA-Z0-9_.-]{1,200}$", "letters, digits, '_', '.' and '-'"),
    "topics": (p.IDENT, "letters, digits and '_'"),
    "apis": (p.IDENT, "letters, digits and '_'"),
    "pipelines": (p.IDENT, "letters, digits and '_'"),
}
LEX_RULE = (p.INTENT_NAME, "letters and digits, single '_' or '-' between them, at most 100")


def _bad(diags: Diagnostics, what: str, name: str, span: Span, rule: str) -> None:
    diags.error("E110", f"{what} name '{name}' is not allowed: {rule}", span, length=max(len(name), 1))


def check_names(site: Site, diags: Diagnostics) -> None:
    for section, (pattern, rule) in ENTRY_RULES.items():
        for name, node in getattr(site, section).items():
            if not re.match(pattern, name):
                _bad(diags, section.rstrip("s").replace("_", " "), name, node.span, rule)
    for name, function in site.functions.items():
        full = f"{site.site}-{name}" if site.site else name
        if len(full) > 64:
            diags.error("E111", f"function name '{full}' (site and name) is longer than Lambda's 64 characters",
                        function.span, length=len(name))
        for var, value in function.env.items():
            if not re.match(p.ENV_VAR, var):
                _bad(diags, "environment variable", var, value.span, "a letter, then letters, digits and '_'")
    for bot in site.bots.values():
        for kind, entries in (("intent", bot.intents), ("slot type", bot.slot_types)):
            for name, node in entries.items():
                if not re.match(LEX_RULE[0], name):
                    _bad(diags, kind, name, node.span, LEX_RULE[1])
        for intent in bot.intents.values():
            for name, slot in intent.slots.items():
                if not re.match(p.SLOT_NAME, name):
                    _bad(diags, "slot", name, slot.span, LEX_RULE[1])
    if site.lake is not None:
        for name, table in site.lake.tables.items():
            if not re.match(p.GLUE_NAME, name):
                _bad(diags, "lake table", name, table.span, "lower-case letters, digits and '_'")

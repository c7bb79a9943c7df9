"""The registry of diagnostic codes: every code with a one-line summary. A published code keeps its meaning.

Ranges: E0xx syntax (E000–E009, E020–E029 YAML; E010–E019 the compact syntaxes, listed by
:mod:`ccdsl.dsl.compact`), E1xx schema, types and values, E2xx references (E231–E239 references from
flow bodies), E3xx flows, E4xx the resource graph, W1xx warnings, E5xx/W5xx ``ccdsl import``.
"""
from __future__ import annotations

CODES = {
    "E000": "the file cannot be read",
    "E001": "YAML syntax error",
    "E002": "the file is not valid UTF-8",
    "E003": "tab in indentation",
    "E004": "duplicate key",
    "E005": "the file is empty",
    "E006": "the top level is not a mapping",
    "E007": "alias to an undefined anchor",
    "E008": "merge key (<<) of something that is not a mapping",
    "E009": "recursive alias",
    "E020": "a key that is a mapping or a list",
    "E021": "unsupported YAML tag",
    "E022": "the file is too large",
    "E023": "too many values (aliases expanded): an alias bomb or generated bulk",
    "E024": "values nested too deeply",
    "E025": "a quoted value that is never closed",
    "E026": "no space after the ':' of a key",
    "E027": "list items and keys mixed in one block",
    "E028": "indentation that does not line up",
    "E101": "unknown key or section",
    "E102": "missing key or section",
    "E103": "wrong type",
    "E104": "value not allowed (enums, countries, retention periods, key attributes)",
    "E105": "value out of range",
    "E106": "value is not in the form the field takes (said in words)",
    "E107": "text too long or too short",
    "E108": "too few or too many items",
    "E109": "invalid value",
    "E110": "name not allowed for this kind of entry",
    "E111": "generated AWS name too long",
    "E112": "region without Amazon Connect (or without Lex V2, for a site with bots)",
    "E113": "phone number prefix outside the number's country",
    "E119": "not an e-mail address",
    "E120": "secret written as a literal",
    "E130": "voice does not speak the locale's language",
    "E131": "unknown Polly voice",
    "E132": "unknown Lex V2 locale",
    "E133": "voice has no such engine",
    "E134": "locale in another language lacks its own text (utterances, prompts, confirmation, closing, fallback)",
    "E135": "text given for a locale the bot does not have",
    "E140": "slot without a type",
    "E141": "slot given two different types",
    "E142": "required slot without a prompt",
    "E150": "desk phone without a number",
    "E151": "quick connect needs exactly one of queue, user, number",
    "E152": "quick connect to a queue or user without a flow",
    "E153": "flow needs exactly one of do or template",
    "E155": "provisioned concurrency without an alias",
    "E156": "routing profile routes no channel",
    "E157": "route given twice in one API",
    "E158": "stream or lake table declared twice",
    "E159": "hours override ends before it starts",
    "E160": "hours override needs exactly one of closed or open",
    "E161": "hierarchy group in a cycle or deeper than the hierarchy's levels",
    "E162": "queue routed on a channel its routing profile does not handle",
    "E163": "composite alarm named like an alarm, or depending on itself",
    "E164": "function's provisioned concurrency above its reserved concurrency",
    "E165": "intent calls code hooks but its bot has no hook function",
    "E166": "phone number with both a number to claim and a prefix",
    "E167": "task field options on a field that is not single_select, or a single_select field without options",
    "E168": "task field default that is not one of its options",
    "E169": "task template without a field of type name",
    "E170": "manual-assignment queue on a routing profile that does not handle tasks",
    "E201": "unknown queue",
    "E202": "unknown hours of operation",
    "E203": "unknown bot",
    "E204": "unknown intent",
    "E205": "unknown slot type",
    "E206": "unknown function",
    "E207": "unknown flow",
    "E208": "unknown number",
    "E209": "unknown KMS key",
    "E210": "unknown bucket",
    "E211": "unknown log group",
    "E212": "unknown topic",
    "E213": "unknown table",
    "E214": "unknown routing profile",
    "E215": "unknown lake table",
    "E216": "unknown quick connect",
    "E217": "unknown agent",
    "E218": "unknown security profile",
    "E219": "unknown slot",
    "E220": "unknown stream",
    "E221": "unknown API",
    "E223": "function source folder not found",
    "E224": "file not found",
    "E225": "path leaves the site folder (absolute, `..` or a symlink out)",
    "E226": "pipeline writes to the lake but no lake is declared",
    "E227": "unknown hierarchy group",
    "E228": "unknown predefined attribute or attribute value",
    "E229": "unknown alarm (in a composite alarm's rule)",
    "E230": "unknown prompt",
    "E240": "unknown view (show view names neither an AWS managed view nor one of `views`)",
    "E241": "a view branch on an action the view does not have",
    "E242": "task template's flow is not a contact flow",
    "E329": "flow template rendering exceeded its time or output budget",
    "E401": "dependency cycle in the resource graph",
    "E402": "reference to a resource the site does not define",
    "E403": "two resources with the same address",
    "E404": "reference to an output the resource does not have",
    "E405": "IAM policy over AWS's size quota",
    "E501": "file to import is not a Connect flow document",
    "E502": "ARN map is not a mapping of ARN to name",
    "W501": "imported flow kept as a template (an action or branch no statement expresses)",
    "W502": "imported flow has actions its start never reaches (left out of its body)",
    "W503": "name an imported flow refers to (declare it in the site, or map its ARN)",
    "W001": "YAML anchor defined twice",
    "W101": "utterance shared by two intents",
    "W110": "queue that no routing profile serves",
    "W104": "agent password ignored for this identity",
    "W105": "flow vars without a template",
    "W120": "API route open to the internet (auth: none)",
}


def all_codes() -> dict[str, str]:
    """This registry merged with those of the compact syntaxes and flow checks that publish one."""
    import importlib

    codes = dict(CODES)
    for module, name in (("ccdsl.dsl.compact", "CODES"), ("ccdsl.dsl.flows", "CODES")):
        try:
            codes.update(getattr(importlib.import_module(module), name, {}) or {})
        except ImportError:
            pass
    return dict(sorted(codes.items()))


def summary(code: str) -> str:
    return CODES.get(code) or all_codes().get(code, code)

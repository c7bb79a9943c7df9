"""The ``functions:`` section of an imported instance: each Lambda function its flows invoke or its bots call as
a code hook, written as an existing function named by its ARN (``NAME: {arn: …}``; nothing of its code is read).

A function's name in the site is its Lambda name without the ``<site>-`` prefix ccdsl gives it; one name per ARN
(a function invoked through two qualifiers gets two). The instance's Lambda associations
(``ListLambdaFunctions``, https://docs.aws.amazon.com/connect/latest/APIReference/API_ListLambdaFunctions.html)
are listed in ``found`` so :mod:`.adopt` records the association of each invoked function.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from ccdsl.compiler import addresses as A
from ccdsl.compiler.importer.names import sanitize

from .site_read import pages
from .site_write import SiteText, write_entry

_FUNCTION = ":function:"
_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_LAMBDA_ARN = re.compile(r"^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$")


def _strings(documents: Iterable[Any]) -> list[str]:
    """Every string value of the flow documents, in document order."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            found.append(value)

    for document in documents:
        walk(document.doc)
    return found


def invoked_arns(documents: Iterable[Any]) -> list[str]:
    """The Lambda function ARNs the flow documents name (InvokeLambdaFunction's parameter), in order of use."""
    return list(dict.fromkeys(s for s in _strings(documents) if _LAMBDA_ARN.match(s)))


def played_prompts(documents: Iterable[Any]) -> set[str]:
    """The prompt ARNs the flow documents name (a played prompt's PromptId; an id alone is matched too)."""
    return {s for s in _strings(documents) if ("/prompt/" in s and s.startswith("arn:")) or _ID.match(s)}


def read_associated(client: Callable[[str], Any], instance_id: str) -> set[str]:
    """The ARNs of the Lambda functions associated with the instance."""
    connect = client("connect")
    return {str(arn) for arn in pages(connect.list_lambda_functions, "LambdaFunctions", InstanceId=instance_id)}


def hook_arns(bots: Iterable[dict[str, Any]]) -> list[str]:
    """The code-hook function of each bot read by :mod:`.bots_read` (the first of its alias's locales)."""
    found: list[str] = []
    for read in bots:
        settings = (read.get("alias") or {}).get("botAliasLocaleSettings") or {}
        hooks = sorted(str(t) for s in settings.values()
                       if (t := ((s.get("codeHookSpecification") or {}).get("lambdaCodeHook") or {}).get("lambdaARN")))
        if hooks:
            found.append(hooks[0])
    return found


def write_functions(out: SiteText, arns: Iterable[str], associated: set[str], site: str) -> None:
    """Append ``functions:`` for ``arns`` (Lambda ARNs, in first-use order) to ``out``; name each in ``out.names``."""
    unique = list(dict.fromkeys(a for a in arns if _FUNCTION in a))
    if not unique:
        return
    out.lines += ["", "functions:"]
    taken: set[str] = set()
    for arn in unique:
        physical = arn.split(_FUNCTION, 1)[1].split(":", 1)[0]
        short = physical[len(site) + 1:] if site and physical.startswith(f"{site}-") else physical
        base = sanitize(short, "function")
        name, n = base, 2
        while name in taken:
            name, n = f"{base}_{n}", n + 1
        taken.add(name)
        out.names[arn] = name
        out.declared.add(arn)
        write_entry(out, arn, name, [("arn", arn)])
        if arn in associated:
            out.found[A.lambda_association_addr(name)] = {"id": arn}

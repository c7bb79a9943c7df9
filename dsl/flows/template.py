"""Template flows: a flow written as a Jinja2 template of Connect flow JSON (``template: flows/x.json.j2``).

The template renders in a sandbox with strict undefined variables. It sees ``vars`` (the flow's
``vars:``), ``flow_name`` (its own name), a ``json`` filter and helpers that return apply-time
tokens for the site's resources: ``queue('GeneralAgentQueue')`` → ``${queue.GeneralAgentQueue.arn}``
with the compiler's tokens (:mod:`ccdsl.compiler.flows.template`), ``bot('banking')``,
``flow('main')``, ``function('banking')``, ``hours('office')`` (each takes an optional output name,
``queue('X', 'id')``). A helper naming something the site does not have is an error at that
template line, with "did you mean".

The output must be JSON and pass the same validator as compiled flows. Every problem becomes a
diagnostic at the template's file and line: E320 template syntax, E321 rendering (undefined
variable, sandbox violation …), E322 output is not JSON, E323 output is not a valid flow; unknown
names use the site's reference codes (E201 queue, E202 hours, E203 bot, E206 function, E207 flow).
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from ..diagnostics import Diagnostics, did_you_mean
from ..source import Span
from ..template_budget import BudgetExceeded, bounded_environment, render_bounded
from .context import FlowContext
from .references import KINDS
from .validate_json import validate_flow_json

#: ``token(kind, name, attr)``: the text a helper returns
TokenFn = Callable[[str, str, str], str]


def placeholder_token(kind: str, name: str, attr: str = "arn") -> str:
    """A token of the right shape for checking a template (the compiler passes the real scheme)."""
    return "${%s.%s.%s}" % (kind, name, attr)


class _UnknownName(Exception):
    def __init__(self, kind: str, name: str, hint: str | None):
        super().__init__(f"unknown {kind} '{name}'")
        self.kind, self.name, self.hint = kind, name, hint


def _template_line(exc: BaseException, filename: str) -> int:
    """The template line an exception was raised at (Jinja2 maps its frames to template lines)."""
    line, tb = 1, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return getattr(exc, "lineno", None) or line


def _helpers(context: FlowContext | None, tokens: TokenFn) -> dict[str, Any]:
    known = None if context is None else {
        "queue": context.queues, "bot": context.bots, "flow": context.flows,
        "function": context.functions, "hours": context.hours}

    def helper(kind: str) -> Callable[..., str]:
        def resolve(name: str, attr: str = "arn") -> str:
            name = str(name)
            if known is not None and name not in known[kind]:
                raise _UnknownName(kind, name, did_you_mean(name, sorted(known[kind])))
            return tokens(kind, name, attr)
        resolve.__name__ = kind
        return resolve

    return {kind: helper(kind) for kind in ("queue", "bot", "flow", "function", "hours")}


def _problem_line(path: str, doc: Any, source: str) -> int:
    """The template line of the action a validator problem is about (its Identifier's line)."""
    match = re.match(r"Actions\[(\d+)\]", path)
    actions = doc.get("Actions") if isinstance(doc, dict) else None
    if not match or not isinstance(actions, list) or int(match.group(1)) >= len(actions):
        return 1
    ident = actions[int(match.group(1))].get("Identifier") if isinstance(actions[int(match.group(1))], dict) else None
    needle = json.dumps(ident) if isinstance(ident, str) else None
    lines = list(enumerate(source.splitlines(), 1))
    for number, line in [(n, t) for n, t in lines if "Identifier" in t] + lines:
        if needle and needle in line:
            return number
    return 1


def render_flow_template(source: str, *, name: str, flow_type: str, template_file: str,
                         diags: Diagnostics, context: FlowContext | None = None,
                         variables: Mapping[str, Any] | None = None,
                         tokens: TokenFn = placeholder_token) -> dict | None:
    """Render, parse and validate one template flow; None (with diagnostics) when it fails."""
    import jinja2  # only sites with template flows pay for it

    env = bounded_environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
    env.filters["json"] = lambda value: json.dumps(value, ensure_ascii=False)
    at = lambda line: Span(template_file, max(int(line), 1), 1)  # noqa: E731
    try:
        template = env.from_string(source)
        template.filename = template_file
    except jinja2.TemplateSyntaxError as exc:
        diags.error("E320", f"template syntax error: {exc.message}", at(exc.lineno or 1))
        return None
    frame_name = template_file  # Jinja2 reports template frames under the template's filename
    try:
        text = render_bounded(template, vars=dict(variables or {}), flow_name=name, **_helpers(context, tokens))
    except BudgetExceeded as exc:
        diags.error("E329", f"template rendering stopped: {exc}", at(_template_line(exc, frame_name)),
                    hint="flow templates must render quickly into one flow; see docs/limits.md")
        return None
    except _UnknownName as exc:
        diags.error(KINDS[exc.kind], str(exc), at(_template_line(exc, frame_name)), hint=exc.hint)
        return None
    except jinja2.TemplateError as exc:
        diags.error("E321", f"template error: {exc}", at(_template_line(exc, frame_name)))
        return None
    except Exception as exc:  # anything a template expression raises is the template's problem
        diags.error("E321", f"template error: {type(exc).__name__}: {exc}", at(_template_line(exc, frame_name)))
        return None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        diags.error("E322", f"template output is not JSON: {exc.msg} (output line {exc.lineno}, column {exc.colno})",
                    at(1))
        return None
    problems = validate_flow_json(doc, flow_type)
    for problem in problems:
        diags.error("E323", f"template output is not a valid {flow_type.lower()} flow: {problem}",
                    at(_problem_line(problem.path, doc, source)))
    return None if problems else doc


def load_flow_template(path: str, **kwargs: Any) -> dict | None:
    """:func:`render_flow_template` for a template file (unreadable files are an E321 diagnostic)."""
    diags: Diagnostics = kwargs["diags"]
    try:
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        diags.error("E321", f"cannot read flow template: {exc}", Span(path, 1, 1))
        return None
    return render_flow_template(source, template_file=path, **kwargs)

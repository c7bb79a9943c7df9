"""The flow builder's own dispatch to its rule callbacks gives what lark's generic dispatch gives: the same
syntax trees and the same diagnostics, in the same order, for every flow body of the examples and of the
invalid-input corpus."""
from __future__ import annotations

from pathlib import Path

from lark import Transformer
from lark.exceptions import LarkError

from ccdsl.dsl.compact.flow_indenter import FlowIndenter
from ccdsl.dsl.compact.flow_parser import _Tx
from ccdsl.dsl.compact.lark_support import parser
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.model import Compact
from ccdsl.dsl.source import TextOrigin
from ccdsl.dsl.validate import validate_file

ROOT = Path(__file__).resolve().parents[3]
FILES = sorted((ROOT / "examples").glob("*/site.ccd")) + sorted((ROOT / "tests" / "dsl" / "invalid").glob("*.ccd"))


class _Generic(_Tx):
    _call_userfunc = Transformer._call_userfunc  # lark's own dispatch


def _bodies() -> list[str]:
    texts = []
    for path in FILES:
        site, _ = validate_file(path)
        if site is not None:
            texts += [node.text for node in site.walk() if isinstance(node, Compact) and node.syntax == "flow"]
    return texts


def _outcome(cls: type[_Tx], tree, origin: TextOrigin):
    diags = Diagnostics()
    try:
        result = cls(origin, diags).transform(tree)
    except Exception as err:  # noqa: BLE001 - what was raised must agree too
        result = (type(err).__name__, str(err))
    return result, [(d.code, d.message, d.span, d.hint) for d in diags]


def test_the_flow_builder_dispatches_as_lark_does():
    lark = parser("flow", ("start",), FlowIndenter)
    origin = TextOrigin("site.ccd", 12, 7)
    texts = _bodies()
    assert len(texts) > 40
    compared = 0
    for text in texts:
        try:
            tree = lark.parse(text if text.endswith("\n") else text + "\n")
        except LarkError:
            continue
        assert _outcome(_Tx, tree, origin) == _outcome(_Generic, tree, origin)
        compared += 1
    assert compared > 40


def test_helpers_made_plain_are_no_rules():
    """A method unwrapped from ``v_args`` must never be a rule callback (lark would call it with the wrong
    arguments); every method that is a rule stays wrapped."""
    from ccdsl.dsl.compact.flow_parser import HELPERS

    lark = parser("flow", ("start",), FlowIndenter)
    rules = {rule.alias or rule.options.template_source or rule.origin.name for rule in lark.rules}
    rules = {str(getattr(name, "name", name)) for name in rules}
    assert {"start", "say", "returning"} <= rules
    for cls, names in HELPERS.items():
        for name in names:
            assert name not in rules
            assert not hasattr(cls.__dict__[name], "visit_wrapper")
    for name in rules:
        value = getattr(_Tx, name, None)
        assert value is None or hasattr(value, "visit_wrapper"), name

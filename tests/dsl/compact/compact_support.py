"""Helpers shared by the compact-syntax tests."""
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.source import TextOrigin

#: A string that sits on line 7 of site.ccd, its content starting at column 12 (after a quote).
ORIGIN = TextOrigin("site.ccd", 7, 12)


class Parsed:
    def __init__(self, fn, text, origin=ORIGIN):
        self.diags = Diagnostics()
        self.ast = fn(text, origin, self.diags)

    @property
    def codes(self):
        return [d.code for d in self.diags]

    @property
    def first(self):
        return self.diags.items[0]

    def at(self):
        d = self.first
        return d.code, d.span.line, d.span.col


def ok(fn, text, origin=ORIGIN):
    """Parse, asserting no diagnostics; the tree."""
    p = Parsed(fn, text, origin)
    assert not p.diags.items, [(d.code, d.message) for d in p.diags]
    assert p.ast is not None
    return p.ast


def bad(fn, text, origin=ORIGIN):
    """Parse, asserting failure; the Parsed (first diagnostic via .first / .at())."""
    p = Parsed(fn, text, origin)
    assert p.ast is None
    assert p.diags.has_errors
    return p

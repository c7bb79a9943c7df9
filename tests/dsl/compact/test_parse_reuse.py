"""A short text parsed again (sites repeat durations and utterances) reuses lark's tree, and its syntax tree
and diagnostics still carry the positions of each place it is written."""
from __future__ import annotations

from ccdsl.dsl.compact import parse_duration, parse_utterance
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.source import TextOrigin


def test_the_same_text_at_two_places_has_the_spans_of_each():
    first, second = TextOrigin("site.ccd", 3, 7), TextOrigin("site.ccd", 40, 12)
    a = parse_duration("14d", first, Diagnostics())
    b = parse_duration("14d", second, Diagnostics())
    assert a is not None and b is not None and a.seconds == b.seconds == 14 * 86400
    assert (a.span.line, a.span.col) == (3, 7) and (b.span.line, b.span.col) == (40, 12)
    u1 = parse_utterance("book a {Date}", first, Diagnostics())
    u2 = parse_utterance("book a {Date}", second, Diagnostics())
    assert u1 is not None and u2 is not None
    assert (u1.span.line, u1.span.col) == (3, 7) and (u2.span.line, u2.span.col) == (40, 12)


def test_a_bad_text_reports_at_every_place_it_is_written():
    spans = []
    for origin in (TextOrigin("site.ccd", 5, 9), TextOrigin("site.ccd", 8, 2), TextOrigin("site.ccd", 5, 9)):
        diags = Diagnostics()
        assert parse_duration("10x", origin, diags) is None
        (found,) = [d for d in diags if d.is_error]
        assert found.code == "E014"
        spans.append((found.span.line, found.span.col))
    assert spans == [(5, 11), (8, 4), (5, 11)]  # at the unit, after the number

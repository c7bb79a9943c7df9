"""Durations, rates, hours, utterances and ${…} references: values, canonical text, error positions."""
import pytest
from compact_support import bad, ok

from ccdsl.dsl.compact import (
    SecretRef,
    Slot,
    Text,
    duration_to_text,
    hours_to_text,
    interpolations_to_text,
    parse_duration,
    parse_hours,
    parse_interpolations,
    parse_rate,
    parse_utterance,
    rate_to_text,
    utterance_to_text,
)
from ccdsl.dsl.source import TextOrigin


@pytest.mark.parametrize("text,seconds", [("30s", 30), ("5m", 300), ("168h", 604800), ("7d", 604800), ("900s", 900)])
def test_durations(text, seconds):
    assert ok(parse_duration, text).seconds == seconds


def test_duration_canonical_text_uses_the_largest_unit():
    assert duration_to_text(ok(parse_duration, "900s")) == "15m"
    assert duration_to_text(ok(parse_duration, "90s")) == "90s"
    assert duration_to_text(ok(parse_duration, "168h")) == "7d"


def test_duration_unknown_unit_points_at_the_unit():
    p = bad(parse_duration, "30x")
    assert p.at() == ("E014", 7, 14)
    assert "unit" in p.first.message


def test_duration_without_unit():
    assert bad(parse_duration, "30").first.code == "E014"


def test_duration_garbage_is_unexpected_character():
    p = bad(parse_duration, "3 0s")
    assert p.at() == ("E011", 7, 14)


def test_rate():
    r = ok(parse_rate, "2000 per 5m")
    assert (r.count, r.window) == (2000, 300)
    assert rate_to_text(r) == "2000 per 5m"


def test_rate_missing_window_is_end_of_text():
    p = bad(parse_rate, "2000 per")
    assert p.at() == ("E012", 7, 20)
    assert "duration" in p.first.message


def test_rate_misspelt_per_expects_per():
    p = bad(parse_rate, "2000 pr 5m")
    assert p.at() == ("E010", 7, 17)
    assert "'per'" in p.first.message


# ------------------------------------------------------------------------------------------ hours


def test_hours_always():
    h = ok(parse_hours, "24/7")
    assert h.always and h.tz is None
    assert h.per_day()["Sun"] == [(0, 1440)]


def test_hours_office():
    h = ok(parse_hours, "Mon-Fri 08:00-20:00, Sat 09:00-17:00 @ Europe/London")
    days = h.per_day()
    assert days["Mon"] == days["Fri"] == [(480, 1200)]
    assert days["Sat"] == [(540, 1020)]
    assert days["Sun"] == []
    assert h.tz.value == "Europe/London"
    assert (h.tz.span.line, h.tz.span.col) == (7, 12 + 39)


def test_hours_day_lists_and_canonical_text():
    h = ok(parse_hours, "Sat Sun 10:00-16:00, Mon Tue Wed Fri 9:00-17:00")
    assert h.per_day()["Sun"] == [(600, 960)]
    assert h.per_day()["Thu"] == []
    assert hours_to_text(h) == "Sat-Sun 10:00-16:00, Mon-Wed Fri 09:00-17:00"


def test_hours_days_in_any_case():
    assert hours_to_text(ok(parse_hours, "mon-FRI 09:00-17:00")) == "Mon-Fri 09:00-17:00"


def test_hours_several_ranges_a_day():
    h = ok(parse_hours, "Mon 09:00-12:00, Mon 13:00-17:00")
    assert h.per_day()["Mon"] == [(540, 720), (780, 1020)]


def test_hours_time_out_of_range():
    assert bad(parse_hours, "Mon 09:00-24:30").at() == ("E014", 7, 22)
    assert bad(parse_hours, "Mon 09:60-12:00").at() == ("E014", 7, 16)


def test_hours_start_after_end():
    assert bad(parse_hours, "Mon 18:00-09:00").at() == ("E019", 7, 16)


def test_hours_backwards_day_range():
    p = bad(parse_hours, "Fri-Mon 09:00-17:00")
    assert p.at() == ("E019", 7, 12)


def test_hours_overlap_reported_at_the_later_entry():
    p = bad(parse_hours, "Mon-Fri 09:00-17:00, Fri 16:00-18:00")
    assert p.at() == ("E019", 7, 33)
    assert "Fri" in p.first.message


def test_hours_unknown_time_zone_with_did_you_mean():
    p = bad(parse_hours, "Mon 09:00-17:00 @ Europe/Lodnon")
    assert p.at() == ("E015", 7, 30)
    assert p.first.hint == "did you mean 'Europe/London'?"


def test_hours_misspelt_day():
    p = bad(parse_hours, "Mon-Fir 09:00-17:00")
    assert p.first.code in ("E010", "E011")
    assert (p.first.span.line, p.first.span.col) == (7, 16)
    assert p.first.hint == "did you mean 'Fri'?"


# ------------------------------------------------------------------------------------- utterances


def test_utterance_parts():
    u = ok(parse_utterance, "transfer {amount:AMAZON.Number} pounds to {account:AccountType}")
    assert u.parts == (
        Text("transfer "), Slot(name=_n("amount"), type=_n("AMAZON.Number")), Text(" pounds to "),
        Slot(name=_n("account"), type=_n("AccountType")),
    )
    slot = u.slots[1]
    assert (slot.type.span.line, slot.type.span.col) == (7, 12 + 51)
    assert utterance_to_text(u) == "transfer {amount:AMAZON.Number} pounds to {account:AccountType}"


def test_utterance_untyped_slot():
    u = ok(parse_utterance, "tell me about {topic}")
    assert u.slots[0].type is None and u.slots[0].name.value == "topic"


@pytest.mark.parametrize("text,col", [("a {b", 16), ("a } b", 14), ("{1x}", 13), ("{a:}", 15)])
def test_utterance_errors(text, col):
    p = bad(parse_utterance, text)
    assert (p.first.span.line, p.first.span.col) == (7, col)
    assert p.first.code in ("E010", "E011", "E012")


# --------------------------------------------------------------------------------- interpolations


def test_reference_and_secret():
    i = ok(parse_interpolations, "x ${table.conversation_history.name} ${env:ACME_OPS_EMAIL:-ops@acme.example}")
    ref, secret = i.references[0], i.secrets[0]
    assert (ref.kind, ref.name.value, ref.attr) == ("table", "conversation_history", "name")
    assert (ref.name.span.line, ref.name.span.col) == (7, 12 + 10)
    assert secret == SecretRef("env", "ACME_OPS_EMAIL", "ops@acme.example")
    assert interpolations_to_text(i) == "x ${table.conversation_history.name} ${env:ACME_OPS_EMAIL:-ops@acme.example}"


def test_ssm_and_plain_text():
    assert ok(parse_interpolations, "${ssm:/acme/db/password}").secrets[0] == SecretRef("ssm", "/acme/db/password")
    plain = ok(parse_interpolations, "costs $5")
    assert plain.is_literal and plain.parts == (Text("costs $5"),)


def test_unknown_kind_did_you_mean():
    p = bad(parse_interpolations, "${tabel.x.name}")
    assert p.at() == ("E016", 7, 14)
    assert p.first.hint == "did you mean 'table'?"


def test_unknown_secret_source():
    assert bad(parse_interpolations, "${vault:x}").at() == ("E016", 7, 14)


@pytest.mark.parametrize("text,code,col", [("${table.x}", "E011", 21), ("abc ${", "E012", 18), ("${env:1}", "E011", 18)])
def test_malformed_references(text, code, col):
    assert bad(parse_interpolations, text).at() == (code, 7, col)


def test_positions_in_a_block_scalar():
    origin = TextOrigin("site.ccd", 20, 1, block_indent=6)
    p = bad(parse_interpolations, "first line\nsecond ${tabel.x.y}", origin)
    assert p.at() == ("E016", 21, 6 + 1 + 9)


def test_positions_on_a_continuation_line_of_a_quoted_scalar():
    origin = TextOrigin("site.ccd", 4, 15)
    p = bad(parse_hours, "Mon 09:00-17:00,\nTue 09:00-25:00", origin)
    assert p.at() == ("E014", 5, 11)


def _n(value):
    from ccdsl.dsl.compact import Name

    return Name(value)


def test_to_text_dispatches_on_the_tree():
    from ccdsl.dsl.compact import parse_flow, parse_pipeline, to_text

    assert to_text(ok(parse_duration, "900s")) == "15m"
    assert to_text(ok(parse_flow, "transfer")) == "transfer\n"
    assert to_text(ok(parse_pipeline, "connect_events -> firehose")) == "connect_events -> firehose"
    with pytest.raises(TypeError):
        to_text("24/7")

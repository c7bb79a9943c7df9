"""Hours of operation: ``24/7`` or ``Mon-Fri 08:00-20:00, Sat 09:00-17:00 @ Europe/London``.

Grammar ``hours.lark``. Times are minutes since midnight (``08:00`` -> 480, ``24:00`` -> 1440).
Checks: times in range (E014), start before end and day ranges in week order (E019), no two
entries covering the same time of the same day (E019), the time zone exists (E015, did-you-mean).
"""
from __future__ import annotations

import functools
import zoneinfo
from dataclasses import dataclass

from ..diagnostics import Diagnostics, did_you_mean
from ..source import Span, TextOrigin
from .lark_support import Node, meta_span, run, token_span
from .nodes import Name, span_field

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True, slots=True)
class HoursEntry:
    """One comma-separated entry: its days (week order, each once) and START-END in minutes."""

    days: tuple[str, ...]
    start: int
    end: int
    span: Span = span_field()


@dataclass(frozen=True, slots=True)
class Hours:
    always: bool
    entries: tuple[HoursEntry, ...] = ()
    tz: Name | None = None
    span: Span = span_field()

    def per_day(self) -> dict[str, list[tuple[int, int]]]:
        """Every day of the week (Mon … Sun) with its sorted (start, end) minute ranges."""
        if self.always:
            return {day: [(0, 1440)] for day in DAYS}
        out: dict[str, list[tuple[int, int]]] = {day: [] for day in DAYS}
        for entry in self.entries:
            for day in entry.days:
                out[day].append((entry.start, entry.end))
        return {day: sorted(ranges) for day, ranges in out.items()}


@functools.cache
def _all_zones() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


#: abbreviations that zoneinfo accepts as fixed offsets (EST is always UTC-5, with no summer time) but that a
#: contact-centre engineer means as a region's local time; each maps to the IANA name to write instead
ABBREVIATIONS = {
    "EST": "America/New_York", "EDT": "America/New_York", "EST5EDT": "America/New_York",
    "CST": "America/Chicago", "CDT": "America/Chicago", "CST6CDT": "America/Chicago",
    "MST": "America/Denver", "MDT": "America/Denver", "MST7MDT": "America/Denver",
    "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles", "PST8PDT": "America/Los_Angeles",
    "HST": "Pacific/Honolulu", "BST": "Europe/London", "GMT": "Europe/London", "CET": "Europe/Paris",
    "CEST": "Europe/Paris", "EET": "Europe/Athens", "MET": "Europe/Paris", "WET": "Europe/Lisbon",
    "IST": "Asia/Kolkata", "AEST": "Australia/Sydney", "JST": "Asia/Tokyo",
}


def zone_exists(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except Exception:  # ZoneInfoNotFoundError, ValueError for malformed keys, OSError
        return False
    return True


def parse_hours(text: str, origin: TextOrigin, diags: Diagnostics) -> Hours | None:
    def zone(tree: Node) -> Name | None:
        if tree is None:
            return None
        tok = tree.children[0]
        name = Name(str(tok), token_span(origin, tok))
        if name.value.upper() in ABBREVIATIONS:
            diags.error("E015", f"'{name.value}' is a time-zone abbreviation, not a place: it has no summer time "
                        "and Connect would open at the wrong hour half the year", name.span,
                        hint=f"write the IANA name, such as {ABBREVIATIONS[name.value.upper()]}",
                        length=len(name.value))
        elif not zone_exists(name.value):
            diags.error("E015", f"unknown time zone '{name.value}'", name.span,
                        hint=did_you_mean(name.value, _all_zones()) or "use an IANA name such as Europe/London",
                        length=len(name.value))
        return name

    def minutes(tok: Node) -> int | None:
        hh, mm = (int(x) for x in str(tok).split(":"))
        if mm >= 60 or hh > 24 or (hh == 24 and mm):
            diags.error("E014", f"time '{tok}' is out of range (00:00 to 24:00)", token_span(origin, tok),
                        length=len(tok))
            return None
        return hh * 60 + mm

    def entry(tree: Node) -> HoursEntry | None:
        *specs, t1, t2 = tree.children
        days: list[str] = []
        ok = True
        for spec in specs:
            first, last = spec.children
            i = DAYS.index(str(first).capitalize())
            j = i if last is None else DAYS.index(str(last).capitalize())
            if j < i:
                diags.error("E019", f"day range '{first}-{last}' runs backwards; days go Mon to Sun",
                            meta_span(origin, spec),
                            hint=f"split it: '{_days_text(DAYS[i:])} …, {_days_text(DAYS[: j + 1])} …'")
                ok = False
                continue
            for day in DAYS[i : j + 1]:
                if day in days:
                    diags.error("E019", f"{day} is listed twice in this entry", meta_span(origin, spec))
                    ok = False
                days.append(day)
        start, end = minutes(t1), minutes(t2)
        if start is None or end is None or not ok:
            return None
        if start >= end:
            diags.error("E019", f"'{t1}-{t2}': the start must be before the end; split an overnight shift "
                        "into two entries (e.g. 'Fri 22:00-24:00, Sat 00:00-06:00')", token_span(origin, t1))
            return None
        return HoursEntry(tuple(d for d in DAYS if d in days), start, end, meta_span(origin, tree))

    def build(tree: Node) -> Hours | None:
        node = tree.children[0]
        if node.data == "always":
            return Hours(True, (), zone(node.children[0]), origin.span)
        *items, ztree = node.children
        entries = [entry(t) for t in items]
        tz = zone(ztree)
        good = [e for e in entries if e is not None]
        seen: dict[str, list[HoursEntry]] = {}
        for e in good:
            for day in e.days:
                for other in seen.get(day, []):
                    if e.start < other.end and other.start < e.end:
                        diags.error("E019", f"{day} {_hm(e.start)}-{_hm(e.end)} overlaps "
                                    f"{day} {_hm(other.start)}-{_hm(other.end)} of an earlier entry", e.span)
                        break
                seen.setdefault(day, []).append(e)
        if len(good) != len(entries):
            return None
        return Hours(False, tuple(good), tz, origin.span)

    return run("hours", text, origin, diags, build, "hours")


def _hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _days_text(days: tuple[str, ...]) -> str:
    """Week-ordered days as ranges: (Mon, Tue, Wed, Sat) -> 'Mon-Wed Sat'."""
    idx = sorted(DAYS.index(d) for d in days)
    parts, i = [], 0
    while i < len(idx):
        j = i
        while j + 1 < len(idx) and idx[j + 1] == idx[j] + 1:
            j += 1
        parts.append(DAYS[idx[i]] if i == j else f"{DAYS[idx[i]]}-{DAYS[idx[j]]}")
        i = j + 1
    return " ".join(parts)


def hours_to_text(ast: Hours) -> str:
    zone = f" @ {ast.tz.value}" if ast.tz else ""
    if ast.always:
        return "24/7" + zone
    body = ", ".join(f"{_days_text(e.days)} {_hm(e.start)}-{_hm(e.end)}" for e in ast.entries)
    return body + zone

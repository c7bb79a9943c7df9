"""Without colour, a plan line rich would print unchanged is written as its text: the same bytes as rich's."""
from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from ccdsl.commands._planview import print_plan
from ccdsl.runtime.plan import Change, Plan

# names as sites make them, and what rich measures, strips or expands: wide and accented letters, the plans'
# own marks, control characters and tabs
NAME = st.text(st.sampled_from(list("abcz09._-") + ["é", "中", "≈", "…", "◆", "\x07", "\t", " "]), min_size=1,
               max_size=70)
ACTIONS = ["create", "update", "replace", "delete"]


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    changes: dict[str, Change] = {}
    for address in draw(st.lists(NAME, min_size=1, max_size=12, unique=True)):
        action = draw(st.sampled_from(ACTIONS))
        changes[address] = Change(
            address=address, action=action, phase=draw(st.integers(1, 3)),
            type=draw(st.sampled_from(["aws_sns_topic", "aws_connect_phone_number",
                                       "aws_connect_routing_profile_queue_association_with_a_long_name"])),
            estimate_s=draw(st.sampled_from([0.5, 2.0, 75.0, 7300.0])),
            reasons=draw(st.lists(NAME, max_size=2)))
    path = draw(st.lists(st.sampled_from(sorted(changes)), unique=True, max_size=4))
    starts = {a: draw(st.sampled_from([0.0, 3.0, 95.0])) for a in changes}
    return Plan(site="s", region="eu-west-2", destroy=False, changes=changes, critical_path=path,
                critical_length_s=draw(st.sampled_from([0.0, 12.0, 4000.0])), earliest_start_s=starts)


def printed(plan: Plan, width: int, record: bool, **kw: bool) -> str:
    out = io.StringIO()  # a recording console prints every line through rich
    print_plan(plan, "sim", console=Console(file=out, width=width, highlight=False, soft_wrap=False, record=record),
               **kw)
    return out.getvalue()


@settings(max_examples=200, deadline=None)
@given(plans(), st.integers(20, 140), st.booleans(), st.booleans())
def test_lines_written_as_text_are_what_rich_prints(plan: Plan, width: int, compact: bool, release: bool) -> None:
    kw = {"compact": compact, "release_numbers": release}
    assert printed(plan, width, record=False, **kw) == printed(plan, width, record=True, **kw)

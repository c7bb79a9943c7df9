"""plan.md, written line by line in Python, is the text the jinja template it replaced renders."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment, StrictUndefined

from ccdsl.compiler.output import SEED_TOTAL_S, _mmss, plan_markdown
from ccdsl.compiler.pipeline import assemble
from ccdsl.compiler.resources import PHASES, CompiledSite, Ref, Resource
from ccdsl.dsl.diagnostics import Diagnostics

TEMPLATE = """\
# Plan: {{ cs.site }} ({{ cs.region }})

{{ cs.resources | length }} resources, {{ cs.graph.number_of_edges() }} dependencies.
Critical path: **{{ mmss(cs.critical_length_s) }}** ({{ '%.0f' % cs.critical_length_s }} s) with true dependencies only,
against the seed's phased deployment of {{ mmss(seed_lo) }}–{{ mmss(seed_hi) }}: {{ '%.0f' % saving }} % shorter than its best case.

## Critical path

| # | resource | type | estimate | starts at |
|---|---|---|---|---|
{% for r in critical %}
| {{ loop.index }} | `{{ r.address }}` | {{ r.type }} | {{ '%.1f' % r.estimate_s }} s | {{ mmss(timings[r.address].earliest_start) }} |
{% endfor %}

## Resources per phase

Phases are for display only: a resource starts as soon as what it references exists.

| phase | name | resources | first starts | last ends |
|---|---|---|---|---|
{% for n, name in phases.items() %}
{% if by_phase[n] %}
| {{ n }} | {{ name }} | {{ by_phase[n] | length }} | {{ mmss(spans[n][0]) }} | {{ mmss(spans[n][1]) }} |
{% else %}
| {{ n }} | {{ name }} | 0 | – | – |
{% endif %}
{% endfor %}
{% for n, name in phases.items() %}

### {{ n }}. {{ name }}

{% for r in by_phase[n] %}
- `{{ r.address }}` — {{ r.type }}, {{ '%.1f' % r.estimate_s }} s, slack {{ '%.0f' % timings[r.address].slack }} s
{% endfor %}
{% endfor %}
"""


def templated(cs: CompiledSite) -> str:
    """plan.md as the template wrote it."""
    by_phase: dict[int, list] = {n: [] for n in PHASES}
    for address in sorted(cs.resources):
        by_phase.setdefault(cs.resources[address].phase, []).append(cs.resources[address])
    lo, hi = SEED_TOTAL_S
    spans = {n: (min(cs.timings[r.address].earliest_start for r in rs),
                 max(cs.timings[r.address].earliest_finish for r in rs)) for n, rs in by_phase.items() if rs}
    env = Environment(undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env.from_string(TEMPLATE).render(
        cs=cs, phases=PHASES, by_phase=by_phase, spans=spans, mmss=_mmss, seed_lo=lo, seed_hi=hi,
        critical=[cs.resources[a] for a in cs.critical_path], timings=cs.timings,
        saving=(1 - cs.critical_length_s / lo) * 100 if lo else 0.0)


def test_acme_bank_plan_is_the_template_text(acme_bank):
    assert plan_markdown(acme_bank) == templated(acme_bank)


PHASE = st.sampled_from(sorted(PHASES) + [max(PHASES) + 7])  # a phase plan.md does not list, too
NAME = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6)


@st.composite
def sites(draw) -> CompiledSite:
    count = draw(st.integers(0, 12))
    resources = {}
    for i in range(count):
        address = f"{draw(st.sampled_from(['queue', 'bucket', 'flow']))}.{draw(NAME)}{i}"
        earlier = sorted(resources)
        deps = draw(st.lists(st.sampled_from(earlier), max_size=3, unique=True)) if earlier else []
        inputs = {f"d{j}": Ref(d, "id") for j, d in enumerate(deps)}
        resources[address] = Resource(address, draw(NAME), draw(PHASE), inputs,
                                      draw(st.floats(0, 5000, allow_nan=False)))
    return assemble(draw(NAME), draw(NAME), resources, Diagnostics(), {})


@settings(max_examples=60, deadline=None)
@given(sites())
def test_any_site_plan_is_the_template_text(cs):
    assert plan_markdown(cs) == templated(cs)

"""``Context.add`` builds its Resource positionally: the fields it fills are the ones a keyword call fills."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ccdsl.compiler.expand.context import Context
from ccdsl.compiler.registry import entry
from ccdsl.compiler.resources import Ref, Resource
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.source import Span

KEYS = st.frozensets(st.sampled_from(["Name", "Type", "InstanceId", "Content"]), max_size=3)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["aws_connect_queue", "aws_iam_role", "aws_s3_bucket", "aws_lambda_function"]),
       st.text(max_size=5), st.none() | st.integers(0, 9), st.none() | KEYS, KEYS,
       st.sets(st.sampled_from(["a.b", "c.d"])), st.none() | st.just(Span("site.ccd", 3, 4, 3, 9)))
def test_add_fills_every_field_as_keywords_would(type_, name, phase, replace_on, create_only, extra, span):
    ctx = Context(site="s", region="eu-west-2", tags={}, diagnostics=Diagnostics())
    inputs = {"Name": name, "Id": Ref("x.y", "id")}
    got = ctx.add("kind.thing", type_, inputs, name=name, span=span, extra_deps=sorted(extra), phase=phase,
                  replace_on=replace_on, create_only=create_only)
    spec = entry(type_)
    want = Resource(address="kind.thing", type=type_, phase=spec.group if phase is None else phase, inputs=inputs,
                    estimate_s=spec.latency.estimate, name=name, span=span, extra_deps=set(extra),
                    replace_on=spec.replace_on if replace_on is None else frozenset(replace_on),
                    create_only=frozenset(create_only))
    assert got == want
    assert ctx.resources == {"kind.thing": want}
    assert type(got.extra_deps) is set and got.extra_deps is not ctx.add("kind.other", type_, {}).extra_deps

"""Bucket policies: a bucket with the TLS-only statement alone gets the first such bucket's policy with its own
ARN swapped in; every policy equals ``json_value`` of its document."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ccdsl.compiler import addresses as A
from ccdsl.compiler.expand.context import Context
from ccdsl.compiler.expand.storage import expand_bucket_policies, tls_only_statement
from ccdsl.compiler.resources import Ref
from ccdsl.compiler.values import json_value, with_ref
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.model import Bucket
from ccdsl.dsl.source import Span

NAMES = st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), min_size=1, max_size=6, unique=True)


@settings(max_examples=60, deadline=None)
@given(NAMES, st.data())
def test_every_bucket_policy_is_its_documents_json_value(names, data):
    span = Span("site.ccd", 1, 1)
    buckets = {n: Bucket.model_construct(span=span) for n in names}
    ctx = Context(site="s", region="eu-west-2", tags={}, diagnostics=Diagnostics())
    with_extra = data.draw(st.sets(st.sampled_from(names)))
    for n in sorted(with_extra):
        ctx.bucket_statements[n] = [{"Sid": "Reads", "Effect": "Allow", "Action": "s3:GetObject",
                                     "Principal": {"Service": "cloudfront.amazonaws.com"},
                                     "Resource": Ref(A.bucket_addr(n), "arn")}]
    expand_bucket_policies(ctx, buckets)
    for n in names:
        arn = Ref(A.bucket_addr(n), "arn")
        want = json_value({"Version": "2012-10-17",
                           "Statement": [tls_only_statement(arn), *ctx.bucket_statements.get(n, [])]})
        got = ctx.resources[A.bucket_part_addr(n, "policy")].inputs["Policy"]
        assert got == want and type(got) is type(want)


def test_with_ref_swaps_that_very_reference_only():
    a, b, same_text = Ref("bucket.a", "arn"), Ref("bucket.b", "arn"), Ref("bucket.a", "arn")
    value = json_value({"R": [a, same_text], "T": "x"})
    swapped = with_ref(value, a, b)
    assert swapped.parts[1] is b and swapped.parts[3] is same_text
    assert with_ref(a, a, b) is b and with_ref("text", a, b) == "text"

"""The fast paths of apply-time JSON values agree with the general ones: ``json_value`` through json's
encoder hook, ``dumps_indented`` through pydantic-core, and a policy's size without a plain copy."""
from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ccdsl.compiler import jsonout
from ccdsl.compiler.expand.iam import REF_CHARS, policy_chars, policy_chars_of_parts
from ccdsl.compiler.resources import Ref, Secret, Template, to_jsonable
from ccdsl.compiler.values import (
    _PLACEHOLDER,
    _PLACEHOLDER_RE,
    dumps_compact_and_indented,
    dumps_indented,
    json_parts,
    json_value,
    json_value_of,
    template,
)


class Located(str):
    """A string subclass, as the site's located strings are."""


TEXT = st.text() | st.sampled_from(["\x7f", "é", "\ud800", "${x.y}", "a\nb", '"q"', "1e-05", "0.00001"])
FLOATS = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([1e-05, 2e-07, 0.5, 1e22, -0.0])
SCALARS = st.none() | st.booleans() | st.integers() | FLOATS | TEXT | TEXT.map(Located)
REFS = st.builds(Ref, st.sampled_from(["bucket.a", "function.f.role", "table.t"]), st.sampled_from(["arn", "name"]))
SECRETS = st.builds(Secret, st.sampled_from(["env", "ssm"]), st.sampled_from(["X", "/p/q"]),
                    st.none() | st.sampled_from(["d", "a}b", ""]))
APPLY_TIME = REFS | SECRETS | st.lists(TEXT | REFS | SECRETS, min_size=1, max_size=4).map(lambda ps: template(*ps))
PLAIN = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                     | st.dictionaries(TEXT, inner, max_size=4), max_leaves=30)
WITH_REFS = st.recursive(SCALARS | APPLY_TIME, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                         | st.dictionaries(TEXT, inner, max_size=4), max_leaves=30)


def json_value_by_walking(obj: Any) -> Any:
    """json_value as it was written first: swap every reference for a placeholder in a copy, then dump."""
    found: list[Any] = []

    def swap(value: Any) -> Any:
        if isinstance(value, (Ref, Secret)):
            found.append(value)
            return _PLACEHOLDER % (len(found) - 1)
        if isinstance(value, Template):
            return "".join(p if isinstance(p, str) else swap(p) for p in value.parts)
        if isinstance(value, dict):
            return {k: swap(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [swap(v) for v in value]
        return value

    text = json.dumps(swap(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    parts: list[Any] = []
    pos = 0
    for m in _PLACEHOLDER_RE.finditer(text):
        parts.append(text[pos:m.start()])
        parts.append(found[int(m.group(1))])
        pos = m.end()
    parts.append(text[pos:])
    return template(*parts)


@settings(max_examples=300, deadline=None)
@given(WITH_REFS)
def test_json_value_through_the_encoders_hook_equals_the_walk(obj):
    got = json_value(obj)
    assert got == json_value_by_walking(obj)
    assert type(got) is type(json_value_by_walking(obj))


def test_json_value_rejects_what_json_rejects():
    for bad in ({"a": object()}, {"a": {1, 2}}):
        for f in (json_value, json_value_by_walking):
            try:
                f(bad)
            except TypeError:
                continue
            raise AssertionError(f"{f.__name__} accepted {bad!r}")


@settings(max_examples=400, deadline=None)
@given(PLAIN, st.booleans(), st.booleans())
def test_dumps_indented_is_the_standard_library_text(data, sort_keys, ensure_ascii):
    want = json.dumps(data, indent=2, sort_keys=sort_keys, ensure_ascii=ensure_ascii)
    assert dumps_indented(data, sort_keys=sort_keys, ensure_ascii=ensure_ascii) == want


@settings(max_examples=200, deadline=None)
@given(WITH_REFS, st.booleans(), st.booleans())
def test_dumps_indented_writes_references_as_their_tokens(data, sort_keys, ensure_ascii):
    want = jsonout.dumps(to_jsonable(data), sort_keys=sort_keys, ensure_ascii=ensure_ascii)
    assert dumps_indented(data, sort_keys=sort_keys, ensure_ascii=ensure_ascii) == want


def test_dumps_indented_keys_that_are_not_strings_go_the_general_way():
    data = {"b": {2: "x", 1: [1e-05]}, "a": (True, None)}
    for sort_keys in (True, False):
        assert dumps_indented(data, sort_keys=sort_keys) == json.dumps(data, indent=2, sort_keys=sort_keys,
                                                                        ensure_ascii=False)


def policy_chars_of_a_plain_copy(document: Any) -> int:
    """policy_chars as it was written first: a plain copy (tokens), dumped, tokens counted at REF_CHARS."""
    text = json.dumps(to_jsonable(document), separators=(",", ":"))
    return len(re.sub(r"\$\{[^}]*\}", "x" * REF_CHARS, text))


@settings(max_examples=300, deadline=None)
@given(WITH_REFS)
def test_policy_size_without_a_plain_copy(document):
    assert policy_chars(document) == policy_chars_of_a_plain_copy(document)


@settings(max_examples=300, deadline=None)
@given(WITH_REFS | st.dictionaries(st.sampled_from(["Sid", "Resource", "Action"]), WITH_REFS, max_size=3))
def test_policy_size_from_the_values_parts(document):
    """The size counted from json_value's text equals policy_chars wherever it is given, and json_value is
    the same when made from those parts."""
    text, found = json_parts(document)
    assert json_value_of(text, found) == json_value_by_walking(document)
    size = policy_chars_of_parts(text, found)
    assert size is None or size == policy_chars(document)


def test_policy_size_from_the_parts_is_given_for_plain_arns():
    document = {"Version": "2012-10-17", "Statement": [
        {"Sid": "Logs", "Effect": "Allow", "Action": ["logs:PutLogEvents"],
         "Resource": template(Ref("logs.l1", "arn"), ":*")},
        {"Sid": "Table", "Effect": "Allow", "Action": ["dynamodb:GetItem"],
         "Resource": [Ref("table.t", "arn"), template(Ref("table.t", "arn"), "/index/*"), "arn:aws:s3:::b/*"]}]}
    size = policy_chars_of_parts(*json_parts(document))
    assert size is not None and size == policy_chars(document)
    for odd in ("${x", "é", "\x7f", Ref("a}b", "arn"), Secret("env", "X", 'a"b')):  # these go the general way
        assert policy_chars_of_parts(*json_parts(dict(document, Note=odd))) is None


@settings(max_examples=400, deadline=None)
@given(PLAIN)
def test_a_flows_two_texts_are_the_standard_librarys(data):
    want = (json.dumps(data, ensure_ascii=False, separators=(",", ":")),
            json.dumps(data, indent=2, ensure_ascii=False))
    assert dumps_compact_and_indented(data) == want


def test_a_flows_two_texts_refuse_what_json_refuses():
    for bad in ({"a": Ref("x.y", "arn")}, {"a": {1, 2}}):
        try:
            dumps_compact_and_indented(bad)
        except TypeError:
            continue
        raise AssertionError(f"accepted {bad!r}")

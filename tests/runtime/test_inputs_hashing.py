"""Input digests (what plans compare and state stores) are the SHA-256 of each value's compact sorted JSON,
whether or not the value was seen before."""
from __future__ import annotations

import hashlib
import json

from ccdsl.runtime.inputs import _digest


def reference(value) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def test_digests_are_the_hash_of_the_compact_json_seen_or_not():
    values = ["x", "", "é", 0, 1, True, False, None, 10**30, 0.0, -0.0, 1.5, [1, "a"], {"b": 1, "a": [True]}]
    for _ in range(2):  # the second round finds the scalars remembered
        for v in values:
            assert _digest(v) == reference(v), v


def test_equal_scalars_of_different_types_keep_their_own_digest():
    assert _digest(True) != _digest(1)
    assert _digest(1) == reference(1) and _digest(True) == reference(True)
    assert _digest(-0.0) != _digest(0.0)


# -- the C encoder writes references as their tokens: the same digests as the plain copy hashed ----------------

from decimal import Decimal  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ccdsl.compiler.resources import Ref, Resource, Secret, Template, to_jsonable  # noqa: E402
from ccdsl.runtime.inputs import desired_hashes  # noqa: E402

_names = st.text(min_size=1, max_size=6)
_refs = st.builds(Ref, _names, _names)
_secrets = st.builds(Secret, st.sampled_from(["env", "ssm"]), _names, st.none() | st.text(max_size=4))
_templates = st.lists(st.text(max_size=4) | _refs | _secrets, max_size=4).map(lambda p: Template(tuple(p)))
_leaves = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6) | _refs | _secrets
           | _templates | st.decimals(allow_nan=False, places=2).map(Decimal))
_inputs = st.recursive(_leaves, lambda inner: st.lists(inner, max_size=4) | st.lists(inner, max_size=3).map(tuple)
                       | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=25)


def reference_hashes(inputs: dict, create_only: frozenset, extra_paths=()) -> tuple[str, dict[str, str]]:
    """desired_hashes as it read before: each value copied plain (to_jsonable), then json.dumps."""
    hashes = {k: reference(to_jsonable(v)) for k, v in inputs.items() if k not in create_only}
    for path in extra_paths:
        value = inputs
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        hashes[path] = reference(to_jsonable(value))
    whole = json.dumps({k: v for k, v in hashes.items() if "." not in k}, sort_keys=True)
    return hashlib.sha256(whole.encode()).hexdigest()[:24], hashes


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=5), _inputs, max_size=5), st.data())
def test_hashes_with_references_equal_those_of_the_plain_copy(inputs, data):
    create_only = frozenset(data.draw(st.lists(st.sampled_from(sorted(inputs) or ["x"]), max_size=2)))
    paths = data.draw(st.lists(st.sampled_from([f"{k}.{s}" for k in inputs for s in ("a", "")] or ["x.a"]),
                               max_size=2))
    resource = Resource(address="t.x", type="aws_s3_bucket", phase=1, inputs=inputs, estimate_s=1.0,
                        create_only=create_only)
    for v in inputs.values():
        assert _digest(v) == reference(to_jsonable(v))
    assert desired_hashes(resource, extra_paths=paths) == reference_hashes(inputs, create_only, paths)

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

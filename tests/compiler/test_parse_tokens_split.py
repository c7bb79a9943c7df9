"""``parse_tokens`` splits a text once; it gives what the token-by-token version gave (Refs, Secrets,
literal tokens, the types of the result)."""
from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ccdsl.compiler.resources import Ref, Secret
from ccdsl.compiler.values import parse_tokens, template

_TOKEN_RE = re.compile(r"\$\{([^}]+)\}")


def parse_tokens_by_match(text: str, known: set[str] | None = None) -> Any:
    """parse_tokens as it was written first: one match at a time, the parts joined by ``template``."""
    parts: list[Any] = []
    pos = 0
    for m in _TOKEN_RE.finditer(text):
        body = m.group(1)
        parts.append(text[pos:m.start()])
        pos = m.end()
        if body.startswith(("env:", "ssm:")):
            source, _, rest = body.partition(":")
            name, sep, default = rest.partition(":-")
            parts.append(Secret(source, name, default if sep else None))
            continue
        address, _, attr = body.rpartition(".")
        if address and (known is None or address in known):
            parts.append(Ref(address, attr))
        else:
            parts.append(m.group(0))
    parts.append(text[pos:])
    return template(*parts)


class Located(str):
    """A string subclass, as the site's located strings are."""


PIECES = st.sampled_from(["${queue.q.arn}", "${a.b.c.id}", "${env:X}", "${ssm:/p/q:-d}", "${env:Y:-}", "${nodot}",
                          "${.x}", "${x.}", "${", "}", "$", "{", "${}", "${queue.other.arn}", "é", "\n"])
TEXTS = st.lists(PIECES | st.text(max_size=6), max_size=8).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXTS, st.none() | st.sets(st.sampled_from(["queue.q", "a.b.c", "queue.other", "x"])), st.booleans())
def test_parse_tokens_in_one_split_equals_matching_one_by_one(text, known, located):
    if located:
        text = Located(text)
    got, want = parse_tokens(text, known), parse_tokens_by_match(text, known)
    assert got == want
    assert type(got) is type(want)

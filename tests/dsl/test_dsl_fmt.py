"""ccdsl fmt: canonical order, comments kept, idempotent."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccdsl.dsl.fmt import format_text, split_sections

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(ROOT.glob("examples/*/site.ccd"))

MESSY = """# header
queues:
    # the main queue
    Q: {hours: h}   # inline
    R:
        hours: h
        description: |
            two
            # not a comment: block text
            lines
site: t
# the version
ccdsl: 1
region: us-east-1
instance: {alias: t1}
hours:
  h: 24/7
flows:
  f:
      do: |
        say "hi"
        hangup
"""


def test_examples_are_formatted():
    for path in EXAMPLES:
        text = path.read_text()
        assert format_text(text) == text, f"{path} is not in canonical layout"


def test_sections_move_to_canonical_order_with_their_comments():
    out = format_text(MESSY)
    keys = [line.split(":")[0] for line in out.splitlines() if line and line[0].isalpha()]
    assert keys == ["ccdsl", "site", "region", "instance", "hours", "queues", "flows"]
    lines = out.splitlines()
    assert lines[0] == "# header"
    assert lines[lines.index("ccdsl: 1") - 1] == "# the version"


def test_comments_are_kept():
    out = format_text(MESSY)
    for comment in ("# header", "# the main queue", "# inline", "# the version",
                    "# not a comment: block text"):
        assert comment in out


def test_indentation_is_two_spaces():
    out = format_text(MESSY)
    assert "\n  Q: {hours: h}" in out
    assert "\n    hours: h" in out
    assert "\n  # the main queue\n  Q: {hours: h}" in out


@pytest.mark.parametrize("text", [MESSY] + [p.read_text() for p in EXAMPLES])
def test_idempotent(text):
    once = format_text(text)
    assert format_text(once) == once


def test_block_scalars_keep_their_content():
    from ruamel.yaml import YAML

    before = YAML(typ="safe").load(MESSY)
    after = YAML(typ="safe").load(format_text(MESSY))
    assert before == after


def test_trailing_comments_stay():
    out = format_text("site: t\nccdsl: 1\n\n# the end\n")
    assert out == "ccdsl: 1\nsite: t\n\n# the end\n"


@settings(max_examples=25, deadline=None)
@given(st.sampled_from([p.read_text() for p in EXAMPLES] + [MESSY]), st.randoms(use_true_random=False))
def test_shuffled_sections_format_back_with_data_and_comments_kept(text, rng):
    from ruamel.yaml import YAML

    header, sections = split_sections(text)
    rng.shuffle(sections)
    shuffled = "\n".join(header + [line for _, lines in sections for line in lines]) + "\n"
    out = format_text(shuffled)
    assert YAML(typ="safe").load(out) == YAML(typ="safe").load(text)
    comments = {line.strip() for line in shuffled.splitlines() if line.strip().startswith("#")}
    assert comments <= {line.strip() for line in out.splitlines()}
    assert format_text(out) == out
    assert out == format_text(text)  # the order sections were written in does not matter

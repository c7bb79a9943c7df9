"""Property: whatever the text, validate_text returns diagnostics and never raises."""
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccdsl.dsl.diagnostics import Diagnostic
from ccdsl.dsl.validate import validate_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = [p.read_text() for p in sorted(ROOT.glob("examples/*/site.ccd"))]
TOKENS = [":", ": ", "{", "}", "[", "]", "- ", "\t", "&a ", "*a", "<<: *a", "|", ">", "\n", "  ", "'", '"',
          "${", "${env:", "${table.", "}", "->", "#", "!tag ", "? ", ",", "24/7", "\u00e9", "\x00", "\ufeff",
          "@", "%", "`", "...", "---"]

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_only_diagnostics(text: str) -> None:
    site, diags = validate_text(text, "fuzz.ccd")
    for d in diags:
        assert isinstance(d, Diagnostic)
        assert d.span.line >= 1 and d.span.col >= 1
        assert d.code[0] in "EW" and d.code[1:].isdigit()


@st.composite
def mutated_example(draw):
    text = draw(st.sampled_from(EXAMPLES))
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        op = draw(st.sampled_from(["insert", "delete", "replace", "dup_line", "drop_line", "swap_lines"]))
        at = draw(st.integers(0, len(text)))
        if op == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)):]
        elif op == "replace":
            text = text[:at] + draw(st.text(max_size=5)) + text[at + 1:]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if op == "dup_line":
                lines.insert(i, lines[j])
            elif op == "drop_line":
                del lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_text_gives_only_diagnostics(text):
    assert_only_diagnostics(text)


@SETTINGS
@given(st.lists(st.sampled_from(TOKENS + ["queues", "hours", "ccdsl", "site", "flows", "do", "x", "1"]),
                max_size=40).map("".join))
def test_yaml_like_token_soup_gives_only_diagnostics(text):
    assert_only_diagnostics(text)


@SETTINGS
@given(mutated_example())
def test_mutated_examples_give_only_diagnostics(text):
    assert_only_diagnostics(text)


VALUES = [None, 0, -1, 1.5, True, "", "x", "all", [], {}, [1], {"a": 1}, "${table.x.y}", "${env:X}", 10**12,
          "24/7", "hangup", "Mon-Fri 25:00-26:00"]


def _paths(node, prefix=()):
    if prefix:
        yield prefix
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in children:
        yield from _paths(value, prefix + (key,))


@st.composite
def retyped_example(draw):
    """An example with a few values replaced by values of other types: valid YAML, wrong shapes."""
    import copy
    import io

    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(draw(st.sampled_from(EXAMPLES)))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_paths(data))))
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = copy.deepcopy(draw(st.sampled_from(VALUES)))  # a later step may edit inside it
    out = io.StringIO()
    YAML().dump(data, out)
    return out.getvalue()


@SETTINGS
@given(retyped_example())
def test_retyped_examples_give_only_diagnostics(text):
    assert_only_diagnostics(text)

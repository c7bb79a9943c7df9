"""Bounded work: hostile inputs are refused with a code and a position, quickly (docs/limits.md)."""
import time

import pytest

from ccdsl.dsl import limits
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.flows.template import render_flow_template
from ccdsl.dsl.validate import validate_file, validate_text

HEAD = "ccdsl: 1\nsite: t\nregion: us-east-1\ninstance: {alias: t1}\nhours: {h: 24/7}\n"


def test_file_over_the_size_limit_is_refused_before_parsing(tmp_path):
    path = tmp_path / "big.ccd"
    path.write_text(HEAD + "#" * (limits.MAX_FILE_BYTES + 10) + "\n")
    start = time.monotonic()
    site, diags = validate_file(path)
    assert site is None and [(d.code, d.span.line, d.span.col) for d in diags] == [("E022", 1, 1)]
    assert "limit" in list(diags)[0].message and time.monotonic() - start < 5


def test_alias_bomb_in_flow_vars_is_refused():
    lines = [HEAD + "flows:\n  f:\n    template: f.json.j2\n    vars:", '      a0: &a0 ["lol","lol","lol","lol","lol"]']
    lines += [f"      a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    start = time.monotonic()
    _, diags = validate_text("\n".join(lines) + "\n")
    assert any(d.code == "E023" for d in diags), [str(d) for d in diags]
    assert time.monotonic() - start < 5


def test_too_many_values_are_refused(monkeypatch):
    monkeypatch.setattr("ccdsl.dsl.yaml_compose.MAX_NODES", 50)
    _, diags = validate_text(HEAD + "queues:\n" + "".join(f"  q{i}: {{hours: h}}\n" for i in range(40)))
    assert [d.code for d in diags] == ["E023"]


def test_deep_nesting_is_refused_at_the_level_that_exceeds_it():
    depth = limits.MAX_DEPTH + 5
    _, diags = validate_text(HEAD + "x: " + "[" * depth + "]" * depth + "\n")
    found = [(d.code, d.span.line, d.span.col) for d in diags]
    assert found == [("E024", 6, 4 + limits.MAX_DEPTH - 1)]


@pytest.mark.parametrize("source, words", [
    ('{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}{}', "longer than"),
    ('{% for i in range(100000) %}{{ "x" * 100 }}{% endfor %}', "output is longer"),
    ('{{ "x" * 1000000000 }}', "with `*`"),
    ('{{ 10 ** 100000000 }}', "too large"),
])
def test_template_budget(monkeypatch, source, words):
    monkeypatch.setattr("ccdsl.dsl.template_budget.TEMPLATE_SECONDS", 0.5)
    import ccdsl.dsl.template_budget as budget
    monkeypatch.setattr(budget.render_bounded, "__defaults__", (0.5, limits.TEMPLATE_OUTPUT_CHARS))
    diags = Diagnostics()
    start = time.monotonic()
    assert render_flow_template(source, name="f", flow_type="CONTACT_FLOW", template_file="t.j2", diags=diags) is None
    assert time.monotonic() - start < 5
    assert [d.code for d in diags] == ["E329"] and words in list(diags)[0].message


def test_yaml_1_2_scalars_and_custom_tags_on_collections():
    site, diags = validate_text(HEAD + "queues: !!python/object/apply:os.system {q: {hours: h}}\n")
    assert any(d.code == "E021" and d.span.line == 6 for d in diags)
    from ccdsl.dsl.loader import load_text

    tree = load_text("a: yes\nb: on\nc: 0o17\nd: 012\ne: true\nf: ~\ng: 1_000\n", "x", Diagnostics())
    assert tree == {"a": "yes", "b": "on", "c": 15, "d": 12, "e": True, "f": None, "g": 1000}

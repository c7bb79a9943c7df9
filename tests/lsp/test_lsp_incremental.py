"""The section cache loads every file exactly as the validator's loader does, also when sections are reused."""
from pathlib import Path

import pytest

from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.loader import load_text
from ccdsl.dsl.validate import validate_text
from ccdsl.lsp.incremental import ParseCache, SectionCache, split_sections

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(p for p in [*ROOT.glob("examples/*/site.ccd"), *ROOT.glob("tests/**/*.ccd")]
               if p.read_bytes().decode("utf-8", "replace") == p.read_bytes().decode("utf-8", "ignore"))


def described(tree, diags):
    spans = (getattr(tree, "span", None), getattr(tree, "key_spans", None), getattr(tree, "value_spans", None))
    return tree, spans, [(d.code, d.message, d.span, d.severity) for d in diags]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_sections_load_as_the_whole_file_does(path):
    text = path.read_text(encoding="utf-8")
    cache = SectionCache()
    whole, by_sections = Diagnostics(), Diagnostics()
    assert described(cache.load(text, str(path), by_sections), by_sections) == \
        described(load_text(text, str(path), whole), whole)


def spans_of(tree, path=""):
    """Every node's path, value and spans, depth first."""
    if isinstance(tree, dict):
        yield path, tree.span, tree.key_spans, tree.value_spans
        for key, value in tree.items():
            yield from spans_of(value, f"{path}/{key}")
    elif isinstance(tree, list):
        yield path, getattr(tree, "span", None)
        for n, value in enumerate(tree):
            yield from spans_of(value, f"{path}[{n}]")
    else:
        yield path, repr(tree), getattr(tree, "span", None)


@pytest.mark.parametrize("comment", ["# about the next section", "# two lines\n# of comment", "", "  # indented"])
def test_comments_between_sections_give_every_node_the_spans_of_the_whole_file_load(comment):
    lines = (ROOT / "examples/retail-chat/site.ccd").read_text(encoding="utf-8").split("\n")
    keys = [n for n, line in enumerate(lines) if line[:1].isalpha()]
    for at in keys[1:]:
        text = "\n".join([*lines[:at], comment, *lines[at:]])
        whole, by_sections = Diagnostics(), Diagnostics()
        expected = list(spans_of(load_text(text, "site.ccd", whole)))
        assert list(spans_of(SectionCache().load(text, "site.ccd", by_sections))) == expected, at
        assert [(d.code, d.span) for d in by_sections] == [(d.code, d.span) for d in whole]


def test_an_edit_composes_only_its_section_and_validates_the_same():
    text = (ROOT / "examples/acme-bank/site.ccd").read_text(encoding="utf-8")
    cache = SectionCache()
    cache.load(text, "site.ccd", Diagnostics())
    sections = len(split_sections(text))
    edited = text.replace("queue AccountQueue", "queue AccuontQueue")
    before = cache.misses
    site, diags = validate_text(edited, "site.ccd", load=cache.load)
    assert cache.misses == before + 1 and cache.hits >= sections - 1
    _, plain = validate_text(edited, "site.ccd")
    assert [(d.code, d.message, d.span) for d in diags] == [(d.code, d.message, d.span) for d in plain]
    site, again = validate_text(text, "site.ccd", load=cache.load)  # reused trees were not changed by a build
    assert list(again) == [] and site.queues["AccountQueue"].hours == "always"


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n", "a: 1\n---\nb: 2\n", "a: !!str 1\n", "a: 1\na: 2\n", "a:\n\tb: 1\n"])
def test_what_needs_the_whole_file_is_loaded_whole(text):
    cache, whole, by_sections = SectionCache(), Diagnostics(), Diagnostics()
    assert described(cache.load(text, "f.ccd", by_sections), by_sections) == \
        described(load_text(text, "f.ccd", whole), whole)


def test_kept_parses_give_the_same_diagnostics_as_a_fresh_validation():
    sections, parses = SectionCache(), ParseCache()
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        edits = [text, text.replace("queue ", "queue x", 1), text.replace("-> ", "->  ", 1), text]
        for edited in edits:
            _, kept = validate_text(edited, str(path), load=sections.load, parses=parses)
            _, fresh = validate_text(edited, str(path))
            assert [(d.code, d.message, d.span) for d in kept] == [(d.code, d.message, d.span) for d in fresh], path
    assert parses


def test_the_parse_cache_is_bounded():
    cache = ParseCache(size=2)
    for n in range(5):
        cache[n] = n
    assert list(cache) == [3, 4]

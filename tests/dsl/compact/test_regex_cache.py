"""The lexers' on-disk cache of compiled patterns: a pattern rebuilt from the file matches exactly as
``re.compile`` would, the file is written once per new pattern and read back, and a damaged file is ignored."""
import re

from ccdsl.dsl.compact.lark_support import _patterns, parser
from ccdsl.dsl.compact.regex_cache import PatternCache

PATTERNS = [
    (r"(?P<NAME>[A-Za-z_][\w-]*)|(?P<INT>\d+)|(?P<STRING>\"(?:[^\"\\]|\\.)*\")", 0),
    (r"(?i:mon|tue|wed)", 0),
    (r"[ \t]+", re.MULTILINE),
    (r"\$\{(?P<kind>\w+):(?P<ref>[^}]*)\}", re.UNICODE),
]
TEXTS = ["abc-d 12", '"q\\"x" 3', "TUE", " \t x", "${ssm:/a/b}", "", "Wed"]


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for text in TEXTS:
        ma, mb = a.match(text), b.match(text)
        assert (ma and (ma.group(0), ma.lastgroup, ma.span())) == (mb and (mb.group(0), mb.lastgroup, mb.span()))


def test_rebuilt_patterns_match_as_re_compiles_them(tmp_path):
    path = str(tmp_path / "patterns.marshal")
    first = PatternCache(path)
    for pattern, flags in PATTERNS:
        _same(first.compile(pattern, flags), re.compile(pattern, flags))
    first.save()
    second = PatternCache(path)
    for pattern, flags in PATTERNS:
        _same(second.compile(pattern, flags), re.compile(pattern, flags))
    assert second._entries is not None and len(second._entries) == len(PATTERNS)
    assert not second._dirty  # everything came from the file: nothing to write again
    assert second.match(r"\d+", "42x").group(0) == "42"


def test_a_bad_pattern_raises_re_error(tmp_path):
    cache = PatternCache(str(tmp_path / "p.marshal"))
    try:
        cache.compile("(unclosed")
    except cache.error:
        pass
    else:
        raise AssertionError("an invalid pattern must raise re.error")


def test_a_damaged_file_is_ignored(tmp_path):
    path = tmp_path / "p.marshal"
    path.write_bytes(b"\x00not marshal data")
    cache = PatternCache(str(path))
    _same(cache.compile(*PATTERNS[0]), re.compile(*PATTERNS[0]))
    cache.save()
    assert PatternCache(str(path)).compile(*PATTERNS[0]).pattern == PATTERNS[0][0]


def test_no_file_when_there_is_no_cache_folder():
    cache = PatternCache(None)
    _same(cache.compile(*PATTERNS[1]), re.compile(*PATTERNS[1]))
    cache.save()  # nothing to write, never raises


def test_grammar_lexers_use_the_pattern_cache():
    parser("duration", ("duration", "rate"))  # builds lark's cache of the grammar when there is none
    loaded = parser.__wrapped__("duration", ("duration", "rate"))  # a new parser, loaded from that cache
    if _patterns().path:  # a cache folder exists
        assert loaded.lexer_conf.re_module is _patterns()
    assert loaded.parse("30s", start="duration") is not None

"""Regular expressions kept compiled between runs (``ccdsl.dsl.re_cache``): a pattern rebuilt from the file behaves
as the one ``re`` compiles, a warm ``ccdsl validate`` compiles none through ``re``, and damage is ignored."""
import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

from ccdsl.dsl.cache_dir import read_sealed, write_sealed
from ccdsl.dsl.re_cache import SeededPatterns, compile_parts

ROOT = Path(__file__).resolve().parents[2]
ACME = str(ROOT / "examples" / "acme-bank" / "site.ccd")

PROBE = """
import json, sys
import ccdsl.dsl
from re import _compiler
calls = []
compile = _compiler.compile
_compiler.compile = lambda p, flags=0: calls.append(p) or compile(p, flags)
from ccdsl.__main__ import main
print(json.dumps({"code": main(sys.argv[1:]), "compiled": len(calls)}))
"""

PATTERNS = [(r"(?P<year>\d{4})-(?P<month>\d\d)(?:-(\d\d))?", 0), (r"^[a-z][\w-]*$", re.IGNORECASE),
            (r"(?x) a+ \s* (b|c)", 0), (rb"[\x00-\x08]+", 0), (r"^\s*#.*$", re.MULTILINE | re.ASCII)]
SAMPLES = ["2024-05", "2024-05-17", "Queue-1", "queue_2", "aaa  c", "  # note", "x\n# y", "\x01\x02"]


def _probe(cache: Path) -> dict:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    out = subprocess.run([sys.executable, "-c", PROBE, "validate", ACME], capture_output=True, text=True, env=env,
                         check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_a_warm_validate_compiles_no_regular_expression(tmp_path):
    first = _probe(tmp_path)
    assert first["code"] == 0 and first["compiled"] > 20
    assert list((tmp_path / "ccdsl").glob("re-*.marshal"))
    second = _probe(tmp_path)
    assert second == {"code": 0, "compiled": 0}


def _matches(pattern: re.Pattern, samples: list) -> list:
    out = []
    for sample in samples:
        found = pattern.search(sample)
        out.append(found and (found.span(), found.groups(), found.groupdict()))
    return out


def test_rebuilt_patterns_behave_as_compiled_ones(tmp_path):
    path = str(tmp_path / "re.marshal")
    compiled = {(type(p), p, int(f)): re.compile(p, f) for p, f in PATTERNS}
    SeededPatterns(path, dict(compiled)).save()
    cache: dict = {}
    SeededPatterns(path, cache).seed()
    assert set(cache) == set(compiled)
    for key, fresh in compiled.items():
        rebuilt = cache[key]
        assert rebuilt is not fresh
        assert (rebuilt.pattern, rebuilt.flags, rebuilt.groups, rebuilt.groupindex) == \
            (fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex)
        samples = [s.encode("latin-1") for s in SAMPLES] if isinstance(key[1], bytes) else SAMPLES
        assert _matches(rebuilt, samples) == _matches(fresh, samples)


def test_damaged_entries_and_files_are_ignored(tmp_path):
    path = tmp_path / "re.marshal"
    good = compile_parts("a+", 0)
    write_sealed(str(path), marshal.dumps({("a+", 0): good, ("b+", 0): (0, [99999], 0, {}, (None,)), "junk": 1}))
    cache: dict = {}
    SeededPatterns(str(path), cache).seed()
    assert list(cache) == [(str, "a+", 0)] and cache[(str, "a+", 0)].match("aa").group() == "aa"
    path.write_bytes(b"\x00 not marshal")
    cache = {}
    seeded = SeededPatterns(str(path), cache)
    seeded.seed()
    assert cache == {}
    cache[(str, "c+", 0)] = re.compile("c+")
    seeded.save()  # the damaged file is replaced
    assert set(marshal.loads(read_sealed(str(path)) or b"")) == {("c+", 0)}


def test_each_program_keeps_its_own_patterns(monkeypatch):
    from ccdsl.dsl.re_cache import cache_name, program

    monkeypatch.setattr(sys, "argv", ["/venv/bin/ccdsl", "validate", "site.ccd"])
    validate = (program(), cache_name())
    monkeypatch.setattr(sys, "argv", ["/venv/bin/ccdsl", "lsp"])
    lsp = (program(), cache_name())
    monkeypatch.setattr(sys, "argv", ["/venv/bin/pytest", "-x", "tests/"])
    tests = (program(), cache_name())
    assert (validate[0], lsp[0], tests[0]) == ("ccdsl validate", "ccdsl lsp", "pytest")
    assert len({validate[1], lsp[1], tests[1]}) == 3 and all(n.endswith(".marshal") for n in (validate[1], tests[1]))

"""Generated source compiled once and kept (``ccdsl.dsl.code_cache``): the code taken from the file is the code
the builtins compile, a second process compiles nothing, and a damaged file is ignored and written anew."""
import builtins
import dataclasses
import json
import os
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from ccdsl.dsl import code_cache
from ccdsl.dsl.code_cache import CodeCache, cached_compile, cached_exec

ROOT = Path(__file__).resolve().parents[2]
ACME = str(ROOT / "examples" / "acme-bank" / "site.ccd")

PROBE = """
import json
from ccdsl.dsl.validate import validate_file
from ccdsl.dsl import code_cache
from ccdsl.dsl.compact import flow_ast as A
site, diags = validate_file(%r)
name = A.Name("Q")
cache = code_cache.installed
print(json.dumps({"errors": sum(d.is_error for d in diags), "compiled": cache._dirty, "used": len(cache._used),
                  "repr": repr(A.Goto(label=name)), "eq": A.Goto(label=name) == A.Goto(label=A.Name("Q")),
                  "fields": [f.name for f in __import__("dataclasses").fields(A.Goto)]}))
""" % ACME


def _run(cache: Path) -> dict:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _stored(cache: Path) -> list[Path]:
    return list((cache / "ccdsl").glob("code-*.marshal"))


def test_a_second_process_compiles_nothing_and_builds_the_same_classes(tmp_path):
    first = _run(tmp_path)
    assert first["compiled"] is True and first["used"] > 500  # dataclass methods and forward references
    assert len(_stored(tmp_path)) == 1
    second = _run(tmp_path)
    assert second["compiled"] is False and second["used"] > 500  # (the first run also built the model schemas)
    assert {**second, "compiled": True, "used": 0} == {**first, "used": 0}
    assert second["errors"] == 0 and second["eq"] is True and second["fields"] == ["label", "span"]


def test_a_damaged_file_is_ignored_and_written_again(tmp_path):
    _run(tmp_path)
    (path,) = _stored(tmp_path)
    path.write_bytes(b"\x00not marshal data")
    assert _run(tmp_path)["errors"] == 0
    assert _run(tmp_path)["compiled"] is False  # the damaged file was replaced by a good one


def _same_code(a, b) -> bool:
    return (a.co_code, a.co_consts, a.co_names, a.co_varnames, a.co_filename) == \
        (b.co_code, b.co_consts, b.co_names, b.co_varnames, b.co_filename)


def test_cached_code_is_what_the_builtin_compiles(tmp_path):
    text = "def __create_fn__(a):\n def f(self, x):\n  return (self, x, a)\n return f"
    cache = CodeCache(str(tmp_path / "c.marshal"))
    assert _same_code(cache.code(text, "exec"), builtins.compile(text, "<string>", "exec"))
    cache.save()
    again = CodeCache(str(tmp_path / "c.marshal"))
    assert _same_code(again.code(text, "exec"), builtins.compile(text, "<string>", "exec"))
    assert again._dirty is False
    assert _same_code(again.code("list[int] | None", "eval"), builtins.compile("list[int] | None", "<string>", "eval"))


def test_an_entry_that_is_not_code_is_compiled_again(tmp_path):
    import marshal

    from ccdsl.dsl.cache_dir import write_sealed

    path = tmp_path / "c.marshal"
    write_sealed(str(path), marshal.dumps({("1 + 1", "eval"): "not code"}))  # a sound file holding a bad entry
    cache = CodeCache(str(path))
    assert eval(cache.code("1 + 1", "eval")) == 2
    assert cache._dirty is True


def test_the_stand_ins_behave_as_the_builtins(tmp_path):
    cache = CodeCache(None)
    run, comp = cached_exec(cache), cached_compile(cache)
    namespace: dict = {}
    run("x = 6 * 7", {}, namespace)
    assert namespace == {"x": 42}
    run(builtins.compile("y = 1", "f.py", "exec"), {}, namespace)
    assert namespace["y"] == 1
    assert comp("a.b", "<string>", "eval").co_names == ("a", "b")
    assert comp("a", "other.py", "eval").co_filename == "other.py"  # not a generated text: the builtin
    with pytest.raises(SyntaxError):
        comp("1 +", "<string>", "eval")


def test_installed_in_this_process():
    import ccdsl.dsl  # noqa: F401 - installs

    assert code_cache.installed is not None
    assert "exec" in vars(dataclasses) and "compile" in vars(typing)
    with pytest.raises(SyntaxError):
        typing.ForwardRef("1 +")
    assert typing.ForwardRef("int")._evaluate({}, {}, frozenset()) is int

"""pydantic is imported without asyncio (``ccdsl.dsl.lean_imports``), and asyncio imported afterwards is the
real package: event loops run, the stand-in is gone from ``sys.modules``. lark loads without ``regex``; the fast
YAML path loads ruamel.yaml's resolver without the rest of ruamel.yaml, which still works in full afterwards."""
import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
import ccdsl.dsl.model
before = "asyncio" in sys.modules or "asyncio.coroutines" in sys.modules
import asyncio

async def answer():
    await asyncio.sleep(0)
    return 42

print(json.dumps({"before": before, "ran": asyncio.run(answer()), "real": hasattr(asyncio, "get_running_loop"),
                  "coroutines": sys.modules["asyncio.coroutines"].__file__ is not None}))
"""


def test_pydantic_loads_without_asyncio_and_asyncio_still_works():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    if sys.version_info < (3, 13):
        assert result["before"] is False
    assert result == {**result, "ran": 42, "real": True, "coroutines": True}


def test_already_loaded_asyncio_is_left_alone():
    code = ("import asyncio, sys; real = sys.modules['asyncio']; import ccdsl.dsl.model; "
            "print(sys.modules['asyncio'] is real)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"


def test_lark_loads_without_regex_and_regex_stays_importable():
    code = ("import json, sys, importlib.util; import ccdsl.dsl.compact; before = 'regex' in sys.modules; "
            "spec = importlib.util.find_spec('regex'); ok = True\n"
            "if spec is not None:\n    import regex; ok = regex.match('a+', 'aa').group(0) == 'aa'\n"
            "print(json.dumps({'before': before, 'ok': ok}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out.strip().splitlines()[-1]) == {"before": False, "ok": True}


RUAMEL_PROBE = """
import io, json, sys
from ccdsl.dsl.validate import validate_file
_, diags = validate_file(sys.argv[1])
before = sorted(m for m in sys.modules if m.startswith("ruamel.yaml."))
import ruamel.yaml
from ruamel.yaml import YAML
yaml = YAML()
out = io.StringIO()
yaml.dump(yaml.load("a: 1  # kept\\nb: [x, y]\\n"), out)
print(json.dumps({"errors": sum(d.is_error for d in diags), "before": before, "dumped": out.getvalue(),
                  "version": ruamel.yaml.__version__, "nodes": ruamel.yaml.nodes.ScalarNode.__module__,
                  "main": "ruamel.yaml.main" in sys.modules}))
"""


def test_the_fast_yaml_path_loads_only_ruamels_resolver_and_ruamel_still_works_in_full(tmp_path):
    acme = str(Path(__file__).resolve().parents[2] / "examples" / "acme-bank" / "site.ccd")
    out = subprocess.run([sys.executable, "-c", RUAMEL_PROBE, acme], capture_output=True, text=True, check=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["errors"] == 0
    assert "ruamel.yaml.resolver" in result["before"] and "ruamel.yaml.main" not in result["before"]
    assert "ruamel.yaml.comments" not in result["before"]
    assert result["dumped"] == "a: 1  # kept\nb: [x, y]\n"  # the round-trip loader and dumper, comments kept
    assert result["main"] is True and result["nodes"] == "ruamel.yaml.nodes" and result["version"]


def test_an_already_imported_ruamel_is_left_alone():
    code = ("import sys, ruamel.yaml; real = sys.modules['ruamel.yaml']; from ccdsl.dsl.validate import validate_text; "
            "validate_text('ccdsl: 1\\n'); print(sys.modules['ruamel.yaml'] is real and type(real).__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "module"


def test_a_yaml_syntax_error_is_read_again_by_the_full_ruamel(tmp_path):
    bad = tmp_path / "bad.ccd"
    bad.write_text("ccdsl: 1\nqueues: [a, b\n")
    out = subprocess.run([sys.executable, "-m", "ccdsl", "validate", "--format", "json", str(bad)],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 1
    (diag,) = json.loads(out.stdout)["diagnostics"]
    assert (diag["code"], diag["line"], diag["col"]) == ("E001", 2, 9)
    assert diag["message"] == "the '[' opened here is never closed"


def test_threads_reading_the_deferred_package_at_once_all_see_it_initialised():
    code = """
import sys, threading
from ccdsl.dsl.lean_imports import import_ruamel_resolver
import_ruamel_resolver()
import ruamel.yaml
found, start = [], threading.Barrier(8)
def read():
    start.wait()
    from ruamel.yaml import YAML
    found.append(YAML is ruamel.yaml.main.YAML)
threads = [threading.Thread(target=read) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(found.count(True), type(sys.modules["ruamel.yaml"]).__name__)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["8", "module"]

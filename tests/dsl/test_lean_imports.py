"""pydantic is imported without asyncio (``ccdsl.dsl.lean_imports``), and asyncio imported afterwards is the
real package: event loops run, the stand-in is gone from ``sys.modules``."""
import json
import subprocess
import sys

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

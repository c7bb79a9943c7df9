"""Start-up: ``ccdsl validate`` loads only what validating needs — the command it runs, no graph library,
no AWS SDK, no TUI, no rich (unless colour is asked for), no templates, not the ``regex`` module lark would
load, no asyncio (which pydantic-core's import would load), nor pydantic's plugin scan of installed
packages — and, once the cache folder holds them, takes the model classes' schemas from their stored copy
instead of generating them and compiles no generated source (``ccdsl.dsl.code_cache``). Checked in a fresh
interpreter through ``sys.modules`` (the time it takes is measured by ``bench/validate.py``, never asserted here)."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ACME = str(ROOT / "examples" / "acme-bank" / "site.ccd")
HEAVY = ("networkx", "boto3", "botocore", "textual", "rich", "jinja2", "pygls", "regex", "asyncio")

PROBE = """
import json, sys
from ccdsl.__main__ import main
code = main(sys.argv[1:])
from ccdsl.dsl.model import schema_cache
from ccdsl.dsl import code_cache
print(json.dumps({"code": code, "modules": sorted(sys.modules), "models": schema_cache.last_source,
                  "compiled": code_cache.installed._dirty}))
"""


def probe(*argv: str) -> dict:
    """Exit code, loaded modules and how the model classes were completed, for ``ccdsl ARGV`` in a new interpreter."""
    out = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def modules_after(*argv: str) -> tuple[int, set[str]]:
    """Exit code and the modules loaded by ``ccdsl ARGV`` in a new interpreter."""
    result = probe(*argv)
    return result["code"], set(result["modules"])


def test_validate_imports_no_heavy_library():
    code, modules = modules_after("validate", ACME)
    assert code == 0
    loaded = sorted({m.split(".")[0] for m in modules} & set(HEAVY))
    assert loaded == []
    assert "ruamel.yaml.resolver" in modules and "ruamel.yaml.main" not in modules  # the resolver, not all of ruamel


def test_validate_imports_only_its_own_command():
    _, modules = modules_after("validate", ACME)
    commands = {m for m in modules if m.startswith("ccdsl.commands.") and not m.startswith("ccdsl.commands._")}
    assert commands == {"ccdsl.commands.validate"}
    assert not any(m.startswith(("ccdsl.compiler", "ccdsl.runtime", "ccdsl.tui")) for m in modules)


def test_validate_reads_stored_model_schemas_and_scans_no_plugins():
    probe("validate", ACME)  # the first run in a new cache folder stores the schemas
    result = probe("validate", ACME)
    assert result["models"] == "stored"
    assert result["compiled"] is False  # dataclass methods and forward references from the stored code
    assert "importlib.metadata" not in result["modules"]  # pydantic's plugin lookup reads every package's metadata


def test_help_still_lists_every_command():
    from ccdsl.commands import COMMANDS

    out = subprocess.run([sys.executable, "-m", "ccdsl", "--help"], capture_output=True, text=True, check=True).stdout
    for name in COMMANDS:
        assert f"    {name} " in out or f"    {name}\n" in out


EXIT_PROBE = """
import atexit, gc, sys
from ccdsl.__main__ import main
atexit.register(lambda: print("collector at exit:", gc.isenabled()))
sys.argv = ["ccdsl", *sys.argv[1:]]
sys.exit(main())
"""


def test_validate_pauses_the_collector_and_ends_without_the_teardown():
    def at_exit(*argv: str) -> str:
        out = subprocess.run([sys.executable, "-c", EXIT_PROBE, *argv], capture_output=True, text=True, check=False)
        return out.stdout.strip().splitlines()[-1]

    assert at_exit("validate", ACME) == "collector at exit: False"
    assert at_exit("schema") == "collector at exit: True"  # only a command that asks for it


def test_validate_in_process_leaves_the_collector_as_it_was():
    import gc

    from ccdsl.__main__ import main

    assert gc.isenabled()
    assert main(["validate", ACME]) == 0
    assert gc.isenabled()


def test_a_quick_exit_still_runs_the_exit_handlers_and_flushes_the_output(tmp_path):
    import os

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "ccdsl", "validate", "--format", "json", ACME], capture_output=True,
                         text=True, env=env, check=False)
    assert out.returncode == 0 and json.loads(out.stdout)["errors"] == 0 and out.stderr == ""
    stored = sorted(p.name.split("-")[0] for p in (tmp_path / "ccdsl").iterdir())
    for kind in ("code", "models", "parsers", "re"):  # written by exit handlers of this first run
        assert kind in stored
    bad = tmp_path / "bad.ccd"
    bad.write_text("ccdsl: 1\nqueues: [a, b\n")
    failed = subprocess.run([sys.executable, "-m", "ccdsl", "validate", str(bad)], capture_output=True, text=True,
                            env=env, check=False)
    assert failed.returncode == 1 and "E001" in failed.stdout + failed.stderr


def test_a_quick_exit_into_a_closed_pipe_is_quiet():
    cmd = f"{sys.executable} -m ccdsl validate --format json {ACME} {ACME} | head -c 1"
    out = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, check=False)
    assert out.stdout == "{" and "Traceback" not in out.stderr and "Exception" not in out.stderr

"""Parsers kept fully built between runs (``ccdsl.dsl.compact.parser_store``): a run with stored parsers builds
none and reports exactly what a run that built them reports; a damaged file is ignored and stored anew."""
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from lark.parsers import lalr_analysis

from ccdsl.dsl.compact import lark_support
from ccdsl.dsl.compact.flow_indenter import FlowIndenter
from ccdsl.dsl.compact.parser_store import ParserStore, _Pickler, _Unpickler, built_scanners, parser_key

ROOT = Path(__file__).resolve().parents[3]
SITES = sorted(str(p) for p in (ROOT / "examples").glob("*/site.ccd"))
INVALID = sorted(str(p) for p in (ROOT / "tests" / "dsl" / "invalid").glob("*.ccd"))

PROBE = """
import json, sys
from ccdsl.__main__ import main
code = main(sys.argv[1:])
from ccdsl.dsl.compact import lark_support
store = lark_support._store()
print(json.dumps({"code": code, "parsers": len(store._parsers), "built": len(set(store._parsers) - store._stored[0]),
                  "misses": lark_support.parser.cache_info().misses}))
"""


def _run(cache: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, check=False)


def _probe(cache: Path) -> dict:
    out = _run(cache, "-c", PROBE, "validate", *SITES).stdout
    return json.loads(out.strip().splitlines()[-1])


def _stored(cache: Path) -> list[Path]:
    return list((cache / "ccdsl").glob("parsers-*.pickle"))


def test_a_second_run_builds_no_parser(tmp_path):
    first = _probe(tmp_path)
    assert first["code"] == 0 and first["parsers"] >= 9 and first["built"] == first["parsers"]
    assert len(_stored(tmp_path)) == 1
    second = _probe(tmp_path)
    assert second["built"] == 0 and second["misses"] == first["misses"]


def test_stored_and_built_parsers_report_the_same_diagnostics(tmp_path):
    args = ["-m", "ccdsl", "validate", "--format", "json", *SITES, *INVALID]
    built = _run(tmp_path, *args)
    assert _stored(tmp_path)
    stored = _run(tmp_path, *args)
    assert built.returncode == stored.returncode == 1
    assert json.loads(built.stdout) == json.loads(stored.stdout)


def test_a_damaged_file_is_ignored_and_stored_again(tmp_path):
    _probe(tmp_path)
    (path,) = _stored(tmp_path)
    path.write_bytes(b"not a pickle")
    again = _probe(tmp_path)
    assert again["code"] == 0 and again["built"] == again["parsers"]
    assert _probe(tmp_path)["built"] == 0


def test_a_round_trip_keeps_the_parse_actions_and_the_pattern_source(tmp_path):
    parser = lark_support.parser("flow", ("start",), FlowIndenter)
    parser.parse("say \"hi\"\nhangup\n")
    assert built_scanners(parser) > 0
    patterns = lark_support._patterns()
    buffer = io.BytesIO()
    _Pickler(buffer, patterns).dump(parser)
    copy = _Unpickler(io.BytesIO(buffer.getvalue()), patterns).load()
    actions = {action for state in copy.parser.parser.parser.parse_table.states.values()
               for action, _ in state.values()}
    assert actions == {lalr_analysis.Shift, lalr_analysis.Reduce}
    assert copy.lexer_conf.re_module is patterns
    text = ("if closed office -> closed\nsay \"Connecting you\"\nqueue Support\ntransfer\n  at capacity -> closed\n"
            "closed:\n  say \"Sorry\"\n  hangup\non error:\n  hangup\n")
    assert copy.parse(text) == parser.parse(text)
    assert built_scanners(copy) == built_scanners(parser)


def test_a_store_without_a_folder_keeps_nothing():
    store = ParserStore(None, lark_support._patterns())
    key = parser_key("duration", ("duration",), None, "x")
    assert store.get(key) is None
    store.add(key, lark_support.parser("duration", ("duration", "rate")))
    store.save()  # nothing to write to, and no error
    assert store.get(key) is not None

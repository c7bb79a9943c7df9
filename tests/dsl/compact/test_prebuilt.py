"""The parse tables shipped with the package (``grammar/tables.pickle``, ``ccdsl.dsl.compact.prebuilt``): made
again from the grammars they give the same bytes, a first run builds no parser from its grammar, and a parser
loaded from them parses as a built one does; a damaged file or another lark means parsers are built."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lark import Lark, Token, Tree

from ccdsl.dsl.cache_dir import read_sealed, write_sealed
from ccdsl.dsl.compact import prebuilt
from ccdsl.dsl.compact.lark_support import _Lark
from ccdsl.dsl.compact.parser_store import parser_key

ROOT = Path(__file__).resolve().parents[3]
SITES = sorted(str(p) for p in (ROOT / "examples").glob("*/site.ccd"))

SAMPLES = {
    "access": ["table t rw", "GET /a/{id}/{rest+}", "bedrock invoke"],
    "alarm": ["queue(q).longest_wait > 300s for 5m", "metric(AWS/Bedrock, Invocations, ModelId=a).sum"],
    "composite": ["a and not (b or c)"],
    "duration": ["30s", "2000 per 5m"],
    "flow": ['say "Hi"\ninvoke f\n  error -> q\nq:\n  queue q\n  transfer\n    at capacity -> bye\nbye:\n  hangup\n',
             "menu \"Press 1\"\n  1 -> a\n  otherwise -> b\na:\n  hangup\nb:\n  hangup\n"],
    "hours": ["Mon-Fri 08:00-20:00, Sat 09:00-17:00 @ Europe/London", "24/7"],
    "interpolation": ["hello ${param:/a/b} and ${secret:x}"],
    "lifecycle": ["glacier after 30d, expire after 2555d"],
    "pipeline": ["contact_records -> stream ctr(shards=4, retention=168h) -> firehose -> lake ctr/ -> table ctr"],
    "utterance": ["I want {Amount:AMAZON.Number} now"],
}


def _shape(node):
    if node is None:
        return None
    if isinstance(node, Token):
        return (node.type, str(node), node.start_pos, node.line, node.column, node.end_line, node.end_column)
    assert isinstance(node, Tree)
    return (node.data, sorted(vars(node.meta).items()), [_shape(child) for child in node.children])


def _outcome(parser: Lark, text: str, start: str):
    try:
        return _shape(parser.parse(text, start=start))
    except Exception as err:  # noqa: BLE001 - the error's kind and place are what must agree
        return type(err).__name__, getattr(err, "line", None), getattr(err, "column", None)


def test_the_shipped_tables_are_what_the_grammars_give():
    payload = read_sealed(prebuilt.tables_path())
    assert payload is not None, "grammar/tables.pickle is missing or damaged: run python -m ccdsl.grammar"
    if prebuilt._shipped() == {} and payload != prebuilt.build_tables():
        pytest.skip(f"the tables were made by another lark or Python than {prebuilt.versions()}")
    assert payload == prebuilt.build_tables(), "a grammar changed: run python -m ccdsl.grammar"


def test_the_bytes_do_not_depend_on_the_hash_seed():
    code = "import sys; from ccdsl.dsl.compact.prebuilt import build_tables; sys.stdout.buffer.write(build_tables())"
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(outputs) == 1


def test_every_grammar_is_shipped():
    files = {p.stem for p in (ROOT / "grammar").glob("*.lark")}
    assert files == {grammar for grammar, _, _ in prebuilt.grammars()} == set(SAMPLES)


@pytest.mark.parametrize("grammar,start,postlex", prebuilt.grammars(), ids=lambda v: v if isinstance(v, str) else "")
def test_a_shipped_parser_parses_as_a_built_one(grammar, start, postlex):
    text = prebuilt.grammar_text(grammar)
    shipped = prebuilt.load_shipped(parser_key(grammar, start, postlex, text), _Lark, postlex() if postlex else None)
    assert shipped is not None
    built = Lark(text, start=list(start), postlex=postlex() if postlex else None, **prebuilt.LARK_OPTIONS)
    broken = [sample[: len(sample) // 2] + "§" for sample in SAMPLES[grammar]]
    for sample in [*SAMPLES[grammar], *broken, "", "x"]:
        for each in start:
            assert _outcome(shipped, sample, each) == _outcome(built, sample, each)


def test_another_lark_or_a_damaged_file_means_building(tmp_path, monkeypatch):
    grammar, start, postlex = prebuilt.grammars()[0]
    key = parser_key(grammar, start, postlex, prebuilt.grammar_text(grammar))
    payload = read_sealed(prebuilt.tables_path())
    assert payload is not None
    damaged = tmp_path / "damaged.pickle"
    write_sealed(str(damaged), payload)
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    monkeypatch.setattr(prebuilt, "tables_path", lambda: str(damaged))
    prebuilt._shipped.cache_clear()
    assert prebuilt.load_shipped(key, _Lark, None) is None
    monkeypatch.undo()
    prebuilt._shipped.cache_clear()
    monkeypatch.setattr(prebuilt, "versions", lambda: ("0.0.0", (3, 0)))
    assert prebuilt.load_shipped(key, _Lark, None) is None
    monkeypatch.undo()
    prebuilt._shipped.cache_clear()
    assert prebuilt.load_shipped(key, _Lark, None) is not None


def test_a_first_run_builds_no_parser_from_its_grammar(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "ccdsl", "validate", *SITES], capture_output=True, env=env, check=False)
    assert done.returncode == 0
    folder = tmp_path / "ccdsl"
    assert list(folder.glob("parsers-*.pickle"))
    assert not list(folder.glob("lark-*.cache"))  # lark's own cache is written only when it analyses a grammar

"""The model classes' stored schemas (``ccdsl.dsl.model.schema_cache``): a run that reads them back has exactly
the schemas pydantic generates, and validates every file of the invalid-input corpus to the same diagnostics
as a run that built them."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INVALID = sorted(str(p) for p in (ROOT / "tests" / "dsl" / "invalid").glob("*.ccd"))
ACME = str(ROOT / "examples" / "acme-bank" / "site.ccd")

SAME_AS_GENERATED = """
import json, re
from ccdsl.dsl.model import Node
from ccdsl.dsl.model import schema_cache

def shown(schema):  # a definition's ref ends in the id of its class, which differs between processes
    return re.sub(r"(ref': '[^']*):[0-9]+'", r"\\1'", repr(schema))

classes = schema_cache.model_classes(Node)
loaded = {c: shown(c.__pydantic_core_schema__) for c in classes}
for c in classes:
    c.model_rebuild(force=True)
same = [c.__name__ for c in classes if loaded[c] == shown(c.__pydantic_core_schema__)]
print(json.dumps({"source": schema_cache.last_source, "classes": len(classes), "same": len(same)}))
"""


def _run(args: list[str], cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, check=False)


def test_stored_schemas_equal_the_generated_ones(tmp_path):
    first = json.loads(_run(["-c", SAME_AS_GENERATED], tmp_path).stdout)
    assert first["source"] == "built"
    assert list((tmp_path / "ccdsl").glob("models-*.pickle"))
    second = json.loads(_run(["-c", SAME_AS_GENERATED], tmp_path).stdout)
    assert second["source"] == "stored"
    assert second["classes"] > 40 and second["same"] == second["classes"]


def test_stored_and_built_models_report_the_same_diagnostics(tmp_path):
    args = ["-m", "ccdsl", "validate", "--format", "json", ACME, *INVALID]
    built = _run(args, tmp_path)
    stored = _run(args, tmp_path)
    assert built.returncode == stored.returncode == 1
    assert json.loads(built.stdout) == json.loads(stored.stdout)
    assert len(json.loads(stored.stdout)["diagnostics"]) >= len(INVALID)


def test_a_damaged_file_is_rebuilt(tmp_path):
    _run(["-c", "import ccdsl.dsl.model"], tmp_path)
    for path in (tmp_path / "ccdsl").glob("models-*.pickle"):
        path.write_bytes(b"not a pickle")
    out = _run(["-c", "from ccdsl.dsl.model import schema_cache as s; print(s.last_source)"], tmp_path)
    assert out.stdout.strip() == "built"
    assert _run(["-m", "ccdsl", "validate", ACME], tmp_path).returncode == 0


def test_classes_are_built_the_usual_way_when_a_stored_schema_cannot_be_installed(tmp_path, monkeypatch):
    from pydantic import BaseModel, ConfigDict, Field

    from ccdsl.dsl.model import schema_cache

    def make() -> type[BaseModel]:
        class Base(BaseModel):
            model_config = ConfigDict(defer_build=True, extra="forbid")

        class Leaf(Base):
            size: int = Field(default_factory=lambda: 3)

        class Tree(Base):
            leaves: list[Leaf] = []

        return Base

    monkeypatch.setattr(schema_cache, "cache_folder", lambda: str(tmp_path))
    first = make()
    schema_cache.complete_models(first)
    assert schema_cache.last_source == "built"
    stored = {schema_cache._key(c): c.__pydantic_core_schema__ for c in schema_cache.model_classes(first)}

    def broken(cls, schema):
        raise AttributeError("pydantic internals moved")

    monkeypatch.setattr(schema_cache, "_load", lambda path, classes: stored)  # as if read back from the file
    monkeypatch.setattr(schema_cache, "_install", broken)
    base = make()  # the same classes again (same module and names), not yet completed
    schema_cache.complete_models(base)
    assert schema_cache.last_source == "built"
    tree = next(c for c in schema_cache.model_classes(base) if c.__name__ == "Tree")
    assert tree.model_validate({"leaves": [{}]}).leaves[0].size == 3

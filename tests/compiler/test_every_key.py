"""Every key the JSON Schema accepts is compiled into some AWS call, or is documented as validate-only.

A key counts as compiled when setting it back to its default, in the examples or in
``sites/every_key.ccd``, changes a compiled resource or artefact (or leaves the rest unable to compile).
Required keys are consumed by construction (a site without them does not validate). Validate-only keys
are those listed in the "Validate-only keys" section of ``docs/language.md``."""
import json
import re
from pathlib import Path

import pytest

from ccdsl.compiler.expand import expand_site
from ccdsl.compiler.resources import to_jsonable
from ccdsl.dsl.diagnostics import Diagnostics
from ccdsl.dsl.validate import validate_file

ROOT = Path(__file__).resolve().parents[2]
SITES = [*sorted((ROOT / "examples").glob("*/site.ccd")), Path(__file__).parent / "sites" / "every_key.ccd"]
VALIDATE_ONLY = re.compile(r"^- `(\w+)\.(\w+)`", re.M)


def _compiled(site, folder: str) -> str:
    expanded = expand_site(site, Diagnostics(), source_dir=folder)
    resources = {a: (r.type, to_jsonable(r.inputs)) for a, r in expanded.resources.items()}
    return json.dumps([resources, dict(expanded.artefacts)], sort_keys=True, default=str)


def _compiled_keys() -> set[tuple[str, str]]:
    proven: set[tuple[str, str]] = set()
    for path in SITES:
        site, diags = validate_file(path)
        assert site is not None and not diags.has_errors, (path, [d.message for d in diags])
        base = _compiled(site, str(path.parent))
        for node in [site, *site.walk()]:
            cls = type(node)
            if not hasattr(node, "model_fields_set"):
                continue  # a compact value: its text is checked through the key that holds it
            for field in sorted(node.model_fields_set):
                info = cls.model_fields.get(field)
                if info is None or info.is_required() or (cls.__name__, field) in proven:
                    continue
                old = getattr(node, field)
                object.__setattr__(node, field, info.get_default(call_default_factory=True))
                try:
                    changed = _compiled(site, str(path.parent)) != base
                except (KeyError, AttributeError, TypeError, IndexError, ValueError):
                    changed = True  # the compiler reads the key: without it the rest no longer compiles
                try:
                    if changed:
                        proven.add((cls.__name__, field))
                finally:
                    object.__setattr__(node, field, old)
    return proven


def _schema_keys() -> dict[tuple[str, str], bool]:
    """(definition, key) -> required, for every key of the committed schema."""
    schema = json.loads((ROOT / "schema" / "ccdsl.schema.json").read_text())
    keys = {("Site", p): p in schema.get("required", ()) for p in schema["properties"]}
    for name, definition in schema["$defs"].items():
        for p in definition.get("properties", {}):
            keys[(name, p)] = p in definition.get("required", ())
    return keys


def _validate_only() -> set[tuple[str, str]]:
    text = (ROOT / "docs" / "language.md").read_text()
    section = text.split("## Validate-only keys", 1)[1].split("\n## ", 1)[0]
    return set(VALIDATE_ONLY.findall(section))


@pytest.fixture(scope="module")
def compiled() -> set[tuple[str, str]]:
    return _compiled_keys()


def test_every_schema_key_is_compiled_or_documented_as_validate_only(compiled):
    documented = _validate_only()
    dropped = sorted(key for key, required in _schema_keys().items()
                     if not required and key not in compiled and key not in documented)
    assert dropped == [], "keys neither compiled nor documented as validate-only"


def test_validate_only_keys_are_real_and_really_validate_only(compiled):
    keys = _schema_keys()
    documented = _validate_only()
    assert "## Validate-only keys" in (ROOT / "docs" / "language.md").read_text()
    assert sorted(documented - set(keys)) == []
    assert sorted(documented & compiled) == [], "documented as validate-only but compiled"


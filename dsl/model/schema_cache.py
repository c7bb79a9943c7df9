"""The model classes' validation schemas, generated once and kept on disk, so that start-up does not regenerate them.

Every model class is declared with ``defer_build`` (:class:`~.base.Node`); importing :mod:`ccdsl.dsl.model`
then calls :func:`complete_models`, which gives each class its validator and serializer. Generating the
pydantic core schemas of the ~50 classes is most of what building them costs at import (pydantic walks
every annotation in Python); turning a schema into a validator is quick (pydantic-core, in Rust). So the
schemas are pickled into the cache folder (:mod:`ccdsl.dsl.cache_dir`) the first time, and later runs only
unpickle them and build the validators. The file is keyed by the Python, pydantic and pydantic-core
versions and by the size and modification time of every source file of ``ccdsl.dsl``, so any change to a
model (or to a type it uses) makes a new one. When anything cannot be stored or read back, the classes are
completed the usual way (``model_rebuild``) — only slower.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
from collections.abc import Iterable
from functools import partial
from typing import Any

import pydantic
import pydantic_core
from pydantic import BaseModel
from pydantic_core import SchemaSerializer, SchemaValidator

try:  # pydantic's own steps after generating a schema; a release that moves them gets the usual build
    from pydantic._internal._config import ConfigWrapper
    from pydantic._internal._model_construction import set_deprecated_descriptors
    from pydantic._internal._signature import generate_pydantic_signature
    from pydantic._internal._utils import LazyClassAttribute
    INSTALLABLE = True
except ImportError:  # pragma: no cover - depends on the installed pydantic
    INSTALLABLE = False

from ..cache_dir import cache_folder, read_sealed, source_stamp, write_sealed

#: how the last :func:`complete_models` completed the classes: "stored" (from the file) or "built"
last_source = ""


def model_classes(base: type[BaseModel]) -> list[type[BaseModel]]:
    """``base`` and every class derived from it, parents before children."""
    found: list[type[BaseModel]] = [base]
    seen = {base}
    for cls in found:
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                found.append(sub)
    return found


def _key(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def cache_key() -> str:
    """What the stored schemas depend on: the versions of Python, pydantic and pydantic-core, and the source files."""
    digest = hashlib.sha256(f"{sys.version}|{pydantic.VERSION}|{pydantic_core.__version__}".encode())
    digest.update(source_stamp().encode())
    return digest.hexdigest()[:20]


class _Pickler(pickle.Pickler):
    """Stores a field's default factory (often a lambda, which pickle cannot store) as its class and field."""

    def __init__(self, file: io.BytesIO, factories: dict[int, tuple[str, str]]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.factories = factories

    def persistent_id(self, obj: Any) -> Any:
        return self.factories.get(id(obj)) if callable(obj) else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, classes: dict[str, type[BaseModel]]):
        super().__init__(file)
        self.classes = classes

    def persistent_load(self, pid: Any) -> Any:
        owner, field = pid
        return self.classes[owner].__pydantic_fields__[field].default_factory


def _factories(classes: Iterable[type[BaseModel]]) -> dict[int, tuple[str, str]]:
    return {id(info.default_factory): (_key(cls), name)
            for cls in classes for name, info in cls.__pydantic_fields__.items() if info.default_factory is not None}


def _install(cls: type[BaseModel], schema: Any) -> None:
    """What pydantic does once it has generated a model's schema (``complete_model_class``), from a stored schema."""
    wrapper = ConfigWrapper(cls.model_config, check=False)
    config = wrapper.core_config(title=cls.__name__)
    cls.__pydantic_computed_fields__ = {k: v.info for k, v in cls.__pydantic_decorators__.computed_fields.items()}
    set_deprecated_descriptors(cls)
    cls.__pydantic_core_schema__ = schema
    # pydantic-core's validator as is: pydantic's plugin hook (which scans every installed package's entry
    # points, a quarter of the cost here) has nothing to do for ccdsl's models
    cls.__pydantic_validator__ = SchemaValidator(schema, config)
    cls.__pydantic_serializer__ = SchemaSerializer(schema, config)
    cls.__signature__ = LazyClassAttribute(  # type: ignore[assignment]
        "__signature__", partial(generate_pydantic_signature, init=cls.__init__, fields=cls.__pydantic_fields__,
                                 validate_by_name=wrapper.validate_by_name, extra=wrapper.extra))
    cls.__pydantic_complete__ = True
    cls.__pydantic_on_complete__()


def _load(path: str, classes: dict[str, type[BaseModel]]) -> dict[str, Any] | None:
    try:
        payload = read_sealed(path)
        if payload is None:
            return None
        data = _Unpickler(io.BytesIO(payload), classes).load()
    except Exception:  # noqa: BLE001 - a missing, stale or damaged file: rebuild below
        return None
    return data if isinstance(data, dict) and set(data) == set(classes) else None


def _save(path: str, classes: dict[str, type[BaseModel]]) -> None:
    buffer = io.BytesIO()
    try:
        _Pickler(buffer, _factories(classes.values())).dump(
            {key: cls.__pydantic_core_schema__ for key, cls in classes.items()})
    except Exception:  # noqa: BLE001 - a schema holding something pickle cannot store: keep no file
        return
    write_sealed(path, buffer.getvalue())


def complete_models(base: type[BaseModel]) -> None:
    """Give ``base`` and its subclasses their validators: from the stored schemas when they match, else built
    (and stored for the next run)."""
    classes = {_key(cls): cls for cls in model_classes(base)
               if not cls.__pydantic_complete__ and cls.__pydantic_fields_complete__}
    folder = cache_folder()
    path = os.path.join(folder, f"models-{cache_key()}.pickle") if folder else None
    global last_source
    schemas = _load(path, classes) if path and INSTALLABLE else None
    if schemas is not None:
        try:
            for key, cls in classes.items():
                _install(cls, schemas[key])
        except Exception:  # noqa: BLE001 - pydantic's internals changed shape: build the rest the usual way
            schemas = None
        else:
            last_source = "stored"
            return
    for cls in classes.values():
        if not cls.__pydantic_complete__:
            cls.model_rebuild()
    last_source = "built"
    if path:
        _save(path, classes)

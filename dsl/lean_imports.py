"""Importing pydantic and lark without the modules they load at import but ccdsl never uses (a fifth of
``ccdsl validate``'s start-up). Called once, by the package's ``__init__``, before anything else of the language.

- pydantic-core's ``core_schema`` marks a few functions with ``typing_extensions.deprecated``, which on Python
  < 3.13 runs ``import asyncio.coroutines`` to ask whether each is a coroutine function (none is): all of
  asyncio (event loops, ``ssl``, ``socket``, ``concurrent.futures``) at every start. While pydantic is imported
  for the first time, ``asyncio.coroutines`` is lent a stand-in holding the one function that question uses
  (``inspect.iscoroutinefunction`` answers the same for plain functions), taken back right after, so anything
  that imports asyncio later gets the real package.
- lark imports the third-party ``regex`` module whenever it is installed, only to offer ``Lark(regex=True)``,
  which no ccdsl grammar uses (their terminals are plain ``re`` patterns); ``regex`` is hidden while lark is
  imported, and importable again afterwards.
- ruamel.yaml's package ``__init__`` imports all of ruamel.yaml (loader, dumper, round-trip comments …) although
  the fast YAML path uses only its resolver and node classes. :func:`import_ruamel_resolver` registers the
  package with its initialisation deferred to the first name read from it (``ruamel.yaml.YAML``, a ``from
  ruamel.yaml import …``); its submodules import as usual meanwhile.

Nothing is lent or hidden when the module in question (or the library) is already loaded.
"""
from __future__ import annotations

import importlib.util
import inspect
import sys
import threading
import types
from typing import Any


def import_pydantic() -> None:
    """Import ``pydantic.main`` (what ``from pydantic import BaseModel`` loads), asyncio left out."""
    if "pydantic_core" in sys.modules or "asyncio" in sys.modules or sys.version_info >= (3, 13):
        import pydantic.main  # noqa: F401
        return
    package = types.ModuleType("asyncio")
    coroutines = types.ModuleType("asyncio.coroutines")
    coroutines.iscoroutinefunction = inspect.iscoroutinefunction  # type: ignore[attr-defined]
    coroutines._is_coroutine = object()  # type: ignore[attr-defined]
    package.coroutines = coroutines  # type: ignore[attr-defined]
    package.__path__ = []  # a package, so that `import asyncio.coroutines` resolves to the stand-in
    lent = {"asyncio": package, "asyncio.coroutines": coroutines}
    sys.modules.update(lent)
    try:
        import pydantic.main  # noqa: F401
    finally:
        for name, module in lent.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


def import_lark() -> None:
    """Import lark, the ``regex`` module left out."""
    if "lark" in sys.modules or "regex" in sys.modules:
        import lark  # noqa: F401
        return
    sys.modules["regex"] = None  # type: ignore[assignment]  # `import regex` raises ImportError meanwhile
    try:
        import lark  # noqa: F401
    finally:
        if sys.modules.get("regex", 0) is None:
            del sys.modules["regex"]


_DEFERRED = threading.RLock()  # one thread runs a deferred package's __init__; the others wait for it


class _DeferredPackage(types.ModuleType):
    """A package whose ``__init__`` runs when a name it does not hold yet is first read (submodules import
    without it, and are set on it as usual)."""

    def __getattr__(self, name: str) -> Any:
        with _DEFERRED:
            if vars(self).get("_ccdsl_initialising"):  # read by its own __init__: not defined yet, as usual
                raise AttributeError(name)
            if type(self) is _DeferredPackage:
                vars(self)["_ccdsl_initialising"] = True
                try:
                    self.__spec__.loader.exec_module(self)  # type: ignore[union-attr]
                except BaseException:
                    sys.modules.pop(self.__name__, None)  # as a failed import leaves it
                    raise
                finally:
                    vars(self).pop("_ccdsl_initialising", None)
                self.__class__ = types.ModuleType  # type: ignore[assignment]  # an ordinary module from here on
        return getattr(self, name)


def import_ruamel_resolver() -> None:
    """Import ``ruamel.yaml.resolver`` and ``ruamel.yaml.nodes`` without the rest of ruamel.yaml (see above)."""
    if "ruamel.yaml" not in sys.modules:
        spec = importlib.util.find_spec("ruamel.yaml")
        if spec is not None and spec.loader is not None and spec.submodule_search_locations is not None:
            package = importlib.util.module_from_spec(spec)
            package.__class__ = _DeferredPackage
            sys.modules["ruamel.yaml"] = package
            parent = sys.modules.get("ruamel")
            if parent is not None:
                parent.yaml = package  # type: ignore[attr-defined]
    import ruamel.yaml.nodes  # noqa: F401
    import ruamel.yaml.resolver  # noqa: F401

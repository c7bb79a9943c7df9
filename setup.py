"""Package mapping: the product's top-level folders install as one import package, ``ccdsl``.

``cli/`` is the root package (``ccdsl``); ``dsl/``, ``compiler/``, ``runtime/``, ``tui/`` and
``grammar/`` are its sub-packages. Sub-folders with an ``__init__.py`` are picked up automatically.
"""
from setuptools import find_packages, setup

ROOTS = {
    "ccdsl": "cli",
    "ccdsl.dsl": "dsl",
    "ccdsl.compiler": "compiler",
    "ccdsl.runtime": "runtime",
    "ccdsl.tui": "tui",
    "ccdsl.grammar": "grammar",
}

packages = []
for package, folder in ROOTS.items():
    packages.append(package)
    packages.extend(f"{package}.{sub}" for sub in find_packages(folder))

setup(packages=packages, package_dir=ROOTS)

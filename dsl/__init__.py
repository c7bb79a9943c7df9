"""The .ccd language: loading, the typed model, compact-syntax parsing and validation.

This layer imports nothing else of ccdsl's. Everything above it (compiler, runtime, tui) may import it.
"""
from .code_cache import install as install_code_cache
from .lean_imports import import_lark, import_pydantic
from .re_cache import install as install_re_cache

install_re_cache()  # the regular expressions compiled through `re` at start-up, kept compiled (see there)
install_code_cache()  # what dataclasses and typing compile at import, compiled once and kept (see there)
import_pydantic()  # every part of the language uses the model and the compact syntaxes: both libraries
import_lark()  # loaded first, without what they would load and ccdsl does not use (see there)

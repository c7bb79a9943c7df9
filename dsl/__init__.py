"""The .ccd language: loading, the typed model, compact-syntax parsing and validation.

This layer imports nothing else of ccdsl's. Everything above it (compiler, runtime, tui) may import it.
"""

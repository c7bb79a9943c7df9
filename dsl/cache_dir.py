"""The user's cache folder for what ccdsl derives once and reuses between runs (grammar tables, compiled
lexer patterns, model validators): ``$XDG_CACHE_HOME/ccdsl`` or ``~/.cache/ccdsl``. Everything kept there
is checked or keyed on load, so deleting the folder is always safe; without a writable folder, nothing is kept.
"""
from __future__ import annotations

import functools
import os


@functools.cache
def cache_folder() -> str | None:
    """The cache folder (created when missing), or None when it cannot be created."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "ccdsl")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return folder

"""``ccdsl import``: exported Connect flow JSON → ``.ccd`` flows (``do:`` bodies where they round-trip,
templates with their reasons otherwise).

:func:`decompile` handles one flow document; :func:`import_flows` several files sharing one
:class:`NameBook`; :mod:`.site_text` writes the ``flows:`` section and the template files.
"""
from __future__ import annotations

from .decompile import ImportedFlow, Reason, decompile, infer_flow_type
from .names import NameBook, load_map

__all__ = ["ImportedFlow", "NameBook", "Reason", "decompile", "infer_flow_type", "load_map"]

"""Limits on the work one input may cause, so that an untrusted .ccd file is validated or refused
quickly (budget: any file up to 5 MB within 10 s and 500 MB of memory) instead of hanging CI.

Each limit, when reached, is an error with its own code at the place that reached it:
E022 file too large, E023 too many values (including those an alias expands to), E024 nesting too
deep, E329 flow template rendering too slow or its output too large. docs/limits.md lists them.
"""
from __future__ import annotations

#: largest .ccd file read (bytes); larger files are refused before parsing (E022)
MAX_FILE_BYTES = 5 * 1024 * 1024
#: most YAML values (scalars, mappings, lists) a file may hold as written (E023); a real contact centre
#: of a thousand queues uses a few tens of thousands. Memory grows about 1.7 KB per value.
MAX_NODES = 250_000
#: most values once every alias is expanded: a 1 KB alias bomb is refused here (E023)
MAX_EXPANDED_NODES = 250_000
#: deepest nesting of mappings and lists (E024)
MAX_DEPTH = 64
#: wall-clock budget for rendering one flow template, seconds (E329)
TEMPLATE_SECONDS = 5.0
#: largest output of one flow template, characters (E329); Connect caps flow content well below this
TEMPLATE_OUTPUT_CHARS = 1_000_000

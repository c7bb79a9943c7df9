"""Pausing Python's cyclic garbage collector around work that allocates a great deal and frees little
(loading, validating, compiling, planning a site): the collector would only rescan what is still alive.

Re-enabling it is the delicate part. Everything allocated while it was paused sits in the youngest
generation, so the first allocation after ``gc.enable()`` would start a collection of that generation —
a pass over every object the work made (at 100k resources, millions: about half a second). On resuming,
the objects still tracked are first moved to the oldest generation (``gc.freeze`` then ``gc.unfreeze``,
https://docs.python.org/3/library/gc.html#gc.unfreeze), where only the collector's occasional full
collections look at them, as they would have had the collector run all along.
"""
from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off; restore it (when it was on) without a pass over all
    the block made. Nested uses leave the restoring to the outermost."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()

"""A run's progress, folded once from its events: :class:`RunModel` (resources, phases, counts, retries) and
:func:`project` (the live critical path, its ETA and each running resource's slack).

Every view of a run reads these — the plain and rich sinks, the end-of-run summary, ``ccdsl report`` and the
TUI — so the same events always give the same figures everywhere. Nothing here renders text.
"""
from ccdsl.runtime.progress.critical import Projection, Step, project, time_left
from ccdsl.runtime.progress.model import (
    ACTIVE,
    FINISHED,
    SEED_DESTROY_S,
    SEED_PHASED_S,
    LogEntry,
    PhaseStat,
    Res,
    RunModel,
)

__all__ = ["ACTIVE", "FINISHED", "SEED_DESTROY_S", "SEED_PHASED_S", "LogEntry", "PhaseStat", "Projection", "Res",
           "RunModel", "Step", "project", "time_left"]

"""What one redraw shows: the model, its live projection, the clock and the active filter."""
from __future__ import annotations

from dataclasses import dataclass

from ccdsl.runtime.progress import Projection, RunModel, time_left

FILTERS = {"all": "everything", "failures": "failures only", "critical": "critical path only"}


@dataclass(slots=True)
class View:
    model: RunModel
    proj: Projection
    now: float
    filter: str = "all"  # all | failures | critical

    @property
    def eta(self) -> float:
        """Remaining time: the live critical path's, or, once a stop was asked for, the in-flight work's."""
        return time_left(self.model, self.proj)

    def timeline_rows(self) -> list[str]:
        m = self.model
        if self.filter == "failures":
            return [a for a in m.order if m.resources[a].status in ("failed", "skipped", "retrying")]
        if self.filter == "critical":
            on = self.proj.addresses() | set(m.planned_path)
            return [a for a in m.order if a in on]
        return m.order

    def wants_log(self, kind: str, address: str) -> bool:
        if self.filter == "failures":
            return kind in ("resource_failed", "resource_skipped", "resource_retrying", "apply_done",
                            "stop_requested")
        if self.filter == "critical":
            return not address or address in self.proj.addresses() or address in self.model.planned_path
        return True

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
    search: str = ""  # rows whose address contains this (``/``)

    @property
    def eta(self) -> float:
        """Remaining time: the live critical path's, or, once a stop was asked for, the in-flight work's."""
        return time_left(self.model, self.proj)

    def timeline_rows(self) -> list[str]:
        m = self.model
        rows = m.order
        if self.filter == "failures":
            rows = [a for a in rows if m.resources[a].status in ("failed", "skipped", "retrying")]
        elif self.filter == "critical":
            on = self.proj.addresses()  # the live chain only: the planned one is in the summary
            rows = [a for a in rows if a in on]
        if self.search:
            needle = self.search.lower()
            rows = [a for a in rows if needle in a.lower()]
        return rows

    def empty_text(self) -> str:
        """What an empty timeline says under the active filter."""
        if self.filter == "failures":
            return "no failures, retries or skipped resources so far"
        if self.search:
            return f"no resource matches '{self.search}' (/ to search again; / then enter on nothing clears it)"
        if not self.model.planned:
            return "waiting for the plan…"
        return "nothing to show"

    def wants_log(self, kind: str, address: str) -> bool:
        if self.filter == "failures":
            return kind in ("resource_failed", "resource_skipped", "resource_retrying", "apply_done",
                            "stop_requested")
        if self.filter == "critical":
            return not address or address in self.proj.addresses() or address in self.model.planned_path
        return True

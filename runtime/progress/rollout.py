"""Progress of a run over many targets: one :class:`~ccdsl.runtime.progress.RunModel` per target, folded from
that target's events, plus the target's rollout status (queued, running, done, failed, no changes, not
started). Every multi-target view reads this, so they show the same figures. Nothing here renders text."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from ccdsl.runtime import events as ev
from ccdsl.runtime.progress.critical import project, time_left
from ccdsl.runtime.progress.model import RunModel


@dataclass(slots=True)
class TargetRow:
    name: str
    label: str  # "london (111111111111, eu-west-2)"
    status: str = "planned"  # planned | queued | running | done | failed | no changes | not started
    detail: str = ""
    model: RunModel = field(default_factory=lambda: RunModel(log_size=0))

    @property
    def phase(self) -> str:
        """The phase now running (the lowest with work left), or '' when none is."""
        for ph in self.model.phases.values():
            if ph.total and ph.finished < ph.total and ph.first_start is not None:
                return f"{ph.number} {ph.name}"
        return ""

    @property
    def remaining_s(self) -> float:
        """Deployment time left on this target's live critical path (0 when it is not running)."""
        if self.status != "running" or not self.model.planned:
            return 0.0
        return time_left(self.model, project(self.model))


class RolloutModel:
    """Thread-safe: the targets run on worker threads."""

    def __init__(self, labels: dict[str, str], *, max_concurrent: int = 1, failure_tolerance: int = 0) -> None:
        self.rows = {name: TargetRow(name, label) for name, label in labels.items()}
        self.max_concurrent = max_concurrent
        self.failure_tolerance = failure_tolerance
        self.lock = threading.RLock()
        self.version = 0

    def status(self, name: str, status: str, detail: str = "") -> None:
        with self.lock:
            row = self.rows[name]
            row.status, row.detail = status, detail
            self.version += 1

    def event(self, name: str, event: ev.Event) -> None:
        with self.lock:
            self.rows[name].model.apply(event)
            self.version += 1

    def counts(self) -> dict[str, int]:
        with self.lock:
            found: dict[str, int] = {}
            for row in self.rows.values():
                found[row.status] = found.get(row.status, 0) + 1
            return found

    @property
    def ok(self) -> bool:
        with self.lock:
            return all(row.status in ("done", "no changes") for row in self.rows.values())

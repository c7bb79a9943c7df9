"""Where the app's events come from. A source runs on a worker thread, calls ``sink(event)`` for each
event and honours the :class:`RunControl` (pause, stop); it returns an :class:`Outcome`.

* :class:`ApplySource` — a real apply through :func:`ccdsl.runtime.session.apply_site`.
* :class:`ReplaySource` — a list of events played back (a recorded run, or a scripted one such as
  ``bench/synthetic.py``), optionally paced and held at a point, behaving like the runtime for pause and
  graceful stop.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ccdsl.runtime import events as ev
from ccdsl.runtime.control import RunControl
from ccdsl.runtime.options import RunOptions

Sink = Callable[[ev.Event], None]


@dataclass(slots=True)
class Outcome:
    exit_code: int
    failures: dict[str, str] = field(default_factory=dict)
    diagnostics: list[str] = field(default_factory=list)


class ApplySource:
    """Apply ``site_path`` (a .ccd path or a ``CompiledSite``) with the runtime under ``options``; ``sinks``
    receive every event besides the app."""

    def __init__(self, site_path: Any, options: RunOptions | None = None, *, sinks: Sequence[Sink] = (),
                 saved: Any = None) -> None:
        self.site_path = site_path if hasattr(site_path, "resources") else str(site_path)  # or a CompiledSite
        self.options = options or RunOptions()
        self.extra_sinks = tuple(sinks)
        self.saved = saved  # a SavedPlan to run exactly (refused if stale)
        self.compiled: Any = None  # the CompiledSite, once compiled
        self.title = getattr(site_path, "site", str(site_path))
        self.clock_scale = self.options.clock_scale  # deployment seconds per wall second

    def run(self, sink: Sink, control: RunControl) -> Outcome:
        from ccdsl.runtime.session import apply_site, default_state_path, plan_site

        site, options = self.site_path, self.options
        if isinstance(site, str):  # compile once: the run uses it, and failures point into it
            planned = plan_site(site, options)
            if not planned.ok:
                return Outcome(1, diagnostics=list(planned.diagnostics))
            self.compiled = planned.site
            options = options.with_(state_path=options.state_path or str(default_state_path(site)))
            site = planned.site
        else:
            self.compiled = site
        result = apply_site(site, options, sinks=(sink, *self.extra_sinks), control=control, saved=self.saved)
        return Outcome(result.exit_code, dict(result.failures), list(result.diagnostics))

    def where(self, address: str) -> str | None:
        """``site.ccd:41:3``: where the site declares ``address`` (None when unknown)."""
        site = getattr(self, "compiled", None)
        resource = site.resources.get(address) if site is not None else None
        span = getattr(resource, "span", None)
        if span is None:
            return None
        path = getattr(span, "path", None) or getattr(span, "file", None) or ""
        line, col = getattr(span, "line", None), getattr(span, "col", None) or getattr(span, "column", None)
        if line is None:
            return None
        return f"{path}:{line}:{col}" if col else f"{path}:{line}"

    def describe(self, address: str) -> dict[str, Any] | None:
        """What state recorded about ``address`` (resolved inputs, outputs, error), if anything."""
        from ccdsl.runtime.session import default_state_path
        from ccdsl.runtime.state.base import open_state

        try:
            state = open_state(self.options.state_path or default_state_path(self.site_path))
            try:
                record = state.load().get(address)
            finally:
                state.close()
        except Exception:  # state is being written or cannot be read: details show what events told
            return None
        if record is None:
            return None
        return {"inputs": record.inputs, "outputs": record.outputs, "error": record.error, "status": record.status}


class ReplaySource:
    """Play ``events`` in order. ``pace`` wall seconds between events; ``hold_at`` stops after that many
    events until :meth:`release`. Pause holds at the next start (as the runtime, which plans and queues
    but starts nothing while paused); a stop drops what had not started
    and ends with an ``ApplyDone`` that counts it as pending."""

    clock_scale = 0.0

    def __init__(self, events: Sequence[ev.Event], *, pace: float = 0.0, hold_at: int | None = None,
                 title: str = "replay", inputs: dict[str, dict] | None = None) -> None:
        self.events = list(events)
        self.pace = pace
        self.hold_at = hold_at
        self.title = title
        self.inputs = inputs or {}
        self._release = threading.Event()
        self.played = 0

    def release(self) -> None:
        self._release.set()

    def describe(self, address: str) -> dict[str, Any] | None:
        return {"inputs": self.inputs[address]} if address in self.inputs else None

    def run(self, sink: Sink, control: RunControl) -> Outcome:
        started: set[str] = set()
        ended: set[str] = set()
        total = 0
        stopped = paused = False
        failures: dict[str, str] = {}
        last_t = 0.0
        for i, e in enumerate(self.events):
            if self.hold_at is not None and i == self.hold_at:
                while not self._release.wait(0.02) and not control.hard_stop:
                    pass
            if control.hard_stop:
                break
            last_t = max(last_t, e.t)
            if control.paused and not paused and isinstance(e, ev.ResourceStarted):
                paused = True
                sink(ev.RunPaused(t=last_t))
            while paused and control.paused and not control.stopping:
                time.sleep(0.01)
            if paused and not control.paused:
                paused = False
                if not control.stopping:
                    sink(ev.RunResumed(t=last_t))
            if control.stopping and not stopped:
                stopped = True
                sink(ev.StopRequested(t=last_t, hard=control.hard_stop))
            if isinstance(e, ev.PlanReady):
                total = sum(1 for p in e.resources if p.action != "noop")
            address = getattr(e, "address", None)
            if stopped and address is not None and address not in started:
                continue
            if isinstance(e, ev.ApplyDone) and stopped:
                counts = {"done": e.counts.get("done", 0), "failed": len(failures), "skipped": 0,
                          "pending": max(0, total - len(ended)), "noop": e.counts.get("noop", 0)}
                counts["done"] = len(ended) - len(failures)
                e = ev.ApplyDone(t=last_t, ok=False, elapsed_s=last_t, estimated_s=e.estimated_s, counts=counts,
                                 critical_path=e.critical_path)
            if isinstance(e, ev.ResourceStarted):
                started.add(e.address)
            elif isinstance(e, (ev.ResourceDone, ev.ResourceFailed, ev.ResourceSkipped)):
                ended.add(e.address)
                if isinstance(e, ev.ResourceFailed):
                    failures[e.address] = e.error
            sink(e)
            self.played += 1
            if self.pace:
                time.sleep(self.pace)
        ok = not stopped and not failures
        return Outcome(0 if ok else 1, failures)

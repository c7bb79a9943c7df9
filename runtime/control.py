"""RunControl: pause, resume and stop a running apply from any thread (the TUI, a signal handler).

``pause()`` keeps in-flight work running and starts nothing new until ``resume()``.
``request_stop()`` starts nothing new, lets in-flight work finish and records it; ``request_stop(hard=True)``
abandons in-flight work at once (a re-run of apply adopts whatever the provider had already made).
The executor registers a waker with :meth:`add_listener` so a change made on another thread takes effect
immediately in its event loop.
"""
from __future__ import annotations

import threading
from collections.abc import Callable


class RunControl:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paused = False
        self._stopping = False
        self._hard = False
        self._listeners: list[Callable[[str], None]] = []

    # --- commands (thread-safe) -----------------------------------------------------------------
    def pause(self) -> None:
        self._set("pause", paused=True)

    def resume(self) -> None:
        self._set("resume", paused=False)

    def request_stop(self, hard: bool = False) -> None:
        """Stop starting work; ``hard`` also abandons in-flight work. A second soft stop becomes hard."""
        with self._lock:
            hard = hard or self._stopping
            self._stopping = True
            self._hard = self._hard or hard
            self._paused = False
        self._notify("hard_stop" if hard else "stop")

    def interrupt(self) -> None:
        """Ctrl-C: the first asks for a graceful stop, the second for a hard one."""
        self.request_stop(hard=self.stopping)

    # --- state -----------------------------------------------------------------------------------
    @property
    def paused(self) -> bool:
        with self._lock:
            return self._paused

    @property
    def stopping(self) -> bool:
        with self._lock:
            return self._stopping

    @property
    def hard_stop(self) -> bool:
        with self._lock:
            return self._hard

    def add_listener(self, callback: Callable[[str], None]) -> None:
        """``callback(change)`` is called on the thread that made the change."""
        with self._lock:
            self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[str], None]) -> None:
        with self._lock:
            if callback in self._listeners:
                self._listeners.remove(callback)

    def _set(self, change: str, *, paused: bool) -> None:
        with self._lock:
            if self._stopping and paused:
                return
            if self._paused == paused:
                return
            self._paused = paused
        self._notify(change)

    def _notify(self, change: str) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for callback in listeners:
            callback(change)

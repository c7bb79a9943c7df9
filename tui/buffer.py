"""A bounded, thread-safe hand-off of events from the run's thread to the UI thread.

The runtime calls :meth:`EventBuffer.put` for every event; the app's redraw timer takes everything at once
with :meth:`drain`. When the buffer is full the producer waits until the next drain (back-pressure),
so memory stays bounded however fast events come, and the UI redraws once per drain — never per event.
After :meth:`close` (the app has gone) events are counted and dropped instead of waiting forever.
"""
from __future__ import annotations

import threading
from typing import Any


class EventBuffer:
    def __init__(self, capacity: int = 4096) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self._items: list[Any] = []
        self._cond = threading.Condition()
        self._closed = False
        self.high_water = 0  # the most events ever waiting at once
        self.waits = 0  # times a producer had to wait for a drain
        self.dropped = 0  # events put after close
        self.total = 0  # events accepted

    def put(self, event: Any) -> None:
        with self._cond:
            while len(self._items) >= self.capacity and not self._closed:
                self.waits += 1
                self._cond.wait(0.25)
            if self._closed:
                self.dropped += 1
                return
            self._items.append(event)
            self.total += 1
            if len(self._items) > self.high_water:
                self.high_water = len(self._items)

    def drain(self) -> list[Any]:
        with self._cond:
            items, self._items = self._items, []
            self._cond.notify_all()
        return items

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        return self._closed

    def __len__(self) -> int:
        with self._cond:
            return len(self._items)

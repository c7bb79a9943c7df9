"""``--events FILE``: every event as one JSON line, for later analysis (``ccdsl report --events FILE``). The
first line is the header naming the event schema version (:func:`ccdsl.runtime.events.header`)."""
from __future__ import annotations

import json

from ccdsl.runtime import events as ev


class JsonLinesSink:
    def __init__(self, path):
        self.path = str(path)
        self._fh = open(self.path, "w", encoding="utf-8")
        self._fh.write(json.dumps(ev.header(), separators=(",", ":")) + "\n")

    def __call__(self, event: ev.Event) -> None:
        if self._fh.closed or isinstance(event, ev.Tick):
            return
        self._fh.write(json.dumps(event.to_dict(), default=_default, separators=(",", ":")) + "\n")
        self._fh.flush()
        if isinstance(event, ev.ApplyDone):
            self._fh.close()

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()


def _default(value):
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)

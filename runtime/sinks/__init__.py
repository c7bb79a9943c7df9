"""Event sinks: plain lines (not a TTY), a rich live view (a TTY), JSON lines (``--events FILE``). The plain
and rich views fold events into one :class:`~ccdsl.runtime.progress.RunModel` each and render from it."""
from ccdsl.runtime.sinks.jsonl import JsonLinesSink  # noqa: F401
from ccdsl.runtime.sinks.plain import PlainSink  # noqa: F401

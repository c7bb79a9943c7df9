"""Event sinks: plain lines (not a TTY), a rich live view (a TTY), JSON lines (``--events FILE``)."""
from ccdsl.runtime.sinks.jsonl import JsonLinesSink  # noqa: F401
from ccdsl.runtime.sinks.plain import PlainSink  # noqa: F401
from ccdsl.runtime.sinks.summary import RunTracker  # noqa: F401

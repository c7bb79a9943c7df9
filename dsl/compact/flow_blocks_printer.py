"""Canonical text of the customer-data statements of a flow body (customer profiles, cases, Voice ID), and of
the options of ``task`` and ``callback``; the flow printer (:mod:`.flow_printer`) calls :func:`block_head`."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from . import flow_ast as A
from .lark_support import duration_text
from .strings import quote


def _returning(fields: Iterable[A.Name]) -> str:
    names = [f.value for f in fields]
    return f" returning {', '.join(names)}" if names else ""


def block_head(s: A.Stmt, assignments: Callable[[Iterable[A.Assignment]], str]) -> str | None:
    """The statement line of a customer-data statement, ``task`` or ``callback`` (None for any other);
    ``assignments`` prints ``k = v, …`` as the flow printer does."""
    match s:
        case A.GetProfile():
            return f"get profile by {assignments(s.search)}{_returning(s.fields)}"
        case A.CreateProfile():
            return f"create profile with {assignments(s.data)}{_returning(s.fields)}"
        case A.GetCase():
            latest = " latest" if s.latest else ""
            return f"get case{latest} by {assignments(s.search)}{_returning(s.fields)}" + (" link" if s.link else "")
        case A.CreateCase():
            return f"create case template {quote(s.template)} with {assignments(s.fields)}" + (
                " link" if s.link else "")
        case A.StartVoiceId():
            out = "start voice id"
            if s.threshold is not None:
                out += f" authenticate {s.threshold}"
            if s.response is not None:
                out += f" response {duration_text(s.response)}"
            return out + (" fraud" if s.fraud else "")
        case A.CheckVoiceId():
            return f"check voice id {s.check}"
        case A.Task():
            out = f"task {quote(s.name)} flow {s.flow}"
            if s.description is not None:
                out += f" description {quote(s.description)}"
            return out + (f" with {assignments(s.attributes)}" if s.attributes else "")
        case A.Callback():
            out = "callback" + (f" {s.queue}" if s.queue is not None else "")
            if s.delay is not None:
                out += f" delay {duration_text(s.delay)}"
            if s.attempts is not None:
                out += f" attempts {s.attempts}"
            if s.retry is not None:
                out += f" retry {duration_text(s.retry)}"
            return out
    return None

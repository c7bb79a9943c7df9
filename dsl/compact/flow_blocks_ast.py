"""Syntax-tree nodes of the flow statements for Connect's customer-data blocks: Customer Profiles
(``get profile``, ``create profile``), Cases (``get case``, ``create case``) and Voice ID (``start voice id``,
``check voice id``).

Each is a frozen dataclass like the other statements of :mod:`.flow_ast` (which re-exports them and puts
them in its ``Stmt`` union). Statements that branch on what the service answers keep those branches in
``results`` (``NoneFound -> label``), named as the block's branches are in the flow designer; the results a
statement can return are in :func:`results_of`.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..source import Span
from .flow_ast import Assignment, IntentBranch, Statement
from .nodes import Name
from .nodes import span_field as _span

#: Customer profiles, Get profile: no profile matches, or more than one does (customer-profiles-block.html)
PROFILE_RESULTS = ("NoneFound", "MultipleFound")
#: Cases, Get case: no case, several (without ``latest``), or the contact could not be linked (cases-block.html)
CASE_RESULTS = ("NoneFound", "MultipleFound", "ContactNotLinked")
#: Cases, Create case with ``link``: the case was created but the contact was not linked to it
CREATE_CASE_RESULTS = ("ContactNotLinked",)
#: Check Voice ID: what each check returns (flow-control-actions-checkvoiceid.html)
VOICE_ID_CHECKS = {
    "enrollment": ("enrollmentStatus", ("Enrolled", "NotEnrolled", "OptedOut")),
    "authentication": ("voiceAuthentication",
                       ("Authenticated", "NotAuthenticated", "Inconclusive", "NotEnrolled", "OptedOut")),
    "fraud": ("fraudDetection", ("HighRisk", "LowRisk", "Inconclusive")),
}


@dataclass(frozen=True, slots=True)
class GetProfile(Statement):
    """``get profile by PhoneNumber = $.CustomerEndpoint.Address [returning FirstName, LastName]``: looks the
    contact's customer profile up by up to five search identifiers; the fields returned are in ``$.Customer.…``.
    Branches: ``NoneFound``, ``MultipleFound``, ``error``."""

    search: tuple[Assignment, ...]
    fields: tuple[Name, ...] = ()
    results: tuple[IntentBranch, ...] = ()
    error: Name | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class CreateProfile(Statement):
    """``create profile with FirstName = "Sam", PhoneNumber = $.CustomerEndpoint.Address [returning …]``:
    creates a customer profile (its id is in ``$.Customer.ProfileId``); ``error`` branch."""

    data: tuple[Assignment, ...]
    fields: tuple[Name, ...] = ()
    error: Name | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class GetCase(Statement):
    """``get case [latest] by case_id = $.Attributes.CaseId [returning status, title] [link]``: finds a case
    by its fields (``latest``: the last updated of several); ``link`` links the contact to it. The fields
    returned are in ``$.Case.…``. Branches: ``NoneFound``, ``MultipleFound``, ``ContactNotLinked``, ``error``."""

    search: tuple[Assignment, ...]
    fields: tuple[Name, ...] = ()
    latest: bool = False
    link: bool = False
    results: tuple[IntentBranch, ...] = ()
    error: Name | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class CreateCase(Statement):
    """``create case template "TEMPLATE-ID" with title = "…", status = "open" [link]``: creates a case from a
    case template (its id as Cases shows it) with these fields; ``link`` links the contact to the new case.
    Branches: ``ContactNotLinked`` (with ``link``), ``error``."""

    template: str
    fields: tuple[Assignment, ...]
    link: bool = False
    results: tuple[IntentBranch, ...] = ()
    error: Name | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class StartVoiceId(Statement):
    """``start voice id [authenticate 90] [response 10s] [fraud]``: streams the caller's audio to Voice ID,
    with voice authentication at this threshold (0-100) after at least ``response`` seconds of speech, and
    fraud detection; ``error`` branch (the Set Voice ID block)."""

    threshold: int | None = None
    response: int | None = None
    fraud: bool = False
    error: Name | None = None
    span: Span = _span()


@dataclass(frozen=True, slots=True)
class CheckVoiceId(Statement):
    """``check voice id enrollment|authentication|fraud`` with result branches (``Authenticated -> ok``),
    ``otherwise`` and ``error``."""

    check: str  # a key of VOICE_ID_CHECKS
    results: tuple[IntentBranch, ...] = ()
    otherwise: Name | None = None
    error: Name | None = None
    span: Span = _span()


BLOCK_STATEMENTS = (GetProfile, CreateProfile, GetCase, CreateCase, StartVoiceId, CheckVoiceId)


def results_of(stmt: Statement) -> tuple[str, ...]:
    """The results a statement branches on by name (empty for statements without result branches)."""
    if isinstance(stmt, GetProfile):
        return PROFILE_RESULTS
    if isinstance(stmt, GetCase):
        return CASE_RESULTS if stmt.link else CASE_RESULTS[:2]
    if isinstance(stmt, CreateCase):
        return CREATE_CASE_RESULTS if stmt.link else ()
    if isinstance(stmt, CheckVoiceId):
        return VOICE_ID_CHECKS[stmt.check][1]
    return ()

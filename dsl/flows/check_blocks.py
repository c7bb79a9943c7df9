"""Checks of the customer-data statements (customer profiles, cases, Voice ID) and of ``task`` and ``callback``,
each at the statement or name it is about.

- E332 a profile field Customer Profiles does not have: ``returning X`` of ``get profile``/``create profile``,
  or a field ``create profile with X = …`` sets (interactions-getcustomerprofile.html lists the response
  fields; standard-profile-definition.html the profile's fields);
- E333 ``get profile`` by more than five search identifiers (customer-profiles-block.html: "up to five");
- E334 ``task`` whose name is over 512 characters or description over 4,096 (API_StartTaskContact.html);
- E335 ``create case`` with an empty template id (createcase.html: CaseTemplateId names an existing template);
- E307 a value outside what Connect accepts: ``start voice id authenticate`` 0-100
  (contact-actions-updatecontactdata.html: VoiceAuthenticationThreshold), ``callback delay``/``retry`` up to
  259,200 s (the flow language's limits, as in the action catalogue), ``attempts`` at least 1;
- W309 ``check voice id`` on a path where this flow never ran ``start voice id`` (check-voice-id.html: the Set
  Voice ID block needs to be set in the flow before this one).
"""
from __future__ import annotations

from ..compact import flow_ast as ast
from ..diagnostics import Diagnostics, did_you_mean
from .cfg import FlowGraph

UNKNOWN_PROFILE_FIELD = "E332"
TOO_MANY_IDENTIFIERS = "E333"
TASK_TEXT_TOO_LONG = "E334"
NO_CASE_TEMPLATE = "E335"
OUT_OF_RANGE = "E307"
VOICE_ID_NOT_STARTED = "W309"

MAX_SEARCH_IDENTIFIERS = 5
MAX_TASK_NAME, MAX_TASK_DESCRIPTION = 512, 4096
MAX_CALLBACK_DELAY = 259200
THRESHOLD = (0, 100)

_ADDRESS_PARTS = tuple(f"Address{n}" for n in "1234") + ("City", "County", "Country", "PostalCode", "Province",
                                                           "State")
#: the profile fields a Customer profiles block can return or set (interactions-getcustomerprofile.html)
PROFILE_FIELDS = frozenset({
    "ProfileId", "FirstName", "MiddleName", "LastName", "PhoneNumber", "EmailAddress", "AccountNumber",
    "AdditionalInformation", "PartyType", "BusinessName", "BirthDate", "Gender", "MobilePhoneNumber",
    "HomePhoneNumber", "BusinessPhoneNumber", "BusinessEmailAddress", "PersonalEmailAddress",
    *_ADDRESS_PARTS, *(kind + part for kind in ("Shipping", "Mailing", "Billing") for part in _ADDRESS_PARTS),
})


def _profile_field(name: str, where: ast.Name | ast.Assignment, what: str, diags: Diagnostics) -> None:
    if name in PROFILE_FIELDS or name.startswith("Attributes."):
        return
    span = where.span
    diags.error(UNKNOWN_PROFILE_FIELD, f"{what} '{name}' is not a Customer Profiles field", span,
                hint=did_you_mean(name, sorted(PROFILE_FIELDS)) or "custom fields are 'Attributes.NAME'",
                length=len(name))


def check_block_statements(graph: FlowGraph, diags: Diagnostics) -> None:
    """Every rule of the module docstring, over every statement of a flow body."""
    for node in graph.nodes:
        s = node.stmt
        if isinstance(s, (ast.GetProfile, ast.CreateProfile)):
            for field in s.fields:
                _profile_field(field.value, field, "returned field", diags)
        if isinstance(s, ast.CreateProfile):
            for a in s.data:
                _profile_field(a.key, a, "profile field", diags)
        elif isinstance(s, ast.GetProfile) and len(s.search) > MAX_SEARCH_IDENTIFIERS:
            diags.error(TOO_MANY_IDENTIFIERS, f"'get profile' searches by {len(s.search)} identifiers; Customer "
                        f"Profiles takes at most {MAX_SEARCH_IDENTIFIERS}", s.search[MAX_SEARCH_IDENTIFIERS].span)
        elif isinstance(s, ast.CreateCase) and not s.template.strip():
            diags.error(NO_CASE_TEMPLATE, "'create case' needs the id of a case template", s.span,
                        length=len("create"))
        elif isinstance(s, ast.Task):
            if len(s.name) > MAX_TASK_NAME or len(s.description or "") > MAX_TASK_DESCRIPTION:
                diags.error(TASK_TEXT_TOO_LONG, f"a task's name is at most {MAX_TASK_NAME} characters and its "
                            f"description at most {MAX_TASK_DESCRIPTION}", s.span, length=len("task"))
        elif isinstance(s, ast.StartVoiceId):
            _range(s, "authenticate", s.threshold, THRESHOLD, "", diags)
        elif isinstance(s, ast.Callback):
            _range(s, "delay", s.delay, (0, MAX_CALLBACK_DELAY), "s", diags)
            _range(s, "retry", s.retry, (0, MAX_CALLBACK_DELAY), "s", diags)
            if s.attempts is not None and s.attempts < 1:
                diags.error(OUT_OF_RANGE, "'callback' attempts must be at least 1", s.span, length=len("callback"))
    _check_voice_id_started(graph, diags)


def _range(s: ast.Stmt, what: str, value: int | None, bounds: tuple[int, int], unit: str, diags: Diagnostics) -> None:
    low, high = bounds
    if value is not None and not low <= value <= high:
        keyword = "callback" if isinstance(s, ast.Callback) else "start voice id"
        diags.error(OUT_OF_RANGE, f"'{keyword}' {what} is {value}{unit}; Connect allows {low}-{high}{unit}", s.span,
                    length=len(keyword.split()[0]))


def _check_voice_id_started(graph: FlowGraph, diags: Diagnostics) -> None:
    if not any(isinstance(node.stmt, ast.CheckVoiceId) for node in graph.nodes):
        return  # nothing to warn about: the paths need not be worked out
    unstarted = graph.reachable_without((ast.StartVoiceId,))
    for i in sorted(unstarted):
        s = graph.nodes[i].stmt
        if isinstance(s, ast.CheckVoiceId):
            diags.warning(VOICE_ID_NOT_STARTED, "'check voice id' runs on a path where this flow has not run "
                          "'start voice id': Voice ID has no audio to check unless an earlier flow started it",
                          s.span, hint="put 'start voice id' before it", length=len("check"))

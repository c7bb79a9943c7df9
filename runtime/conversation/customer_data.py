"""``ccdsl test`` handlers of the blocks that call services outside the site: Customer profiles
(customer-profiles-block.html), Cases (cases-block.html, createcase.html), Set Voice ID's stream and Check Voice ID
(set-voice-id.html, check-voice-id.html). Offline they answer from the test's ``given:`` (``profile``, ``case``,
``voice_id``); without it no profile or case is found and Voice ID finds the caller not enrolled."""
from __future__ import annotations

from .actions import choose, handles
from .interpreter import Go, Interpreter
from .site import Flow

#: what Check Voice ID returns when the test does not say, per CheckVoiceIdOption
VOICE_ID_DEFAULT = {"enrollmentStatus": "NotEnrolled", "voiceAuthentication": "NotEnrolled",
                    "fraudDetection": "Inconclusive"}


def _errors(action: dict) -> set[str]:
    return {str(e.get("ErrorType")) for e in (action.get("Transitions") or {}).get("Errors") or []}


def _found(ix: Interpreter, action: dict, found: dict[str, str] | str | None, none: str, multiple: str,
           what: str) -> Go | dict[str, str]:
    """The record a Get block finds, or the branch it takes when there is none or several."""
    if isinstance(found, dict):
        return found
    kind = multiple if found == "multiple" else none
    ix.emit("note", f"{what}: {'several match' if found == 'multiple' else 'none found'}")
    return Go(kind if kind in _errors(action) else "NoMatchingError")


@handles("GetCustomerProfile")
def get_profile(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Get profile: the test's ``profile`` (its ``returning`` fields go to ``$.Customer``), else NoneFoundError."""
    params = action.get("Parameters") or {}
    found = _found(ix, action, ix.given.profile, "NoneFoundError", "MultipleFoundError", "customer profile")
    if isinstance(found, Go):
        return found
    for field in params.get("ProfileResponseData") or []:
        ix.contact.customer[str(field)] = found.get(str(field), "")
    ix.contact.customer.setdefault("ProfileId", found.get("ProfileId", "profile-1"))
    ix.emit("note", f"customer profile found: {', '.join(f'{k}={v}' for k, v in found.items())}")
    return Go("next")


@handles("CreateCustomerProfile")
def create_profile(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Create profile: the fields it sets become the contact's profile (``$.Customer``)."""
    params = action.get("Parameters") or {}
    for key, value in (params.get("ProfileRequestData") or {}).items():
        ix.contact.customer[str(key)] = str(ix.contact.resolve(value))
    ix.contact.customer.setdefault("ProfileId", "profile-new")
    ix.emit("note", "customer profile created")
    return Go("next")


@handles("GetCase")
def get_case(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Get case: the test's ``case`` (its response fields go to ``$.Case``), else NoneFound; several cases with
    GetLastUpdatedCase take the last updated one."""
    params = action.get("Parameters") or {}
    given = ix.given.case
    if given == "multiple" and str(params.get("GetLastUpdatedCase")) == "true":
        given = {}
    found = _found(ix, action, given, "NoneFound", "MultipleFound", "case")
    if isinstance(found, Go):
        return found
    for field in params.get("CaseResponseFields") or []:
        ix.contact.case[str(field)] = found.get(str(field), "")
    ix.emit("note", "case found" + (" and linked to the contact" if params.get("LinkContactToCase") == "true" else ""))
    return Go("next")


@handles("CreateCase")
def create_case(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Create case: a case from the template with the fields given (``$.Case``)."""
    params = action.get("Parameters") or {}
    fields = {str(k): str(ix.contact.resolve(v)) for k, v in (params.get("CaseRequestFields") or {}).items()}
    ix.contact.case.update(fields)
    ix.contact.case.setdefault("case_id", "case-1")
    ix.emit("note", f"case created from template {params.get('CaseTemplateId', '')}: {fields.get('title', '')}".rstrip(
        ": "))
    return Go("next")


@handles("StartVoiceIdStream")
def start_voice_id(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Set Voice ID's stream (voice only; the channel table refuses chat and task first)."""
    ix.emit("note", "Voice ID listens to the caller")
    return Go("next")


@handles("CheckVoiceId")
def check_voice_id(ix: Interpreter, flow: Flow, action: dict) -> Go:
    """Check Voice ID: the test's ``voice_id`` result, else not enrolled (inconclusive for fraud detection);
    a result without a condition goes on."""
    option = str((action.get("Parameters") or {}).get("CheckVoiceIdOption", "voiceAuthentication"))
    result = ix.given.voice_id or VOICE_ID_DEFAULT.get(option, "NotEnrolled")
    ix.emit("note", f"Voice ID: {result}")
    go = choose(action, result)
    return Go("next") if go.branch == "NoMatchingCondition" else go

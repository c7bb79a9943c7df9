"""Security-profile permission names: the API names Amazon Connect documents (E175 for a misspelt one, with
did-you-mean; W125 for a well-formed name the list does not hold, which AWS may have added since).

The list is the "API name" column of https://docs.aws.amazon.com/connect/latest/adminguide/security-profile-list.html
(the names ListSecurityProfilePermissions returns and CreateSecurityProfile takes). The registry's rule on
CreateSecurityProfile (:mod:`ccdsl.compiler.registry.documented`) refuses the misspelt ones too.
"""
from __future__ import annotations

import difflib
import re

from ..diagnostics import Diagnostics
from ..model import Site


def _names(text: str) -> frozenset[str]:
    """``Area.Create/Edit/View`` spells out one name per action."""
    out: set[str] = set()
    for word in text.split():
        area, _, actions = word.partition(".")
        if actions:
            out.update(f"{area}.{action}" for action in actions.split("/"))
        else:
            out.add(area)
    return frozenset(out)


#: Amazon Connect Administrator Guide, "List of security profile permissions" (API names)
PERMISSIONS = _names("""
QConnectAIAgents.View/Edit/Create/Delete QConnectAIPrompts.View/Edit/Create/Delete
QConnectGuardrails.View/Edit/Create/Delete
RoutingPolicies.Create/Edit/View TransferDestinations.Create/Delete/Edit/View
HoursOfOperation.Create/Delete/Edit/View Queues.Create/Edit/EnableAndDisable/View
TaskTemplates.Create/Delete/Edit/View
Prompts.Create/Delete/Edit/View ContactFlows.Create/Delete/Edit/Publish/View
ContactFlowModules.Create/Delete/Edit/Publish/View PhoneNumbers.Claim/Edit/Release/View ChatTestMode Views.View
Users.Create/Delete/Edit/EditPermission/View AgentGrouping.Create/Edit/EnableAndDisable/View
SecurityProfiles.Create/Delete/Edit/View AgentStates.Create/Edit/EnableAndDisable/View
BasicAgentAccess RealtimeContactLens.View OutboundCallAccess VoiceId.Access RestrictTaskCreation.Access
AccessMetrics RealTimeMetrics.Access HistoricalMetrics.Access AgentActivityAudit.Access ContactSearch.View
ContactSearchWithCharacteristics.Access/View ContactSearchWithKeywords.Access/View ConfigureContactAttributes.View
ContactRecording.Access RestrictContactAccessByHierarchy.View ContactAttributes.View GraphTrends.View
ContactLensCustomVocabulary.Edit/View Rules.Create/Delete/Edit/View RedactedData.View ListenCallRecordings
DownloadCallRecordings DeleteCallRecordings AgentTimeCard.View ManagerListenIn
MetricsReports.View/Create/Share/Edit/Delete/Publish/Schedule ReportSchedules.Create/Delete/Edit/View
Evaluation.Create/View/Edit/Delete EvaluationForms.Create/View/Edit/Delete VoiceIdAttributesAndSearch.View
Forecasting.View/Edit/Publish Capacity.View/Edit/Publish HistoricalChanges.View
CustomerProfiles.Create/Edit/View Scheduling.View/Edit/Publish TeamCalendar.View/Edit StaffCalendar.View/Edit
CustomViews.Access Wisdom.View Cases.Create/View/Edit CaseFields.Create/View/Edit CaseTemplates.Create/View/Edit
Campaigns.Create/Delete/Edit/View
""")

#: the form every documented name has: a CamelCase area, optionally a dot and a CamelCase action
SHAPE = re.compile(r"^[A-Z][A-Za-z]+(\.[A-Z][A-Za-z]+)?$")


def misspelt(name: str) -> str | None:
    """The documented name ``name`` is a misspelling of (None when it is documented or close to none)."""
    if name in PERMISSIONS:
        return None
    lowered = {p.lower(): p for p in PERMISSIONS}
    if name.lower() in lowered:
        return lowered[name.lower()]
    close = difflib.get_close_matches(name, sorted(PERMISSIONS), n=1, cutoff=0.85)
    return close[0] if close else None


def check_permissions(site: Site, diags: Diagnostics) -> None:
    """Each custom profile's permissions are Connect's API names."""
    for profile in site.security_profiles.values():
        span = profile.span_of("permissions")
        for name in profile.permissions:
            at = getattr(name, "span", None) or span
            if name in PERMISSIONS:
                continue
            near = misspelt(name)
            if near is not None or not SHAPE.match(name):
                diags.error("E175", f"security profile '{profile.name}': '{name}' is not a Connect permission",
                            at, hint=f"did you mean '{near}'?" if near else
                            "permissions are API names such as BasicAgentAccess or Queues.View", length=len(name))
            else:
                diags.warning("W125", f"security profile '{profile.name}': '{name}' is not in Connect's documented "
                              "list of permissions", at, hint="check the name on the AWS page "
                              "'List of security profile permissions'; CreateSecurityProfile rejects unknown names",
                              length=len(name))

"""Where the site asks AWS for something it does not offer (E112, E113): Amazon Connect or Lex V2 in a
region without them, a phone-number prefix outside the number's country.

The same facts back the simulator's and the aws provider's documented rules
(:mod:`ccdsl.compiler.registry.documented`).
"""
from __future__ import annotations

from ..diagnostics import Diagnostics
from ..model import Site
from ..model.enums import CONNECT_REGIONS

#: Lex V2 model-building regions (AWS General Reference, "Amazon Lex V2 endpoints and quotas")
LEX_REGIONS = ("us-east-1", "us-west-2", "af-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1",
               "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2", "us-gov-west-1")

#: E.164 calling codes of the countries Amazon Connect claims numbers in
#: (Amazon Connect Administrator Guide, "Set up phone numbers for your contact center": country coverage)
CALLING_CODES = {
    "US": "+1", "CA": "+1", "PR": "+1", "GB": "+44", "IE": "+353", "DE": "+49", "FR": "+33", "ES": "+34",
    "IT": "+39", "NL": "+31", "BE": "+32", "AT": "+43", "CH": "+41", "SE": "+46", "DK": "+45", "NO": "+47",
    "FI": "+358", "PL": "+48", "PT": "+351", "CZ": "+420", "GR": "+30", "HU": "+36", "RO": "+40", "SK": "+421",
    "SI": "+386", "HR": "+385", "BG": "+359", "LT": "+370", "LV": "+371", "EE": "+372", "LU": "+352",
    "IL": "+972", "ZA": "+27", "AU": "+61", "NZ": "+64", "JP": "+81", "KR": "+82", "SG": "+65", "HK": "+852",
    "MY": "+60", "PH": "+63", "TH": "+66", "ID": "+62", "IN": "+91", "BR": "+55", "MX": "+52", "AR": "+54",
    "CL": "+56", "CO": "+57", "PE": "+51", "TR": "+90", "AE": "+971", "SA": "+966",
}


def prefix_problem(country: str, prefix: str | None) -> str | None:
    """What is wrong with claiming a number of ``country`` under ``prefix`` (None when nothing is)."""
    code = CALLING_CODES.get(country)
    if not prefix or code is None:
        return None
    if not prefix.startswith(code):
        return f"prefix {prefix} is not a {country} number: {country} numbers start {code}"
    return None


def check_availability(site: Site, diags: Diagnostics) -> None:
    """Connect (and Lex, when the site has bots) in the site's region; prefixes within their country."""
    region = site.region
    if region and region not in CONNECT_REGIONS:
        diags.error("E112", f"Amazon Connect does not run in region '{region}'", site.span_of("region"),
                    hint=f"Amazon Connect runs in {', '.join(CONNECT_REGIONS)}", length=len(region))
    elif region and site.bots and region not in LEX_REGIONS:
        diags.error("E112", f"Amazon Lex V2 does not run in region '{region}', and the site has bots",
                    site.span_of("region"), hint=f"Lex V2 regions: {', '.join(LEX_REGIONS)}", length=len(region))
    for number in site.numbers.values():
        problem = prefix_problem(number.country, number.prefix)
        if problem:
            diags.error("E113", problem, number.span_of("prefix"))
        if number.number is not None:
            problem = prefix_problem(number.country, number.number)
            if problem:
                diags.error("E113", problem.replace("prefix ", "number ", 1), number.span_of("number"))
            if number.prefix is not None:
                diags.error("E166", f"number '{number.name}' gives both `number` and `prefix`",
                            number.span_of("prefix"), hint="a number to claim needs no prefix: remove `prefix`")

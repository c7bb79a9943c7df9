"""What Amazon Connect offers to claim, as AWS documents it: the countries SearchAvailablePhoneNumbers searches
(E173) and, where AWS lists them, the prefixes each type of number has in a country (E174).

The same tables back the simulator's answer to SearchAvailablePhoneNumbers and the documented rule both
providers apply to a claim (:mod:`ccdsl.compiler.registry.documented`). Where AWS publishes no table (the
type offered in most countries is in the "Telecoms Country Coverage Guide", a PDF without an API), nothing is
checked offline: ``ccdsl preflight`` asks the account.
"""
from __future__ import annotations

from ..diagnostics import Diagnostics, did_you_mean
from ..model import Site
from ..model.enums import COUNTRIES
from .availability import prefix_problem

#: countries SearchAvailablePhoneNumbers searches: ISO codes outside this list have no Connect numbers
#: (https://docs.aws.amazon.com/connect/latest/APIReference/API_SearchAvailablePhoneNumbers.html
#: PhoneNumberCountryCode: valid values)
NOT_CLAIMABLE = frozenset({"AX", "BQ", "BV", "GF", "GP", "GS", "HM", "MQ", "NF", "PS", "SS", "TF", "UM"})
CLAIMABLE = tuple(sorted((set(COUNTRIES) - NOT_CLAIMABLE) | {"AN"}))

#: (country, type) -> the E.164 prefixes Connect offers numbers under, where AWS lists them
#: (https://docs.aws.amazon.com/connect/latest/adminguide/connect-tokyo-region.html: Japanese DID numbers
#: 050 and 03 (Tokyo), toll-free 0120 and 0800)
OFFERED_PREFIXES: dict[tuple[str, str], tuple[str, ...]] = {
    ("JP", "DID"): ("+8150", "+813"),
    ("JP", "TOLL_FREE"): ("+81120", "+81800"),
}


def offered(country: str, number_type: str) -> tuple[str, ...] | None:
    """The prefixes Connect offers ``number_type`` numbers of ``country`` under (None: not documented)."""
    return OFFERED_PREFIXES.get((country, number_type))


def offer_problem(country: str, number_type: str, prefix: str | None) -> str | None:
    """Why no ``number_type`` number of ``country`` under ``prefix`` can be claimed (None when one may be)."""
    if country not in CLAIMABLE:
        return f"Amazon Connect has no phone numbers in {country}"
    prefixes = offered(country, number_type)
    if not prefix or prefixes is None:
        return None
    # a prefix may be shorter than an offered one (+81 covers +8150) or within one (+8150123)
    if any(prefix.startswith(p) or p.startswith(prefix) for p in prefixes):
        return None
    kind = "toll-free" if number_type == "TOLL_FREE" else number_type
    return f"Amazon Connect offers {kind} numbers in {country} only under {', '.join(prefixes)}"


def check_numbers(site: Site, diags: Diagnostics) -> None:
    """Each number's country has Connect numbers; its prefix or number is one Connect offers for its type."""
    for number in site.numbers.values():
        country = number.country
        if country not in COUNTRIES:
            continue  # E104 already
        if country not in CLAIMABLE:
            diags.error("E173", f"number '{number.name}': Amazon Connect has no phone numbers in {country}",
                        number.span_of("country"), hint=did_you_mean(country, CLAIMABLE), length=len(country))
            continue
        for key in ("prefix", "number"):
            value = getattr(number, key)
            if not value or prefix_problem(country, value):
                continue  # E113 already
            problem = offer_problem(country, number.type, value)
            if problem:
                diags.error("E174", f"number '{number.name}': {key} {value} is not offered: {problem}",
                            number.span_of(key), hint="choose one of those prefixes, or another `type`",
                            length=len(value))

"""E-mail addresses a site gives AWS (an agent's `email`, a topic's `notify` entries that are neither an
https:// endpoint nor a phone number): each must be an address, checked in words at the value (E119).
Values holding a ``${…}`` reference are known only at apply time and are left alone."""
from __future__ import annotations

import re

from ..diagnostics import Diagnostics
from ..model import Site, Text

#: local@domain.tld: no spaces, one @, a dot in the domain (SNS Subscribe, Protocol email: "an email address";
#: Connect CreateUser IdentityInfo.Email: https://docs.aws.amazon.com/connect/latest/APIReference/API_UserIdentityInfo.html)
ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def problem(address: str) -> str | None:
    """What is wrong with an e-mail address, in words (None when it looks right)."""
    if ADDRESS.match(address):
        if ".." in address or address.split("@")[1].startswith("."):
            return "has two dots in a row or a dot right after the @"
        return None
    if any(c.isspace() for c in address):
        return "contains a space"
    ats = address.count("@")
    if ats == 0:
        return "has no @"
    if ats > 1:
        return f"has {ats} @ signs (an address has one)"
    local, domain = address.split("@")
    if not local:
        return "has nothing before the @"
    if "." not in domain:
        return f"has no dot in the domain '{domain}' (like example.com)"
    return "does not end in a domain like example.com"


def check_contacts(site: Site, diags: Diagnostics) -> None:
    def check(value: Text | None, what: str) -> None:
        if value is None or "${" in value.text:
            return
        found = problem(value.text.strip())
        if found:
            diags.error("E119", f"{what} is not an e-mail address: '{value.text}' {found}", value.span,
                        hint="write it as name@example.com", length=len(value.text))

    for name, agent in site.agents.items():
        check(agent.email, f"the email of agent '{name}'")
    for name, topic in site.topics.items():
        for endpoint in topic.notify:
            text = endpoint.text.strip()
            if not text.startswith(("https://", "http://", "+")):
                check(endpoint, f"the notify address of topic '{name}'")

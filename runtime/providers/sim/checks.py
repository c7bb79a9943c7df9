"""What the simulated account rejects before doing anything, as AWS does: the documented rules of the type
(registered in :mod:`ccdsl.compiler.registry`), on the calls the aws provider would send, and whether the
type's service runs in the account's region; CreateUser's password against the instance's identity."""
from __future__ import annotations

import secrets as random_source
from typing import Any

from ccdsl.compiler.registry import documented, violations
from ccdsl.dsl.checks.numbers import offer_problem
from ccdsl.runtime import typeinfo
from ccdsl.runtime.providers.base import ProviderError, ResolvedResource


class InvalidRequest(ProviderError):
    """A request AWS would reject (the simulator's answer)."""


def documented_rules(resource_type: str, action: str, inputs: dict[str, Any], region: str) -> None:
    """Raise :class:`InvalidRequest` for the first documented rule the calls of this create/update break."""
    service = typeinfo.service(resource_type)
    family = "connect" if service == "connect" else "lex" if service.startswith("lex") else ""
    if family and not documented.available(family, region):
        raise InvalidRequest(f"EndpointConnectionError: Amazon {family.capitalize()} does not run in {region}")
    spec = typeinfo.spec(resource_type)
    operation = (spec.update or spec.create) if action == "update" else spec.create
    for request in documented.per_call(inputs):
        for found, message in violations(resource_type, operation, request):
            raise InvalidRequest(f"{message} [{found.id}]")


def user_password(account: Any, r: ResolvedResource) -> str | None:
    """CreateUser's password rule against the instance's identity management (Connect API reference,
    CreateUser Password: required for CONNECT_MANAGED, an error otherwise). Like the aws provider, an agent
    without one on a CONNECT_MANAGED instance gets a generated password kept as a simulated secret; returns
    that secret's name."""
    instance = account.get("aws_connect_instance", str(r.inputs.get("InstanceId", "")))
    identity = (instance.inputs or {}).get("IdentityManagementType") if instance is not None else None
    if identity is None:
        return None
    if r.inputs.get("Password"):
        if identity != "CONNECT_MANAGED":
            raise InvalidRequest(f"InvalidParameterException: a password is an error for a user of a {identity} "
                                 "instance [connect.create_user.password_identity]")
        return None
    if identity != "CONNECT_MANAGED":
        return None
    site = str((r.inputs.get("Tags") or {}).get("ccdsl:site", "site"))
    name = f"ccdsl/{site}/agents/{r.inputs.get('Username', r.name)}"
    if account.parameter(name) is None:
        account.put_parameter(name, "Sim-" + random_source.token_urlsafe(18) + "1a")
    return name


def phone_number_search(inputs: dict[str, Any]) -> None:
    """SearchAvailablePhoneNumbers as the simulated account answers it, from the documented offer
    (:mod:`ccdsl.dsl.checks.numbers`): no number of a type, country and prefix Connect does not offer. A
    number the site names is claimed without a search."""
    if inputs.get("PhoneNumber"):
        return
    country, kind = str(inputs.get("PhoneNumberCountryCode", "")), str(inputs.get("PhoneNumberType", "DID"))
    prefix = inputs.get("PhoneNumberPrefix")
    problem = offer_problem(country, kind, prefix)
    if problem:
        what = f"{kind} number in {country}{' starting ' + prefix if prefix else ''}"
        raise ProviderError(f"no {what} is available: {problem}")

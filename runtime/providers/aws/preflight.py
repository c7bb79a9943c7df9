"""Read-only checks against the AWS account before an apply: will the apply be able to succeed?

Each check reads (never writes) and gives one :class:`Finding`: the credentials and account, Amazon
Connect and Lex V2 in the region, the quotas that would stop the apply part-way (Lex concurrent locale
builds, Lambda unreserved concurrency against the provisioned concurrency the site asks for, Connect
instances created in the last 30 days, phone numbers available for each country/type/prefix), and what
would be adopted rather than created. ``failed`` findings mean the apply cannot succeed.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import jmespath

from ccdsl.compiler.registry import Call, entry
from ccdsl.compiler.registry.account import account_call
from ccdsl.compiler.registry.documented import available
from ccdsl.dsl.checks.numbers import offer_problem

from .clients import Clients
from .errors import code_of

OK, WARN, FAIL = "ok", "warn", "fail"
#: Lambda keeps this much account concurrency unreserved (Lambda Developer Guide, "Lambda quotas")
UNRESERVED_MINIMUM = 10
#: Amazon Connect quota "Amazon Connect instances created per 30 days" when Service Quotas cannot say
#: (Amazon Connect Administrator Guide, "Amazon Connect service quotas")
DEFAULT_INSTANCES_PER_30_DAYS = 100


@dataclass(frozen=True, slots=True)
class Finding:
    """One check: its name, ok / warn / fail, and what it found in a sentence."""

    check: str
    status: str
    detail: str


@dataclass
class Report:
    """All findings of one preflight, in the order checked."""

    site: str
    region: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(f.status == FAIL for f in self.findings)

    def add(self, check: str, status: str, detail: str) -> None:
        self.findings.append(Finding(check, status, detail))

    def lines(self) -> list[str]:
        """The report as text: one line per finding, then the verdict."""
        mark = {OK: "ok  ", WARN: "warn", FAIL: "FAIL"}
        out = [f"preflight {self.site} on aws ({self.region})"]
        out += [f"  {mark[f.status]}  {f.check}: {f.detail}" for f in self.findings]
        verdict = "the apply cannot succeed: fix the FAIL lines first" if self.failed else "nothing stops the apply"
        out.append(f"{'FAIL' if self.failed else 'ok'}: {verdict}")
        return out


@dataclass(frozen=True, slots=True)
class Needs:
    """What the compiled site asks of the account."""

    site: str
    instance_alias: str
    bots: tuple[str, ...]
    builds: int  # locale builds (run at most Lex's concurrent-build quota at once)
    provisioned: int  # provisioned concurrency, summed over functions
    numbers: Counter  # (country, type, prefix) -> how many


def needs_of(resources: dict[str, Any], site: str) -> Needs:
    """What a compiled site (its resources by address) asks of the account."""
    alias, bots, builds, provisioned = "", [], 0, 0
    numbers: Counter[tuple[str, str, str]] = Counter()
    for r in resources.values():
        inputs = r.inputs
        if r.type == "aws_connect_instance":
            alias = str(inputs.get("InstanceAlias", ""))
        elif r.type == "aws_lexv2models_bot":
            bots.append(str(inputs.get("botName", "")))
        elif r.type == "lex_bot_locale_build":
            builds += 1
        elif r.type == "aws_lambda_provisioned_concurrency_config":
            provisioned += int(inputs.get("ProvisionedConcurrentExecutions", 0) or 0)
        elif r.type == "aws_connect_phone_number":
            numbers[(str(inputs.get("PhoneNumberCountryCode", "")), str(inputs.get("PhoneNumberType", "")),
                     inputs.get("PhoneNumberPrefix"))] += 1
    return Needs(site, alias, tuple(sorted(bots)), builds, provisioned, numbers)


def run_preflight(clients: Clients, needs: Needs, *, now: datetime | None = None) -> Report:
    """Every check, read-only; a check that cannot read what it needs says so and goes on."""
    region = clients.region or "?"
    report = Report(needs.site, region)
    if not _identity(clients, report):
        return report
    connect_ok = _service(clients, report, _instance_list(), "Amazon Connect", {"MaxResults": 1})
    if needs.bots:
        _service(clients, report, _bot_list(), "Amazon Lex V2", {"maxResults": 1}, family="lex")
    instance = _instances(clients, report, needs, now or datetime.now(UTC)) if connect_ok else None
    if needs.bots:
        _bots(clients, report, needs)
        _lex_builds(clients, report, needs)
    _lambda(clients, report, needs)
    if needs.numbers and connect_ok:
        _numbers(clients, report, needs, instance)
    return report


def _listing(resource_type: str) -> Call:
    """The call that lists a type's resources by name (its entry's adoption ``find``)."""
    spec = entry(resource_type)
    assert spec.find is not None, f"{resource_type}'s entry says how it is found"
    return Call(spec.find.op, spec.find.items, service=spec.service)


def _instance_list() -> Call:
    return _listing("aws_connect_instance")


def _bot_list() -> Call:
    return _listing("aws_lexv2models_bot")


def _call(clients: Clients, call: Call, **kwargs) -> tuple[Any, Exception | None]:
    """A boto3 response (None on failure) and the failure."""
    try:
        return getattr(clients(call.service or ""), call.op)(**kwargs), None
    except Exception as error:  # every botocore failure is a finding, never a traceback
        return None, error


def _why(error: Exception) -> str:
    response = getattr(error, "response", None) or {}
    message = response.get("Error", {}).get("Message") if isinstance(response, dict) else None
    return f"{code_of(error) or type(error).__name__}: {message or error}"


def _identity(clients: Clients, report: Report) -> bool:
    if not clients.region:
        report.add("region", FAIL, "no region: set `region:` in the site or AWS_REGION")
        return False
    response, error = _call(clients, account_call("caller"))
    if error is not None:
        advice = ("check the network or CCDSL_AWS_ENDPOINT_URL" if "connect" in type(error).__name__.lower()
                  else "configure AWS_PROFILE or the AWS_* environment")
        report.add("credentials", FAIL, f"cannot identify the caller ({_why(error)}); {advice}")
        return False
    report.add("credentials", OK, f"account {response['Account']} as {response['Arn']}")
    return True


def _service(clients: Clients, report: Report, probe: Call, title: str, args: dict,
             family: str = "connect") -> bool:
    if not available(family, clients.region or ""):
        report.add(title, FAIL, f"{title} does not run in {clients.region}")
        return False
    _, error = _call(clients, probe, **args)
    if error is not None:
        status = FAIL if code_of(error) in ("AccessDeniedException", "UnrecognizedClientException", "") else WARN
        report.add(title, status, f"{probe.op} was refused: {_why(error)}")
        return status != FAIL
    report.add(title, OK, f"available in {clients.region}")
    return True


def _instances(clients: Clients, report: Report, needs: Needs, now: datetime) -> dict | None:
    listing = _instance_list()
    instances, error = _call(clients, listing)
    if error is not None:
        report.add("Connect instances", WARN, f"cannot list instances: {_why(error)}")
        return None
    listed = jmespath.search(listing.items or "", instances) or []
    ours = next((i for i in listed if i.get("InstanceAlias") == needs.instance_alias), None)
    if ours is not None:
        report.add("adopted", OK, f"Connect instance {needs.instance_alias} exists ({ours['Id']}): it is adopted")
        return ours
    recent = [i for i in listed if isinstance(i.get("CreatedTime"), datetime)
              and now - i["CreatedTime"] <= timedelta(days=30)]
    quota = _quota(clients, "connect", "instances created per 30 days") or DEFAULT_INSTANCES_PER_30_DAYS
    status = FAIL if len(recent) >= quota else OK
    report.add("Connect instances created in 30 days", status,
               f"{len(recent)} of {quota:g}; {needs.instance_alias} would be created"
               + (": the quota is used up, wait or ask AWS for more" if status == FAIL else ""))
    return None


def _bots(clients: Clients, report: Report, needs: Needs) -> None:
    for name in needs.bots:
        listing = _bot_list()
        response, error = _call(clients, listing, filters=[{"name": "BotName", "values": [name], "operator": "EQ"}])
        found = jmespath.search(listing.items or "", response) if error is None else None
        if found:
            report.add("adopted", OK, f"Lex bot {name} exists ({found[0]['botId']}): it is adopted")


def _lex_builds(clients: Clients, report: Report, needs: Needs) -> None:
    quota = _quota(clients, "lex", "concurrent") or None
    if quota is None:
        report.add("Lex concurrent builds", OK, f"{needs.builds} locale builds; the run keeps to Lex's "
                                                 "concurrent-build quota (quota not readable: assumed 5)")
        return
    status = FAIL if quota < 1 else OK
    report.add("Lex concurrent builds", status, f"{needs.builds} locale builds, at most {quota:g} at once")


def _lambda(clients: Clients, report: Report, needs: Needs) -> None:
    if not needs.provisioned:
        return
    response, error = _call(clients, account_call("lambda_settings"))
    if error is not None:
        report.add("Lambda concurrency", WARN, f"cannot read the account's concurrency: {_why(error)}")
        return
    limit = response.get("AccountLimit", {})
    unreserved = int(limit.get("UnreservedConcurrentExecutions", limit.get("ConcurrentExecutions", 0)))
    left = unreserved - needs.provisioned
    if left < UNRESERVED_MINIMUM:
        report.add("Lambda concurrency", FAIL,
                   f"the site asks for {needs.provisioned} provisioned concurrency, but the account has "
                   f"{unreserved} unreserved and Lambda keeps {UNRESERVED_MINIMUM} free: ask AWS for a higher "
                   "concurrent-executions quota or lower `provisioned:`")
    else:
        report.add("Lambda concurrency", OK, f"{needs.provisioned} provisioned of {unreserved} unreserved")


def _numbers(clients: Clients, report: Report, needs: Needs, instance: dict | None) -> None:
    if instance is None:
        asked = ", ".join(f"{n} {t} in {c}{' ' + p if p else ''}" for (c, t, p), n in sorted(
            needs.numbers.items(), key=str))
        report.add("phone numbers", WARN, f"{asked}: availability is searched once the instance exists")
        return
    for (country, kind, prefix), wanted in sorted(needs.numbers.items(), key=str):
        args = {"TargetArn": instance["Arn"], "PhoneNumberCountryCode": country, "PhoneNumberType": kind,
                "MaxResults": max(wanted, 10)}
        if prefix:
            args["PhoneNumberPrefix"] = prefix
        what = f"{kind} numbers in {country}{' starting ' + prefix if prefix else ''}"
        search = entry("aws_connect_phone_number").step("search")
        response, error = _call(clients, Call(search.op, service=entry("aws_connect_phone_number").service), **args)
        if error is not None:
            report.add("phone numbers", WARN, f"cannot search {what}: {_why(error)}")
            continue
        found = len(response.get("AvailableNumbersList") or [])
        why = offer_problem(country, kind, prefix) if found < wanted else None
        report.add("phone numbers", OK if found >= wanted else FAIL,
                   f"{what}: {wanted} wanted, {found} available" + (f" ({why})" if why else ""))


def _quota(clients: Clients, service_code: str, words: str) -> float | None:
    """A quota value from Service Quotas whose name contains ``words`` (None when it cannot be read)."""
    token, wanted = None, words.lower()
    for _ in range(10):
        args = {"ServiceCode": service_code, **({"NextToken": token} if token else {})}
        listing = account_call("quotas")
        response, error = _call(clients, listing, **args)
        if error is not None:
            return None
        for quota in jmespath.search(listing.items or "", response) or []:
            if wanted in str(quota.get("QuotaName", "")).lower():
                return float(quota.get("Value", 0))
        token = response.get("NextToken")
        if not token:
            return None
    return None


def preflight_site(path: str, session=None, **overrides) -> tuple[Report | None, list[str]]:
    """Compile the site at ``path`` and run every check against the account; (None, problems) when the
    site does not compile."""
    from ccdsl.compiler.pipeline import compile_site

    from .settings import AwsSettings

    compiled, diagnostics = compile_site(path)
    if compiled is None:
        return None, [f"{d.span}: {d.code}: {d.message}" for d in diagnostics.sorted() if d.is_error]
    settings = AwsSettings.from_env(region=compiled.region, **overrides)
    clients = Clients(settings, session=session)
    return run_preflight(clients, needs_of(compiled.resources, compiled.site)), []

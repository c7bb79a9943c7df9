"""``ccdsl preflight``: read-only checks of the account, driven by botocore Stubbers."""
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ccdsl.compiler.pipeline import compile_site
from ccdsl.runtime.providers.aws.preflight import FAIL, OK, WARN, needs_of, run_preflight

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
IDENTITY = {"UserId": "AIDAEXAMPLE", "Account": "123456789012", "Arn": "arn:aws:iam::123456789012:user/ci"}
NOW = datetime(2026, 11, 30, tzinfo=UTC)
INSTANCE_ARN = "arn:aws:connect:eu-west-2:123456789012:instance/c8b1a3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"


def acme_needs():
    compiled, _ = compile_site(EXAMPLES / "acme-bank" / "site.ccd")
    return needs_of(compiled.resources, compiled.site)


def _account(stub, *, instances, unreserved=1000, numbers=5):
    stub("sts").add_response("get_caller_identity", IDENTITY, {})
    connect, lex, quotas = stub("connect"), stub("lexv2-models"), stub("service-quotas")
    connect.add_response("list_instances", {"InstanceSummaryList": instances[:1]}, {"MaxResults": 1})
    lex.add_response("list_bots", {"botSummaries": []}, {"maxResults": 1})
    connect.add_response("list_instances", {"InstanceSummaryList": instances}, {})
    return connect, lex, quotas


def test_new_account_with_low_lambda_concurrency_cannot_take_acme_bank(stubbed):
    provider, stub = stubbed
    needs = acme_needs()
    old = {"Id": "c8b1a3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "Arn": INSTANCE_ARN, "InstanceAlias": "other",
           "CreatedTime": NOW - timedelta(days=3)}
    connect, lex, quotas = _account(stub, instances=[old])
    quotas.add_response("list_service_quotas", {"Quotas": [{"QuotaName": "Amazon Connect instances created per "
                                                            "30 days", "Value": 1.0}]}, {"ServiceCode": "connect"})
    for bot in needs.bots:
        lex.add_response("list_bots", {"botSummaries": []},
                         {"filters": [{"name": "BotName", "values": [bot], "operator": "EQ"}]})
    quotas.add_client_error("list_service_quotas", "AccessDeniedException", "no", 403,
                            expected_params={"ServiceCode": "lex"})
    stub("lambda").add_response("get_account_settings", {"AccountLimit": {"ConcurrentExecutions": 10,
                                                                          "UnreservedConcurrentExecutions": 10}}, {})
    report = run_preflight(provider.clients, needs, now=NOW)
    by = {f.check: f for f in report.findings}
    assert report.failed
    assert by["credentials"].status == OK and "123456789012" in by["credentials"].detail
    assert by["Lambda concurrency"].status == FAIL and "keeps 10 free" in by["Lambda concurrency"].detail
    assert by["Connect instances created in 30 days"].status == FAIL
    assert by["phone numbers"].status == WARN  # no instance yet: searched once it exists
    assert provider.write_calls == 0
    text = "\n".join(report.lines())
    assert text.splitlines()[-1].startswith("FAIL: the apply cannot succeed")


def test_existing_instance_is_adopted_and_numbers_are_counted(stubbed):
    provider, stub = stubbed
    needs = acme_needs()
    ours = {"Id": "c8b1a3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "Arn": INSTANCE_ARN, "InstanceAlias": needs.instance_alias,
            "CreatedTime": NOW - timedelta(days=90)}
    connect, lex, quotas = _account(stub, instances=[ours])
    for bot in needs.bots:
        lex.add_response("list_bots", {"botSummaries": [{"botId": "BANKBOT001", "botName": bot}]},
                         {"filters": [{"name": "BotName", "values": [bot], "operator": "EQ"}]})
    quotas.add_response("list_service_quotas", {"Quotas": [{"QuotaName": "Concurrent build operations",
                                                            "Value": 5.0}]}, {"ServiceCode": "lex"})
    stub("lambda").add_response("get_account_settings", {"AccountLimit": {"UnreservedConcurrentExecutions": 1000}}, {})
    for (country, kind, prefix), _wanted in sorted(needs.numbers.items(), key=str):
        args = {"TargetArn": INSTANCE_ARN, "PhoneNumberCountryCode": country, "PhoneNumberType": kind,
                "MaxResults": 10}
        if prefix:
            args["PhoneNumberPrefix"] = prefix
        found = [] if kind == "TOLL_FREE" else [{"PhoneNumber": "+442071234567"}]
        connect.add_response("search_available_phone_numbers", {"AvailableNumbersList": found}, args)
    report = run_preflight(provider.clients, needs, now=NOW)
    adopted = [f.detail for f in report.findings if f.check == "adopted"]
    assert any(needs.instance_alias in a for a in adopted) and len(adopted) == 1 + len(needs.bots)
    numbers = [f for f in report.findings if f.check == "phone numbers"]
    assert {f.status for f in numbers} == {OK, FAIL}
    assert any("TOLL_FREE numbers in GB: 1 wanted, 0 available" in f.detail for f in numbers)
    assert provider.write_calls == 0


def test_no_credentials_is_one_clear_failure(stubbed):
    provider, stub = stubbed
    stub("sts").add_client_error("get_caller_identity", "InvalidClientTokenId", "The security token is invalid", 403)
    report = run_preflight(provider.clients, acme_needs())
    assert [f.check for f in report.findings] == ["credentials"] and report.failed


def test_cli_preflight_exits_1_and_apply_stops_before_changing_anything(monkeypatch, capsys):
    from ccdsl.commands import apply, preflight
    from ccdsl.runtime.providers.aws import preflight as module
    from ccdsl.runtime.providers.aws.preflight import Report

    failing = Report("acme-bank", "eu-west-2")
    failing.add("Lambda concurrency", FAIL, "too little")
    monkeypatch.setattr(module, "preflight_site", lambda site, **_: (failing, []))
    assert preflight.check(str(EXAMPLES / "acme-bank" / "site.ccd")) == 1
    assert "FAIL  Lambda concurrency: too little" in capsys.readouterr().out

    class Args:
        provider, skip_preflight, site = "aws", False, str(EXAMPLES / "acme-bank" / "site.ccd")

    monkeypatch.setattr("ccdsl.commands._runflags.execute", lambda args, destroy: 0)
    assert apply.run(Args()) == 1
    Args.skip_preflight = True
    assert apply.run(Args()) == 0

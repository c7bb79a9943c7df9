"""The documented rules of the secure-by-default calls: each rejects the request it describes (in the simulator
too) and lets the compiled examples through."""
import asyncio
from pathlib import Path

import pytest

from ccdsl.compiler.pipeline import compile_site
from ccdsl.compiler.registry import rules
from ccdsl.runtime.clock import WallClock
from ccdsl.runtime.providers.base import ProviderError, ResolvedResource
from ccdsl.runtime.providers.sim.provider import SimProvider

ROOT = Path(__file__).resolve().parents[3]

VIOLATIONS = [
    ("aws_apigatewayv2_route", {"ApiId": "a", "RouteKey": "GET /x", "AuthorizationType": "JWT"},
     "apigatewayv2.route.jwt_authorizer"),
    ("aws_apigatewayv2_authorizer", {"ApiId": "a", "Name": "jwt", "AuthorizerType": "JWT",
                                     "IdentitySource": ["$request.header.Authorization"],
                                     "JwtConfiguration": {"Issuer": "https://id.example.com"}},
     "apigatewayv2.authorizer.jwt_configuration"),
    ("aws_apigatewayv2_authorizer", {"ApiId": "a", "Name": "jwt", "AuthorizerType": "JWT",
                                     "JwtConfiguration": {"Issuer": "https://id.example.com", "Audience": ["a"]}},
     "apigatewayv2.authorizer.jwt_configuration"),
    ("kinesis_stream_encryption", {"StreamName": "s", "EncryptionType": "NONE", "KeyId": "k"},
     "kinesis.stream_encryption.kms"),
    ("kinesis_stream_encryption", {"StreamName": "s", "EncryptionType": "KMS"}, "kinesis.stream_encryption.kms"),
    ("dynamodb_table_recovery", {"TableName": "t", "PointInTimeRecoverySpecification": {}},
     "dynamodb.continuous_backups.specification"),
]


def _operation(resource_type: str) -> str:
    from ccdsl.runtime import typeinfo

    return typeinfo.spec(resource_type).create


@pytest.mark.parametrize("rtype,request_,rule_id", VIOLATIONS, ids=[f"{v[2]}-{i}" for i, v in enumerate(VIOLATIONS)])
def test_the_rule_finds_the_violation_and_cites_aws(rtype, request_, rule_id):
    found = rules.violations(rtype, _operation(rtype), request_)
    assert rule_id in {r.id for r, _ in found}
    assert all(r.citation.startswith("https://docs.aws.amazon.com/") for r, _ in found)


@pytest.mark.parametrize("rtype,request_,rule_id", VIOLATIONS, ids=[f"{v[2]}-{i}" for i, v in enumerate(VIOLATIONS)])
def test_the_simulator_rejects_the_violating_request(tmp_path, rtype, request_, rule_id):
    sim = SimProvider(tmp_path / "account.db", clock=WallClock(), region="eu-west-2", latency="zero")
    try:
        with pytest.raises(ProviderError, match=rule_id.replace(".", r"\.")):
            asyncio.run(sim.create(ResolvedResource(f"x.{rtype}", rtype, "x", request_)))
    finally:
        sim.close()


def test_the_compiled_examples_break_none_of_them():
    compiled, _ = compile_site(ROOT / "examples" / "acme-bank" / "site.ccd")
    ids = {v[2] for v in VIOLATIONS}
    for r in compiled.resources.values():
        plain = {k: v if isinstance(v, (str, int, bool, list, dict)) else "x" for k, v in r.inputs.items()}
        found = [f.id for f, _ in rules.violations(r.type, _operation(r.type), plain) if f.id in ids]
        assert found == [], r.address

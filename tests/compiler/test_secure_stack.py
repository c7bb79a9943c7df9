"""The generated stack is secure by default: API routes need IAM-signed requests (or a JWT) unless the site says
`auth: none`, every service trust policy but Lambda's names this account and the resources acting, Lambda
permissions name the invoking resource and account, streams/topics/log groups are encrypted with the site's key
(opt out with `none`), tables keep point-in-time recovery, and compile lists what is public."""
import shutil
from pathlib import Path

from ccdsl.compiler.exposure import public_entries
from ccdsl.compiler.pipeline import compile_site
from ccdsl.compiler.resources import Ref
from ccdsl.dsl.validate import validate_text

RECORDED = shutil.ignore_patterns(".ccdsl", "build")  # an example applied in place (quick start) keeps its state there

ROOT = Path(__file__).resolve().parents[2]


def test_routes_require_iam_by_default_and_trust_policies_name_the_account():
    compiled, _ = compile_site(ROOT / "examples" / "acme-bank" / "site.ccd")
    routes = {a: r for a, r in compiled.resources.items() if r.type == "aws_apigatewayv2_route"}
    assert routes and all(r.inputs["AuthorizationType"] == ("JWT" if ".crm." in a else "AWS_IAM")
                          for a, r in routes.items())
    for address, role in compiled.resources.items():
        if role.type != "aws_iam_role":
            continue
        text = str(role.inputs["AssumeRolePolicyDocument"])
        if "lambda.amazonaws.com" in text:
            assert "Condition" not in text, address
        else:
            key = "sts:ExternalId" if "firehose.amazonaws.com" in text else "aws:SourceAccount"
            assert key in text and "data.account" in text, address
    assert [line for line in public_entries(compiled) if "no authorization" in line] == []
    assert sum("for anyone with a token from https://cognito-idp." in line for line in public_entries(compiled)) == 2


def test_auth_none_opens_a_route_with_a_warning_and_compile_lists_it(tmp_path):
    site = (ROOT / "examples" / "acme-bank" / "site.ccd").read_text().replace(
        '    routes: ["GET /customers/{id}", "POST /customers/{id}/notes"]\n',
        '    routes: ["GET /customers/{id}", "POST /customers/{id}/notes"]\n'
        '    route_auth: {"GET /customers/{id}": none, "POST /customers/{id}/notes": iam}\n')
    assert "route_auth" in site
    import shutil

    shutil.copytree(ROOT / "examples" / "acme-bank", tmp_path / "acme", dirs_exist_ok=True, ignore=RECORDED)
    (tmp_path / "acme" / "site.ccd").write_text(site)
    compiled, diags = compile_site(tmp_path / "acme" / "site.ccd")
    assert [d.code for d in diags if d.code == "W120"] == ["W120"]
    auth = {r.inputs["RouteKey"]: r.inputs["AuthorizationType"] for r in compiled.resources.values()
            if r.type == "aws_apigatewayv2_route" and "customers" in r.inputs["RouteKey"]}
    assert auth == {"GET /customers/{id}": "NONE", "POST /customers/{id}/notes": "AWS_IAM"}
    assert any("GET /customers/{id} with no authorization" in line for line in public_entries(compiled))


def test_auth_takes_only_iam_none_or_a_jwt_authorizer():
    _, diags = validate_text("ccdsl: 1\nsite: t\nregion: us-east-1\ninstance: {alias: t1}\n"
                             "apis:\n  a: {function: f, routes: [GET /x], auth: open}\n")
    assert any(d.code == "E104" and d.span.line == 6 for d in diags), [str(d) for d in diags]
    _, diags = validate_text("ccdsl: 1\nsite: t\nregion: us-east-1\ninstance: {alias: t1}\n"
                             "apis:\n  a: {function: f, routes: [GET /x], auth: {jwt: {issuer: 'http://x', "
                             "audience: a}}}\n")
    assert any(d.code == "E104" and "https:// URL" in d.message for d in diags), [str(d) for d in diags]


def _compile(tmp_path, replace: dict[str, str]):
    site = (ROOT / "examples" / "acme-bank" / "site.ccd").read_text()
    for old, new in replace.items():
        assert old in site, old
        site = site.replace(old, new)
    shutil.copytree(ROOT / "examples" / "acme-bank", tmp_path / "acme", dirs_exist_ok=True, ignore=RECORDED)
    (tmp_path / "acme" / "site.ccd").write_text(site)
    return compile_site(tmp_path / "acme" / "site.ccd")


def test_jwt_routes_share_one_authorizer_of_the_issuer_and_audience():
    compiled, _ = compile_site(ROOT / "examples" / "acme-bank" / "site.ccd")
    authorizers = [r for r in compiled.resources.values() if r.type == "aws_apigatewayv2_authorizer"]
    assert len(authorizers) == 1
    inputs = authorizers[0].inputs
    assert inputs["AuthorizerType"] == "JWT" and inputs["IdentitySource"] == ["$request.header.Authorization"]
    assert inputs["JwtConfiguration"]["Audience"] == ["acme-agent-desktop"]
    assert inputs["JwtConfiguration"]["Issuer"].startswith("https://cognito-idp.")
    for r in compiled.resources.values():
        if r.type == "aws_apigatewayv2_route" and r.inputs["AuthorizationType"] == "JWT":
            assert r.inputs["AuthorizerId"].address == authorizers[0].address


def test_lambda_permissions_name_the_invoking_resource_and_the_account():
    compiled, _ = compile_site(ROOT / "examples" / "acme-bank" / "site.ccd")
    permissions = [r for r in compiled.resources.values() if r.type == "aws_lambda_permission"]
    principals = {r.inputs["Principal"] for r in permissions}
    assert {"apigateway.amazonaws.com", "lexv2.amazonaws.com", "connect.amazonaws.com"} <= principals
    for r in permissions:
        assert r.inputs["SourceArn"] and str(r.inputs["SourceAccount"]) == str(Ref("data.account", "account"))


def test_service_trust_policies_name_the_source_resources():
    compiled, _ = compile_site(ROOT / "examples" / "acme-bank" / "site.ccd")
    roles = {a: str(r.inputs["AssumeRolePolicyDocument"]) for a, r in compiled.resources.items()
             if r.type == "aws_iam_role"}
    with_arn = [a for a, text in roles.items() if "aws:SourceArn" in text]
    assert {"role.logs_to_kinesis", "role.events_to_firehose", "role.metric_stream"} <= set(with_arn), with_arn
    assert any(a.startswith("role.bot_") for a in with_arn)


def test_the_site_key_encrypts_streams_topics_and_log_groups_unless_they_say_none(tmp_path):
    compiled, _ = compile_site(ROOT / "examples" / "acme-bank" / "site.ccd")
    key = Ref("key.data", "arn")
    streams = [a for a, r in compiled.resources.items() if r.type == "aws_kinesis_stream"]
    encryption = {r.inputs["StreamName"].address: r.inputs for r in compiled.resources.values()
                  if r.type == "kinesis_stream_encryption"}
    assert sorted(encryption) == sorted(streams)
    assert all(i["EncryptionType"] == "KMS" and i["KeyId"] == key for i in encryption.values())
    for r in compiled.resources.values():
        if r.type == "aws_sns_topic":
            assert r.inputs["Attributes"]["KmsMasterKeyId"] == key, r.address
        if r.type == "aws_cloudwatch_log_group":
            assert r.inputs["kmsKeyId"] == key, r.address
    # the firehose reading the encrypted stream may decrypt with the key
    policy = str(compiled.resources["role.firehose.policy"].inputs["PolicyDocument"])
    assert "kms:Decrypt" in policy

    opted, diags = _compile(tmp_path, {
        "stream ctr(shards=4, retention=168h)": "stream ctr(shards=4, retention=168h, key=none)",
        "  auth: {}\n": "  auth: {key: none}\n",
        "  lex: {retention: 14d}": "  lex: {retention: 14d, key: none}",
    })
    assert opted is not None, [str(d) for d in diags]
    assert "stream.ctr.encryption" not in opted.resources and "stream.agent_events.encryption" in opted.resources
    assert "Attributes" not in opted.resources["topic.auth"].inputs
    assert "kmsKeyId" not in opted.resources["logs.lex"].inputs


def test_without_a_site_key_nothing_is_encrypted_by_default(tmp_path):
    compiled, _ = _compile(tmp_path, {", rotation: true, default: true}": ", rotation: true}"})
    assert not [r for r in compiled.resources.values() if r.type == "kinesis_stream_encryption"]
    assert "kmsKeyId" not in compiled.resources["logs.lex"].inputs


def test_a_stream_key_must_be_declared():
    _, diags = validate_text("ccdsl: 1\nsite: t\nregion: us-east-1\ninstance: {alias: t1}\n"
                             "pipelines:\n  p: stream s(key=nokey) -> firehose\n")
    assert any(d.code == "E209" and d.span.line == 6 for d in diags), [str(d) for d in diags]


def test_tables_keep_point_in_time_recovery_unless_turned_off(tmp_path):
    compiled, _ = compile_site(ROOT / "examples" / "acme-bank" / "site.ccd")
    tables = [a for a, r in compiled.resources.items() if r.type == "aws_dynamodb_table"]
    recovery = {r.inputs["TableName"].address: r.inputs["PointInTimeRecoverySpecification"]
                for r in compiled.resources.values() if r.type == "dynamodb_table_recovery"}
    assert sorted(recovery) == sorted(tables)
    assert all(v == {"PointInTimeRecoveryEnabled": True} for v in recovery.values())
    opted, _ = _compile(tmp_path, {"  callback: {key: callback_id, ttl: expires_at}":
                                   "  callback: {key: callback_id, ttl: expires_at, point_in_time_recovery: false}"})
    assert "table.callback.recovery" not in opted.resources and "table.auth_state.recovery" in opted.resources

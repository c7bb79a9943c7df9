"""Lambda (packaged from the site folder), its alias and permissions, API Gateway v2 and SSM."""
import io
import json
import zipfile

from aws_acme_moto import dedupe, function
from aws_stack import Stack


def _api(function_address: str) -> list:
    return [
        ("api.auth", "aws_apigatewayv2_api", {"Name": "acme-bank-auth", "ProtocolType": "HTTP",
                                              "CorsConfiguration": {"AllowOrigins": ["https://ccp.acme.example"]}}),
        ("api.auth.integration", "aws_apigatewayv2_integration", {
            "ApiId": "${api.auth.id}", "IntegrationType": "AWS_PROXY", "PayloadFormatVersion": "2.0",
            "IntegrationUri": f"${{{function_address}.arn}}"}),
        ("api.auth.route.login", "aws_apigatewayv2_route", {
            "ApiId": "${api.auth.id}", "RouteKey": "POST /login", "Target": "integrations/${api.auth.integration.id}"}),
        ("api.auth.route.status", "aws_apigatewayv2_route", {
            "ApiId": "${api.auth.id}", "RouteKey": "GET /status", "Target": "integrations/${api.auth.integration.id}"}),
        ("api.auth.stage", "aws_apigatewayv2_stage", {"ApiId": "${api.auth.id}", "StageName": "$default",
                                                      "AutoDeploy": True}),
    ]


def test_function_packaged_from_source_with_alias_and_permissions(provider, boto):
    stack = Stack(provider, function("banking", "functions/banking"))
    out = stack.apply()
    lam = boto("lambda")
    got = lam.get_function(FunctionName="acme-bank-banking")
    config = got["Configuration"]
    assert config["FunctionArn"] == out["function.banking"]["arn"]
    assert (config["Runtime"], config["Timeout"], config["MemorySize"]) == ("python3.12", 30, 256)
    assert config["Role"] == out["role.banking_lambda"]["arn"]
    assert config["Environment"]["Variables"] == {"SITE": "acme-bank"}
    with open(out["function.banking.package"]["zip_file"], "rb") as handle:
        assert zipfile.ZipFile(io.BytesIO(handle.read())).namelist() == ["handler.py"]
    alias = lam.get_alias(FunctionName="acme-bank-banking", Name="live")
    assert alias["AliasArn"] == out["function.banking.alias"]["arn"]
    policy = json.loads(lam.get_policy(FunctionName="acme-bank-banking")["Policy"])
    principals = {s["Sid"]: s["Principal"]["Service"] for s in policy["Statement"]}
    assert principals == {"connect-invoke": "connect.amazonaws.com", "lex-invoke": "lexv2.amazonaws.com"}
    before = provider.write_calls
    stack.apply()
    assert provider.write_calls == before
    stack.destroy()
    assert lam.list_functions()["Functions"] == []
    assert boto("iam").list_roles()["Roles"] == []


def test_function_configuration_update_and_adoption(provider, boto):
    resources = function("banking", "functions/banking")
    stack = Stack(provider, resources)
    out = stack.apply()
    resource = stack.resolved("function.banking")
    resource.inputs["Timeout"] = 60
    resource.inputs["Environment"] = {"Variables": {"SITE": "acme-bank", "TIER": "gold"}}
    provider.update_sync(resource, out["function.banking"], {"Timeout", "Environment"})
    config = boto("lambda").get_function_configuration(FunctionName="acme-bank-banking")
    assert config["Timeout"] == 60 and config["Environment"]["Variables"]["TIER"] == "gold"
    again = Stack(provider, resources).apply()  # state lost: adopt function, alias and permissions
    assert again["function.banking"]["arn"] == out["function.banking"]["arn"]
    assert len(boto("lambda").list_functions()["Functions"]) == 1
    statements = json.loads(boto("lambda").get_policy(FunctionName="acme-bank-banking")["Policy"])["Statement"]
    assert len(statements) == 2


def test_http_api_with_lambda_integration_routes_and_auto_deployed_stage(provider, boto):
    stack = Stack(provider, dedupe(function("banking", "functions/banking") + _api("function.banking")))
    out = stack.apply()
    gw = boto("apigatewayv2")
    api_id = out["api.auth"]["id"]
    assert gw.get_api(ApiId=api_id)["CorsConfiguration"]["AllowOrigins"] == ["https://ccp.acme.example"]
    assert out["api.auth"]["execution_arn"] == f"arn:aws:execute-api:eu-west-2:123456789012:{api_id}"
    integration = gw.get_integration(ApiId=api_id, IntegrationId=out["api.auth.integration"]["id"])
    assert integration["IntegrationUri"] == out["function.banking"]["arn"]
    routes = {r["RouteKey"]: r["Target"] for r in gw.get_routes(ApiId=api_id)["Items"]}
    target = f"integrations/{out['api.auth.integration']['id']}"
    assert routes == {"POST /login": target, "GET /status": target}
    assert gw.get_stage(ApiId=api_id, StageName="$default")["AutoDeploy"] is True
    before = provider.write_calls
    stack.apply()
    assert provider.write_calls == before


def test_http_api_is_adopted_by_name_not_duplicated(provider, boto):
    resources = dedupe(function("banking", "functions/banking") + _api("function.banking"))
    first = Stack(provider, resources).apply()
    second = Stack(provider, resources).apply()  # state lost
    assert second["api.auth"]["id"] == first["api.auth"]["id"]
    gw = boto("apigatewayv2")
    assert len(gw.get_apis()["Items"]) == 1
    assert len(gw.get_routes(ApiId=first["api.auth"]["id"])["Items"]) == 2
    assert len(gw.get_integrations(ApiId=first["api.auth"]["id"])["Items"]) == 1
    Stack(provider, resources).destroy()  # nothing recorded: nothing deleted
    Stack(provider, resources)
    stack = Stack(provider, resources)
    stack.outputs = dict(second)
    stack.destroy()
    assert gw.get_apis()["Items"] == [] and boto("lambda").list_functions()["Functions"] == []


def test_ssm_secret_reference_reads_the_current_value(provider, boto):
    boto("ssm").put_parameter(Name="/acme-bank/crm/token", Type="SecureString", Value="s3cr3t")
    assert provider.resolve_secret("ssm", "/acme-bank/crm/token") == "s3cr3t"
    boto("ssm").put_parameter(Name="/acme-bank/crm/token", Type="SecureString", Value="n3w", Overwrite=True)
    assert provider.resolve_secret("ssm", "/acme-bank/crm/token") == "n3w"


def test_ssm_reference_is_resolved_at_apply_time_and_never_stored(aws_env, boto, tmp_path):
    from ccdsl.compiler.pipeline import assemble
    from ccdsl.compiler.resources import Resource, Secret
    from ccdsl.dsl.diagnostics import Diagnostics
    from ccdsl.runtime.session import apply_site
    from ccdsl.runtime.state import open_state

    boto("ssm").put_parameter(Name="/acme-bank/ops/display", Type="SecureString", Value="Acme Ops Desk")
    topic = Resource("topic.alarms", "aws_sns_topic", 1, {
        "Name": "acme-bank-alarms", "Attributes": {"DisplayName": Secret("ssm", "/acme-bank/ops/display")}}, 1.0,
        name="acme-bank-alarms")
    site = assemble("acme-bank", "eu-west-2", {topic.address: topic}, Diagnostics(), {}, str(tmp_path))
    state = tmp_path / "state.db"
    result = apply_site(site, provider="aws", state_path=state)
    assert result.ok, result.failures
    arn = boto("sns").list_topics()["Topics"][0]["TopicArn"]
    assert boto("sns").get_topic_attributes(TopicArn=arn)["Attributes"]["DisplayName"] == "Acme Ops Desk"
    recorded = open_state(str(state)).load()["topic.alarms"]
    assert recorded.inputs["Attributes"]["DisplayName"] == "${ssm:/acme-bank/ops/display}"
    for file in tmp_path.glob("state.db*"):  # the database and its WAL
        assert b"Acme Ops Desk" not in file.read_bytes()

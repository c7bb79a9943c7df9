"""The generated stack is secure by default: API routes need IAM-signed requests unless the site says
`auth: none`, every service trust policy but Lambda's names this account, and compile lists what is public."""
import shutil
from pathlib import Path

from ccdsl.compiler.exposure import public_entries
from ccdsl.compiler.pipeline import compile_site
from ccdsl.dsl.validate import validate_text

RECORDED = shutil.ignore_patterns(".ccdsl", "build")  # an example applied in place (quick start) keeps its state there

ROOT = Path(__file__).resolve().parents[2]


def test_routes_require_iam_by_default_and_trust_policies_name_the_account():
    compiled, _ = compile_site(ROOT / "examples" / "acme-bank" / "site.ccd")
    routes = {a: r for a, r in compiled.resources.items() if r.type == "aws_apigatewayv2_route"}
    assert routes and all(r.inputs["AuthorizationType"] == "AWS_IAM" for r in routes.values())
    for address, role in compiled.resources.items():
        if role.type != "aws_iam_role":
            continue
        text = str(role.inputs["AssumeRolePolicyDocument"])
        if "lambda.amazonaws.com" in text:
            assert "Condition" not in text, address
        else:
            key = "sts:ExternalId" if "firehose.amazonaws.com" in text else "aws:SourceAccount"
            assert key in text and "data.account" in text, address
    assert [line for line in public_entries(compiled) if "HTTP route" in line] == []


def test_auth_none_opens_a_route_with_a_warning_and_compile_lists_it(tmp_path):
    site = (ROOT / "examples" / "acme-bank" / "site.ccd").read_text().replace(
        'crm: {function: crm_api, routes: ["GET /customers/{id}", "POST /customers/{id}/notes"]}',
        'crm: {function: crm_api, route_auth: {"GET /customers/{id}": none}, '
        'routes: ["GET /customers/{id}", "POST /customers/{id}/notes"]}')
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


def test_auth_takes_only_iam_or_none():
    _, diags = validate_text("ccdsl: 1\nsite: t\nregion: us-east-1\ninstance: {alias: t1}\n"
                             "apis:\n  a: {function: f, routes: [GET /x], auth: open}\n")
    assert any(d.code == "E104" and d.span.line == 6 for d in diags), [str(d) for d in diags]

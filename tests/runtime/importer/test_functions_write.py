"""The ``functions:`` section of an imported instance: every Lambda function its flows invoke or its bots call,
written as an existing function named by its ARN, read against botocore's Stubber (ListLambdaFunctions)."""
import boto3
import pytest
from botocore.stub import Stubber

from ccdsl.compiler.importer.documents import FlowDocument
from ccdsl.dsl.validate import validate_text
from ccdsl.runtime.importer.functions_write import hook_arns, invoked_arns, read_associated, write_functions
from ccdsl.runtime.importer.site_write import SiteText

INSTANCE = "0c5a5c2e-1111-4d4d-8e8e-000000000001"
LOOKUP = "arn:aws:lambda:eu-west-2:111122223333:function:care-lookup:live"
PLAIN = "arn:aws:lambda:eu-west-2:111122223333:function:care-lookup"
HOOK = "arn:aws:lambda:eu-west-2:111122223333:function:orders"


def _flow(*arns: str) -> FlowDocument:
    actions = [{"Identifier": f"a{i}", "Type": "InvokeLambdaFunction",
                "Parameters": {"LambdaFunctionARN": arn, "InvocationTimeLimitSeconds": "3"}}
               for i, arn in enumerate(arns)]
    return FlowDocument("f.json", "f", {"Version": "2019-10-30", "StartAction": "a0", "Actions": actions}, None, "")


@pytest.fixture
def connect():
    client = boto3.client("connect", region_name="eu-west-2", aws_access_key_id="x", aws_secret_access_key="x")
    with Stubber(client) as stub:
        yield client, stub
        stub.assert_no_pending_responses()


def test_associated_functions_are_read_page_by_page(connect):
    client, stub = connect
    stub.add_response("list_lambda_functions", {"LambdaFunctions": [LOOKUP], "NextToken": "p2"},
                      {"InstanceId": INSTANCE})
    stub.add_response("list_lambda_functions", {"LambdaFunctions": [HOOK]}, {"InstanceId": INSTANCE, "NextToken": "p2"})
    assert read_associated(lambda service: client, INSTANCE) == {LOOKUP, HOOK}


def test_invoked_and_hook_functions_are_written_by_arn_with_the_site_prefix_dropped():
    bots = [{"alias": {"botAliasLocaleSettings": {"en_GB": {"enabled": True, "codeHookSpecification": {
        "lambdaCodeHook": {"lambdaARN": HOOK, "codeHookInterfaceVersion": "1.0"}}}}}}, {"alias": {}}]
    arns = invoked_arns([_flow(LOOKUP, PLAIN, LOOKUP)]) + hook_arns(bots)
    assert arns == [LOOKUP, PLAIN, HOOK]
    out = SiteText(site="care")
    write_functions(out, arns, {LOOKUP}, "care")
    text = "\n".join(out.lines)
    assert f"  lookup:\n    arn: {LOOKUP}\n" in text and f"  lookup_2:\n    arn: {PLAIN}\n" in text
    assert f"  orders:\n    arn: {HOOK}" in text
    assert out.names == {LOOKUP: "lookup", PLAIN: "lookup_2", HOOK: "orders"}
    # only an association the instance has is adopted
    assert out.found == {"connect.lambda.lookup": {"id": LOOKUP}}
    site = "ccdsl: 1\nsite: care\nregion: eu-west-2\ninstance: {alias: care}\n" + text + "\n"
    model, diags = validate_text(site, "site.ccd")
    assert model is not None and not diags.has_errors, [d.message for d in diags]
    assert sorted(model.functions) == ["lookup", "lookup_2", "orders"]


def test_no_function_writes_no_section():
    out = SiteText()
    write_functions(out, invoked_arns([_flow()]), set(), "care")
    assert out.lines == [] and out.names == {}

"""Every registry entry with an ARN output says how its ARN is made, in the format AWS documents for the
service's resource type (IAM Service Authorization Reference, "Resource types defined by …"), and the
simulator hands out ARNs made from those templates."""
from __future__ import annotations

import re

import pytest

from ccdsl.compiler.registry import REGISTRY
from ccdsl.compiler.registry.expressions import evaluate

_REF = "https://docs.aws.amazon.com/service-authorization/latest/reference/"
# service -> the page listing its resource types' ARN formats
CITATIONS = {
    "connect": _REF + "list_amazonconnect.html",
    "kms": _REF + "list_awskeymanagementservice.html",
    "iam": _REF + "list_awsidentityandaccessmanagementiam.html",
    "sts": _REF + "list_awssecuritytokenservice.html",
    "s3": _REF + "list_amazons3.html",
    "dynamodb": _REF + "list_amazondynamodb.html",
    "glue": _REF + "list_awsglue.html",
    "kinesis": _REF + "list_amazonkinesis.html",
    "firehose": _REF + "list_amazondatafirehose.html",
    "lambda": _REF + "list_awslambda.html",
    "apigatewayv2": _REF + "list_amazonapigatewaymanagementv2.html",
    "lexv2-models": _REF + "list_amazonlexv2.html",
    "logs": _REF + "list_amazoncloudwatchlogs.html",
    "sns": _REF + "list_amazonsns.html",
    "events": _REF + "list_amazoneventbridge.html",
    "cloudwatch": _REF + "list_amazoncloudwatch.html",
    "cloudtrail": _REF + "list_awscloudtrail.html",
    "wafv2": _REF + "list_awswafv2.html",
    "cloudfront": _REF + "list_amazoncloudfront.html",
}
_CONNECT = "arn:${Partition}:connect:${Region}:${Account}:instance/${InstanceId}/"
# type -> the ARN format the service's page documents for it
DOCUMENTED = {
    "aws_caller_identity": "arn:${Partition}:sts::${Account}:assumed-role/${RoleName}/${RoleSessionName}",
    "aws_kms_key": "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}",
    "aws_kms_alias": "arn:${Partition}:kms:${Region}:${Account}:alias/${Alias}",
    "aws_iam_role": "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}",
    "aws_s3_bucket": "arn:${Partition}:s3:::${BucketName}",
    "aws_dynamodb_table": "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}",
    "aws_glue_catalog_database": "arn:${Partition}:glue:${Region}:${Account}:database/${DatabaseName}",
    "aws_glue_catalog_table": "arn:${Partition}:glue:${Region}:${Account}:table/${DatabaseName}/${TableName}",
    "aws_kinesis_stream": "arn:${Partition}:kinesis:${Region}:${Account}:stream/${StreamName}",
    "aws_kinesis_firehose_delivery_stream":
        "arn:${Partition}:firehose:${Region}:${Account}:deliverystream/${DeliveryStreamName}",
    "aws_lambda_function": "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}",
    "aws_lambda_alias": "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}:${Alias}",
    "aws_apigatewayv2_api": "arn:${Partition}:apigateway:${Region}::/apis/${ApiId}",
    "aws_connect_instance": "arn:${Partition}:connect:${Region}:${Account}:instance/${InstanceId}",
    "aws_connect_hours_of_operation": _CONNECT + "operating-hours/${HoursOfOperationId}",
    "aws_connect_queue": _CONNECT + "queue/${QueueId}",
    "aws_connect_contact_flow_module": _CONNECT + "flow-module/${FlowModuleId}",
    "aws_connect_prompt": _CONNECT + "prompt/${PromptId}",
    "aws_connect_task_template": _CONNECT + "task-template/${TaskTemplateId}",
    "aws_connect_view": _CONNECT + "view/${ViewId}",
    "aws_connect_routing_profile": _CONNECT + "routing-profile/${RoutingProfileId}",
    "aws_connect_security_profile": _CONNECT + "security-profile/${SecurityProfileId}",
    "connect_custom_security_profile": _CONNECT + "security-profile/${SecurityProfileId}",
    "aws_connect_user_hierarchy_group": _CONNECT + "agent-group/${HierarchyGroupId}",
    "aws_connect_agent_status": _CONNECT + "agent-state/${AgentStatusId}",
    "aws_connect_user": _CONNECT + "agent/${UserId}",
    "aws_connect_phone_number": "arn:${Partition}:connect:${Region}:${Account}:phone-number/${PhoneNumberId}",
    "aws_connect_contact_flow": _CONNECT + "contact-flow/${ContactFlowId}",
    "aws_connect_quick_connect": _CONNECT + "transfer-destination/${TransferDestinationId}",
    "aws_lexv2models_bot": "arn:${Partition}:lex:${Region}:${Account}:bot/${BotId}",
    "aws_lexv2models_bot_alias": "arn:${Partition}:lex:${Region}:${Account}:bot-alias/${BotId}/${BotAliasId}",
    "aws_cloudwatch_log_group": "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}",
    "aws_sns_topic": "arn:${Partition}:sns:${Region}:${Account}:${TopicName}",
    # a subscription is not an IAM resource type: its ARN is the topic's with the subscription's id
    "aws_sns_topic_subscription": "arn:${Partition}:sns:${Region}:${Account}:${TopicName}:${SubscriptionId}",
    "aws_cloudwatch_event_rule": "arn:${Partition}:events:${Region}:${Account}:rule/${RuleName}",
    "aws_cloudwatch_metric_stream": "arn:${Partition}:cloudwatch:${Region}:${Account}:metric-stream/${MetricStreamName}",
    "aws_cloudwatch_metric_alarm": "arn:${Partition}:cloudwatch:${Region}:${Account}:alarm:${AlarmName}",
    "aws_cloudwatch_composite_alarm": "arn:${Partition}:cloudwatch:${Region}:${Account}:alarm:${AlarmName}",
    "aws_cloudwatch_dashboard": "arn:${Partition}:cloudwatch::${Account}:dashboard/${DashboardName}",
    "aws_cloudtrail": "arn:${Partition}:cloudtrail:${Region}:${Account}:trail/${TrailName}",
    "aws_wafv2_web_acl": "arn:${Partition}:wafv2:${Region}:${Account}:${Scope}/webacl/${Name}/${Id}",
    "aws_cloudfront_distribution": "arn:${Partition}:cloudfront::${Account}:distribution/${DistributionId}",
}
_SAMPLE_IN = {
    "InstanceId": "11111111-2222-4333-8444-555555555555", "RoleName": "ccdsl-role", "TableName": "calls",
    "DeliveryStreamName": "ctr", "FunctionName": "lookup", "Name": "thing", "StreamName": "ctr",
    "AliasName": "alias/ccdsl", "Bucket": "ccdsl-bucket", "DatabaseInput": {"Name": "db"}, "DatabaseName": "db",
    "TableInput": {"Name": "t"}, "botId": "ABCDEFGHIJ", "logGroupName": "/ccdsl/x", "AlarmName": "alarm",
    "DashboardName": "board", "Scope": "REGIONAL",
    "TopicArn": "arn:aws:sns:eu-west-2:123456789012:alerts",
}
_SAMPLE_OUT = {"id": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}


def _pattern(documented: str) -> re.Pattern[str]:
    parts = re.split(r"(\$\{[A-Za-z]+\})", documented)
    body = "".join({"${Partition}": "aws(-cn|-us-gov)?", "${Region}": "[a-z]{2}(-[a-z]+)+-[0-9]",
                    "${Account}": "[0-9]{12}", "${RoleNameWithPath}": "[^:]+", "${LogGroupName}": "[^:]+",
                    "${Scope}": "(regional|global)"}.get(p, "[^:/]+") if p.startswith("${") else re.escape(p)
                   for p in parts)
    return re.compile(f"^{body}$")


def _made(template: str) -> str:
    return str(evaluate(template, {"partition": "aws", "region": "eu-west-2", "account": "123456789012",
                                   "in": _SAMPLE_IN, "out": _SAMPLE_OUT, "res": {}}))


# an ARN the site itself gives (an existing function's `arn:`) is checked by its schema pattern, not made here
@pytest.mark.parametrize("name", sorted(n for n, e in REGISTRY.items() if "arn" in e.outputs
                                        and not str(e.outputs["arn"]).startswith("in.")))
def test_every_arn_output_has_a_template_in_the_documented_format(name: str) -> None:
    spec = REGISTRY[name]
    assert spec.arn_template, f"{name}: an arn output needs an ARN template (ResourceType.arn)"
    assert name in DOCUMENTED and spec.service in CITATIONS, f"{name}: cite the service's documented ARN format"
    made = _made(spec.arn_template)
    assert _pattern(DOCUMENTED[name]).match(made), (name, made, DOCUMENTED[name], CITATIONS[spec.service])


def test_a_template_in_another_format_is_refused() -> None:
    """The check is not vacuous: a queue ARN without its instance does not match."""
    wrong = "arn:{partition}:connect:{region}:{account}:queue/{out.id}"
    assert not _pattern(DOCUMENTED["aws_connect_queue"]).match(_made(wrong))


def test_the_simulator_makes_its_arns_from_the_entries(tmp_path) -> None:
    import asyncio

    from ccdsl.runtime.clock import VirtualClock
    from ccdsl.runtime.providers.base import ResolvedResource
    from ccdsl.runtime.providers.sim.provider import SimProvider

    sim = SimProvider(tmp_path / "account.db", clock=VirtualClock(), latency="zero")
    try:
        inputs = {"InstanceAlias": "acme-sim", "IdentityManagementType": "CONNECT_MANAGED",
                  "InboundCallsEnabled": True, "OutboundCallsEnabled": True}
        instance = asyncio.run(sim.create(ResolvedResource("i", "aws_connect_instance", "i", inputs)))
        topic = asyncio.run(sim.create(ResolvedResource("t", "aws_sns_topic", "t", {"Name": "alerts"})))
    finally:
        sim.close()
    assert _pattern(DOCUMENTED["aws_connect_instance"]).match(instance["arn"])
    assert instance["arn"].endswith("/" + instance["id"])
    assert topic["arn"] == topic["id"] == "arn:aws:sns:eu-west-2:123456789012:alerts"

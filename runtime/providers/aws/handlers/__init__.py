"""Per-type handlers: the generic engine plus the classes for what a registry entry cannot say."""
from __future__ import annotations

from ..engine import Handler
from . import compute, connect, lex, local, numbers, storage, streams, web

SPECIAL: dict[str, type[Handler]] = {
    "aws_s3_bucket": storage.S3Bucket,
    "aws_iam_role": storage.IamRole,
    "aws_kms_key": storage.KmsKey,
    "aws_kms_alias": storage.KmsAlias,
    "aws_sns_topic": storage.SnsTopic,
    "aws_cloudwatch_log_group": storage.LogGroup,
    "aws_cloudtrail": storage.CloudTrail,
    "aws_dynamodb_table": streams.DynamoTable,
    "aws_kinesis_stream": streams.KinesisStream,
    "kinesis_stream_retention": streams.StreamRetention,
    "lambda_package": local.LambdaPackage,
    "lambda_function_existing": local.ExistingFunction,
    "connect_prompt_existing": local.ExistingPrompt,
    "kms_key_existing": local.ExistingKey,
    "cloudwatch_log_group_existing": local.ExistingLogGroup,
    "aws_lambda_function": compute.LambdaFunction,
    "aws_lambda_permission": compute.LambdaPermission,
    "aws_cloudfront_origin_access_control": web.OriginAccessControl,
    "aws_cloudfront_distribution": web.Distribution,
    "aws_wafv2_web_acl": web.WafResource,
    "aws_connect_instance": connect.ConnectInstance,
    "aws_connect_queue": connect.Queue,
    "aws_connect_routing_profile": connect.RoutingProfile,
    "aws_connect_user": connect.User,
    "aws_connect_security_profile": connect.SecurityProfile,
    "aws_connect_instance_storage_config": connect.StorageConfig,
    "aws_connect_phone_number": numbers.PhoneNumber,
    "connect_queue_quick_connects": connect.QueueQuickConnects,
    "connect_approved_origin": connect.ApprovedOrigin,
    "connect_lambda_association": connect.LambdaAssociation,
    "connect_bot_association": connect.BotAssociation,
    "aws_lexv2models_bot_locale": lex.BotLocale,
    "lex_bot_locale_build": lex.LocaleBuild,
    "lex_bot_alias_policy": lex.AliasPolicy,
    "aws_lexv2models_bot_version": lex.BotVersion,
    "aws_lexv2models_bot_alias": lex.BotAlias,
}


def handlers() -> dict[str, Handler]:
    """A handler for every registry type: the generic engine unless the type needs real code."""
    from ccdsl.compiler.registry import REGISTRY

    return {name: SPECIAL.get(name, Handler)(entry) for name, entry in REGISTRY.items()}

"""The latency model: how long AWS takes to create each resource type, from the seed's timings.

Ranges are (low, high) seconds for one create including the wait until the resource is usable
(Connect instance 2–3 min, Lex locale build 5–10 min, CloudFront distribution 4–8 min, Lambda
function 10–30 s, IAM/S3/DynamoDB seconds). The compiler uses the midpoint as the estimate for the
critical path; the ``sim`` provider draws actual durations from the range.
"""
from __future__ import annotations

# type -> (low_s, high_s)
LATENCY: dict[str, tuple[float, float]] = {
    # Foundation
    "aws_caller_identity": (0.2, 1),
    "aws_kms_key": (2, 5),
    "aws_kms_alias": (1, 2),
    "kms_key_rotation": (1, 2),
    "aws_s3_bucket": (2, 5),
    "aws_s3_bucket_server_side_encryption_configuration": (1, 3),
    "aws_s3_bucket_public_access_block": (1, 3),
    "aws_s3_bucket_versioning": (1, 3),
    "aws_s3_bucket_lifecycle_configuration": (2, 5),
    "aws_s3_bucket_policy": (1, 3),
    "aws_s3_object": (1, 2),
    "aws_cloudwatch_log_group": (1, 2),
    "cloudwatch_log_retention": (1, 2),
    "aws_dynamodb_table": (8, 20),
    "dynamodb_table_ttl": (2, 5),
    "aws_sns_topic": (1, 3),
    "aws_sns_topic_subscription": (1, 3),
    "aws_iam_role": (2, 8),  # includes the wait for IAM's eventual consistency
    "aws_iam_role_policy": (1, 3),
    # Connect instance and streaming
    "aws_connect_instance": (120, 180),
    "connect_instance_attribute": (1, 3),
    "aws_connect_instance_storage_config": (2, 5),
    "aws_kinesis_stream": (30, 60),
    "kinesis_stream_retention": (10, 30),
    "aws_kinesis_firehose_delivery_stream": (30, 90),
    # Lambda and APIs
    "lambda_package": (2, 8),
    "aws_lambda_function": (10, 30),
    "aws_lambda_alias": (1, 3),
    "aws_lambda_provisioned_concurrency_config": (60, 180),
    "aws_lambda_permission": (1, 2),
    "connect_lambda_association": (1, 3),
    "aws_apigatewayv2_api": (2, 5),
    "aws_apigatewayv2_integration": (1, 3),
    "aws_apigatewayv2_route": (1, 3),
    "aws_apigatewayv2_stage": (2, 5),
    # Lex V2
    "aws_lexv2models_bot": (5, 15),
    "aws_lexv2models_bot_locale": (10, 30),
    "aws_lexv2models_slot_type": (2, 5),
    "aws_lexv2models_intent": (2, 5),
    "aws_lexv2models_slot": (2, 5),
    "lex_intent_slot_priorities": (2, 5),
    "lex_fallback_intent": (2, 5),
    "lex_bot_locale_build": (300, 600),
    "aws_lexv2models_bot_version": (20, 60),
    "aws_lexv2models_bot_alias": (5, 15),
    "lex_bot_alias_policy": (1, 3),
    "connect_bot_association": (2, 5),
    # Connect configuration
    "aws_connect_hours_of_operation": (1, 3),
    "aws_connect_queue": (1, 3),
    "aws_connect_routing_profile": (1, 3),
    "aws_connect_security_profile": (1, 2),
    "aws_connect_user": (2, 5),
    "aws_connect_phone_number": (10, 30),
    "connect_phone_number_flow_association": (1, 3),
    "aws_connect_contact_flow": (2, 5),
    "connect_contact_flow_content": (2, 5),
    "aws_connect_quick_connect": (1, 3),
    "connect_queue_quick_connects": (1, 3),
    "connect_approved_origin": (1, 3),
    # Monitoring
    "aws_cloudwatch_event_rule": (1, 3),
    "aws_cloudwatch_event_target": (1, 3),
    "aws_cloudwatch_log_subscription_filter": (2, 5),
    "aws_cloudwatch_metric_stream": (5, 15),
    "aws_cloudwatch_metric_alarm": (1, 2),
    "aws_cloudwatch_dashboard": (1, 2),
    "aws_cloudtrail": (3, 10),
    # Agent web site
    "aws_wafv2_web_acl": (5, 15),
    "aws_cloudfront_origin_access_control": (2, 5),
    "aws_cloudfront_distribution": (240, 480),
    # Glue catalogue
    "aws_glue_catalog_database": (1, 3),
    "aws_glue_catalog_table": (1, 3),
}

DEFAULT_RANGE: tuple[float, float] = (1.0, 5.0)


def latency_range(resource_type: str) -> tuple[float, float]:
    """(low, high) seconds to create one resource of this type; unknown types get a few seconds."""
    lo, hi = LATENCY.get(resource_type, DEFAULT_RANGE)
    return float(lo), float(hi)


def estimate(resource_type: str) -> float:
    """The midpoint of the range: the duration the critical path is computed with."""
    lo, hi = latency_range(resource_type)
    return (lo + hi) / 2.0


# The seed's phased deployment, for comparison in plans and summaries: 25–35 minutes.
SEED_TOTAL_S: tuple[float, float] = (25 * 60.0, 35 * 60.0)

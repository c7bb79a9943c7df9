"""acme-bank compiled by the real compiler, cut down to the resource types moto_server serves."""
from __future__ import annotations

import functools
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "examples" / "acme-bank" / "site.ccd"

# Everything moto 5.2 serves; Connect configuration, Lex bots, metric streams and provisioned concurrency
# are covered by the Stubber contract tests instead.
MOTO_TYPES = {
    "aws_caller_identity", "aws_kms_key", "aws_kms_alias", "kms_key_rotation",
    "aws_s3_bucket", "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_public_access_block",
    "aws_s3_bucket_versioning", "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_policy", "aws_s3_object",
    "aws_cloudwatch_log_group", "cloudwatch_log_retention", "aws_cloudwatch_log_subscription_filter",
    "aws_dynamodb_table", "dynamodb_table_ttl", "aws_sns_topic", "aws_sns_topic_subscription",
    "aws_iam_role", "aws_iam_role_policy", "aws_connect_instance",
    "aws_kinesis_stream", "kinesis_stream_retention", "aws_kinesis_firehose_delivery_stream",
    "lambda_package", "aws_lambda_function", "aws_lambda_alias", "aws_lambda_permission",
    "aws_apigatewayv2_api", "aws_apigatewayv2_integration", "aws_apigatewayv2_route", "aws_apigatewayv2_stage",
    "aws_cloudwatch_event_rule", "aws_cloudwatch_event_target", "aws_cloudwatch_metric_alarm",
    "aws_cloudwatch_dashboard", "aws_cloudtrail", "aws_wafv2_web_acl", "aws_cloudfront_origin_access_control",
    "aws_cloudfront_distribution", "aws_glue_catalog_database", "aws_glue_catalog_table",
}


@functools.lru_cache(maxsize=1)
def moto_subset():
    """The compiled acme-bank restricted to MOTO_TYPES and closed under dependencies."""
    from ccdsl.compiler.pipeline import assemble, compile_site
    from ccdsl.dsl.diagnostics import Diagnostics

    site, diagnostics = compile_site(SITE)
    assert site is not None, [str(d) for d in diagnostics]
    keep = {a for a, r in site.resources.items() if r.type in MOTO_TYPES}
    while True:
        dropped = {a for a in keep if not site.resources[a].depends_on <= keep}
        if not dropped:
            break
        keep -= dropped
    resources = {a: site.resources[a] for a in keep}
    subset = assemble(site.site, site.region, resources, Diagnostics(), site.artefacts, site.source_dir)
    assert subset is not None
    return subset, site

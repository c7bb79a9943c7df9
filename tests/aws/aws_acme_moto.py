"""The parts of acme-bank that moto serves, as the compiler shapes them: ``(address, type, inputs)``
with inputs = the boto3 create call's kwargs and ``${address.attr}`` for outputs of other resources."""
from __future__ import annotations

import json

REGION = "eu-west-2"
ACCOUNT = "123456789012"
SITE = "acme-bank"
TAGS = [{"Key": "team", "Value": "contact-centre"}]


def _doc(statement: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def trust(service: str) -> str:
    return _doc({"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"})


def key(name: str = "data") -> list:
    return [
        (f"key.{name}", "aws_kms_key", {"Description": f"acme-bank {name}", "KeyUsage": "ENCRYPT_DECRYPT",
                                        "Tags": [{"TagKey": "team", "TagValue": "contact-centre"}]}),
        (f"key.{name}.rotation", "kms_key_rotation", {"KeyId": f"${{key.{name}.id}}"}),
        (f"key.{name}.alias", "aws_kms_alias", {"AliasName": f"alias/acme-bank-{name}",
                                                "TargetKeyId": f"${{key.{name}.id}}"}),
    ]


def bucket(name: str, *, key_name: str = "data", versioning=False, lifecycle=None) -> list:
    b = f"acme-bank-{name}".replace("_", "-")
    a = f"bucket.{name}"
    out = key(key_name) + [
        (a, "aws_s3_bucket", {"Bucket": b, "CreateBucketConfiguration": {"LocationConstraint": REGION}}),
        (f"{a}.encryption", "aws_s3_bucket_server_side_encryption_configuration", {
            "Bucket": f"${{{a}.name}}",
            "ServerSideEncryptionConfiguration": {"Rules": [{"ApplyServerSideEncryptionByDefault": {
                "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": f"${{key.{key_name}.arn}}"}, "BucketKeyEnabled": True}]}}),
        (f"{a}.public_access", "aws_s3_bucket_public_access_block", {
            "Bucket": f"${{{a}.name}}", "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
                "RestrictPublicBuckets": True}}),
    ]
    if versioning:
        out.append((f"{a}.versioning", "aws_s3_bucket_versioning", {
            "Bucket": f"${{{a}.name}}", "VersioningConfiguration": {"Status": "Enabled"}}))
    if lifecycle:
        out.append((f"{a}.lifecycle", "aws_s3_bucket_lifecycle_configuration", {
            "Bucket": f"${{{a}.name}}", "LifecycleConfiguration": {"Rules": lifecycle}}))
    return out


RECORDINGS_LIFECYCLE = [{"ID": "archive", "Status": "Enabled", "Filter": {"Prefix": ""},
                         "Transitions": [{"Days": 30, "StorageClass": "GLACIER"}],
                         "Expiration": {"Days": 2555}}]


def role(name: str, service: str, policy: dict | None = None) -> list:
    a = f"role.{name}"
    out = [(a, "aws_iam_role", {"RoleName": f"acme-bank-{name}", "AssumeRolePolicyDocument": trust(service),
                                "Tags": TAGS})]
    if policy:
        out.append((f"{a}.policy", "aws_iam_role_policy", {
            "RoleName": f"${{{a}.name}}", "PolicyName": f"acme-bank-{name}", "PolicyDocument": _doc(policy)}))
    return out


def table(name: str, key_attr: str, ttl: str | None = None, key_name: str = "data") -> list:
    a = f"table.{name}"
    out = [(a, "aws_dynamodb_table", {
        "TableName": f"acme-bank-{name}", "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": key_attr, "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": key_attr, "KeyType": "HASH"}],
        "SSESpecification": {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": f"${{key.{key_name}.arn}}"},
        "Tags": TAGS})]
    if ttl:
        out.append((f"{a}.ttl", "dynamodb_table_ttl", {
            "TableName": f"${{{a}.name}}", "TimeToLiveSpecification": {"Enabled": True, "AttributeName": ttl}}))
    return out


def stream(name: str, shards: int, hours: int) -> list:
    a = f"stream.{name}"
    out = [(a, "aws_kinesis_stream", {"StreamName": f"acme-bank-{name}", "ShardCount": shards,
                                      "StreamModeDetails": {"StreamMode": "PROVISIONED"}})]
    if hours != 24:
        out.append((f"{a}.retention", "kinesis_stream_retention",
                     {"StreamName": f"${{{a}.name}}", "RetentionPeriodHours": hours}))
    return out


def firehose(name: str, prefix: str) -> list:
    return (stream(name, 4, 168) + bucket("datalake") +
            role("firehose", "firehose.amazonaws.com", {"Effect": "Allow", "Action": ["s3:PutObject", "kinesis:Get*"],
                                                          "Resource": "*"}) +
            [(f"firehose.{name}", "aws_kinesis_firehose_delivery_stream", {
                "DeliveryStreamName": f"acme-bank-{name}", "DeliveryStreamType": "KinesisStreamAsSource",
                "KinesisStreamSourceConfiguration": {"KinesisStreamARN": f"${{stream.{name}.arn}}",
                                                     "RoleARN": "${role.firehose.arn}"},
                "ExtendedS3DestinationConfiguration": {
                    "RoleARN": "${role.firehose.arn}", "BucketARN": "${bucket.datalake.arn}", "Prefix": prefix,
                    "BufferingHints": {"SizeInMBs": 64, "IntervalInSeconds": 300}}})])


def function(name: str, source: str) -> list:
    a = f"function.{name}"
    return role(f"{name}_lambda", "lambda.amazonaws.com",
                {"Effect": "Allow", "Action": "logs:*", "Resource": "*"}) + [
        (f"{a}.package", "lambda_package", {"Source": source}),
        (a, "aws_lambda_function", {
            "FunctionName": f"acme-bank-{name}", "Runtime": "python3.12", "Handler": "handler.handler",
            "Role": f"${{role.{name}_lambda.arn}}", "Code": {"ZipFile": f"${{{a}.package.zip_file}}"},
            "Timeout": 30, "MemorySize": 256, "Publish": True,
            "Environment": {"Variables": {"SITE": SITE}}, "Tags": {"team": "contact-centre"}}),
        (f"{a}.alias", "aws_lambda_alias", {"FunctionName": f"${{{a}.name}}", "Name": "live",
                                            "FunctionVersion": f"${{{a}.version}}"}),
        (f"{a}.permission.connect", "aws_lambda_permission", {
            "FunctionName": f"${{{a}.name}}", "StatementId": "connect-invoke", "Action": "lambda:InvokeFunction",
            "Principal": "connect.amazonaws.com", "SourceAccount": ACCOUNT}),
        (f"{a}.permission.lex", "aws_lambda_permission", {
            "FunctionName": f"${{{a}.name}}", "StatementId": "lex-invoke", "Action": "lambda:InvokeFunction",
            "Principal": "lexv2.amazonaws.com",
            "SourceArn": f"arn:aws:lex:{REGION}:{ACCOUNT}:bot-alias/*"}),
    ]


def topic(name: str, email: str | None = None) -> list:
    out = key("data") + [(f"topic.{name}", "aws_sns_topic", {
        "Name": f"acme-bank-{name}", "Attributes": {"KmsMasterKeyId": "${key.data.id}", "DisplayName": "Acme"},
        "Tags": TAGS})]
    if email:
        out.append((f"topic.{name}.email", "aws_sns_topic_subscription", {
            "TopicArn": f"${{topic.{name}.arn}}", "Protocol": "email", "Endpoint": email,
            "ReturnSubscriptionArn": True}))
    return out


def log_group(name: str, days: int) -> list:
    a = f"logs.{name}"
    return [(a, "aws_cloudwatch_log_group", {"logGroupName": f"/acme-bank/{name}", "tags": {"team": "cc"}}),
            (f"{a}.retention", "cloudwatch_log_retention", {"logGroupName": f"${{{a}.name}}",
                                                           "retentionInDays": days})]


def dedupe(resources: list) -> list:
    seen, out = set(), []
    for item in resources:
        if item[0] not in seen:
            seen.add(item[0])
            out.append(item)
    return out

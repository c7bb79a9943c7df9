"""Foundation storage: KMS keys and aliases, S3 buckets (private, encrypted, TLS-only), log groups,
DynamoDB tables and SNS topics."""
from __future__ import annotations

from typing import Any

from ccdsl.dsl import compact as C
from ccdsl.dsl.model import Bucket, Key, LogGroup, Table, Topic

from .. import addresses as A
from ..resources import Ref
from ..values import json_value, template, with_ref
from .context import Context, span_of
from .tokens import user_text


def account(ctx: Context) -> Ref:
    return Ref(A.ACCOUNT, "account")


def expand_account(ctx: Context) -> None:
    ctx.add(A.ACCOUNT, "aws_caller_identity", {})


def site_key(keys: dict[str, Key]) -> str | None:
    """The site's key: the one marked ``default: true``, else the only key declared."""
    marked = [name for name, key in keys.items() if key.default]
    if marked:
        return marked[0]
    return next(iter(keys)) if len(keys) == 1 else None


def expand_keys(ctx: Context, keys: dict[str, Key]) -> None:
    ctx.site_key = site_key(keys)
    for name in sorted(keys):
        key = keys[name]
        addr = A.key_addr(name)
        if key.arn:  # an existing key: its ARN and id as the site gives them; no alias, rotation or policy here
            ctx.add(addr, "kms_key_existing", {"KeyArn": key.arn, "KeyId": key.arn.rsplit("/", 1)[-1]},
                    span=span_of(key, "arn") or key.span)
            continue
        root = template("arn:aws:iam::", account(ctx), ":root")
        statements: list[dict[str, Any]] = [
            {"Sid": "AccountAdministers", "Effect": "Allow", "Principal": {"AWS": root},
             "Action": "kms:*", "Resource": "*"},
            # CloudWatch alarms and EventBridge publish to encrypted topics only if the key lets them (SNS Developer
            # Guide, "Configure AWS KMS permissions for AWS services": kms:Decrypt and kms:GenerateDataKey*)
            {"Sid": "ServicesEncrypt", "Effect": "Allow",
             "Principal": {"Service": ["cloudtrail.amazonaws.com", "cloudwatch.amazonaws.com",
                                       "delivery.logs.amazonaws.com", "events.amazonaws.com"]},
             "Action": ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
             "Resource": "*", "Condition": {"StringEquals": {"aws:SourceAccount": account(ctx)}}},
            # CloudWatch Logs encrypts as its regional principal, scoped to the account's log groups
            # (CloudWatch Logs User Guide, "Encrypt log data in CloudWatch Logs using AWS KMS", step 2)
            {"Sid": "LogsEncrypt", "Effect": "Allow", "Principal": {"Service": f"logs.{ctx.region}.amazonaws.com"},
             "Action": ["kms:Decrypt", "kms:Describe*", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
             "Resource": "*", "Condition": {"ArnLike": {"kms:EncryptionContext:aws:logs:arn": template(
                 "arn:aws:logs:", ctx.region, ":", account(ctx), ":log-group:*")}}},
        ]
        ctx.add(addr, "aws_kms_key", {
            "Description": key.description or f"{ctx.site} {name}",
            "KeyUsage": "ENCRYPT_DECRYPT",
            "KeySpec": "SYMMETRIC_DEFAULT",
            "Policy": json_value({"Version": "2012-10-17", "Statement": statements}),
            "Tags": ctx.tag_list("TagKey", "TagValue"),
            "PendingWindowInDays": key.deletion_window,  # not sent on create: the delete call's waiting period
        }, span=key.span)
        alias = f"alias/{ctx.site}/{name}"
        ctx.add(A.key_alias_addr(name), "aws_kms_alias", {"AliasName": alias, "TargetKeyId": Ref(addr, "id")},
                name=alias, span=key.span)
        if key.rotation:
            ctx.add(A.key_rotation_addr(name), "kms_key_rotation", {"KeyId": Ref(addr, "id")}, span=key.span)


def lifecycle_rules(tree: C.Lifecycle) -> list[dict[str, Any]]:
    """One S3 lifecycle rule for ``infrequent after 30d, glacier after 90d, expire after 2555d``."""
    rule: dict[str, Any] = {"ID": "ccdsl", "Status": "Enabled", "Filter": {"Prefix": ""},
                            "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}
    if tree.transitions:
        rule["Transitions"] = sorted(({"Days": t.days, "StorageClass": C.STORAGE_CLASSES[t.storage_class]}
                                      for t in tree.transitions), key=lambda t: t["Days"])
    if tree.expire_days is not None:
        rule["Expiration"] = {"Days": tree.expire_days}
        rule["NoncurrentVersionExpiration"] = {"NoncurrentDays": tree.expire_days}
    return [rule]


def tls_only_statement(bucket_arn: Ref) -> dict[str, Any]:
    return {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": [bucket_arn, template(bucket_arn, "/*")],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}


def expand_buckets(ctx: Context, buckets: dict[str, Bucket]) -> None:
    """Every bucket: encryption (KMS when a key is named, else SSE-S3), public access blocked, a
    TLS-only policy; versioning and lifecycle when asked. Policies of buckets that services write to
    (CloudTrail) or read from (CloudFront) get their statements from those areas through
    ``ctx.bucket_statements``."""
    for name in sorted(buckets):
        b = buckets[name]
        addr = A.bucket_addr(name)
        physical = ctx.bucket_name(name)
        bucket_ref = Ref(addr, "name")
        # bucket names are global: the account id makes them unique per account
        inputs: dict[str, Any] = {"Bucket": template(physical, "-", account(ctx)),
                                  "ObjectOwnership": "BucketOwnerEnforced"}
        if ctx.region != "us-east-1":
            inputs["CreateBucketConfiguration"] = {"LocationConstraint": ctx.region}
        ctx.add(addr, "aws_s3_bucket", inputs, name=physical, span=b.span)
        if b.key:
            rule = {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms",
                                                           "KMSMasterKeyID": Ref(A.key_addr(b.key), "arn")},
                    "BucketKeyEnabled": True}
        else:
            rule = {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
        ctx.add(A.bucket_part_addr(name, "encryption"), "aws_s3_bucket_server_side_encryption_configuration",
                {"Bucket": bucket_ref, "ServerSideEncryptionConfiguration": {"Rules": [rule]}}, span=b.span)
        ctx.add(A.bucket_part_addr(name, "public_access_block"), "aws_s3_bucket_public_access_block",
                {"Bucket": bucket_ref, "PublicAccessBlockConfiguration": {
                    "BlockPublicAcls": True, "IgnorePublicAcls": True,
                    "BlockPublicPolicy": True, "RestrictPublicBuckets": True}}, span=b.span)
        if b.versioning:
            ctx.add(A.bucket_part_addr(name, "versioning"), "aws_s3_bucket_versioning",
                    {"Bucket": bucket_ref, "VersioningConfiguration": {"Status": "Enabled"}},
                    span=span_of(b, "versioning"))
        if b.lifecycle is not None:
            ctx.add(A.bucket_part_addr(name, "lifecycle"), "aws_s3_bucket_lifecycle_configuration",
                    {"Bucket": bucket_ref, "LifecycleConfiguration": {"Rules": lifecycle_rules(b.lifecycle.tree)}},
                    span=span_of(b.lifecycle) or b.span)


def expand_bucket_policies(ctx: Context, buckets: dict[str, Bucket]) -> None:
    """Run last: the TLS-only statement plus what other areas granted on the bucket."""
    extra_statements = ctx.bucket_statements
    tls_only: tuple[Ref, Any] | None = None  # a policy of the TLS-only statement alone, and the ARN it names
    for name in sorted(buckets):
        addr = A.bucket_addr(name)
        arn = Ref(addr, "arn")
        extra = extra_statements.get(name, [])
        if extra or tls_only is None:
            policy = json_value({"Version": "2012-10-17", "Statement": [tls_only_statement(arn), *extra]})
            if not extra:
                tls_only = (arn, policy)
        else:  # the same text for every bucket: the first one's policy with this bucket's ARN
            policy = with_ref(tls_only[1], tls_only[0], arn)
        # the public access block goes first: a policy must never land on a bucket that could be public
        ctx.add(A.bucket_part_addr(name, "policy"), "aws_s3_bucket_policy", {
            "Bucket": Ref(addr, "name"),
            "Policy": policy,
        }, span=buckets[name].span, extra_deps={A.bucket_part_addr(name, "public_access_block")},
            phase=9 if name == ctx.site_bucket else None)


def expand_logs(ctx: Context, logs: dict[str, LogGroup]) -> None:
    for name in sorted(logs):
        g = logs[name]
        if g.arn:  # an existing log group: its ARN (without the trailing ``:*``) and name; nothing is created
            arn = g.arn.removesuffix(":*")
            ctx.add(A.log_group_addr(name), "cloudwatch_log_group_existing",
                    {"LogGroupArn": arn, "LogGroupName": arn.split(":log-group:", 1)[1]},
                    span=span_of(g, "arn") or g.span)
            continue
        group = f"/ccdsl/{ctx.site}/{name}"
        inputs: dict[str, Any] = {"logGroupName": group, "tags": ctx.tag_map()}
        key = ctx.encryption_key(g.key)
        if key:  # the key policy's LogsEncrypt statement lets CloudWatch Logs use it
            inputs["kmsKeyId"] = Ref(A.key_addr(key), "arn")
        ctx.add(A.log_group_addr(name), "aws_cloudwatch_log_group", inputs, name=group, span=g.span)
        ctx.add(A.log_retention_addr(name), "cloudwatch_log_retention", {
            "logGroupName": Ref(A.log_group_addr(name), "name"),
            "retentionInDays": round(g.retention.tree.seconds / 86400),
        }, span=span_of(g, "retention") or g.span)


def expand_tables(ctx: Context, tables: dict[str, Table]) -> None:
    for name in sorted(tables):
        t = tables[name]
        addr = A.table_addr(name)
        physical = ctx.physical(name, limit=255)
        keys = [(t.key.attribute, t.key.type, "HASH")]
        if t.sort is not None:
            keys.append((t.sort.attribute, t.sort.type, "RANGE"))
        inputs: dict[str, Any] = {
            "TableName": physical,
            "AttributeDefinitions": [{"AttributeName": a, "AttributeType": ty} for a, ty, _ in keys],
            "KeySchema": [{"AttributeName": a, "KeyType": kt} for a, _, kt in keys],
            "BillingMode": t.billing,
            "Tags": ctx.tag_list(),
        }
        if t.billing == "PROVISIONED":
            inputs["ProvisionedThroughput"] = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
        if t.kms:
            inputs["SSESpecification"] = {"Enabled": True, "SSEType": "KMS",
                                          "KMSMasterKeyId": Ref(A.key_addr(t.kms), "arn")}
        else:
            inputs["SSESpecification"] = {"Enabled": True}
        if t.stream:
            inputs["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": t.stream}
        ctx.add(addr, "aws_dynamodb_table", inputs, name=physical, span=t.span)
        if t.ttl:
            ctx.add(A.table_ttl_addr(name), "dynamodb_table_ttl", {
                "TableName": Ref(addr, "name"),
                "TimeToLiveSpecification": {"Enabled": True, "AttributeName": t.ttl},
            }, span=span_of(t, "ttl") or t.span)
        if t.point_in_time_recovery:
            # UpdateContinuousBackups: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateContinuousBackups.html
            ctx.add(A.table_recovery_addr(name), "dynamodb_table_recovery", {
                "TableName": Ref(addr, "name"),
                "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
            }, span=span_of(t, "point_in_time_recovery") or t.span)


def expand_topics(ctx: Context, topics: dict[str, Topic]) -> None:
    for name in sorted(topics):
        topic = topics[name]
        addr = A.topic_addr(name)
        physical = ctx.physical(name, limit=256)
        attributes: dict[str, Any] = {}
        key = ctx.topic_keys[name] = ctx.encryption_key(topic.key)
        if key:
            attributes["KmsMasterKeyId"] = Ref(A.key_addr(key), "arn")
        inputs: dict[str, Any] = {"Name": physical, "Tags": ctx.tag_list()}
        if attributes:
            inputs["Attributes"] = attributes
        ctx.add(addr, "aws_sns_topic", inputs, name=physical, span=topic.span)
        for i, endpoint in enumerate(topic.notify):
            text = endpoint.text
            value = user_text(ctx, endpoint)
            protocol = "https" if text.startswith("https://") else "sms" if text.startswith("+") else "email"
            ctx.add(A.topic_subscription_addr(name, i), "aws_sns_topic_subscription", {
                "TopicArn": Ref(addr, "arn"), "Protocol": protocol, "Endpoint": value,
                "ReturnSubscriptionArn": True,
            }, span=span_of(endpoint) or topic.span)

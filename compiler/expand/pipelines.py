"""Data pipelines: Kinesis streams, Firehose delivery into the lake bucket, Connect data streaming
(contact records, agent events), EventBridge rules for Connect events, log subscriptions, metric
streams; the Glue database and tables of the lake."""
from __future__ import annotations

from typing import Any, cast

from ccdsl.dsl import compact as C
from ccdsl.dsl.model import Lake, Site
from ccdsl.dsl.source import Span

from .. import addresses as A
from ..resources import Ref
from ..values import json_value, template
from .context import Context, span_of

CONNECT_STREAMS = {"contact_records": "CONTACT_TRACE_RECORDS", "agent_events": "AGENT_EVENTS"}
FIREHOSE_WRITE = ("firehose:PutRecord", "firehose:PutRecordBatch")
LAKE_WRITE = ("s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket",
              "s3:ListBucketMultipartUploads", "s3:PutObject")
BUILTIN_COLUMNS = {
    "ctr": {"contactid": "string", "initiationmethod": "string", "channel": "string", "queue": "string",
            "agent": "string", "initiationtimestamp": "timestamp", "disconnecttimestamp": "timestamp",
            "attributes": "map<string,string>"},
    "agent_events": {"agentarn": "string", "eventtype": "string", "eventtimestamp": "timestamp",
                     "currentagentsnapshot": "string", "previousagentsnapshot": "string"},
}


def _stream(ctx: Context, stage: C.StreamStage, span: Span | None) -> str:
    name = stage.name.value
    addr = A.stream_addr(name)
    if ctx.has(addr):
        return addr
    physical = ctx.physical(name, limit=128)
    shards = stage.shards if stage.shards is not None else 1
    ctx.add(addr, "aws_kinesis_stream", {"StreamName": physical, "ShardCount": shards,
                                         "StreamModeDetails": {"StreamMode": "PROVISIONED"}},
            name=physical, span=span)
    key = ctx.stream_keys[name] = ctx.encryption_key(stage.key.value if stage.key is not None else None)
    if key:
        # StartStreamEncryption: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_StartStreamEncryption.html
        ctx.add(A.stream_encryption_addr(name), "kinesis_stream_encryption", {
            "StreamName": Ref(addr, "name"), "EncryptionType": "KMS", "KeyId": Ref(A.key_addr(key), "arn"),
        }, span=span)
    hours = (stage.retention if stage.retention is not None else 24 * 3600) // 3600
    if hours > 24:
        ctx.add(A.stream_addr(name) + ".retention", "kinesis_stream_retention",
                {"StreamName": Ref(addr, "name"), "RetentionPeriodHours": hours}, span=span)
    return addr


def expand_pipelines(ctx: Context, site: Site) -> None:
    lake = site.lake
    # streams first, so that a stream named downstream of one pipeline and declared with its shards
    # and retention in another is created once, with those settings
    for name in sorted(site.pipelines):
        p = site.pipelines[name]
        for stage in p.chain.tree.stages:
            if isinstance(stage, C.StreamStage) and any(v is not None for v in (stage.shards, stage.retention,
                                                                                 stage.key)):
                _stream(ctx, stage, span_of(p.chain) or p.span)
    for name in sorted(site.pipelines):
        p = site.pipelines[name]
        span = span_of(p.chain) or p.span
        chain = p.chain.tree
        stages = chain.stages
        previous: str | None = None  # address of the upstream resource feeding the next stage
        sources: list[C.Source] = [chain.source] if chain.source is not None else []
        for i, stage in enumerate(stages):
            if isinstance(stage, C.StreamStage):
                previous = _stream(ctx, stage, span)
                for src in sources:
                    _feed_stream(ctx, name, src, previous, span)
                sources = []
            elif isinstance(stage, C.FirehoseStage):
                prefix = next((s.prefix for s in stages[i + 1:] if isinstance(s, C.LakeStage)), f"{name}/")
                fh = _firehose(ctx, name, lake, previous, prefix, span, stage.buffer or 300)
                for src in sources:
                    _feed_firehose(ctx, name, src, fh, span)
                sources = []
                previous = fh
            elif isinstance(stage, C.TableStage) and lake is not None:
                table = stage.name.value
                prefix = next((s.prefix for s in stages if isinstance(s, C.LakeStage)), f"{table}/")
                ctx.lake_tables[table] = (prefix, span)
    if lake is not None:
        expand_lake(ctx, lake)


def stream_key(ctx: Context, stream: str) -> str | None:
    """The KMS key of a stream address (``stream.NAME``), if it is encrypted with one."""
    return ctx.stream_keys.get(stream.split(".")[1])


def encrypted_first(ctx: Context, stream: str) -> set[str]:
    """Writers of a stream start after its encryption is on, so that no record lands unencrypted."""
    return {A.stream_encryption_addr(stream.split(".")[1])} if stream_key(ctx, stream) else set()


def _feed_stream(ctx: Context, pipeline: str, src: C.Source, stream: str, span: Span | None) -> None:
    key = stream_key(ctx, stream)
    if src.kind in CONNECT_STREAMS:
        resource_type = CONNECT_STREAMS[src.kind]
        ctx.add(A.storage_config_addr(resource_type), "aws_connect_instance_storage_config", {
            "InstanceId": ctx.instance_id, "ResourceType": resource_type,
            "StorageConfig": {"StorageType": "KINESIS_STREAM",
                              "KinesisStreamConfig": {"StreamArn": Ref(stream, "arn")}},
        }, span=span, extra_deps=encrypted_first(ctx, stream))
    elif src.kind == "logs":
        ctx.role("logs_to_kinesis", "logs.amazonaws.com", span)
        ctx.grant("logs_to_kinesis", ("kinesis:PutRecord", "kinesis:PutRecords"), [Ref(stream, "arn")],
                  sid=f"To{pipeline.title().replace('_', '')}")
        if key:  # Kinesis producers of an encrypted stream need kms:GenerateDataKey (Kinesis Data Streams
            # Developer Guide, "Permissions to use user-generated KMS keys")
            ctx.grant("logs_to_kinesis", ("kms:GenerateDataKey",), [Ref(A.key_addr(key), "arn")],
                      sid=f"To{pipeline.title().replace('_', '')}Key")
        for group in (n.value for n in src.names):
            ctx.add(A.log_subscription_addr(group), "aws_cloudwatch_log_subscription_filter", {
                "logGroupName": Ref(A.log_group_addr(group), "name"), "filterName": f"ccdsl-{pipeline}",
                "filterPattern": "", "destinationArn": Ref(stream, "arn"),
                "roleArn": Ref(A.role_addr("logs_to_kinesis"), "arn"),
            }, span=span, extra_deps={A.role_policy_addr("logs_to_kinesis"), *encrypted_first(ctx, stream)})


def _firehose(ctx: Context, pipeline: str, lake: Lake | None, source: str | None, prefix: str,
              span: Span | None, buffer_s: int = 300) -> str:
    addr = A.firehose_addr(pipeline)
    physical = ctx.physical(pipeline, limit=64)
    ctx.role("firehose", "firehose.amazonaws.com", span)
    role_arn = Ref(A.role_addr("firehose"), "arn")
    bucket = A.bucket_addr(lake.bucket) if lake is not None else None
    destination: dict[str, Any] = {
        "RoleARN": role_arn, "Prefix": prefix, "ErrorOutputPrefix": f"errors/{prefix}",
        "BufferingHints": {"SizeInMBs": 5, "IntervalInSeconds": buffer_s}, "CompressionFormat": "GZIP",
    }
    if bucket and lake is not None:
        bucket_arn = Ref(bucket, "arn")
        destination["BucketARN"] = bucket_arn
        ctx.grant("firehose", LAKE_WRITE, [bucket_arn, template(bucket_arn, "/*")], sid="Lake")
        key = ctx.bucket_key(str(lake.bucket))
        if key:
            destination["EncryptionConfiguration"] = {
                "KMSEncryptionConfig": {"AWSKMSKeyARN": Ref(A.key_addr(key), "arn")}}
            ctx.grant("firehose", ("kms:Decrypt", "kms:GenerateDataKey"), [Ref(A.key_addr(key), "arn")], sid="LakeKey")
    inputs: dict[str, Any] = {"DeliveryStreamName": physical, "ExtendedS3DestinationConfiguration": destination,
                              "Tags": ctx.tag_list()}
    if source and source.startswith("stream."):
        inputs["DeliveryStreamType"] = "KinesisStreamAsSource"
        inputs["KinesisStreamSourceConfiguration"] = {"KinesisStreamARN": Ref(source, "arn"), "RoleARN": role_arn}
        sid = "From" + source.split(".")[1].title().replace("_", "")
        ctx.grant("firehose", R_STREAM, [Ref(source, "arn")], sid=sid)
        key = stream_key(ctx, source)
        if key:  # consumers of an encrypted stream need kms:Decrypt (same page)
            ctx.grant("firehose", ("kms:Decrypt",), [Ref(A.key_addr(key), "arn")], sid=sid + "Key")
    else:
        inputs["DeliveryStreamType"] = "DirectPut"
    # Firehose checks on create that it can assume the role and use what it points at
    ctx.add(addr, "aws_kinesis_firehose_delivery_stream", inputs, name=physical, span=span,
            extra_deps={A.role_policy_addr("firehose")})
    return addr


R_STREAM = ("kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards")


def _feed_firehose(ctx: Context, pipeline: str, src: C.Source, firehose: str, span: Span | None) -> None:
    if src.kind == "connect_events":
        ctx.role("events_to_firehose", "events.amazonaws.com", span)
        ctx.grant("events_to_firehose", FIREHOSE_WRITE, [Ref(firehose, "arn")], sid=f"To{pipeline.title()}")
        rule = A.event_rule_addr(pipeline)
        physical = ctx.physical(pipeline, limit=64)
        ctx.add(rule, "aws_cloudwatch_event_rule", {
            "Name": physical, "State": "ENABLED", "Description": f"Amazon Connect events for {pipeline}",
            "EventPattern": json_value({"source": ["aws.connect"]}), "Tags": ctx.tag_list(),
        }, name=physical, span=span)
        ctx.add(A.event_target_addr(pipeline), "aws_cloudwatch_event_target", {
            "Rule": Ref(rule, "name"),
            "Targets": [{"Id": "firehose", "Arn": Ref(firehose, "arn"),
                         "RoleArn": Ref(A.role_addr("events_to_firehose"), "arn")}],
        }, span=span, extra_deps={A.role_policy_addr("events_to_firehose")})
    elif src.kind == "metrics":
        ctx.role("metric_stream", "streams.metrics.cloudwatch.amazonaws.com", span)
        ctx.grant("metric_stream", FIREHOSE_WRITE, [Ref(firehose, "arn")], sid=f"To{pipeline.title()}")
        physical = ctx.physical(pipeline, limit=255)
        ctx.add(A.metric_stream_addr(pipeline), "aws_cloudwatch_metric_stream", {
            "Name": physical, "FirehoseArn": Ref(firehose, "arn"),
            "RoleArn": Ref(A.role_addr("metric_stream"), "arn"), "OutputFormat": "json",
            "IncludeFilters": [{"Namespace": ns.value} for ns in src.names], "Tags": ctx.tag_list(),
        }, name=physical, span=span, extra_deps={A.role_policy_addr("metric_stream")})


def expand_lake(ctx: Context, lake: Lake) -> None:
    bucket_name = Ref(A.bucket_addr(lake.bucket), "name")
    db = A.glue_database_addr()
    ctx.add(db, "aws_glue_catalog_database", {"DatabaseInput": {
        "Name": lake.database, "LocationUri": template("s3://", bucket_name, "/"),
        "Description": f"{ctx.site} data lake"}}, name=lake.database, span=lake.span)
    routed = ctx.lake_tables
    names = sorted(set(lake.tables) | set(routed))
    for name in names:
        declared = lake.tables.get(name)
        prefix = (declared.prefix if declared is not None and declared.prefix else None) or \
            (routed[name][0] if name in routed else f"{name}/")
        columns = dict(declared.columns) if declared is not None else BUILTIN_COLUMNS.get(name, {"record": "string"})
        # the model's validator has already turned a list of partition names into a dict
        parts = cast(dict[str, str], declared.partitions) if declared is not None else {}
        partitions = dict(parts) if declared is not None and declared.partitions else \
            {"year": "string", "month": "string", "day": "string"}
        fmt = declared.format if declared is not None else "json"
        serde = {"json": "org.openx.data.jsonserde.JsonSerDe",
                 "parquet": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                 "csv": "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"}[fmt]
        io = ("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
              "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat") if fmt == "parquet" else (
            "org.apache.hadoop.mapred.TextInputFormat",
            "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
        span = declared.span if declared is not None else routed[name][1]
        ctx.add(A.glue_table_addr(name), "aws_glue_catalog_table", {
            "DatabaseName": Ref(db, "name"),
            "TableInput": {
                "Name": name, "TableType": "EXTERNAL_TABLE", "Parameters": {"classification": fmt},
                "PartitionKeys": [{"Name": k, "Type": v} for k, v in partitions.items()],
                "StorageDescriptor": {
                    "Columns": [{"Name": k, "Type": v} for k, v in columns.items()],
                    "Location": template("s3://", bucket_name, "/", prefix),
                    "InputFormat": io[0], "OutputFormat": io[1],
                    "SerdeInfo": {"SerializationLibrary": serde},
                },
            },
        }, name=name, span=span)

"""Kinesis data streams and Firehose delivery streams: their registry entries."""

from __future__ import annotations

from .base import Call, Latency, Poll, ResourceType

TYPES = [
    ResourceType(
        "aws_kinesis_stream",
        "kinesis",
        "create_stream",
        group=2,
        bucket="kinesis",
        latency=Latency(create=(30, 60), delete=(15, 30)),
        read="describe_stream_summary",
        update="update_shard_count",
        delete="delete_stream",
        outputs={
            "id": "in.StreamName",
            "name": "in.StreamName",
            "arn": "arn:{partition}:kinesis:{region}:{account}:stream/{in.StreamName}",
        },
        key={"StreamName": "in.StreamName"},
        replace_on=frozenset({"StreamModeDetails", "StreamName"}),
        read_outputs={"arn": "res.StreamDescriptionSummary.StreamARN"},
        exists=frozenset({"ResourceInUseException"}),
        gone="res.StreamDescriptionSummary.StreamStatus == 'DELETING'",
        delete_args={"EnforceConsumerDeletion": True},
        create_waiter=("stream_exists", {"StreamName": "in.StreamName"}),
        note="update_shard_count takes TargetShardCount=ShardCount, ScalingType=UNIFORM_SCALING",
        procedure={"reshard": Call("update_shard_count", args={
            "StreamName": "in.StreamName", "TargetShardCount": "in.ShardCount", "ScalingType": "='UNIFORM_SCALING'"})},
    ),
    ResourceType(
        "kinesis_stream_retention",
        "kinesis",
        "increase_stream_retention_period",
        group=2,
        bucket="kinesis",
        latency=Latency(create=(10, 30), delete=(5, 15)),
        read="describe_stream_summary",
        update="increase_stream_retention_period",
        kind="step",
        outputs={"id": "in.StreamName"},
        key={"StreamName": "in.StreamName"},
        procedure={"decrease": Call("decrease_stream_retention_period")},  # retention goes down with another call
    ),
    # StartStreamEncryption (EncryptionType KMS, KeyId): server-side encryption of a stream's records
    # https://docs.aws.amazon.com/kinesis/latest/APIReference/API_StartStreamEncryption.html
    ResourceType(
        "kinesis_stream_encryption",
        "kinesis",
        "start_stream_encryption",
        group=2,
        bucket="kinesis",
        latency=Latency(create=(5, 20), delete=(5, 20)),
        read="describe_stream_summary",
        update="start_stream_encryption",
        kind="step",
        outputs={"id": "in.StreamName"},
        key={"StreamName": "in.StreamName"},
    ),
    ResourceType(
        "aws_kinesis_firehose_delivery_stream",
        "firehose",
        "create_delivery_stream",
        group=2,
        bucket="firehose",
        latency=Latency(create=(30, 90), delete=(15, 45)),
        read="describe_delivery_stream",
        delete="delete_delivery_stream",
        arn="arn:{partition}:firehose:{region}:{account}:deliverystream/{in.DeliveryStreamName}",
        outputs={"id": "in.DeliveryStreamName", "name": "in.DeliveryStreamName", "arn": "res.DeliveryStreamARN"},
        key={"DeliveryStreamName": "in.DeliveryStreamName"},
        replace_on=frozenset(
            {
                "DeliveryStreamName",
                "DeliveryStreamType",
                "ExtendedS3DestinationConfiguration",
                "KinesisStreamSourceConfiguration",
            }
        ),
        read_outputs={"arn": "res.DeliveryStreamDescription.DeliveryStreamARN"},
        exists=frozenset({"ResourceInUseException"}),
        gone="res.DeliveryStreamDescription.DeliveryStreamStatus == 'DELETING'",
        poll=Poll(
            "describe_delivery_stream",
            "res.DeliveryStreamDescription.DeliveryStreamStatus",
            ("ACTIVE",),
            ("CREATING_FAILED",),
        ),
    ),
]

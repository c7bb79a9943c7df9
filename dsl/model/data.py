"""Storage and data: KMS keys, S3 buckets, log groups, DynamoDB tables, SNS topics, the data lake, pipelines."""
from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from .base import Name, Node, kind_of
from .compact_types import Duration, Lifecycle, PipelineChain, Text
from .enums import GLUE_TYPE_PATTERN, Billing, StreamView
from .patterns import KEY_ATTRIBUTE

#: an existing KMS key's ARN (a single-Region key id or a multi-Region ``mrk-`` one; KMS key ARN format:
#: https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-ARN)
KEY_ARN = (r"^arn:aws[a-z-]*:kms:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1}:\d{12}:key/"
           r"(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")
#: an existing log group's ARN, as DescribeLogGroups' ``logGroupArn`` (or its ``arn``, which ends ``:*``;
#: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogGroup.html)
LOG_GROUP_ARN = (r"^arn:aws[a-z-]*:logs:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1}:\d{12}:log-group:"
                 r"[.\-_/#A-Za-z0-9]{1,512}(:\*)?$")


class Key(Node):
    """A customer-managed KMS key made here, or an existing one named by its ARN (nothing created)."""

    arn: str | None = Field(None, pattern=KEY_ARN)
    """an existing key's ARN: the site encrypts with it, and its policy, rotation and deletion stay its owner's"""
    description: str | None = Field(None, max_length=8192)
    rotation: bool = True
    deletion_window: int = Field(30, ge=7, le=30)
    """days before a scheduled deletion happens"""
    default: bool = False
    """the site's key: encrypts the Kinesis streams, SNS topics and log groups that name no key (a site with
    one key needs no `default`: that key is the site's key)"""


class Bucket(Node):
    """An S3 bucket (private, encrypted)."""

    key: Name | None = None
    """KMS key (from `keys`); left out, S3-managed encryption"""
    versioning: bool = False
    lifecycle: Lifecycle | None = None
    """e.g. `glacier after 30d, expire after 2555d`"""


class LogGroup(Node):
    """A CloudWatch log group made here, or an existing one named by its ARN (nothing created)."""

    arn: str | None = Field(None, pattern=LOG_GROUP_ARN)
    """an existing log group's ARN: written to, and its retention and encryption stay its owner's"""
    retention: Duration = Field(default_factory=lambda: Duration(text="30d"))
    """one of CloudWatch's periods: 1d, 3d, 5d, 7d, 14d, 30d, 60d, 90d … 3653d"""
    key: Name | None = None
    """KMS key (from `keys`); left out, the site's key; `none`: CloudWatch Logs' own encryption"""


class KeyAttribute(Node):
    """A DynamoDB key attribute ``name`` or ``name:N|S|B`` (default type S)."""

    attribute: str
    type: str = "S"

    shorthand_schema: ClassVar[dict | None] = {"type": "string", "pattern": KEY_ATTRIBUTE}

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        if not isinstance(value, str):
            raise PydanticCustomError("E103", "expected `name` or `name:N|S|B`, got {kind}", {"kind": kind_of(value)})
        name, _, kind = str(value).partition(":")
        if not name or (kind and kind not in ("N", "S", "B")):
            raise PydanticCustomError("E104", "key attribute '{value}' must be `name` or `name:N|S|B`",
                                      {"value": str(value)})
        return {"attribute": name, "type": kind or "S"}


class Table(Node):
    """A DynamoDB table."""

    key: KeyAttribute
    """partition key: `name` or `name:N|S|B`"""
    sort: KeyAttribute | None = None
    ttl: str | None = None
    """attribute holding the expiry time"""
    stream: StreamView | bool | None = None
    """true (new and old images) or a stream view type"""
    billing: Billing = "PAY_PER_REQUEST"
    kms: Name | None = None
    """KMS key (from `keys`)"""
    point_in_time_recovery: bool = True
    """continuous backups (restore to any second of the last 35 days); `false` to turn them off"""

    @field_validator("stream", mode="before")
    @classmethod
    def _stream(cls, value: Any) -> Any:
        if value is True:
            return "NEW_AND_OLD_IMAGES"
        if value is False:
            return None
        return value


class Topic(Node):
    """An SNS topic and the e-mail addresses it notifies."""

    notify: list[Text] = Field(default_factory=list)
    key: Name | None = None
    """KMS key (from `keys`); left out, the site's key; `none`: unencrypted"""


class LakeTable(Node):
    """A Glue table over a prefix of the lake bucket."""

    columns: dict[str, str] = Field(min_length=1)
    """column -> Glue type"""
    partitions: dict[str, str] | list[str] = Field(default_factory=dict)
    """partition column -> Glue type (a list of names means string columns)"""
    prefix: str | None = None
    format: str = Field("json", pattern=r"^(json|parquet|csv)$")

    @field_validator("partitions", mode="before")
    @classmethod
    def _partition_list(cls, value: Any) -> Any:
        if isinstance(value, list):
            return {str(item): "string" for item in value}
        return value

    @field_validator("columns", "partitions")
    @classmethod
    def _glue_types(cls, value: dict[str, str]) -> dict[str, str]:
        import re

        for column, kind in value.items():
            if not re.match(GLUE_TYPE_PATTERN, kind):
                raise PydanticCustomError("E104", "'{kind}' is not a Glue column type (column '{column}')",
                                          {"kind": kind, "column": column})
        return value


class Lake(Node):
    """The S3 data lake and its Glue catalogue."""

    bucket: Name
    database: str = Field(pattern=r"^[a-z0-9_]{1,255}$")
    tables: dict[str, LakeTable] = Field(default_factory=dict)


class Pipeline(Node):
    """A data pipeline chain."""

    chain: PipelineChain

    shorthand_schema: ClassVar[dict | None] = {"type": "string"}

    @classmethod
    def shorthand(cls, value: Any) -> dict:
        return {"chain": value}

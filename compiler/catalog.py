"""The resource catalogue: for every resource type, the boto3 calls that create, read, update and
delete it, the outputs the runtime records, its rate-limit bucket and its phase.

``Resource.inputs`` are exactly the keyword arguments of :attr:`TypeSpec.create` on the client
:attr:`TypeSpec.service` (Refs resolved at apply time), except the keys in :attr:`TypeSpec.local_inputs`,
which the provider consumes itself (see there).

Small expression language used by :attr:`TypeSpec.outputs` and :attr:`TypeSpec.identify`:

* ``"Queue.QueueId"`` — a dotted path into the boto3 response of the create call (``[0]`` indexes lists);
* ``"in.X.Y"`` — a (resolved) input value, ``"out.x"`` — an output recorded earlier;
* ``"=text {region} {account} {in.botId} {out.id}"`` — a format string over those same names.

``identify`` gives the extra keyword arguments that read/update/delete calls need on top of nothing
(for read/delete) or on top of the inputs (for update), e.g. ``{"InstanceId": "in.InstanceId",
"QueueId": "out.id"}``. ``update_by_input`` names per-input update calls for services (Connect) that have
one update operation per attribute; ``update`` is the single update call otherwise; with neither, any
change replaces the resource. ``poll`` describes the wait after create for asynchronous APIs.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .latency import latency_range


@dataclass(frozen=True, slots=True)
class Poll:
    """Call ``operation`` (with ``identify`` arguments) until ``status`` is in ``ready``; ``failed`` aborts."""

    operation: str
    status: str  # dotted path into the response
    ready: tuple[str, ...]
    failed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TypeSpec:
    type: str
    service: str  # boto3 client name; "local" for steps the provider does itself
    create: str  # boto3 method (snake_case)
    read: str | None
    update: str | None
    delete: str | None
    outputs: dict[str, str]
    identify: dict[str, str]
    bucket: str  # rate-limit bucket: connect, lex, lex-build, lambda, iam, s3, …
    phase: int
    replace_on: frozenset[str] = frozenset()
    update_by_input: dict[str, str] = field(default_factory=dict)
    poll: Poll | None = None
    kind: str = "resource"  # "resource" | "step" (lifecycle call, nothing to delete) | "data" (lookup)
    # Inputs the provider handles itself: "file:<Param>" reads the named local file (relative to the
    # site's folder) into boto3 parameter <Param>; "search" feeds a preliminary lookup; "hash" is a
    # content hash used only for change detection.
    local_inputs: dict[str, str] = field(default_factory=dict)
    then: tuple[str, ...] = ()  # calls made right after create with the identify arguments
    region: str | None = None  # a fixed region (CloudFront-scoped WAF lives in us-east-1)
    note: str = ""

    @property
    def latency(self) -> tuple[float, float]:
        return latency_range(self.type)


CATALOG: dict[str, TypeSpec] = {}


def _t(type_: str, service: str, create: str, read: str | None, update: str | None, delete: str | None,
       outputs: dict[str, str], identify: dict[str, str], bucket: str, phase: int, **kw) -> None:
    if "replace_on" in kw:
        kw["replace_on"] = frozenset(kw["replace_on"])
    CATALOG[type_] = TypeSpec(type_, service, create, read, update, delete, outputs, identify, bucket, phase, **kw)


def spec(resource_type: str) -> TypeSpec:
    """The catalogue entry of a type; KeyError for a type the compiler never emits."""
    return CATALOG[resource_type]


_INST = {"InstanceId": "in.InstanceId"}

# --- Account -------------------------------------------------------------------------------------
_t("aws_caller_identity", "sts", "get_caller_identity", "get_caller_identity", None, None,
   {"id": "Account", "account": "Account", "arn": "Arn"}, {}, "sts", 1, kind="data",
   note="the account the deployment runs in, for ARNs and policies")

# --- KMS -----------------------------------------------------------------------------------------
_t("aws_kms_key", "kms", "create_key", "describe_key", "update_key_description", "schedule_key_deletion",
   {"id": "KeyMetadata.KeyId", "arn": "KeyMetadata.Arn"}, {"KeyId": "out.id"}, "kms", 1,
   note="delete schedules deletion (PendingWindowInDays=7)")
_t("aws_kms_alias", "kms", "create_alias", "list_aliases", "update_alias", "delete_alias",
   {"id": "in.AliasName", "name": "in.AliasName", "arn": "=arn:aws:kms:{region}:{account}:{in.AliasName}"},
   {"AliasName": "in.AliasName"}, "kms", 1, replace_on={"AliasName"})
_t("kms_key_rotation", "kms", "enable_key_rotation", "get_key_rotation_status", None, "disable_key_rotation",
   {"id": "in.KeyId"}, {"KeyId": "in.KeyId"}, "kms", 1, kind="step")

# --- S3 ------------------------------------------------------------------------------------------
_B = {"Bucket": "in.Bucket"}
_t("aws_s3_bucket", "s3", "create_bucket", "head_bucket", None, "delete_bucket",
   {"id": "in.Bucket", "name": "in.Bucket", "arn": "=arn:aws:s3:::{in.Bucket}",
    "domain_name": "={in.Bucket}.s3.{region}.amazonaws.com"}, _B, "s3", 1, replace_on={"Bucket"},
   note="the bucket must be empty before delete_bucket")
_t("aws_s3_bucket_server_side_encryption_configuration", "s3", "put_bucket_encryption", "get_bucket_encryption",
   "put_bucket_encryption", "delete_bucket_encryption", {"id": "in.Bucket"}, _B, "s3", 1)
_t("aws_s3_bucket_public_access_block", "s3", "put_public_access_block", "get_public_access_block",
   "put_public_access_block", "delete_public_access_block", {"id": "in.Bucket"}, _B, "s3", 1)
_t("aws_s3_bucket_versioning", "s3", "put_bucket_versioning", "get_bucket_versioning", "put_bucket_versioning",
   None, {"id": "in.Bucket"}, _B, "s3", 1, note="versioning cannot be removed, only suspended")
_t("aws_s3_bucket_lifecycle_configuration", "s3", "put_bucket_lifecycle_configuration",
   "get_bucket_lifecycle_configuration", "put_bucket_lifecycle_configuration", "delete_bucket_lifecycle",
   {"id": "in.Bucket"}, _B, "s3", 1)
_t("aws_s3_bucket_policy", "s3", "put_bucket_policy", "get_bucket_policy", "put_bucket_policy",
   "delete_bucket_policy", {"id": "in.Bucket"}, _B, "s3", 1)
_t("aws_s3_object", "s3", "put_object", "head_object", "put_object", "delete_object",
   {"id": "={in.Bucket}/{in.Key}", "etag": "ETag"}, {"Bucket": "in.Bucket", "Key": "in.Key"}, "s3", 9,
   local_inputs={"SourceFile": "file:Body", "SourceSha256": "hash"})

# --- CloudWatch Logs -----------------------------------------------------------------------------
_t("aws_cloudwatch_log_group", "logs", "create_log_group", "describe_log_groups", None, "delete_log_group",
   {"id": "in.logGroupName", "name": "in.logGroupName",
    "arn": "=arn:aws:logs:{region}:{account}:log-group:{in.logGroupName}"},
   {"logGroupName": "in.logGroupName"}, "logs", 1, replace_on={"logGroupName", "kmsKeyId"})
_t("cloudwatch_log_retention", "logs", "put_retention_policy", "describe_log_groups", "put_retention_policy",
   "delete_retention_policy", {"id": "in.logGroupName"}, {"logGroupName": "in.logGroupName"}, "logs", 1,
   kind="step")
_t("aws_cloudwatch_log_subscription_filter", "logs", "put_subscription_filter", "describe_subscription_filters",
   "put_subscription_filter", "delete_subscription_filter", {"id": "in.filterName", "name": "in.filterName"},
   {"logGroupName": "in.logGroupName", "filterName": "in.filterName"}, "logs", 8)

# --- DynamoDB, SNS, IAM --------------------------------------------------------------------------
_t("aws_dynamodb_table", "dynamodb", "create_table", "describe_table", "update_table", "delete_table",
   {"id": "TableDescription.TableName", "name": "TableDescription.TableName", "arn": "TableDescription.TableArn",
    "stream_arn": "TableDescription.LatestStreamArn"}, {"TableName": "in.TableName"}, "dynamodb", 1,
   replace_on={"TableName", "KeySchema"}, poll=Poll("describe_table", "Table.TableStatus", ("ACTIVE",)))
_t("dynamodb_table_ttl", "dynamodb", "update_time_to_live", "describe_time_to_live", "update_time_to_live", None,
   {"id": "in.TableName"}, {"TableName": "in.TableName"}, "dynamodb", 1, kind="step")
_t("aws_sns_topic", "sns", "create_topic", "get_topic_attributes", "set_topic_attributes", "delete_topic",
   {"id": "TopicArn", "arn": "TopicArn", "name": "in.Name"}, {"TopicArn": "out.arn"}, "sns", 1,
   replace_on={"Name"})
_t("aws_sns_topic_subscription", "sns", "subscribe", "get_subscription_attributes", None, "unsubscribe",
   {"id": "SubscriptionArn", "arn": "SubscriptionArn"}, {"SubscriptionArn": "out.arn"}, "sns", 1,
   replace_on={"TopicArn", "Protocol", "Endpoint"}, note="email endpoints stay 'pending confirmation'")
_t("aws_iam_role", "iam", "create_role", "get_role", "update_assume_role_policy", "delete_role",
   {"id": "Role.RoleId", "name": "Role.RoleName", "arn": "Role.Arn"}, {"RoleName": "in.RoleName"}, "iam", 1,
   replace_on={"RoleName"}, note="delete_role needs the inline policies removed first (they are resources)")
_t("aws_iam_role_policy", "iam", "put_role_policy", "get_role_policy", "put_role_policy", "delete_role_policy",
   {"id": "={in.RoleName}:{in.PolicyName}", "name": "in.PolicyName"},
   {"RoleName": "in.RoleName", "PolicyName": "in.PolicyName"}, "iam", 1, replace_on={"RoleName", "PolicyName"})

# --- Connect instance and streaming --------------------------------------------------------------
_t("aws_connect_instance", "connect", "create_instance", "describe_instance", None, "delete_instance",
   {"id": "Id", "arn": "Arn"}, {"InstanceId": "out.id"}, "connect", 2,
   replace_on={"IdentityManagementType", "InstanceAlias", "DirectoryId"},
   poll=Poll("describe_instance", "Instance.InstanceStatus", ("ACTIVE",), ("CREATION_FAILED",)),
   note="adopt an existing instance by alias through list_instances; creates+deletes are quota-limited")
_t("connect_instance_attribute", "connect", "update_instance_attribute", "describe_instance_attribute",
   "update_instance_attribute", None, {"id": "in.AttributeType"},
   {"InstanceId": "in.InstanceId", "AttributeType": "in.AttributeType"}, "connect", 2, kind="step")
_t("aws_connect_instance_storage_config", "connect", "associate_instance_storage_config",
   "describe_instance_storage_config", "update_instance_storage_config", "disassociate_instance_storage_config",
   {"id": "AssociationId"}, {**_INST, "AssociationId": "out.id", "ResourceType": "in.ResourceType"}, "connect", 2,
   replace_on={"ResourceType"})
_t("aws_kinesis_stream", "kinesis", "create_stream", "describe_stream_summary", "update_shard_count",
   "delete_stream", {"id": "in.StreamName", "name": "in.StreamName",
                     "arn": "=arn:aws:kinesis:{region}:{account}:stream/{in.StreamName}"},
   {"StreamName": "in.StreamName"}, "kinesis", 2, replace_on={"StreamName", "StreamModeDetails"},
   poll=Poll("describe_stream_summary", "StreamDescriptionSummary.StreamStatus", ("ACTIVE",)),
   note="update_shard_count takes TargetShardCount=ShardCount, ScalingType=UNIFORM_SCALING")
_t("kinesis_stream_retention", "kinesis", "increase_stream_retention_period", "describe_stream_summary",
   "increase_stream_retention_period", None, {"id": "in.StreamName"}, {"StreamName": "in.StreamName"},
   "kinesis", 2, kind="step")
_t("aws_kinesis_firehose_delivery_stream", "firehose", "create_delivery_stream", "describe_delivery_stream",
   None, "delete_delivery_stream", {"id": "in.DeliveryStreamName", "name": "in.DeliveryStreamName",
                                   "arn": "DeliveryStreamARN"},
   {"DeliveryStreamName": "in.DeliveryStreamName"}, "firehose", 2,
   replace_on={"DeliveryStreamName", "DeliveryStreamType", "KinesisStreamSourceConfiguration",
               "ExtendedS3DestinationConfiguration"},
   poll=Poll("describe_delivery_stream", "DeliveryStreamDescription.DeliveryStreamStatus", ("ACTIVE",),
             ("CREATING_FAILED",)))

# --- Lambda and API Gateway ----------------------------------------------------------------------
_t("lambda_package", "local", "zip", None, None, None,
   {"id": "in.Sha256", "zip_file": "zip_file", "sha256": "in.Sha256"}, {}, "local", 3, kind="step",
   local_inputs={"Source": "folder", "Sha256": "hash"},
   note="the provider zips the source folder (relative to the site) to zip_file; nothing at AWS")
_t("aws_lambda_function", "lambda", "create_function", "get_function", "update_function_configuration",
   "delete_function", {"id": "FunctionName", "name": "FunctionName", "arn": "FunctionArn", "version": "Version"},
   {"FunctionName": "in.FunctionName"}, "lambda", 3, replace_on={"FunctionName"},
   update_by_input={"Code": "update_function_code"},
   poll=Poll("get_function_configuration", "State", ("Active",), ("Failed",)),
   local_inputs={"Code.ZipFile": "file:Code.ZipFile"},
   note="Code.ZipFile holds the path of the package's zip; update_function_code takes ZipFile, Publish=True")
_t("aws_lambda_alias", "lambda", "create_alias", "get_alias", "update_alias", "delete_alias",
   {"id": "AliasArn", "arn": "AliasArn", "name": "Name"}, {"FunctionName": "in.FunctionName", "Name": "in.Name"},
   "lambda", 3, replace_on={"FunctionName", "Name"})
_t("aws_lambda_provisioned_concurrency_config", "lambda", "put_provisioned_concurrency_config",
   "get_provisioned_concurrency_config", "put_provisioned_concurrency_config",
   "delete_provisioned_concurrency_config", {"id": "={in.FunctionName}:{in.Qualifier}"},
   {"FunctionName": "in.FunctionName", "Qualifier": "in.Qualifier"}, "lambda", 3,
   poll=Poll("get_provisioned_concurrency_config", "Status", ("READY",), ("FAILED",)))
_t("aws_lambda_permission", "lambda", "add_permission", "get_policy", None, "remove_permission",
   {"id": "in.StatementId"}, {"FunctionName": "in.FunctionName", "StatementId": "in.StatementId"}, "lambda", 3,
   replace_on={"FunctionName", "StatementId", "Action", "Principal", "SourceArn", "SourceAccount"})
_t("connect_lambda_association", "connect", "associate_lambda_function", "list_lambda_functions", None,
   "disassociate_lambda_function", {"id": "in.FunctionArn"},
   {"InstanceId": "in.InstanceId", "FunctionArn": "in.FunctionArn"}, "connect", 3, kind="step",
   replace_on={"InstanceId", "FunctionArn"})
_t("aws_apigatewayv2_api", "apigatewayv2", "create_api", "get_api", "update_api", "delete_api",
   {"id": "ApiId", "name": "in.Name", "endpoint": "ApiEndpoint", "arn": "=arn:aws:apigateway:{region}::/apis/{out.id}",
    "execution_arn": "=arn:aws:execute-api:{region}:{account}:{out.id}"}, {"ApiId": "out.id"}, "apigateway", 3,
   replace_on={"ProtocolType"})
_t("aws_apigatewayv2_integration", "apigatewayv2", "create_integration", "get_integration", "update_integration",
   "delete_integration", {"id": "IntegrationId"}, {"ApiId": "in.ApiId", "IntegrationId": "out.id"},
   "apigateway", 3, replace_on={"ApiId"})
_t("aws_apigatewayv2_route", "apigatewayv2", "create_route", "get_route", "update_route", "delete_route",
   {"id": "RouteId"}, {"ApiId": "in.ApiId", "RouteId": "out.id"}, "apigateway", 3, replace_on={"ApiId"})
_t("aws_apigatewayv2_stage", "apigatewayv2", "create_stage", "get_stage", "update_stage", "delete_stage",
   {"id": "StageName", "name": "StageName"}, {"ApiId": "in.ApiId", "StageName": "in.StageName"}, "apigateway", 3,
   replace_on={"ApiId", "StageName"})

# --- Lex V2 --------------------------------------------------------------------------------------
_LOC = {"botId": "in.botId", "botVersion": "in.botVersion", "localeId": "in.localeId"}
_t("aws_lexv2models_bot", "lexv2-models", "create_bot", "describe_bot", "update_bot", "delete_bot",
   {"id": "botId", "name": "in.botName", "arn": "=arn:aws:lex:{region}:{account}:bot/{out.id}"},
   {"botId": "out.id"}, "lex", 4, replace_on={"botName"},
   poll=Poll("describe_bot", "botStatus", ("Available",), ("Failed", "Deleting", "Inactive")),
   note="delete_bot takes skipResourceInUseCheck=True")
_t("aws_lexv2models_bot_locale", "lexv2-models", "create_bot_locale", "describe_bot_locale", "update_bot_locale",
   "delete_bot_locale", {"id": "localeId"}, _LOC, "lex", 4, replace_on={"botId", "localeId"},
   poll=Poll("describe_bot_locale", "botLocaleStatus", ("NotBuilt", "Built", "ReadyExpressTesting"),
             ("Failed", "Deleting")))
_t("aws_lexv2models_slot_type", "lexv2-models", "create_slot_type", "describe_slot_type", "update_slot_type",
   "delete_slot_type", {"id": "slotTypeId", "name": "in.slotTypeName"}, {**_LOC, "slotTypeId": "out.id"},
   "lex", 4, replace_on={"botId", "localeId"})
_t("aws_lexv2models_intent", "lexv2-models", "create_intent", "describe_intent", "update_intent",
   "delete_intent", {"id": "intentId", "name": "in.intentName"}, {**_LOC, "intentId": "out.id"}, "lex", 4,
   replace_on={"botId", "localeId"},
   note="update_intent is a PUT: send the whole intent (the slot-priority step sends it too)")
_t("aws_lexv2models_slot", "lexv2-models", "create_slot", "describe_slot", "update_slot", "delete_slot",
   {"id": "slotId", "name": "in.slotName"}, {**_LOC, "intentId": "in.intentId", "slotId": "out.id"}, "lex", 4,
   replace_on={"botId", "localeId", "intentId"})
_t("lex_intent_slot_priorities", "lexv2-models", "update_intent", "describe_intent", "update_intent", None,
   {"id": "in.intentId"}, {**_LOC, "intentId": "in.intentId"}, "lex", 4, kind="step",
   note="the intent<->slot cycle: slot priorities can only be set once the slots exist")
_t("lex_fallback_intent", "lexv2-models", "update_intent", "describe_intent", "update_intent", None,
   {"id": "in.intentId"}, {**_LOC, "intentId": "in.intentId"}, "lex", 4, kind="step",
   note="updates the built-in AMAZON.FallbackIntent (intentId FALLBCKINT) of the locale")
_t("lex_bot_locale_build", "lexv2-models", "build_bot_locale", "describe_bot_locale", "build_bot_locale", None,
   {"id": "in.localeId", "status": "botLocaleStatus"}, _LOC, "lex-build", 4, kind="step",
   poll=Poll("describe_bot_locale", "botLocaleStatus", ("Built",), ("Failed", "NotBuilt", "Deleting")),
   note="at most 5 builds at once per account; start polling only after build_bot_locale returned")
_t("aws_lexv2models_bot_version", "lexv2-models", "create_bot_version", "describe_bot_version", None,
   "delete_bot_version", {"id": "botVersion", "version": "botVersion"},
   {"botId": "in.botId", "botVersion": "out.version"}, "lex", 4,
   replace_on={"botId", "botVersionLocaleSpecification", "description"},
   poll=Poll("describe_bot_version", "botStatus", ("Available",), ("Failed", "Deleting")),
   note="replaced (a new numbered version) whenever anything it was built from changes")
_t("aws_lexv2models_bot_alias", "lexv2-models", "create_bot_alias", "describe_bot_alias", "update_bot_alias",
   "delete_bot_alias", {"id": "botAliasId", "name": "in.botAliasName",
                        "arn": "=arn:aws:lex:{region}:{account}:bot-alias/{in.botId}/{out.id}"},
   {"botId": "in.botId", "botAliasId": "out.id"}, "lex", 4, replace_on={"botId"},
   poll=Poll("describe_bot_alias", "botAliasStatus", ("Available",), ("Failed", "Deleting")),
   note="create_bot_alias returns no ARN: the catalogue builds it")
_t("lex_bot_alias_policy", "lexv2-models", "create_resource_policy", "describe_resource_policy",
   "update_resource_policy", "delete_resource_policy", {"id": "in.resourceArn", "revision": "revisionId"},
   {"resourceArn": "in.resourceArn"}, "lex", 4, replace_on={"resourceArn"},
   note="lets connect.amazonaws.com use the alias; update/delete take expectedRevisionId=out.revision")
_t("connect_bot_association", "connect", "associate_bot", "list_bots", None, "disassociate_bot",
   {"id": "in.LexV2Bot.AliasArn"}, {"InstanceId": "in.InstanceId", "LexV2Bot": "in.LexV2Bot"}, "connect", 4,
   kind="step", replace_on={"InstanceId", "LexV2Bot"}, note="list_bots takes LexVersion='V2'")

# --- Connect configuration -----------------------------------------------------------------------
_t("aws_connect_hours_of_operation", "connect", "create_hours_of_operation", "describe_hours_of_operation",
   "update_hours_of_operation", "delete_hours_of_operation",
   {"id": "HoursOfOperationId", "arn": "HoursOfOperationArn", "name": "in.Name"},
   {**_INST, "HoursOfOperationId": "out.id"}, "connect", 6, replace_on={"InstanceId"})
_t("aws_connect_queue", "connect", "create_queue", "describe_queue", None, "delete_queue",
   {"id": "QueueId", "arn": "QueueArn", "name": "in.Name"}, {**_INST, "QueueId": "out.id"}, "connect", 6,
   replace_on={"InstanceId"},
   update_by_input={"Name": "update_queue_name", "Description": "update_queue_name",
                    "HoursOfOperationId": "update_queue_hours_of_operation",
                    "MaxContacts": "update_queue_max_contacts",
                    "OutboundCallerConfig": "update_queue_outbound_caller_config"})
_t("aws_connect_routing_profile", "connect", "create_routing_profile", "describe_routing_profile", None,
   "delete_routing_profile", {"id": "RoutingProfileId", "arn": "RoutingProfileArn", "name": "in.Name"},
   {**_INST, "RoutingProfileId": "out.id"}, "connect", 6, replace_on={"InstanceId"},
   update_by_input={"Name": "update_routing_profile_name", "Description": "update_routing_profile_name",
                    "MediaConcurrencies": "update_routing_profile_concurrency",
                    "DefaultOutboundQueueId": "update_routing_profile_default_outbound_queue",
                    "QueueConfigs": "update_routing_profile_queues"})
_t("aws_connect_security_profile", "connect", "search_security_profiles", "search_security_profiles", None, None,
   {"id": "SecurityProfiles[0].Id", "arn": "SecurityProfiles[0].Arn", "name": "SecurityProfiles[0].SecurityProfileName"},
   {}, "connect", 6, kind="data", note="a lookup by name: new instances ship with Admin, Agent, …")
_t("aws_connect_user", "connect", "create_user", "describe_user", None, "delete_user",
   {"id": "UserId", "arn": "UserArn", "name": "in.Username"}, {**_INST, "UserId": "out.id"}, "connect", 6,
   replace_on={"InstanceId", "Username"},
   update_by_input={"IdentityInfo": "update_user_identity_info", "PhoneConfig": "update_user_phone_config",
                    "RoutingProfileId": "update_user_routing_profile",
                    "SecurityProfileIds": "update_user_security_profiles"})
_t("aws_connect_phone_number", "connect", "claim_phone_number", "describe_phone_number", None,
   "release_phone_number", {"id": "PhoneNumberId", "arn": "PhoneNumberArn", "number": "PhoneNumber"},
   {"PhoneNumberId": "out.id"}, "connect", 6,
   replace_on={"TargetArn", "PhoneNumberCountryCode", "PhoneNumberType"},
   poll=Poll("describe_phone_number", "ClaimedPhoneNumberSummary.PhoneNumberStatus.Status", ("CLAIMED",),
             ("FAILED",)),
   local_inputs={"PhoneNumberCountryCode": "search", "PhoneNumberType": "search", "PhoneNumberPrefix": "search"},
   note="search_available_phone_numbers(TargetArn, country, type, MaxResults=1) gives PhoneNumber to claim; "
        "adopt claimed numbers via list_phone_numbers_v2; destroy keeps numbers unless told")
_t("connect_phone_number_flow_association", "connect", "associate_phone_number_contact_flow", "describe_phone_number",
   "associate_phone_number_contact_flow", "disassociate_phone_number_contact_flow", {"id": "in.PhoneNumberId"},
   {"PhoneNumberId": "in.PhoneNumberId", "InstanceId": "in.InstanceId"}, "connect", 7, kind="step")
_t("aws_connect_contact_flow", "connect", "create_contact_flow", "describe_contact_flow", None,
   "delete_contact_flow", {"id": "ContactFlowId", "arn": "ContactFlowArn", "name": "in.Name"},
   {**_INST, "ContactFlowId": "out.id"}, "connect", 7, replace_on={"InstanceId", "Type"},
   update_by_input={"Content": "update_contact_flow_content", "Name": "update_contact_flow_metadata",
                    "Description": "update_contact_flow_metadata"},
   note="Content is a JSON string; Status SAVED skips validation (used for stubs of flow cycles)")
_t("connect_contact_flow_content", "connect", "update_contact_flow_content", "describe_contact_flow",
   "update_contact_flow_content", None, {"id": "in.ContactFlowId"},
   {"InstanceId": "in.InstanceId", "ContactFlowId": "in.ContactFlowId"}, "connect", 7, kind="step",
   note="the real content of a flow created as a stub because it takes part in a flow cycle")
_t("aws_connect_quick_connect", "connect", "create_quick_connect", "describe_quick_connect",
   "update_quick_connect_config", "delete_quick_connect",
   {"id": "QuickConnectId", "arn": "QuickConnectARN", "name": "in.Name"},
   {**_INST, "QuickConnectId": "out.id"}, "connect", 7, replace_on={"InstanceId"},
   update_by_input={"Name": "update_quick_connect_name", "QuickConnectConfig": "update_quick_connect_config"})
_t("connect_queue_quick_connects", "connect", "associate_queue_quick_connects", "list_queue_quick_connects",
   "associate_queue_quick_connects", "disassociate_queue_quick_connects", {"id": "in.QueueId"},
   {"InstanceId": "in.InstanceId", "QueueId": "in.QueueId", "QuickConnectIds": "in.QuickConnectIds"},
   "connect", 7, kind="step")
_t("connect_approved_origin", "connect", "associate_approved_origin", "list_approved_origins", None,
   "disassociate_approved_origin", {"id": "in.Origin"}, {"InstanceId": "in.InstanceId", "Origin": "in.Origin"},
   "connect", 9, kind="step", replace_on={"InstanceId", "Origin"})

# --- Monitoring ----------------------------------------------------------------------------------
_t("aws_cloudwatch_event_rule", "events", "put_rule", "describe_rule", "put_rule", "delete_rule",
   {"id": "in.Name", "name": "in.Name", "arn": "RuleArn"}, {"Name": "in.Name"}, "events", 8, replace_on={"Name"})
_t("aws_cloudwatch_event_target", "events", "put_targets", "list_targets_by_rule", "put_targets", "remove_targets",
   {"id": "={in.Rule}:{in.Targets[0].Id}"}, {"Rule": "in.Rule", "Ids": "=[{in.Targets[0].Id}]"}, "events", 8,
   note="remove_targets takes Ids=[Targets[*].Id]")
_t("aws_cloudwatch_metric_stream", "cloudwatch", "put_metric_stream", "get_metric_stream", "put_metric_stream",
   "delete_metric_stream", {"id": "in.Name", "name": "in.Name", "arn": "Arn"}, {"Name": "in.Name"}, "cloudwatch", 8)
_t("aws_cloudwatch_metric_alarm", "cloudwatch", "put_metric_alarm", "describe_alarms", "put_metric_alarm",
   "delete_alarms", {"id": "in.AlarmName", "name": "in.AlarmName",
                     "arn": "=arn:aws:cloudwatch:{region}:{account}:alarm:{in.AlarmName}"},
   {"AlarmNames": "=[{in.AlarmName}]"}, "cloudwatch", 8, replace_on={"AlarmName"},
   note="describe_alarms/delete_alarms take AlarmNames=[AlarmName]")
_t("aws_cloudwatch_dashboard", "cloudwatch", "put_dashboard", "get_dashboard", "put_dashboard", "delete_dashboards",
   {"id": "in.DashboardName", "name": "in.DashboardName",
    "arn": "=arn:aws:cloudwatch::{account}:dashboard/{in.DashboardName}"},
   {"DashboardName": "in.DashboardName"}, "cloudwatch", 8, replace_on={"DashboardName"},
   note="delete_dashboards takes DashboardNames=[DashboardName]")
_t("aws_cloudtrail", "cloudtrail", "create_trail", "get_trail", "update_trail", "delete_trail",
   {"id": "Name", "name": "Name", "arn": "TrailARN"}, {"Name": "in.Name"}, "cloudtrail", 8, replace_on={"Name"},
   then=("start_logging",))

# --- Agent web site ------------------------------------------------------------------------------
_t("aws_wafv2_web_acl", "wafv2", "create_web_acl", "get_web_acl", "update_web_acl", "delete_web_acl",
   {"id": "Summary.Id", "arn": "Summary.ARN", "name": "in.Name", "lock_token": "Summary.LockToken"},
   {"Name": "in.Name", "Scope": "in.Scope", "Id": "out.id", "LockToken": "out.lock_token"}, "wafv2", 9,
   replace_on={"Name", "Scope"}, region="us-east-1", note="CLOUDFRONT scope: the client must be in us-east-1")
_t("aws_cloudfront_origin_access_control", "cloudfront", "create_origin_access_control",
   "get_origin_access_control", "update_origin_access_control", "delete_origin_access_control",
   {"id": "OriginAccessControl.Id", "etag": "ETag"}, {"Id": "out.id", "IfMatch": "out.etag"}, "cloudfront", 9)
_t("aws_cloudfront_distribution", "cloudfront", "create_distribution", "get_distribution", "update_distribution",
   "delete_distribution", {"id": "Distribution.Id", "arn": "Distribution.ARN",
                           "domain_name": "Distribution.DomainName", "etag": "ETag"},
   {"Id": "out.id", "IfMatch": "out.etag"}, "cloudfront", 9,
   replace_on={"DistributionConfig.CallerReference"},
   poll=Poll("get_distribution", "Distribution.Status", ("Deployed",)),
   note="delete: disable (update_distribution Enabled=false), wait Deployed, then delete with the new ETag")

# --- Glue catalogue ------------------------------------------------------------------------------
_t("aws_glue_catalog_database", "glue", "create_database", "get_database", "update_database", "delete_database",
   {"id": "in.DatabaseInput.Name", "name": "in.DatabaseInput.Name",
    "arn": "=arn:aws:glue:{region}:{account}:database/{in.DatabaseInput.Name}"},
   {"Name": "in.DatabaseInput.Name"}, "glue", 10, replace_on={"DatabaseInput.Name"})
_t("aws_glue_catalog_table", "glue", "create_table", "get_table", "update_table", "delete_table",
   {"id": "={in.DatabaseName}.{in.TableInput.Name}", "name": "in.TableInput.Name",
    "arn": "=arn:aws:glue:{region}:{account}:table/{in.DatabaseName}/{in.TableInput.Name}"},
   {"DatabaseName": "in.DatabaseName", "Name": "in.TableInput.Name"}, "glue", 10,
   replace_on={"DatabaseName", "TableInput.Name"})


def rate_buckets() -> list[str]:
    return sorted({s.bucket for s in CATALOG.values()})


def to_json() -> dict:
    """The catalogue as plain data (for docs and other tools)."""
    out = {}
    for name, s in sorted(CATALOG.items()):
        out[name] = {
            "service": s.service, "create": s.create, "read": s.read, "update": s.update, "delete": s.delete,
            "outputs": dict(sorted(s.outputs.items())), "identify": dict(sorted(s.identify.items())),
            "bucket": s.bucket, "phase": s.phase, "replace_on": sorted(s.replace_on),
            "update_by_input": dict(sorted(s.update_by_input.items())), "kind": s.kind,
            "poll": None if s.poll is None else {"operation": s.poll.operation, "status": s.poll.status,
                                                 "ready": list(s.poll.ready), "failed": list(s.poll.failed)},
            "local_inputs": dict(sorted(s.local_inputs.items())), "then": list(s.then), "region": s.region,
            "latency_s": list(s.latency), "note": s.note,
        }
    return out

"""DynamoDB, Kinesis, Firehose, Glue and SNS through the aws provider against moto_server."""
from aws_acme_moto import dedupe, firehose, key, stream, table, topic
from aws_stack import Stack


def test_dynamodb_table_with_kms_and_ttl(provider, boto):
    stack = Stack(provider, dedupe(key("data") + table("conversation_history", "session_id", ttl="expires_at")))
    out = stack.apply()
    got = boto("dynamodb").describe_table(TableName="acme-bank-conversation_history")["Table"]
    assert got["TableArn"] == out["table.conversation_history"]["arn"]
    assert got["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert got["SSEDescription"]["KMSMasterKeyArn"] == out["key.data"]["arn"]
    ttl = boto("dynamodb").describe_time_to_live(TableName="acme-bank-conversation_history")
    assert ttl["TimeToLiveDescription"] == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires_at"}
    before = provider.write_calls
    stack.apply()
    assert provider.write_calls == before
    stack.destroy()
    assert boto("dynamodb").list_tables()["TableNames"] == []


def test_dynamodb_table_that_exists_is_adopted(provider, boto):
    resources = dedupe(key("data") + table("callback", "callback_id"))
    first = Stack(provider, resources).apply()
    second = Stack(provider, resources).apply()
    assert second["table.callback"]["arn"] == first["table.callback"]["arn"]
    assert boto("dynamodb").list_tables()["TableNames"] == ["acme-bank-callback"]


def test_kinesis_streams_with_retention(provider, boto):
    stack = Stack(provider, stream("ctr", 4, 168) + stream("agent_events", 2, 24))
    out = stack.apply()
    summary = boto("kinesis").describe_stream_summary(StreamName="acme-bank-ctr")["StreamDescriptionSummary"]
    assert summary["StreamARN"] == out["stream.ctr"]["arn"]
    assert summary["OpenShardCount"] == 4 and summary["RetentionPeriodHours"] == 168
    before = provider.write_calls
    stack.apply()
    assert provider.write_calls == before
    stack.destroy()
    assert boto("kinesis").list_streams()["StreamNames"] == []


def test_firehose_from_stream_into_the_data_lake(provider, boto):
    stack = Stack(provider, dedupe(firehose("ctr", "ctr/")))
    out = stack.apply()
    got = boto("firehose").describe_delivery_stream(DeliveryStreamName="acme-bank-ctr")["DeliveryStreamDescription"]
    assert got["DeliveryStreamARN"] == out["firehose.ctr"]["arn"]
    assert got["Source"]["KinesisStreamSourceDescription"]["KinesisStreamARN"] == out["stream.ctr"]["arn"]
    s3 = got["Destinations"][0]["ExtendedS3DestinationDescription"]
    assert s3["BucketARN"] == "arn:aws:s3:::acme-bank-datalake" and s3["Prefix"] == "ctr/"
    stack.destroy()
    assert boto("firehose").list_delivery_streams()["DeliveryStreamNames"] == []
    assert boto("s3").list_buckets()["Buckets"] == []


def test_sns_topic_with_kms_email_subscription_and_attribute_update(provider, boto):
    stack = Stack(provider, dedupe(topic("alarms", email="ops@acme.example")))
    out = stack.apply()
    sns = boto("sns")
    attrs = sns.get_topic_attributes(TopicArn=out["topic.alarms"]["arn"])["Attributes"]
    assert attrs["KmsMasterKeyId"] == out["key.data"]["id"] and attrs["DisplayName"] == "Acme"
    subs = sns.list_subscriptions_by_topic(TopicArn=out["topic.alarms"]["arn"])["Subscriptions"]
    assert [(s["Protocol"], s["Endpoint"]) for s in subs] == [("email", "ops@acme.example")]
    resource = stack.resolved("topic.alarms")
    resource.inputs["Attributes"]["DisplayName"] = "Acme Ops"
    provider.update_sync(resource, out["topic.alarms"], {"Attributes"})
    assert sns.get_topic_attributes(TopicArn=out["topic.alarms"]["arn"])["Attributes"]["DisplayName"] == "Acme Ops"
    stack.destroy()
    assert sns.list_topics()["Topics"] == [] and sns.list_subscriptions()["Subscriptions"] == []


def test_glue_database_and_ctr_table(provider, boto):
    resources = [
        ("glue.database", "aws_glue_catalog_database", {"DatabaseInput": {"Name": "acme_bank_lake"}}),
        ("glue.table.ctr", "aws_glue_catalog_table", {
            "DatabaseName": "${glue.database.name}",
            "TableInput": {"Name": "ctr", "TableType": "EXTERNAL_TABLE", "StorageDescriptor": {
                "Columns": [{"Name": "contactid", "Type": "string"}, {"Name": "channel", "Type": "string"}],
                "Location": "s3://acme-bank-datalake/ctr/",
                "SerdeInfo": {"SerializationLibrary": "org.openx.data.jsonserde.JsonSerDe"}}}}),
    ]
    stack = Stack(provider, resources)
    out = stack.apply()
    got = boto("glue").get_table(DatabaseName="acme_bank_lake", Name="ctr")["Table"]
    assert [c["Name"] for c in got["StorageDescriptor"]["Columns"]] == ["contactid", "channel"]
    assert out["glue.table.ctr"]["arn"].endswith(":table/acme_bank_lake/ctr")
    before = provider.write_calls
    stack.apply()
    assert provider.write_calls == before
    stack.destroy()
    assert boto("glue").get_databases()["DatabaseList"] == []

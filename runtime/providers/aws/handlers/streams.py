"""DynamoDB tables and Kinesis streams: updates that take other parameters than the create call."""
from __future__ import annotations

from ..engine import Context, Handler


class DynamoTable(Handler):
    """``UpdateTable`` is sent only what changed (re-sending unchanged SSE or streams settings fails)."""

    def update(self, ctx: Context, inputs, outputs, changed):
        accepted = self.members(ctx, "update_table") - {"TableName"}
        kwargs = {k: inputs[k] for k in changed if k in accepted and k in inputs}
        if kwargs:
            if "GlobalSecondaryIndexes" in kwargs:
                kwargs.pop("GlobalSecondaryIndexes")  # index changes replace the table
            self.call(ctx, "update_table", TableName=inputs["TableName"], **kwargs)
            ctx.wait("dynamodb", "table_exists", ctx.region, TableName=inputs["TableName"])
        return dict(outputs)


    def adopted(self, ctx: Context, inputs, outputs):
        """Send only what differs from the existing table (re-enabling a stream or SSE is an error)."""
        table = self.call(ctx, "describe_table", TableName=inputs["TableName"])["Table"]
        current = {
            "BillingMode": (table.get("BillingModeSummary") or {}).get("BillingMode", "PROVISIONED"),
            "StreamSpecification": table.get("StreamSpecification") or {"StreamEnabled": False},
            "SSESpecification": {
                "Enabled": (table.get("SSEDescription") or {}).get("Status") in ("ENABLED", "UPDATING")},
            "TableClass": (table.get("TableClassSummary") or {}).get("TableClass", "STANDARD"),
            "DeletionProtectionEnabled": table.get("DeletionProtectionEnabled", False),
        }
        differs = set()
        for name, have in current.items():
            want = inputs.get(name)
            if want is None:
                continue
            if name == "SSESpecification":
                want = {"Enabled": bool(want.get("Enabled"))}
            elif name == "StreamSpecification" and not want.get("StreamEnabled"):
                want = {"StreamEnabled": False}
            if want != have:
                differs.add(name)
        return self.update(ctx, inputs, outputs, differs)


class KinesisStream(Handler):
    def update(self, ctx: Context, inputs, outputs, changed):
        if "ShardCount" in changed and inputs.get("ShardCount"):
            self.call(ctx, "update_shard_count", StreamName=inputs["StreamName"],
                      TargetShardCount=inputs["ShardCount"], ScalingType="UNIFORM_SCALING")
            ctx.wait("kinesis", "stream_exists", ctx.region, StreamName=inputs["StreamName"])
        return dict(outputs)


class StreamRetention(Handler):
    """Retention goes up with one call and down with another."""

    def create(self, ctx: Context, inputs):
        hours = inputs["RetentionPeriodHours"]
        current = self.call(ctx, "describe_stream_summary", StreamName=inputs["StreamName"])
        now = current["StreamDescriptionSummary"].get("RetentionPeriodHours", 24)
        if hours > now:
            self.call(ctx, "increase_stream_retention_period", **inputs)
        elif hours < now:
            self.call(ctx, "decrease_stream_retention_period", **inputs)
        return {"id": inputs["StreamName"]}

    def update(self, ctx: Context, inputs, outputs, changed):
        return self.create(ctx, inputs)

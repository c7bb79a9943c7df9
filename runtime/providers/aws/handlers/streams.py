"""DynamoDB tables and Kinesis streams: updates that take other parameters than the create call."""
from __future__ import annotations

from ..engine import Context, Handler


class DynamoTable(Handler):
    """``UpdateTable`` is sent only what changed (re-sending unchanged SSE or streams settings fails)."""

    def update(self, ctx: Context, inputs, outputs, changed):
        update = self.spec.update
        assert update is not None, "a table's entry names its update call"
        accepted = self.members(ctx, update) - {"TableName"}
        kwargs = {k: inputs[k] for k in changed if k in accepted and k in inputs}
        if kwargs:
            if "GlobalSecondaryIndexes" in kwargs:
                kwargs.pop("GlobalSecondaryIndexes")  # index changes replace the table
            self.call(ctx, update, **self.key(ctx, inputs, outputs, update), **kwargs)
            self.wait_created(ctx, inputs, outputs)
        return dict(outputs)


    def adopted(self, ctx: Context, inputs, outputs):
        """Send only what differs from the existing table (re-enabling a stream or SSE is an error)."""
        read = self.spec.read
        assert read is not None, "a table's entry names its read call"
        table = self.call(ctx, read, **self.key(ctx, inputs, outputs, read))["Table"]
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
            self.step(ctx, "reshard", inputs)
            self.wait_created(ctx, inputs, outputs)
        return dict(outputs)


class StreamRetention(Handler):
    """Retention goes up with one call and down with another."""

    def create(self, ctx: Context, inputs):
        hours = inputs["RetentionPeriodHours"]
        read = self.spec.read
        assert read is not None, "a retention's entry names its read call"
        current = self.call(ctx, read, **self.key(ctx, inputs, {}, read))
        now = current["StreamDescriptionSummary"].get("RetentionPeriodHours", 24)
        if hours > now:
            self.call(ctx, self.spec.create, **inputs)
        elif hours < now:
            self.step(ctx, "decrease", **inputs)
        return self.outputs_from(ctx, inputs, {})

    def update(self, ctx: Context, inputs, outputs, changed):
        return self.create(ctx, inputs)

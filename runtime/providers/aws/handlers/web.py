"""CloudFront and WAFv2: updates and deletes guarded by ETags and lock tokens."""
from __future__ import annotations

from ccdsl.runtime.providers.base import ProviderError

from ..engine import Context, Handler
from ..errors import is_not_found, translate


class OriginAccessControl(Handler):
    """Updates and deletes send the ETag read just before (the entry's read, update and delete calls)."""

    def update(self, ctx: Context, inputs, outputs, changed):
        read, update = self.spec.read, self.spec.update
        assert read is not None and update is not None, "an origin access control's entry names read and update"
        etag = self.call(ctx, read, Id=outputs["id"])["ETag"]
        response = self.call(ctx, update, Id=outputs["id"], IfMatch=etag,
                             OriginAccessControlConfig=inputs["OriginAccessControlConfig"])
        return {**outputs, "etag": response.get("ETag")}

    def delete(self, ctx: Context, inputs, outputs):
        read, delete = self.spec.read, self.spec.delete
        assert read is not None and delete is not None, "an origin access control's entry names read and delete"
        response, error = self.try_call(ctx, read, Id=outputs["id"])
        if error is not None:
            if is_not_found(error):
                return
            raise translate(error, read)
        self.call(ctx, delete, Id=outputs["id"], IfMatch=response["ETag"])


class Distribution(Handler):
    """Distributions deploy for minutes; deletes need a disabled, deployed distribution first."""

    def after_create(self, ctx: Context, inputs, outputs):
        self.wait_step(ctx, "deployed", Id=outputs["id"])

    def find(self, ctx: Context, inputs):
        """The distribution made with the same ``CallerReference`` (CloudFront's idempotency key)."""
        find = self.spec.find
        assert find is not None, "a distribution's entry names how it is found"
        wanted = inputs["DistributionConfig"]["CallerReference"]
        for item in self.list_items(ctx, find.op, find.items, {}):
            config = self.step(ctx, "config", Id=item["Id"])["DistributionConfig"]
            if config.get("CallerReference") == wanted:
                return self.found(ctx, "listed", item, inputs)
        return None

    def adopted(self, ctx: Context, inputs, outputs):
        return self.update(ctx, inputs, outputs, set(inputs))

    def update(self, ctx: Context, inputs, outputs, changed):
        update = self.spec.update
        assert update is not None, "a distribution's entry names its update call"
        current = self.step(ctx, "config", Id=outputs["id"])
        wanted = dict(inputs["DistributionConfig"])
        wanted["CallerReference"] = current["DistributionConfig"]["CallerReference"]
        response = self.call(ctx, update, Id=outputs["id"], IfMatch=current["ETag"], DistributionConfig=wanted)
        fresh = self.outputs_from(ctx, inputs, response, outputs)
        return {**outputs, **{k: v for k, v in fresh.items() if k in ("arn", "domain_name", "etag")}}

    def delete(self, ctx: Context, inputs, outputs):
        update, delete = self.spec.update, self.spec.delete
        assert update is not None and delete is not None, "a distribution's entry names update and delete"
        current, error = self.try_step(ctx, "config", Id=outputs["id"])
        if error is not None:
            if is_not_found(error):
                return
            raise translate(error, self.op("config"))
        etag = current["ETag"]
        if current["DistributionConfig"].get("Enabled"):
            ctx.say("disabling before delete")
            config = {**current["DistributionConfig"], "Enabled": False}
            etag = self.call(ctx, update, Id=outputs["id"], IfMatch=etag, DistributionConfig=config)["ETag"]
            self.wait_step(ctx, "deployed", Id=outputs["id"])
        self.call(ctx, delete, Id=outputs["id"], IfMatch=etag)


class WafResource(Handler):
    """Web ACLs and IP sets: CLOUDFRONT scope lives in us-east-1; updates and deletes need the lock token."""

    def region_for(self, inputs) -> str | None:
        return "us-east-1" if inputs.get("Scope") == "CLOUDFRONT" else None

    def update(self, ctx, inputs, outputs, changed):
        read, update = self.spec.read, self.spec.update
        assert read is not None and update is not None, "a web ACL's spec names its read and update calls"
        key = self.key(ctx, inputs, outputs, read)
        kwargs = self.update_kwargs(ctx, inputs, outputs, set(inputs))
        kwargs.pop("Tags", None)
        kwargs["LockToken"] = self.call(ctx, read, **key)["LockToken"]
        self.call(ctx, update, **kwargs)
        return dict(outputs)

    def delete(self, ctx, inputs, outputs):
        read, delete = self.spec.read, self.spec.delete
        assert read is not None and delete is not None, "a web ACL's spec names its read and delete calls"
        key = self.key(ctx, inputs, outputs, read)
        response, error = self.try_call(ctx, read, **key)
        if error is not None:
            if is_not_found(error):
                return
            raise translate(error, read)
        if "LockToken" not in response:
            raise ProviderError(f"{read} returned no lock token")
        self.call(ctx, delete, **key, LockToken=response["LockToken"])

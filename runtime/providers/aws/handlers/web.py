"""CloudFront and WAFv2: updates and deletes guarded by ETags and lock tokens."""
from __future__ import annotations

from ccdsl.runtime.providers.base import ProviderError

from ..engine import Context, Handler
from ..errors import is_not_found, translate


class OriginAccessControl(Handler):
    def update(self, ctx: Context, inputs, outputs, changed):
        etag = ctx.call("cloudfront", "get_origin_access_control", Id=outputs["id"])["ETag"]
        response = ctx.call("cloudfront", "update_origin_access_control", Id=outputs["id"], IfMatch=etag,
                            OriginAccessControlConfig=inputs["OriginAccessControlConfig"])
        return {**outputs, "etag": response.get("ETag")}

    def delete(self, ctx: Context, inputs, outputs):
        response, error = self.try_call(ctx, "get_origin_access_control", Id=outputs["id"])
        if error is not None:
            if is_not_found(error):
                return
            raise translate(error, "get_origin_access_control")
        ctx.call("cloudfront", "delete_origin_access_control", Id=outputs["id"], IfMatch=response["ETag"])


class Distribution(Handler):
    """Distributions deploy for minutes; deletes need a disabled, deployed distribution first."""

    def after_create(self, ctx: Context, inputs, outputs):
        ctx.say("waiting: distribution_deployed")
        ctx.wait("cloudfront", "distribution_deployed", Id=outputs["id"])

    def find(self, ctx: Context, inputs):
        """The distribution made with the same ``CallerReference`` (CloudFront's idempotency key)."""
        wanted = inputs["DistributionConfig"]["CallerReference"]
        for item in self.list_items(ctx, "list_distributions", "DistributionList.Items", {}):
            config = ctx.call("cloudfront", "get_distribution_config", Id=item["Id"])["DistributionConfig"]
            if config.get("CallerReference") == wanted:
                return {"id": item["Id"], "arn": item["ARN"], "domain_name": item["DomainName"]}
        return None

    def adopted(self, ctx: Context, inputs, outputs):
        return self.update(ctx, inputs, outputs, set(inputs))

    def update(self, ctx: Context, inputs, outputs, changed):
        current = ctx.call("cloudfront", "get_distribution_config", Id=outputs["id"])
        wanted = dict(inputs["DistributionConfig"])
        wanted["CallerReference"] = current["DistributionConfig"]["CallerReference"]
        response = ctx.call("cloudfront", "update_distribution", Id=outputs["id"], IfMatch=current["ETag"],
                            DistributionConfig=wanted)
        distribution = response["Distribution"]
        return {**outputs, "arn": distribution["ARN"], "domain_name": distribution["DomainName"],
                "etag": response.get("ETag")}

    def delete(self, ctx: Context, inputs, outputs):
        current, error = self.try_call(ctx, "get_distribution_config", Id=outputs["id"])
        if error is not None:
            if is_not_found(error):
                return
            raise translate(error, "get_distribution_config")
        etag = current["ETag"]
        if current["DistributionConfig"].get("Enabled"):
            ctx.say("disabling before delete")
            config = {**current["DistributionConfig"], "Enabled": False}
            etag = ctx.call("cloudfront", "update_distribution", Id=outputs["id"], IfMatch=etag,
                            DistributionConfig=config)["ETag"]
            ctx.wait("cloudfront", "distribution_deployed", Id=outputs["id"])
        ctx.call("cloudfront", "delete_distribution", Id=outputs["id"], IfMatch=etag)


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

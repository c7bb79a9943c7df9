"""Foundation types whose lifecycle is more than one call: S3 buckets, IAM roles, KMS, SNS, Logs,
CloudTrail and SSM parameters."""
from __future__ import annotations

from ccdsl.runtime.providers.base import ProviderError

from ..engine import Context, Handler
from ..errors import is_not_found

ADDRESS_TAG = "ccdsl:address"  # marks resources that have no name of their own
OBJECTS_PER_DELETE = 1000  # DeleteObjects takes at most 1,000 keys


class S3Bucket(Handler):
    def delete(self, ctx: Context, inputs, outputs) -> None:
        """Empty the bucket (every object version and delete marker), then delete it."""
        doomed: list[dict] = []
        try:
            for version in self.listed(ctx, "objects", inputs):
                doomed.append(self.found(ctx, "objects", version, inputs))
                if len(doomed) == OBJECTS_PER_DELETE:
                    self.step(ctx, "empty", inputs, Delete={"Objects": doomed, "Quiet": True})
                    doomed = []
            if doomed:
                self.step(ctx, "empty", inputs, Delete={"Objects": doomed, "Quiet": True})
        except ProviderError as error:
            if is_not_found(error):  # already gone
                return
            raise
        super().delete(ctx, inputs, outputs)


class IamRole(Handler):
    def update(self, ctx: Context, inputs, outputs, changed):
        if "AssumeRolePolicyDocument" in changed:
            self.step(ctx, "update_trust", inputs)
        if changed & {"Description", "MaxSessionDuration"}:
            extra = {k: inputs[k] for k in ("Description", "MaxSessionDuration") if k in inputs}
            self.step(ctx, "update_settings", inputs, **extra)
        return dict(outputs)

    def delete(self, ctx: Context, inputs, outputs) -> None:
        """Inline policies, attached policies and instance profiles go first (IAM refuses otherwise)."""
        try:
            for listing, removal in (("inline_policies", "delete_inline_policy"),
                                     ("attached_policies", "detach_policy"),
                                     ("instance_profiles", "leave_instance_profile")):
                for item in list(self.listed(ctx, listing, inputs)):
                    self.step(ctx, removal, inputs, **self.found(ctx, listing, item, inputs))
        except ProviderError as error:
            if is_not_found(error):  # already gone
                return
            raise
        super().delete(ctx, inputs, outputs)


class KmsKey(Handler):
    """Keys have no name, so each is tagged with its ccdsl address and a key carrying the tag is adopted
    instead of creating a second one (after a lost state or a run killed mid-create)."""

    def create_kwargs(self, ctx: Context, inputs):
        kwargs = super().create_kwargs(ctx, inputs)
        if ctx.address:
            tags = [t for t in kwargs.get("Tags") or [] if t.get("TagKey") != ADDRESS_TAG]
            kwargs["Tags"] = [*tags, {"TagKey": ADDRESS_TAG, "TagValue": ctx.address}]
        return kwargs

    def find(self, ctx: Context, inputs):
        if not ctx.address:
            return None
        for key in self.listed(ctx, "keys"):
            meta = self.step(ctx, "describe", KeyId=key["KeyId"])["KeyMetadata"]
            if meta.get("KeyManager") != "CUSTOMER" or meta.get("KeyState") not in ("Enabled", "Disabled"):
                continue
            if meta.get("Description", "") != inputs.get("Description", ""):
                continue
            tags = self.listed(ctx, "tags", KeyId=key["KeyId"])
            if any(t["TagKey"] == ADDRESS_TAG and t["TagValue"] == ctx.address for t in tags):
                return self.found(ctx, "describe", meta, inputs)
        return None

    def adopted(self, ctx: Context, inputs, outputs):
        return self.update(ctx, inputs, outputs, {"Description", "Policy"})

    def update(self, ctx: Context, inputs, outputs, changed):
        if "Description" in changed:
            self.step(ctx, "describe_as", inputs, outputs, Description=inputs.get("Description", ""))
        if "Policy" in changed and inputs.get("Policy"):
            self.step(ctx, "put_policy", inputs, outputs)
        if "Tags" in changed and inputs.get("Tags"):
            self.step(ctx, "tag", inputs, outputs)
        return dict(outputs)


class KmsAlias(Handler):
    def read(self, ctx: Context, inputs, outputs):
        for alias in self.listed(ctx, "aliases"):
            if alias["AliasName"] == inputs["AliasName"]:
                return {**outputs, **self.found(ctx, "aliases", alias, inputs)}
        return None


class SnsTopic(Handler):
    def update(self, ctx: Context, inputs, outputs, changed):
        if "Attributes" in changed:
            current = self.step(ctx, "attributes", inputs, outputs)["Attributes"]
            for name, value in (inputs.get("Attributes") or {}).items():
                if current.get(name) != value:
                    self.step(ctx, "set_attribute", inputs, outputs, AttributeName=name, AttributeValue=value)
        if "Tags" in changed and inputs.get("Tags"):
            self.step(ctx, "tag", inputs, outputs)
        return dict(outputs)


class LogGroup(Handler):
    def read(self, ctx: Context, inputs, outputs):
        name = inputs["logGroupName"]
        for group in self.listed(ctx, "groups", inputs):
            if group["logGroupName"] == name:
                return {**outputs, **self.found(ctx, "groups", group, inputs)}
        return None


class CloudTrail(Handler):
    """A trail is created stopped; Terraform's default (``enable_logging``) starts it."""

    def after_create(self, ctx: Context, inputs, outputs) -> None:
        self.step(ctx, "start", inputs)

    def adopted(self, ctx: Context, inputs, outputs):
        outputs = self.update(ctx, inputs, outputs, set(inputs))
        self.after_create(ctx, inputs, outputs)
        return outputs

"""Foundation types whose lifecycle is more than one call: S3 buckets, IAM roles, KMS, SNS, Logs,
CloudTrail and SSM parameters."""
from __future__ import annotations

from ..engine import Context, Handler
from ..errors import is_not_found, translate

ADDRESS_TAG = "ccdsl:address"  # marks resources that have no name of their own


class S3Bucket(Handler):
    def delete(self, ctx: Context, inputs, outputs) -> None:
        """Empty the bucket (every object version and delete marker), then delete it."""
        bucket = inputs["Bucket"]
        client = ctx.clients("s3")
        try:
            for page in client.get_paginator("list_object_versions").paginate(Bucket=bucket):
                doomed = [{"Key": v["Key"], "VersionId": v["VersionId"]}
                          for v in page.get("Versions", []) + page.get("DeleteMarkers", [])]
                for start in range(0, len(doomed), 1000):
                    client.delete_objects(Bucket=bucket, Delete={"Objects": doomed[start:start + 1000], "Quiet": True})
        except Exception as error:
            if is_not_found(error):
                return
            raise translate(error, "delete_objects") from None
        super().delete(ctx, inputs, outputs)


class IamRole(Handler):
    def update(self, ctx: Context, inputs, outputs, changed):
        name = inputs["RoleName"]
        if "AssumeRolePolicyDocument" in changed:
            ctx.call("iam", "update_assume_role_policy", RoleName=name,
                     PolicyDocument=inputs["AssumeRolePolicyDocument"])
        if changed & {"Description", "MaxSessionDuration"}:
            extra = {k: inputs[k] for k in ("Description", "MaxSessionDuration") if k in inputs}
            ctx.call("iam", "update_role", RoleName=name, **extra)
        return dict(outputs)

    def delete(self, ctx: Context, inputs, outputs) -> None:
        """Inline policies, attached policies and instance profiles go first (IAM refuses otherwise)."""
        name = inputs["RoleName"]
        iam = ctx.clients("iam")
        try:
            for page in iam.get_paginator("list_role_policies").paginate(RoleName=name):
                for policy in page["PolicyNames"]:
                    iam.delete_role_policy(RoleName=name, PolicyName=policy)
            for page in iam.get_paginator("list_attached_role_policies").paginate(RoleName=name):
                for policy in page["AttachedPolicies"]:
                    iam.detach_role_policy(RoleName=name, PolicyArn=policy["PolicyArn"])
            for page in iam.get_paginator("list_instance_profiles_for_role").paginate(RoleName=name):
                for profile in page["InstanceProfiles"]:
                    iam.remove_role_from_instance_profile(
                        RoleName=name, InstanceProfileName=profile["InstanceProfileName"])
        except Exception as error:
            if is_not_found(error):
                return
            raise translate(error, "delete_role") from None
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
        for key in self.list_items(ctx, "list_keys", "Keys", {}):
            meta = ctx.call("kms", "describe_key", KeyId=key["KeyId"])["KeyMetadata"]
            if meta.get("KeyManager") != "CUSTOMER" or meta.get("KeyState") not in ("Enabled", "Disabled"):
                continue
            if meta.get("Description", "") != inputs.get("Description", ""):
                continue
            tags = self.list_items(ctx, "list_resource_tags", "Tags", {"KeyId": key["KeyId"]})
            if any(t["TagKey"] == ADDRESS_TAG and t["TagValue"] == ctx.address for t in tags):
                return {"id": meta["KeyId"], "arn": meta["Arn"]}
        return None

    def adopted(self, ctx: Context, inputs, outputs):
        return self.update(ctx, inputs, outputs, {"Description", "Policy"})

    def update(self, ctx: Context, inputs, outputs, changed):
        key = outputs["id"]
        if "Description" in changed:
            ctx.call("kms", "update_key_description", KeyId=key, Description=inputs.get("Description", ""))
        if "Policy" in changed and inputs.get("Policy"):
            ctx.call("kms", "put_key_policy", KeyId=key, PolicyName="default", Policy=inputs["Policy"])
        if "Tags" in changed and inputs.get("Tags"):
            ctx.call("kms", "tag_resource", KeyId=key, Tags=inputs["Tags"])
        return dict(outputs)


class KmsAlias(Handler):
    def read(self, ctx: Context, inputs, outputs):
        for alias in self.list_items(ctx, "list_aliases", "Aliases", {}):
            if alias["AliasName"] == inputs["AliasName"]:
                return {**outputs, "arn": alias["AliasArn"], "target_key_id": alias.get("TargetKeyId")}
        return None


class SnsTopic(Handler):
    def update(self, ctx: Context, inputs, outputs, changed):
        if "Attributes" in changed:
            current = ctx.call("sns", "get_topic_attributes", TopicArn=outputs["arn"])["Attributes"]
            for name, value in (inputs.get("Attributes") or {}).items():
                if current.get(name) != value:
                    ctx.call("sns", "set_topic_attributes", TopicArn=outputs["arn"],
                             AttributeName=name, AttributeValue=value)
        if "Tags" in changed and inputs.get("Tags"):
            ctx.call("sns", "tag_resource", ResourceArn=outputs["arn"], Tags=inputs["Tags"])
        return dict(outputs)


class LogGroup(Handler):
    def read(self, ctx: Context, inputs, outputs):
        name = inputs["logGroupName"]
        for group in self.list_items(ctx, "describe_log_groups", "logGroups", {"logGroupNamePrefix": name}):
            if group["logGroupName"] == name:
                return {**outputs, "retention_in_days": group.get("retentionInDays")}
        return None


class CloudTrail(Handler):
    """A trail is created stopped; Terraform's default (``enable_logging``) starts it."""

    def after_create(self, ctx: Context, inputs, outputs) -> None:
        ctx.call("cloudtrail", "start_logging", Name=inputs["Name"])

    def adopted(self, ctx: Context, inputs, outputs):
        outputs = self.update(ctx, inputs, outputs, set(inputs))
        self.after_create(ctx, inputs, outputs)
        return outputs

"""Lambda functions and permissions, API Gateway v2 pieces that need more than the table."""
from __future__ import annotations

import base64
import hashlib
import json

from ccdsl.runtime.providers.base import Transient

from ..engine import Context, Handler
from ..errors import code_of, is_not_found, translate

_CODE_KEYS = ("ZipFile", "S3Bucket", "S3Key", "S3ObjectVersion", "ImageUri")


class LambdaFunction(Handler):
    """A role created seconds before is often not assumable by Lambda yet: :mod:`..errors` makes that
    error Transient, so the executor retries the create."""

    def adopted(self, ctx: Context, inputs, outputs):
        """Bring the existing function in line; its code is replaced only when it differs."""
        current = ctx.call("lambda", "get_function_configuration", FunctionName=inputs["FunctionName"])
        outputs = {**outputs, "arn": current["FunctionArn"], "version": current.get("Version"),
                   "invoke_arn": f"arn:{ctx.clients.partition}:apigateway:{ctx.clients.region}:lambda:path/"
                                 f"2015-03-31/functions/{current['FunctionArn']}/invocations"}
        changed = set(inputs)
        zip_file = self.create_kwargs(ctx, inputs).get("Code", {}).get("ZipFile")
        if isinstance(zip_file, bytes) and _sha256(zip_file) == current.get("CodeSha256"):
            changed.discard("Code")
        if not changed & {"Code"}:
            versions = self.list_items(ctx, "list_versions_by_function", "Versions",
                                       {"FunctionName": inputs["FunctionName"]})
            numbered = [v["Version"] for v in versions if v["Version"].isdigit()]
            if numbered:
                outputs["version"] = max(numbered, key=int)
        return self.update(ctx, inputs, outputs, changed)

    def update(self, ctx: Context, inputs, outputs, changed):
        name = inputs["FunctionName"]
        config_changes = changed - {"Code", "Publish", "Tags", "PackageType", "Architectures"}
        if config_changes:
            accepted = self.members(ctx, "update_function_configuration")
            kwargs = {k: v for k, v in inputs.items() if k in accepted}
            if len(kwargs) > 1:
                ctx.call("lambda", "update_function_configuration", **kwargs)
                ctx.wait("lambda", "function_updated_v2", FunctionName=name)
        if changed & {"Code", "Architectures"}:
            code = {k: v for k, v in self.create_kwargs(ctx, inputs).get("Code", {}).items() if k in _CODE_KEYS}
            response = ctx.call("lambda", "update_function_code", FunctionName=name,
                                Publish=bool(inputs.get("Publish")), **code)
            ctx.wait("lambda", "function_updated_v2", FunctionName=name)
            outputs = {**outputs, "version": response.get("Version", outputs.get("version"))}
        return dict(outputs)


class LambdaPermission(Handler):
    def read(self, ctx: Context, inputs, outputs):
        response, error = self.try_call(ctx, "get_policy", **self.key(ctx, inputs, outputs, "get_policy"))
        if error is not None:
            if is_not_found(error):
                return None
            raise translate(error, "get_policy")
        statements = json.loads(response.get("Policy") or "{}").get("Statement", [])
        found = any(s.get("Sid") == inputs["StatementId"] for s in statements)
        return dict(outputs) if found else None

    def create(self, ctx: Context, inputs):
        if self.read(ctx, inputs, {}) is not None:
            return {"id": inputs["StatementId"]}  # the statement is already there: adopt it
        response, error = self.try_call(ctx, "add_permission", **inputs)
        if error is not None:
            if code_of(error) == "ResourceConflictException":  # a concurrent policy change
                raise Transient(f"add_permission: {error}")
            raise translate(error, "add_permission")
        return self.outputs_from(ctx, inputs, response)


def _sha256(data: bytes) -> str:
    """Lambda's ``CodeSha256``: the base64 of the package's SHA-256."""
    return base64.b64encode(hashlib.sha256(data).digest()).decode()

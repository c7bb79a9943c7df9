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
        current = self.step(ctx, "configuration", inputs)
        outputs = {**outputs, **self.found(ctx, "configuration", current, inputs)}
        changed = set(inputs)
        zip_file = self.create_kwargs(ctx, inputs).get("Code", {}).get("ZipFile")
        if isinstance(zip_file, bytes) and _sha256(zip_file) == current.get("CodeSha256"):
            changed.discard("Code")
        if not changed & {"Code"}:
            versions = self.listed(ctx, "versions", inputs)
            numbered = [v["Version"] for v in versions if v["Version"].isdigit()]
            if numbered:
                outputs["version"] = max(numbered, key=int)
        return self.update(ctx, inputs, outputs, changed)

    def update(self, ctx: Context, inputs, outputs, changed):
        name = inputs["FunctionName"]
        config_changes = changed - {"Code", "Publish", "Tags", "PackageType", "Architectures"}
        if config_changes:
            accepted = self.members(ctx, self.op("update_configuration"))
            kwargs = {k: v for k, v in inputs.items() if k in accepted}
            if len(kwargs) > 1:
                self.step(ctx, "update_configuration", **kwargs)
                self.wait_step(ctx, "updated", FunctionName=name)
        if changed & {"Code", "Architectures"}:
            code = {k: v for k, v in self.create_kwargs(ctx, inputs).get("Code", {}).items() if k in _CODE_KEYS}
            response = self.step(ctx, "update_code", FunctionName=name, Publish=bool(inputs.get("Publish")), **code)
            self.wait_step(ctx, "updated", FunctionName=name)
            outputs = {**outputs, "version": response.get("Version", outputs.get("version"))}
        return dict(outputs)


class LambdaPermission(Handler):
    def read(self, ctx: Context, inputs, outputs):
        read = self.spec.read
        assert read is not None, "a Lambda permission's entry names its read call (the function's policy)"
        response, error = self.try_call(ctx, read, **self.key(ctx, inputs, outputs, read))
        if error is not None:
            if is_not_found(error):
                return None
            raise translate(error, read)
        statements = json.loads(response.get("Policy") or "{}").get("Statement", [])
        found = any(s.get("Sid") == inputs["StatementId"] for s in statements)
        return dict(outputs) if found else None

    def create(self, ctx: Context, inputs):
        if self.read(ctx, inputs, {}) is not None:
            return self.outputs_from(ctx, inputs, {})  # the statement is already there: adopt it
        response, error = self.try_call(ctx, self.spec.create, **inputs)
        if error is not None:
            if code_of(error) == "ResourceConflictException":  # a concurrent policy change
                raise Transient(f"{self.spec.create}: {error}")
            raise translate(error, self.spec.create)
        return self.outputs_from(ctx, inputs, response)


def _sha256(data: bytes) -> str:
    """Lambda's ``CodeSha256``: the base64 of the package's SHA-256."""
    return base64.b64encode(hashlib.sha256(data).digest()).decode()
